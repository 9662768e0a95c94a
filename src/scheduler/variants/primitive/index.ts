/** Primitives: one agent instance, the unit everything else is built from. */
import type { SchedulingMethods, StatusMethods } from '../../model/variant.js';
import { countInstances } from '../common.js';
import { primitiveActive, primitiveState, unpackPrimitive } from './status.js';
import { primitiveCmds } from './scheduling.js';

const fns: StatusMethods = {
  unpack: unpackPrimitive,
  active: primitiveActive,
  state: primitiveState,
  count: countInstances,
};

export const primitiveMethods: { fns: StatusMethods; cmds: SchedulingMethods } = { fns, cmds: primitiveCmds };
