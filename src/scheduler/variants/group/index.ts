/** Groups: members placed together and started in order. */
import type { SchedulingMethods, StatusMethods } from '../../model/variant.js';
import { countInstances } from '../common.js';
import { groupActive, groupState, unpackGroup } from './status.js';
import { groupCmds } from './scheduling.js';

const fns: StatusMethods = {
  unpack: unpackGroup,
  active: groupActive,
  state: groupState,
  count: countInstances,
};

export const groupMethods: { fns: StatusMethods; cmds: SchedulingMethods } = { fns, cmds: groupCmds };
