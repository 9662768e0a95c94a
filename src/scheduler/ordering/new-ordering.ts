/**
 * Orderings between actions that may not exist yet: a resource and a task
 * key (or a known action) on each side, resolved into links once actions
 * are created (pcmk__new_ordering).
 */
import { opKey, parseOpKey } from '../actions/operation.js';
import type { Action } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import type { Ordering } from '../model/constraints.js';
import { Order, RscFlag } from '../model/flags.js';
import type { Resource } from '../model/resource.js';

export function newOrdering(
  cluster: Cluster,
  firstRsc: Resource | null,
  firstTask: string | null,
  firstAction: Action | null,
  thenRsc: Resource | null,
  thenTask: string | null,
  thenAction: Action | null,
  flags: number,
): void {
  if ((!firstAction && !firstRsc) || (!thenAction && !thenRsc)) return;
  const order: Ordering = {
    id: 0,
    flags,
    firstRsc: firstRsc ?? firstAction?.rsc ?? null,
    firstAction,
    firstTask: firstTask ?? firstAction?.uuid ?? null,
    thenRsc: thenRsc ?? thenAction?.rsc ?? null,
    thenAction,
    thenTask: thenTask ?? thenAction?.uuid ?? null,
  };
  order.id = cluster.orderId++;
  cluster.orderings.push(order);
  orderMigrationEquivalents(order);
}

/** pcmk__order_resource_actions */
export function orderResourceActions(first: Resource, firstTask: string, then: Resource, thenTask: string, flags: number): void {
  newOrdering(first.cluster, first, opKey(first.id, firstTask, 0), null, then, opKey(then.id, thenTask, 0), null, flags);
}

export function orderStarts(a: Resource, b: Resource, flags: number): void {
  orderResourceActions(a, 'start', b, 'start', flags);
}

export function orderStops(a: Resource, b: Resource, flags: number): void {
  orderResourceActions(a, 'stop', b, 'stop', flags);
}

function isAncestor(child: Resource, rsc: Resource): boolean {
  for (let p = child.parent; p; p = p.parent) if (p === rsc) return true;
  return false;
}

function taskOf(action: Action | null, key: string | null): string | null {
  if (action) return action.task;
  return key !== null ? (parseOpKey(key)?.task ?? null) : null;
}

/**
 * An ordering between starts (or stops, promotes, demotes) of two unrelated
 * resources also orders their migrations (pcmk__order_migration_equivalents).
 */
function orderMigrationEquivalents(order: Ordering): void {
  const first = order.firstRsc;
  const then = order.thenRsc;
  if (!first || !then || first === then || isAncestor(first, then) || isAncestor(then, first)) return;
  const firstMigratable = first.is(RscFlag.AllowMigrate);
  const thenMigratable = then.is(RscFlag.AllowMigrate);
  if (!firstMigratable && !thenMigratable) return;
  const firstTask = taskOf(order.firstAction, order.firstTask);
  const thenTask = taskOf(order.thenAction, order.thenTask);
  if (firstTask === 'start' && thenTask === 'start') {
    let flags: number = Order.Optional;
    if (firstMigratable && thenMigratable) orderResourceActions(first, 'migrate_from', then, 'migrate_to', flags);
    if (thenMigratable) {
      if (firstMigratable) flags |= Order.ApplyFirstNonMigratable;
      orderResourceActions(first, 'start', then, 'migrate_to', flags);
    }
  } else if (thenMigratable && firstTask === 'stop' && thenTask === 'stop') {
    let flags: number = Order.Optional;
    if (firstMigratable) flags |= Order.ApplyFirstNonMigratable;
    orderResourceActions(first, 'stop', then, 'migrate_to', flags);
    if (then.partialMigrationTarget) orderResourceActions(first, 'stop', then, 'migrate_from', flags);
  } else if (firstTask === 'promote' && thenTask === 'start') {
    if (thenMigratable) orderResourceActions(first, 'promote', then, 'migrate_to', Order.Optional);
  } else if (firstTask === 'demote' && thenTask === 'stop') {
    if (thenMigratable) {
      orderResourceActions(first, 'demote', then, 'migrate_to', Order.Optional);
      if (then.partialMigrationTarget) orderResourceActions(first, 'demote', then, 'migrate_from', Order.Optional);
    }
  }
}
