/**
 * Configuration changes seen in the operation history
 * (pcmk__handle_rsc_config_changes): a changed agent or changed parameters
 * mean a restart, a reload or a rescheduled monitor; monitors no longer
 * configured are cancelled; failures of changed operations are forgotten.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../model/cluster.js';
import { RscFlag, Order } from '../model/flags.js';
import { NodeScore, type Node, sameNodeId } from '../model/node.js';
import { type Resource, isAnonClone } from '../model/resource.js';
import { newOrdering } from '../ordering/new-ordering.js';
import { nodeAvailable } from '../placement/nodes.js';
import { DigestResult, compareDigests } from '../unpack/digests.js';
import { Failcount, clearFailcount, getFailcount } from '../unpack/failcounts.js';
import { activeOpRange } from '../unpack/history.js';
import { sortOpsByAge } from '../unpack/op-order.js';
import { parseInterval } from '../util/interval.js';
import { scheduleCleanup } from './cleanup.js';
import { customAction } from './create.js';
import { triggerUnfencing } from './fencing-order.js';
import { findOpEntry, opKey } from './operation.js';
import { rescheduleRecurring, scheduleCancel } from './recurring.js';
import { needsHostAddress } from '../variants/bundle/host-address.js';

function intervalOf(op: XmlElement): number {
  return Number.parseInt(op.attrs['interval'] ?? '0', 10) || 0;
}

/** pcmk__rsc_agent_changed: the history was made with another agent. */
export function agentChanged(rsc: Resource, node: Node, entry: XmlElement, activeOnNode: boolean): boolean {
  let changed = false;
  for (const attr of ['type', 'class', 'provider']) {
    if (rsc.xml.attrs[attr] !== entry.attrs[attr]) {
      changed = true;
      triggerUnfencing(rsc.cluster, rsc, node, 'Device definition changed', null);
    }
  }
  if (changed && activeOnNode) {
    customAction(rsc, opKey(rsc.id, 'stop', 0), 'stop', node, false, true, rsc.cluster);
    rsc.set(RscFlag.StartPending);
  }
  return changed;
}

function forceRestart(rsc: Resource, task: string, intervalMs: number, node: Node): void {
  const required = customAction(rsc, opKey(rsc.id, task, intervalMs), task, null, false, true, rsc.cluster);
  required.setReason('resource definition change', true);
  triggerUnfencing(rsc.cluster, rsc, node, 'Device parameters changed', null);
}

function scheduleReload(rsc: Resource, node: Node | null): void {
  if (rsc.variant !== 'primitive') {
    for (const child of rsc.children) scheduleReload(child, node);
    return;
  }
  if (node === null || !rsc.is(RscFlag.Managed) || rsc.is(RscFlag.Failed)) return;
  const cluster = rsc.cluster;
  if (rsc.is(RscFlag.StartPending)) {
    customAction(rsc, opKey(rsc.id, 'stop', 0), 'stop', node, false, true, cluster);
    return;
  }
  rsc.set(RscFlag.Reload);
  const reload = customAction(rsc, opKey(rsc.id, 'reload-agent', 0), 'reload-agent', node, false, true, cluster);
  reload.setReason('resource definition change', false);
  newOrdering(cluster, null, null, reload, rsc, opKey(rsc.id, 'stop', 0), null, Order.Optional | Order.ThenCancelsFirst);
  newOrdering(cluster, null, null, reload, rsc, opKey(rsc.id, 'demote', 0), null, Order.Optional | Order.ThenCancelsFirst);
}

/** pcmk__check_action_config: true if the history entry's definition changed. */
export function checkActionConfig(rsc: Resource, node: Node, op: XmlElement): boolean {
  let task = op.attrs['operation'];
  if (task === undefined) return false;
  const intervalMs = intervalOf(op);
  const cluster = rsc.cluster;
  if (intervalMs > 0) {
    if (findOpEntry(rsc, opKey(rsc.id, task, intervalMs), false) !== null) {
      // still configured
    } else if (cluster.stopActionOrphans) {
      scheduleCancel(rsc, op.attrs['call-id'], task, intervalMs, node);
      return true;
    } else {
      return true;
    }
  }
  if (intervalMs === 0 && (task === 'monitor' || task === 'migrate_from' || task === 'promote')) task = 'start';
  const d = compareDigests(rsc, op, node);
  if (
    cluster.sanitized &&
    d.rc !== DigestResult.Match &&
    op.attrs['op-secure-digest'] !== undefined &&
    d.secure !== null &&
    d.secure === op.attrs['op-secure-digest']
  ) {
    cluster.infoLines.push(
      `Only 'private' parameters to ${readableInterval(intervalMs)} ${task} for ${rsc.id} on ${node.uname} changed: ${op.attrs['transition-magic'] ?? ''}`,
    );
    return false;
  }
  switch (d.rc) {
    case DigestResult.Restart:
      forceRestart(rsc, task, intervalMs, node);
      return true;
    case DigestResult.All:
    case DigestResult.Unknown:
      if (intervalMs > 0) rescheduleRecurring(rsc, task, intervalMs, node);
      else if (op.attrs['op-restart-digest'] !== undefined) {
        triggerUnfencing(cluster, rsc, node, 'Device parameters changed (reload)', null);
        scheduleReload(rsc, node);
      } else forceRestart(rsc, task, intervalMs, node);
      return true;
    default:
      return false;
  }
}

