/** A primitive's scheduling methods. */
import { createProbe } from '../../actions/probes.js';
import { applyLocation } from '../../constraints/location.js';
import { addResourceActionsToGraph } from '../../graph/build.js';
import type { Action } from '../../model/action.js';
import type { Colocation } from '../../model/constraints.js';
import { RscFlag } from '../../model/flags.js';
import type { Resource } from '../../model/resource.js';
import type { SchedulingMethods } from '../../model/variant.js';
import { updateOrderedActions } from '../../ordering/update.js';
import { Affects, applyColocationToPriority, applyColocationToScores, colocationAffects } from '../../placement/colocation-scores.js';
import { colocatedResources } from '../../placement/colocated-resources.js';
import { releaseNodeCapacity } from '../../placement/utilization.js';
import { outputResourceActions } from '../../summary/resource-actions.js';
import { primitiveCreateActions } from './actions.js';
import { primitiveAssign } from './assign.js';
import { primitiveInternalConstraints } from './constraints.js';
import { primitiveShutdownLock } from './shutdown-lock.js';

function applyColocationScore(dependent: Resource, primary: Resource, c: Colocation, forDependent: boolean): void {
  if (forDependent) {
    primary.cmds.applyColocationScore(dependent, primary, c, false);
    return;
  }
  switch (colocationAffects(dependent, primary, c, false)) {
    case Affects.Role:
      applyColocationToPriority(dependent, primary, c);
      break;
    case Affects.Location:
      applyColocationToScores(dependent, primary, c);
      break;
    default:
      break;
  }
}

function addGraphMeta(rsc: Resource, meta: Map<string, string>): void {
  const incarnation = rsc.meta.get('clone');
  if (incarnation !== undefined) meta.set('CRM_meta_clone', incarnation);
  const remote = rsc.meta.get('remote-node');
  if (remote !== undefined) meta.set('CRM_meta_remote_node', remote);
  for (let p: Resource | null = rsc; p; p = p.parent) {
    if (p.container !== null) meta.set('CRM_meta_container', p.container.id);
  }
  const ip = rsc.meta.get('external-ip');
  if (ip !== undefined) meta.set('pcmk_external_ip', ip);
}

export const primitiveCmds: SchedulingMethods = {
  assign: primitiveAssign,
  createActions: primitiveCreateActions,
  createProbe,
  internalConstraints: primitiveInternalConstraints,
  applyColocationScore,
  colocatedResources,
  applyLocation,
  actionFlags: (action: Action) => action.flags,
  updateOrderedActions,
  outputActions: outputResourceActions,
  addActionsToGraph: addResourceActionsToGraph,
  addGraphMeta,
  addUtilization(rsc, _orig, _all, utilization) {
    if (!rsc.is(RscFlag.Provisional)) return;
    releaseNodeCapacity(utilization, rsc);
  },
  shutdownLock: primitiveShutdownLock,
};
