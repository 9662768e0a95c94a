/**
 * Orderings involving probes (pcmk__order_probes): a probe comes before
 * anything ordered after a stop of its resource, and before restarts of
 * what depends on it.
 */
import { findActions, resourceActions, rscActionsByKey } from '../actions/create.js';
import type { Action } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { ActionFlag, Order } from '../model/flags.js';
import type { Resource } from '../model/resource.js';
import { isTrue } from '../util/text.js';
import { addOrdering } from './links.js';

/** Set by clone support: the instance of an interleaved clone matching another resource. */
export const probeOrderingHooks: {
  findCompatibleChild: (local: Resource, rsc: Resource) => Resource | null;
} = { findCompatibleChild: () => null };

function probeNeededBefore(probe: Action, then: Action): boolean {
  if (then.task.toLowerCase() === 'stonith' && probe.node !== null && then.node !== null && probe.node === then.node) {
    const op = then.meta.get('stonith_action');
    if (op !== undefined && op.toLowerCase() === 'on') return false;
  }
  if (then.task === 'do_shutdown' && probe.node !== null && then.node !== null && probe.node !== then.node) return false;
  return true;
}

function addProbeOrderingsForStops(cluster: Cluster): void {
  for (const order of cluster.orderings) {
    let flags: number = Order.Optional;
    if (order.flags === Order.None) continue;
    if (order.firstRsc === null || order.firstRsc === order.thenRsc) continue;
    if ((order.firstAction === null && order.firstTask === null) || (order.thenAction === null && order.thenTask === null)) continue;
    if (order.firstAction !== null && order.firstAction.task !== 'stop') continue;
    if (order.firstAction === null && !order.firstTask!.endsWith('_stop_0')) continue;
    if (order.thenRsc !== null && order.firstRsc.container === order.thenRsc) {
      if (order.thenAction !== null && order.thenAction.task === 'stop') continue;
      if (order.thenAction === null && order.thenTask!.endsWith('_stop_0')) continue;
    }
    if (order.flags & Order.ApplyFirstNonMigratable) flags |= Order.ApplyFirstNonMigratable;
    if (order.flags & Order.SameNode) flags |= Order.SameNode;
    if (order.flags === Order.AntiColocation || order.flags === Order.Load) flags = order.flags;
    const probes = resourceActions(order.firstRsc, null, 'monitor', false);
    if (probes.length === 0) continue;
    let thens: Action[] = [];
    if (order.thenAction !== null) thens = [order.thenAction];
    else if (order.thenRsc !== null) {
      thens = findActions(rscActionsByKey(order.thenRsc, order.thenTask!), null);
      if (thens.length === 0) continue;
    }
    for (const probe of probes) {
      for (const then of thens) if (probeNeededBefore(probe, then)) addOrdering(probe, then, flags);
    }
  }
}

function addRestartOrderingsForProbe(probe: Action, after: Action | null, tracked: Action[]): void {
  if (after === null || probe.rsc === null || probe.rsc.variant !== 'primitive' || probe.task !== 'monitor') return;
  if (after.is(ActionFlag.Tracking)) return;
  after.set(ActionFlag.Tracking);
  tracked.push(after);
  if (after.rsc !== null && after.rsc.variant === 'primitive' && probe.rsc !== after.rsc) {
    let thens: Action[] = [];
    if (after.task === 'start') thens = resourceActions(after.rsc, null, 'stop', false);
    else if (after.task === 'promote') thens = resourceActions(after.rsc, null, 'demote', false);
    for (const then of thens) if (!then.pseudo) addOrdering(probe, then, Order.Optional);
  }
  let interleave = false;
  let compatible: Resource | null = null;
  if (after.rsc !== null && (after.rsc.variant === 'clone' || after.rsc.variant === 'bundle')) {
    interleave = isTrue(after.rsc.meta.get('interleave'));
    if (interleave) compatible = probeOrderingHooks.findCompatibleChild(probe.rsc, after.rsc);
  }
  for (let i = after.after.length - 1; i >= 0; i--) {
    const w = after.after[i]!;
    if (!(w.type & Order.ImpliesThen)) {
      if (
        after.rsc === null ||
        after.rsc.variant === 'primitive' ||
        probe.rsc.parent === after.rsc ||
        w.action.rsc === null ||
        w.action.rsc.variant === 'clone' ||
        w.action.rsc.variant === 'bundle' ||
        after.rsc !== w.action.rsc.parent
      ) {
        continue;
      }
      if ((after.rsc.variant === 'clone' || after.rsc.variant === 'bundle') && interleave && (compatible === null || compatible !== w.action.rsc)) {
        continue;
      }
    }
    addRestartOrderingsForProbe(probe, w.action, tracked);
  }
}

function addRestartOrderingsForResource(rsc: Resource): void {
  if (rsc.variant !== 'primitive') {
    for (const child of rsc.children) addRestartOrderingsForResource(child);
    return;
  }
  for (const probe of resourceActions(rsc, null, 'monitor', false)) {
    for (let i = probe.after.length - 1; i >= 0; i--) {
      const then = probe.after[i]!;
      const tracked: Action[] = [];
      addRestartOrderingsForProbe(probe, then.action, tracked);
      for (const a of tracked) a.clear(ActionFlag.Tracking);
    }
  }
}

export function orderProbes(cluster: Cluster): void {
  for (const rsc of cluster.resources) addRestartOrderingsForResource(rsc);
  addProbeOrderingsForStops(cluster);
}
