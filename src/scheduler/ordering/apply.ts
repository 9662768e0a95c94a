/**
 * Turning orderings into links between actions (pcmk__apply_orderings), in
 * the order they were created, then letting flags flow along the links.
 */
import { customAction, findActions, rscActionsByKey } from '../actions/create.js';
import { opKey, parseOpKey } from '../actions/operation.js';
import type { Action, ActionLink } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import type { Ordering } from '../model/constraints.js';
import { ActionFlag, Order } from '../model/flags.js';
import type { Resource } from '../model/resource.js';
import { Role } from '../model/role.js';
import { blockColocationDependents } from './colocation-blocking.js';
import { addOrdering } from './links.js';
import { orderProbes } from './probes.js';
import { updateActionForOrderings } from './update.js';
import { graphHasLoop } from '../graph/build.js';

function findActionsByTask(rsc: Resource, key: string): Action[] {
  const list = findActions(rscActionsByKey(rsc, key), null);
  if (list.length > 0) return list;
  const parsed = parseOpKey(key);
  if (!parsed) return [];
  const k = opKey(rsc.id, parsed.task, parsed.interval);
  return findActions(rscActionsByKey(rsc, k), null);
}

function orderResourceActionsAfter(first: Action | null, rsc: Resource, order: Ordering): void {
  let flags = order.flags;
  const thens = order.thenAction ? [order.thenAction] : findActionsByTask(rsc, order.thenTask ?? '');
  if (thens.length === 0) return;
  if (first !== null && first.rsc === rsc && first.is(ActionFlag.Dangle)) flags &= ~Order.ImpliesThen;
  if (first === null && !(flags & Order.ImpliesThen)) return;
  for (const then of thens) {
    if (first !== null) addOrdering(first, then, flags);
    else then.clear(ActionFlag.Runnable);
  }
}

function rscOrderFirst(firstRsc: Resource, order: Ordering): void {
  let firsts: Action[];
  const thenRsc = order.thenRsc;
  if (order.firstAction) firsts = [order.firstAction];
  else firsts = findActionsByTask(firstRsc, order.firstTask ?? '');
  if (firsts.length === 0 && firstRsc === thenRsc) {
    // ignored: the first action does not exist
  } else if (firsts.length === 0) {
    const parsed = parseOpKey(order.firstTask ?? '');
    const opType = parsed?.task ?? '';
    const key = opKey(firstRsc.id, opType, parsed?.interval ?? 0);
    const state = firstRsc.fns.state(firstRsc, true);
    if (state === Role.Stopped && opType.toLowerCase() === 'stop') {
      // nothing to stop
    } else if (state === Role.Unpromoted && opType.toLowerCase() === 'demote') {
      // nothing to demote
    } else {
      firsts = [customAction(firstRsc, key, opType, null, true, true, firstRsc.cluster)];
    }
  }
  let then = thenRsc;
  if (then === null) {
    if (order.thenAction === null) return;
    then = order.thenAction.rsc;
  }
  for (const first of firsts) {
    if (then === null) addOrdering(first, order.thenAction, order.flags);
    else orderResourceActionsAfter(first, then, order);
  }
}

function orderingIsInvalid(action: Action, input: ActionLink): boolean {
  if (!(input.type & Order.Preserve) && input.action.rsc !== null && rscCorrespondsToGuest(action.rsc, input.action.node)) {
    return true;
  }
  if (input.type === Order.Load && action.rsc !== null && action.task === 'migrate_to' && graphHasLoop(action, action, input)) {
    return true;
  }
  return false;
}

/** pcmk__rsc_corresponds_to_guest: the resource is the container of the guest node. */
function rscCorrespondsToGuest(rsc: Resource | null, node: import('../model/node.js').Node | null): boolean {
  return rsc !== null && rsc.fillers.length > 0 && node !== null && node.remoteRsc !== null && node.remoteRsc.container === rsc;
}

function disableInvalidOrderings(cluster: Cluster): void {
  for (let i = cluster.actions.length - 1; i >= 0; i--) {
    const action = cluster.actions[i]!;
    for (let j = action.before.length - 1; j >= 0; j--) {
      const input = action.before[j]!;
      if (orderingIsInvalid(action, input)) input.type = Order.None;
    }
  }
}

export function applyOrderings(cluster: Cluster): void {
  for (let i = 0; i < cluster.orderings.length; i++) {
    const order = cluster.orderings[i]!;
    if (order.firstRsc !== null) {
      rscOrderFirst(order.firstRsc, order);
      continue;
    }
    if (order.thenRsc !== null) orderResourceActionsAfter(order.firstAction, order.thenRsc, order);
    else addOrdering(order.firstAction, order.thenAction, order.flags);
  }
  for (let i = cluster.actions.length - 1; i >= 0; i--) blockColocationDependents(cluster.actions[i]!);
  orderProbes(cluster);
  for (let i = cluster.actions.length - 1; i >= 0; i--) updateActionForOrderings(cluster.actions[i]!);
  disableInvalidOrderings(cluster);
}

/** pcmk__order_after_each */
export function orderAfterEach(after: Action, list: Action[]): void {
  for (const before of list) addOrdering(before, after, Order.Optional);
}
