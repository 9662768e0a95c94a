/**
 * Recording where a resource goes (or that it goes nowhere), undoing that,
 * and the failure threshold that bans a resource from a node.
 */
import { ActionFlag, RscFlag } from '../model/flags.js';
import type { Node, NodeScore } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { Role } from '../model/role.js';
import { Failcount, getFailcount } from '../unpack/failcounts.js';
import { nodeAvailable } from './nodes.js';
import { consumeNodeCapacity, releaseNodeCapacity, showResourceUtilization } from './utilization.js';

/** pcmk__unassign_resource */
export function unassignResource(rsc: Resource): void {
  const old = rsc.allocatedTo;
  if (old === null) return;
  rsc.set(RscFlag.Provisional);
  rsc.allocatedTo = null;
  const d = old.node;
  const i = d.allocatedRsc.indexOf(rsc);
  if (i >= 0) d.allocatedRsc.splice(i, 1);
  d.numResources--;
  releaseNodeCapacity(d.utilization, rsc);
}

/**
 * pcmk__finalize_assignment: assigns a primitive to the chosen node (or to
 * none); unless forced, a node that cannot run it means none. With none,
 * the resource's start becomes unrunnable and its stop required.
 */
export function finalizeAssignment(rsc: Resource, chosenIn: NodeScore | null, force: boolean): boolean {
  let chosen = chosenIn;
  if (!force && chosen !== null) {
    if (chosen.weight < 0 || (!nodeAvailable(chosen, true, false) && !chosen.node.isGuest)) {
      rsc.setNextRole(Role.Stopped);
      chosen = null;
    }
  }
  unassignResource(rsc);
  rsc.clear(RscFlag.Provisional);
  if (chosen === null) {
    rsc.setNextRole(Role.Stopped);
    for (const op of rsc.actions) {
      if (op.task.toLowerCase() === 'stop') op.clear(ActionFlag.Optional);
      else if (op.task.toLowerCase() === 'start') op.clear(ActionFlag.Runnable);
      else {
        const interval = op.meta.get('interval');
        const target = op.meta.get('op_target_rc');
        if (interval !== undefined && interval !== '0' && target !== '7') op.clear(ActionFlag.Runnable);
      }
    }
    return false;
  }
  rsc.allocatedTo = chosen.copy();
  const d = chosen.node;
  d.allocatedRsc.unshift(rsc);
  d.numResources++;
  chosen.count++;
  consumeNodeCapacity(d.utilization, rsc);
  if (rsc.cluster.showUtilization) showResourceUtilization(rsc, d, 'pcmk__finalize_assignment');
  return true;
}

/** pcmk__assign_resource: assigns a resource (each member of a collective) to a node. */
export function assignResource(rsc: Resource, node: NodeScore | null, force: boolean): boolean {
  let changed = false;
  if (rsc.children.length === 0) {
    if (rsc.allocatedTo !== null) changed = true;
    finalizeAssignment(rsc, node, force);
  } else {
    for (const child of rsc.children) changed = assignResource(child, node, force) || changed;
  }
  return changed;
}

/**
 * pcmk__threshold_reached: whether failures on the node reached the
 * resource's migration-threshold; returns the resource to ban (an anonymous
 * clone's instance bans the whole clone), or null.
 */
export function thresholdReached(rsc: Resource, node: Node): Resource | null {
  if (rsc.migrationThreshold === 0) return null;
  if (rsc.is(RscFlag.FailureIgnored)) return null;
  const failcount = getFailcount(node, rsc, Failcount.Effective | Failcount.Fillers, null);
  if (failcount <= 0) return null;
  const toBan = rsc.is(RscFlag.Unique) ? rsc : rsc.top;
  const remaining = rsc.migrationThreshold - failcount;
  return remaining <= 0 ? toBan : null;
}
