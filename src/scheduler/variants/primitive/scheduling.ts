/** Scheduling methods (being written). */
import type { SchedulingMethods } from '../../model/variant.js';
import { UnsupportedFeature } from '../../unpack/unsupported.js';

const todo = (): never => {
  throw new UnsupportedFeature('scheduling');
};

export const primitiveCmds: SchedulingMethods = {
  assign: todo,
  createActions: todo,
  createProbe: todo,
  internalConstraints: todo,
  applyColocationScore: todo,
  colocatedResources: todo,
  applyLocation: todo,
  actionFlags: todo,
  updateOrderedActions: todo,
  outputActions: todo,
  addActionsToGraph: todo,
  addGraphMeta: todo,
  addUtilization: todo,
  shutdownLock: todo,
};
