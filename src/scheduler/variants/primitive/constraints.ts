/**
 * A primitive's implicit constraints: stop before start, demote before stop,
 * start before promote, unfencing, utilization, and placement with (or on)
 * its container.
 */
import { orderRestartVsUnfence } from '../../actions/fencing-order.js';
import { opKey } from '../../actions/operation.js';
import { newColocation } from '../../constraints/colocation.js';
import { Order, RscFlag } from '../../model/flags.js';
import type { NodeScore } from '../../model/node.js';
import type { Resource } from '../../model/resource.js';
import { Role } from '../../model/role.js';
import { newOrdering, orderResourceActions } from '../../ordering/new-ordering.js';
import { createUtilizationConstraints } from '../../placement/utilization.js';
import { INFINITY } from '../../util/score.js';
import { compareNumericIgnoreCase } from '../../util/text.js';

/** pe__resource_contains_guest_node: the guest connection among a container's fillers. */
export function containedGuestConnection(rsc: Resource): Resource | null {
  if (!rsc.cluster.haveRemoteNodes) return null;
  for (const filler of rsc.fillers) if (filler.isRemoteNode) return filler;
  return null;
}

function avoidRemoteNodes(rsc: Resource): void {
  for (const n of rsc.allowedNodes.values()) if (n.node.remoteRsc !== null) n.weight = -INFINITY;
}

/** Allowed nodes in name order (as Pacemaker sorts them outside the daemon). */
function allowedNodesList(rsc: Resource): NodeScore[] {
  return [...rsc.allowedNodes.values()].sort((a, b) => compareNumericIgnoreCase(a.node.uname, b.node.uname));
}

function order(rsc: Resource, first: string, then: string, flags: number): void {
  newOrdering(rsc.cluster, rsc, opKey(rsc.id, first, 0), null, rsc, opKey(rsc.id, then, 0), null, flags);
}

/** pcmk__primitive_internal_constraints */
export function primitiveInternalConstraints(rsc: Resource): void {
  if (!rsc.is(RscFlag.Managed)) return;
  const cluster = rsc.cluster;
  const top = rsc.top;
  const checkUnfencing = !rsc.is(RscFlag.FenceDevice) && cluster.enableUnfencing && rsc.is(RscFlag.NeedsUnfencing);
  const checkUtilization = rsc.utilization.size > 0 && cluster.placementStrategy.toLowerCase() !== 'default';

  order(rsc, 'stop', 'start', Order.Optional | Order.ImpliesThen | Order.Restart);
  if (top.is(RscFlag.Promotable) || rsc.role > Role.Unpromoted) {
    order(rsc, 'demote', 'stop', Order.PromotedImpliesFirst);
    order(rsc, 'start', 'promote', Order.RunnableLeft);
  }
  order(rsc, 'lrm_delete', 'monitor', Order.SameNode | Order.ThenCancelsFirst);

  let allowed: NodeScore[] = [];
  if (checkUnfencing || checkUtilization || rsc.container !== null) allowed = allowedNodesList(rsc);
  if (checkUnfencing) for (const n of allowed) orderRestartVsUnfence(n.node, rsc);
  if (checkUtilization) createUtilizationConstraints(rsc, allowed);

  if (rsc.container !== null) {
    let remote: Resource | null = null;
    if (rsc.isRemoteNode) {
      if (!rsc.is(RscFlag.AllowRemoteRemotes)) avoidRemoteNodes(rsc.container);
      orderResourceActions(rsc.container, 'monitor', rsc, 'stop', Order.Optional);
    } else if (rsc.container.isRemoteNode) {
      remote = rsc.container;
    } else {
      remote = containedGuestConnection(rsc.container);
    }
    if (remote !== null) {
      for (const n of allowed) if (n.node.remoteRsc !== remote) n.weight = -INFINITY;
    } else {
      const c = rsc.container;
      newOrdering(cluster, c, opKey(c.id, 'start', 0), null, rsc, opKey(rsc.id, 'start', 0), null, Order.ImpliesThen | Order.RunnableLeft);
      newOrdering(cluster, rsc, opKey(rsc.id, 'stop', 0), null, c, opKey(c.id, 'stop', 0), null, Order.ImpliesFirst);
      const score = rsc.is(RscFlag.AllowRemoteRemotes) ? 10000 : INFINITY;
      newColocation(cluster, 'resource-with-container', undefined, score, rsc, c, undefined, undefined, true);
    }
  }
  if (rsc.isRemoteNode || rsc.is(RscFlag.FenceDevice)) avoidRemoteNodes(rsc);
}
