/** Clones: several instances of one primitive or group, anonymous or unique, optionally promotable. */
import type { SchedulingMethods, StatusMethods } from '../../model/variant.js';
import { countInstances } from '../common.js';
import { cloneCmds } from './scheduling.js';
import { cloneActive, cloneState, unpackClone } from './status.js';

const fns: StatusMethods = {
  unpack: unpackClone,
  active: cloneActive,
  state: cloneState,
  count: countInstances,
};

export const cloneMethods: { fns: StatusMethods; cmds: SchedulingMethods } = { fns, cmds: cloneCmds };
