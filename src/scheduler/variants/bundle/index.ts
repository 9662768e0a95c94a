/** Bundles: containers with, optionally, an address and a guest node running a bundled primitive. */
import type { SchedulingMethods, StatusMethods } from '../../model/variant.js';
import { bundleCmds } from './scheduling.js';
import { bundleActive, bundleState, countBundle, unpackBundle } from './status.js';

const fns: StatusMethods = {
  unpack: unpackBundle,
  active: bundleActive,
  state: bundleState,
  count: countBundle,
};

export const bundleMethods: { fns: StatusMethods; cmds: SchedulingMethods } = { fns, cmds: bundleCmds };
