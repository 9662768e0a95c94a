/**
 * Live migrations in the history: a migrate_to on the source and a
 * migrate_from on the target. Depending on what completed and what happened
 * since, the resource is active on the target, on both, partially migrated
 * (the migration may be continued), or left "dangling" on the source.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../model/cluster.js';
import { RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { Exec, Ocf } from '../model/results.js';
import { Role } from '../model/role.js';
import { compareOpAge } from './op-order.js';
import { addRunning } from './running.js';

/** No history on the node besides pending operations. */
function unknownOnNode(cluster: Cluster, rsc: Resource, uname: string): boolean {
  const entry = cluster.history.resource(uname, rsc.id);
  return !entry || !entry.elements('lrm_rsc_op').some((op) => op.attrs['rc-code'] !== '193');
}

function monitorNotRunningAfter(cluster: Cluster, rscId: string, uname: string, op: XmlElement, sameNode: boolean): boolean {
  const monitor = cluster.history.op(rscId, 'monitor', uname, null, Ocf.NotRunning);
  return monitor !== undefined && compareOpAge(monitor, op, sameNode) > 0;
}

function nonMonitorAfter(cluster: Cluster, rscId: string, uname: string, op: XmlElement, sameNode: boolean): boolean {
  const entry = cluster.history.resource(uname, rscId);
  if (!entry) return false;
  for (const other of entry.elements('lrm_rsc_op')) {
    if (other === op) continue;
    const task = other.attrs['operation'];
    if (
      (task === 'start' || task === 'stop' || task === 'migrate_to' || task === 'migrate_from') &&
      compareOpAge(other, op, sameNode) > 0
    ) {
      return true;
    }
  }
  return false;
}

function newerStateAfterMigrate(
  cluster: Cluster,
  rscId: string,
  uname: string,
  migrateTo: XmlElement | undefined,
  migrateFrom: XmlElement | undefined,
): boolean {
  let op = (migrateFrom ?? migrateTo)!;
  const source = op.attrs['migrate_source'];
  const target = op.attrs['migrate_target'];
  let sameNode = false;
  const lower = uname.toLowerCase();
  if (lower === target?.toLowerCase()) {
    if (migrateFrom) {
      op = migrateFrom;
      sameNode = true;
    } else op = migrateTo!;
  } else if (lower === source?.toLowerCase()) {
    if (migrateTo) {
      op = migrateTo;
      sameNode = true;
    } else op = migrateFrom!;
  }
  return (
    nonMonitorAfter(cluster, rscId, uname, op, sameNode) || monitorNotRunningAfter(cluster, rscId, uname, op, sameNode)
  );
}

function intAttr(op: XmlElement, name: string): number {
  return Number.parseInt(op.attrs[name] ?? '0', 10) || 0;
}

export function unpackMigrateToSuccess(cluster: Cluster, rsc: Resource, node: Node, op: XmlElement): void {
  const source = op.attrs['migrate_source'];
  const target = op.attrs['migrate_target'];
  if (!source || !target || source !== node.uname) return;
  const sourceNewerOp = nonMonitorAfter(cluster, rsc.id, source, op, true);
  const migrateFrom = cluster.history.op(rsc.id, 'migrate_from', target, source, -1);
  if (sourceNewerOp && migrateFrom) return;
  const targetNewerState = newerStateAfterMigrate(cluster, rsc.id, target, op, migrateFrom);
  if (sourceNewerOp && targetNewerState) return;

  rsc.role = Role.Started;
  const targetNode = cluster.findNode(target);
  const sourceNode = cluster.findNode(source);
  const fromRc = migrateFrom ? intAttr(migrateFrom, 'rc-code') : 0;
  const fromStatus = migrateFrom ? intAttr(migrateFrom, 'op-status') : 0;

  if (migrateFrom && fromRc === Ocf.Ok && fromStatus === Exec.Done) {
    rsc.role = Role.Stopped;
    rsc.danglingMigrations.unshift(node);
  } else if (migrateFrom && fromStatus !== Exec.Pending) {
    if (!targetNewerState && targetNode && targetNode.online) {
      addRunning(cluster, rsc, targetNode, true);
    } else {
      rsc.set(RscFlag.Failed | RscFlag.Stop);
      rsc.clear(RscFlag.AllowMigrate);
    }
  } else {
    // Pending, or complete but its record erased (cleaned up)
    if (targetNode && targetNode.online && unknownOnNode(cluster, rsc, target)) return;
    if (!targetNewerState && targetNode && targetNode.online) {
      addRunning(cluster, rsc, targetNode, false);
      if (sourceNode && sourceNode.online) {
        rsc.partialMigrationTarget = targetNode;
        rsc.partialMigrationSource = sourceNode;
      }
    } else if (!sourceNewerOp) {
      rsc.set(RscFlag.Failed | RscFlag.Stop);
      rsc.clear(RscFlag.AllowMigrate);
    }
  }
}

export function unpackMigrateToFailure(cluster: Cluster, rsc: Resource, node: Node, op: XmlElement): void {
  const source = op.attrs['migrate_source'];
  const target = op.attrs['migrate_target'];
  if (!source || !target || source !== node.uname) return;
  rsc.role = Role.Started;
  const targetMigrateFrom = cluster.history.op(rsc.id, 'migrate_from', target, source, Ocf.Ok);
  if (!unknownOnNode(cluster, rsc, target) && !newerStateAfterMigrate(cluster, rsc.id, target, op, targetMigrateFrom)) {
    const targetNode = cluster.findNode(target);
    if (targetNode && targetNode.online) addRunning(cluster, rsc, targetNode, false);
  } else if (!nonMonitorAfter(cluster, rsc.id, source, op, true)) {
    rsc.danglingMigrations.unshift(node);
  }
}

export function unpackMigrateFromFailure(cluster: Cluster, rsc: Resource, node: Node, op: XmlElement): void {
  const source = op.attrs['migrate_source'];
  const target = op.attrs['migrate_target'];
  if (!source || !target || target !== node.uname) return;
  rsc.role = Role.Started;
  const sourceMigrateTo = cluster.history.op(rsc.id, 'migrate_to', source, target, Ocf.Ok);
  if (!unknownOnNode(cluster, rsc, source) && !newerStateAfterMigrate(cluster, rsc.id, source, sourceMigrateTo, op)) {
    const sourceNode = cluster.findNode(source);
    if (sourceNode && sourceNode.online) addRunning(cluster, rsc, sourceNode, true);
  }
}
