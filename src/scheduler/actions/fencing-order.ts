/**
 * Orderings around fencing: stops and demotes on a fenced node become
 * pseudo-actions implied by the fencing; starts that need fencing wait for
 * it; unfencing comes before starts of resources that require it; guest
 * nodes are "fenced" by recovering their container.
 */
import type { Action } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { ActionFlag, Order, RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import { type Resource, isAnonClone, isBundled } from '../model/resource.js';
import { Needs } from '../model/action.js';
import { addOrdering } from '../ordering/links.js';
import { newOrdering } from '../ordering/new-ordering.js';
import { findFirstAction, resourceActions } from './create.js';
import { fenceOp } from './fencing.js';
import { opKey } from './operation.js';

function knownOn(rsc: Resource, node: Node): boolean {
  if (rsc.knownOn.has(node.id)) return true;
  return rsc.variant === 'primitive' && isAnonClone(rsc.parent) && rsc.parent!.knownOn.has(node.id);
}

function orderStartVsFencing(rsc: Resource, fence: Action): void {
  const target = fence.node!;
  for (let i = rsc.actions.length - 1; i >= 0; i--) {
    const action = rsc.actions[i]!;
    switch (action.needs) {
      case Needs.Fencing:
        addOrdering(fence, action, Order.Optional);
        break;
      case Needs.Quorum:
        if (action.task === 'start' && rsc.allowedNodes.has(target.id) && !knownOn(rsc, target)) {
          addOrdering(fence, action, Order.Optional | Order.RunnableLeft);
        }
        break;
      default:
        break;
    }
  }
}

/** Hook for clone notifications around implied stops (Scheduler II). */
export const fencingHooks: { orderNotifsAfterFencing: ((stop: Action, rsc: Resource, fence: Action) => void) | null } = {
  orderNotifsAfterFencing: null,
};

function orderStopVsFencing(rsc: Resource, fence: Action): void {
  const target = fence.node!;
  const top = rsc.top;
  const stops = resourceActions(rsc, target, 'stop', false);
  const implicit = rsc.is(RscFlag.NeedsFencing) || target.isGuest;
  let parentStop: Action | null = null;
  if (stops.length > 0 && implicit) parentStop = findFirstAction(top, 'stop');
  for (const action of stops) {
    action.set(ActionFlag.Pseudo | ActionFlag.Runnable);
    if (implicit) {
      action.set(ActionFlag.ImpliedByStonith);
      if (!isBundled(rsc)) addOrdering(fence, action, Order.Preserve);
      addOrdering(fence, parentStop, Order.Preserve);
    }
    if (rsc.is(RscFlag.Notify) && fencingHooks.orderNotifsAfterFencing) {
      fencingHooks.orderNotifsAfterFencing(action, rsc, fence);
    }
  }
  for (const action of resourceActions(rsc, target, 'demote', false)) {
    if (!action.node!.online || action.node!.unclean || rsc.is(RscFlag.Failed)) {
      action.set(ActionFlag.Pseudo | ActionFlag.Runnable);
      if (isBundled(rsc)) {
        // ordered through the parent's implied stop
      } else if (implicit) {
        addOrdering(fence, action, Order.Preserve | Order.Optional);
      }
    }
  }
}

function rscFencingOrdering(rsc: Resource, fence: Action): void {
  if (rsc.children.length > 0) {
    for (const child of rsc.children) rscFencingOrdering(child, fence);
  } else if (rsc.is(RscFlag.Managed)) {
    orderStartVsFencing(rsc, fence);
    orderStopVsFencing(rsc, fence);
  }
}

/** pcmk__order_vs_fence */
export function orderVsFence(fence: Action, cluster: Cluster): void {
  for (const rsc of cluster.resources) rscFencingOrdering(rsc, fence);
}

/** Whether a node was ever unfenced (its #node-unfenced attribute is not "0" or missing). */
export function nodeUnfenced(node: Node): boolean {
  const v = node.attrs.get('#node-unfenced');
  return v !== undefined && v !== '0';
}

/** trigger_unfencing */
export function triggerUnfencing(
  cluster: Cluster,
  rsc: Resource | null,
  node: Node | null,
  reason: string,
  dependency: Action | null,
): void {
  if (!cluster.enableUnfencing) return;
  if (rsc !== null && !rsc.is(RscFlag.FenceDevice)) return;
  if (node !== null && node.online && !node.unclean && !node.shutdown) {
    const unfence = fenceOp(cluster, node, 'on', false, reason, false);
    if (dependency) addOrdering(unfence, dependency, Order.Optional);
  } else if (rsc !== null) {
    for (const n of rsc.allowedNodes.values()) {
      if (n.node.online && !n.node.unclean && !n.node.shutdown) triggerUnfencing(cluster, rsc, n.node, reason, dependency);
    }
  }
}

/** pcmk__order_vs_unfence: unfence before probes and starts of resources that need it. */
export function orderVsUnfence(rsc: Resource, node: Node, action: Action, order: number): void {
  const cluster = rsc.cluster;
  if ((rsc.is(RscFlag.FenceDevice) && cluster.enableUnfencing) || rsc.is(RscFlag.NeedsUnfencing)) {
    const unfence = fenceOp(cluster, node, 'on', true, null, false);
    addOrdering(unfence, action, order);
    if (!nodeUnfenced(node)) triggerUnfencing(cluster, null, node, `required by ${rsc.id} ${action.task}`, null);
  }
}

/** pcmk__order_restart_vs_unfence */
export function orderRestartVsUnfence(node: Node, rsc: Resource): void {
  const cluster = rsc.cluster;
  const unfence = fenceOp(cluster, node, 'on', true, null, false);
  newOrdering(cluster, rsc, opKey(rsc.id, 'stop', 0), null, null, unfence.uuid, unfence, Order.Optional | Order.SameNode);
  newOrdering(cluster, null, unfence.uuid, unfence, rsc, opKey(rsc.id, 'start', 0), null, Order.ImpliesThenOnNode | Order.SameNode);
}

/** pcmk__fence_guest: a pseudo-fencing of a guest node, implied by its container's recovery. */
export function fenceGuest(cluster: Cluster, node: Node): void {
  const container = node.remoteRsc!.container;
  let stop: Action | null = null;
  let action = 'off';
  if (container) {
    stop = findFirstAction(container, 'stop');
    if (findFirstAction(container, 'start')) action = 'reboot';
  }
  const fence = fenceOp(cluster, node, action, false, 'guest is unclean', false);
  fence.set(ActionFlag.Pseudo | ActionFlag.Runnable);
  if (stop !== null && stop.pseudo) {
    const parent = fenceOp(cluster, stop.node!, null, false, null, false);
    addOrdering(parent, fence, Order.RunnableLeft | Order.ImpliesThen);
  } else if (stop !== null) {
    addOrdering(stop, fence, Order.RunnableLeft | Order.ImpliesThen);
  } else {
    const connStop = findFirstAction(node.remoteRsc!, 'stop');
    if (connStop) addOrdering(connStop, fence, Order.Optional);
  }
  orderVsFence(fence, cluster);
}
