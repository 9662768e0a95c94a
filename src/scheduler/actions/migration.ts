/**
 * Live migration: moving a resource with migrate_to (on the source) and
 * migrate_from (on the target) instead of stop and start, which then become
 * pseudo-actions; and stopping dangling migrations.
 */
import type { Action } from '../model/action.js';
import { ActionFlag, Order, RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { newOrdering } from '../ordering/new-ordering.js';
import { customAction, startAction, stopAction } from './create.js';
import { opKey } from './operation.js';

function addMigrationMeta(action: Action, source: Node, target: Node): void {
  if (!action.meta.has('migrate_source')) action.meta.set('migrate_source', source.uname);
  if (!action.meta.has('migrate_target')) action.meta.set('migrate_target', target.uname);
}

function order(rsc: Resource, first: string, then: string, flags: number): void {
  newOrdering(rsc.cluster, rsc, opKey(rsc.id, first, 0), null, rsc, opKey(rsc.id, then, 0), null, flags);
}

/** pcmk__create_migration_actions */
export function createMigrationActions(rsc: Resource, current: Node): void {
  const cluster = rsc.cluster;
  const target = rsc.allocatedTo!.node;
  const start = startAction(rsc, target, true);
  const stop = stopAction(rsc, current, true);
  let migrateTo: Action | null = null;
  if (rsc.partialMigrationTarget === null) {
    migrateTo = customAction(rsc, opKey(rsc.id, 'migrate_to', 0), 'migrate_to', current, true, true, cluster);
  }
  const migrateFrom = customAction(rsc, opKey(rsc.id, 'migrate_from', 0), 'migrate_from', target, true, true, cluster);

  if (migrateTo !== null || rsc.partialMigrationTarget !== null) {
    start.set(ActionFlag.MigrateRunnable);
    stop.set(ActionFlag.MigrateRunnable);
    start.set(ActionFlag.Pseudo);
    if (rsc.partialMigrationTarget === null) {
      migrateFrom.set(ActionFlag.MigrateRunnable);
      if (migrateTo !== null) {
        migrateTo.set(ActionFlag.MigrateRunnable);
        migrateTo.needs = start.needs;
      }
      order(rsc, 'monitor', 'migrate_to', Order.Optional);
      order(rsc, 'migrate_to', 'migrate_from', Order.Optional | Order.ImpliesFirstMigratable);
    } else {
      migrateFrom.set(ActionFlag.MigrateRunnable);
      migrateFrom.needs = start.needs;
      order(rsc, 'monitor', 'migrate_from', Order.Optional);
    }
    order(rsc, 'migrate_from', 'stop', Order.Optional | Order.ImpliesFirstMigratable);
    order(rsc, 'migrate_from', 'start', Order.Optional | Order.ImpliesFirstMigratable | Order.PseudoLeft);
  }
  if (migrateTo !== null) {
    addMigrationMeta(migrateTo, current, target);
    if (!rsc.isRemoteNode && !migrateTo.meta.has('record-pending')) migrateTo.meta.set('record-pending', 'true');
  }
  addMigrationMeta(migrateFrom, current, target);
}

/** pcmk__abort_dangling_migration: stop what a failed migration left on its source. */
export function abortDanglingMigration(rsc: Resource, source: Node, scheduleCleanup: (r: Resource, n: Node, optional: boolean) => void): void {
  const cleanup = rsc.cluster.removeAfterStop;
  const stop = stopAction(rsc, source, false);
  stop.set(ActionFlag.Dangle);
  if (cleanup) scheduleCleanup(rsc, source, false);
}

/** pcmk__rsc_can_migrate */
export function canMigrate(rsc: Resource, current: Node | null): boolean {
  if (!rsc.is(RscFlag.AllowMigrate)) return false;
  if (!rsc.is(RscFlag.Managed)) return false;
  if (rsc.is(RscFlag.Failed)) return false;
  if (rsc.is(RscFlag.StartPending)) return false;
  if (current === null || current.unclean) return false;
  if (rsc.allocatedTo === null || rsc.allocatedTo.node.unclean) return false;
  return true;
}