/** pcmk__readable_interval */
export function readableInterval(ms: number): string {
  if (ms === 0) return '0s';
  let out = '';
  let rest = ms;
  const units: [number, string][] = [
    [86400000, 'd'],
    [3600000, 'h'],
    [60000, 'm'],
    [1000, 's'],
  ];
  for (const [size, name] of units) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${name}`;
      rest %= size;
    }
  }
  if (rest > 0) out += `${rest}ms`;
  return out;
}

function processResourceHistory(entry: XmlElement, rsc: Resource, node: Node): void {
  if (rsc.is(RscFlag.Orphan)) {
    if (!isAnonClone(rsc.top)) scheduleCleanup(rsc, node, false);
    return;
  }
  if (!rsc.runningOn.some((n) => sameNodeId(n, node))) {
    if (agentChanged(rsc, node, entry, false)) scheduleCleanup(rsc, node, false);
    return;
  }
  if (agentChanged(rsc, node, entry, true)) scheduleCleanup(rsc, node, false);
  const sorted = sortOpsByAge(entry.elements('lrm_rsc_op'));
  const { start, stop } = activeOpRange(sorted);
  if (start < stop) return;
  for (let offset = 0; offset < sorted.length; offset++) {
    if (offset < start) continue;
    const op = sorted[offset]!;
    const task = op.attrs['operation'] ?? '';
    const intervalMs = intervalOf(op);
    if (intervalMs > 0 && (rsc.is(RscFlag.Maintenance) || node.maintenance)) {
      scheduleCancel(rsc, op.attrs['call-id'], task, intervalMs, node);
    } else if (intervalMs > 0 || ['monitor', 'start', 'promote', 'migrate_from'].includes(task.toLowerCase())) {
      // the digest of a connection to a bundle's host waits until the host is known
      if (needsHostAddress(rsc)) rsc.cluster.paramChecks.push({ rsc, node, op, kind: 'active' });
      else if (checkActionConfig(rsc, node, op) && getFailcount(node, rsc, Failcount.Effective, null) !== 0) {
        clearFailcount(rsc, node);
      }
    }
  }
}

/**
 * pcmk__rscs_matching_id for every id at once: resources (members too)
 * by id and by history name, newest first as Pacemaker lists them.
 */
function resourcesById(cluster: Cluster): Map<string, Resource[]> {
  const index = new Map<string, Resource[]>();
  const add = (id: string, rsc: Resource) => {
    const l = index.get(id);
    if (l) l.unshift(rsc);
    else index.set(id, [rsc]);
  };
  const visit = (rsc: Resource) => {
    if (rsc.clone_name !== null && rsc.clone_name !== rsc.id) add(rsc.clone_name, rsc);
    add(rsc.id, rsc);
    for (const c of rsc.children) visit(c);
  };
  for (const rsc of cluster.resources) visit(rsc);
  return index;
}

export function handleConfigChanges(cluster: Cluster): void {
  const byId = resourcesById(cluster);
  for (const node of cluster.nodes) {
    if (!node.maintenance && !nodeAvailable(NodeScore.of(node), false, false)) continue;
    const history = cluster.history.nodeResources(node.uname);
    if (!history) continue;
    for (const entry of history.elements('lrm_resource')) {
      if (!entry.children.some((c) => c.kind === 'element')) continue;
      for (const rsc of byId.get(entry.attrs['id'] ?? '') ?? []) {
        if (rsc.variant === 'primitive') processResourceHistory(entry, rsc, node);
      }
    }
  }
}

/** The deferred parameter checks (pe__foreach_param_check with check_params). */
export function runParamChecks(cluster: Cluster): void {
  for (const check of cluster.paramChecks) {
    let reason: string | null = null;
    if (check.kind === 'active') {
      if (checkActionConfig(check.rsc, check.node, check.op) && getFailcount(check.node, check.rsc, Failcount.Effective, null)) {
        reason = 'action definition changed';
      }
    } else {
      const d = compareDigests(check.rsc, check.op, check.node);
      if (d.rc !== DigestResult.Unknown && d.rc !== DigestResult.Match) reason = 'resource parameters have changed';
    }
    if (reason !== null) clearFailcount(check.rsc, check.node);
  }
  cluster.paramChecks = [];
}

export { parseInterval };
