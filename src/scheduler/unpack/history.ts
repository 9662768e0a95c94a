/**
 * A node's resource history: each lrm_resource's operations, oldest first,
 * tell what the resource's role is on the node, whether it failed and how
 * to react (on-fail), which recurring monitors are active, and whether a
 * migration was under way.
 */
import { XmlElement } from '../../cib/xml/node.js';
import {
  canFence,
  clearResourceHistory,
  customAction,
  demoteAction,
  resourceActions,
  stopAction,
} from '../actions/create.js';
import { fenceNode, fenceOp } from '../actions/fencing.js';
import { isProbe, opKey } from '../actions/operation.js';
import { OnFail } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { ActionFlag, Order, RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import { NodeScore } from '../model/node.js';
import { type Resource, isAnonClone, isBundled, isClone } from '../model/resource.js';
import { Exec, Ocf, effectiveRc } from '../model/results.js';
import { Role } from '../model/role.js';
import { addOrdering } from '../ordering/links.js';
import { resourceLocation } from '../placement/resource-location.js';
import { INFINITY } from '../util/score.js';
import { DigestResult, compareDigests } from './digests.js';
import { Failcount, clearFailcount, getFailcount } from './failcounts.js';
import { needsHostAddress } from '../variants/bundle/host-address.js';
import { unpackMigrateFromFailure, unpackMigrateToFailure, unpackMigrateToSuccess } from './migration-history.js';
import { intAttr, sortOpsByAge } from './op-order.js';
import { addRunning } from './running.js';
import { cloneStrip, cloneZero, indexResource, isRemoteConnectionXml, linkRemoteNode, lookupResource, targetRole, unpackResource } from './resources.js';
import { createNode } from './nodes.js';
import { targetRcOf } from './transition-key.js';
import { bundleReplicaOn } from '../variants/bundle/status.js';
import { findAnonymousInstance } from '../variants/clone/status.js';

function opInterval(op: XmlElement): number {
  return Math.max(0, intAttr(op, 'interval', 0));
}

/** The operation key of a history entry (its id when it has no key). */
function opKeyOf(op: XmlElement): string {
  return op.attrs['operation_key'] ?? op.attrs['id'] ?? '';
}

export function opIsProbe(op: XmlElement): boolean {
  return isProbe(op.attrs['operation'] ?? '', opInterval(op));
}

/** A probe that found the agent missing or misconfigured counts as "not running". */
export function maskableProbeFailure(op: XmlElement): boolean {
  if (!opIsProbe(op)) return false;
  const status = intAttr(op, 'op-status', Exec.Unknown);
  const rc = intAttr(op, 'rc-code', Ocf.Ok);
  return rc === Ocf.NotInstalled || rc === Ocf.InvalidParam || status === Exec.NotInstalled;
}

/** Makes a resource active in the role its top-level parent implies. */
function setActive(rsc: Resource): void {
  rsc.role = rsc.top.is(RscFlag.Promotable) ? Role.Unpromoted : Role.Started;
}

/** Adds a failed operation to the cluster's list (once per key and node). */
function recordFailedOp(cluster: Cluster, op: XmlElement, node: Node, rsc: Resource): void {
  if (!node.online) return;
  const key = op.attrs['operation_key']?.toLowerCase();
  const uname = node.uname.toLowerCase();
  let keys = cluster.failedKeys.get(uname);
  if (!keys) cluster.failedKeys.set(uname, (keys = new Set()));
  if (keys.has(key)) return;
  keys.add(key);
  op.attrs['uname'] = node.uname;
  op.attrs['rsc-id'] = rsc.id;
  cluster.failed.appendChild(op.clone());
}

/** The on-fail policy that applies to a history entry. */
function onFailFor(rsc: Resource, key: string, task: string): OnFail {
  return customAction(rsc, key, task, null, true, false, rsc.cluster).onFail;
}

/** Orders on-fail values by severity (cmp_on_fail). */
function compareOnFail(first: OnFail, second: OnFail): number {
  switch (first) {
    case OnFail.Demote:
      return second === OnFail.Ignore ? 1 : second === OnFail.Demote ? 0 : -1;
    case OnFail.ResetRemote:
      if (second === OnFail.Ignore || second === OnFail.Demote || second === OnFail.Recover) return 1;
      return second === OnFail.ResetRemote ? 0 : -1;
    case OnFail.RestartContainer:
      if ([OnFail.Ignore, OnFail.Demote, OnFail.Recover, OnFail.ResetRemote].includes(second)) return 1;
      return second === OnFail.RestartContainer ? 0 : -1;
    default:
      break;
  }
  switch (second) {
    case OnFail.Demote:
      return first === OnFail.Ignore ? -1 : 1;
    case OnFail.ResetRemote:
      return [OnFail.Ignore, OnFail.Demote, OnFail.Recover].includes(first) ? -1 : 1;
    case OnFail.RestartContainer:
      return [OnFail.Ignore, OnFail.Demote, OnFail.Recover, OnFail.ResetRemote].includes(first) ? -1 : 1;
    default:
      return first - second;
  }
}

interface OpState {
  lastFailure: XmlElement | null;
  onFail: OnFail;
}

function unpackOpFailure(cluster: Cluster, rsc: Resource, node: Node, rc: number, op: XmlElement, st: OpState): void {
  const key = opKeyOf(op);
  const task = op.attrs['operation']!;
  st.lastFailure = op;
  const probe = opIsProbe(op);
  if (!(!cluster.symmetric && rc === Ocf.NotInstalled)) recordFailedOp(cluster, op, node, rsc);

  const action = customAction(rsc, key, task, null, true, false, cluster);
  if (compareOnFail(st.onFail, action.onFail) < 0) st.onFail = action.onFail;

  if (task === 'stop') resourceLocation(rsc, node, -INFINITY, '__stop_fail__', cluster);
  else if (task === 'migrate_to') unpackMigrateToFailure(cluster, rsc, node, op);
  else if (task === 'migrate_from') unpackMigrateFromFailure(cluster, rsc, node, op);
  else if (task === 'promote') rsc.role = Role.Promoted;
  else if (task === 'demote') {
    if (action.onFail === OnFail.Block) {
      rsc.role = Role.Promoted;
      rsc.setNextRole(Role.Stopped);
    } else if (rc === Ocf.NotRunning) rsc.role = Role.Stopped;
    else rsc.role = Role.Unpromoted;
  }

  if (probe && rc === Ocf.NotInstalled) rsc.role = Role.Stopped;
  else if (rsc.role < Role.Started) setActive(rsc);

  if (action.failRole !== Role.Started && rsc.nextRole < action.failRole) rsc.setNextRole(action.failRole);
  if (action.failRole === Role.Stopped) {
    let failRsc = rsc;
    if (failRsc.parent) {
      const top = failRsc.top;
      if (isClone(top) && !top.is(RscFlag.Unique)) failRsc = top;
    }
    failRsc.allowedNodes = new Map(cluster.nodes.map((n) => [n.id, new NodeScore(n, -INFINITY, n.fixed)]));
  }
}

/** A failed stop cannot be recovered without fencing: block the resource. */
function checkRecoverable(cluster: Cluster, rsc: Resource, node: Node, task: string): void {
  if (task !== 'stop') return;
  if (canFence(cluster, node)) return;
  rsc.clear(RscFlag.Managed);
  rsc.set(RscFlag.Block);
}

interface Remapped {
  rc: number;
  status: number;
}

/** remap_operation: what a result means given what was expected. */
function remapOperation(
  cluster: Cluster,
  op: XmlElement,
  rsc: Resource,
  node: Node,
  st: OpState,
  targetRc: number,
  r: Remapped,
): void {
  let task = op.attrs['operation'];
  if (task === 'monitor') {
    const remapped = effectiveRc(r.rc);
    if (r.rc !== remapped) {
      if (!node.shutdown || node.online) recordFailedOp(cluster, op, node, rsc);
      r.rc = remapped;
    }
  }
  if (!isBundled(rsc) && maskableProbeFailure(op)) {
    r.status = Exec.Done;
    r.rc = Ocf.NotRunning;
  }
  if (r.status !== Exec.Done && r.status !== Exec.Error) return;
  if (task === undefined) {
    r.status = Exec.Error;
    return;
  }
  r.status = Exec.Done;
  const probe = opIsProbe(op);
  if (probe) task = 'probe';
  if (targetRc < 0) r.status = Exec.Error;
  else if (targetRc !== r.rc) r.status = Exec.Error;

  switch (r.rc) {
    case Ocf.Ok:
      if (probe && targetRc === Ocf.NotRunning) r.status = Exec.Done;
      break;
    case Ocf.NotRunning:
      if (probe || targetRc === r.rc || !rsc.is(RscFlag.Managed)) {
        r.status = Exec.Done;
        rsc.role = Role.Stopped;
        st.onFail = OnFail.Ignore;
        rsc.setNextRole(Role.Unknown);
      }
      break;
    case Ocf.RunningPromoted:
      if (probe && r.rc !== targetRc) r.status = Exec.Done;
      rsc.role = Role.Promoted;
      break;
    case Ocf.DegradedPromoted:
    case Ocf.FailedPromoted:
      rsc.role = Role.Promoted;
      r.status = Exec.Error;
      break;
    case Ocf.NotConfigured:
      r.status = Exec.ErrorFatal;
      break;
    case Ocf.UnimplementFeature:
      if (opInterval(op) === 0) {
        checkRecoverable(cluster, rsc, node, task);
        r.status = Exec.ErrorHard;
      } else r.status = Exec.NotSupported;
      break;
    case Ocf.NotInstalled:
    case Ocf.InvalidParam:
    case Ocf.InsufficientPriv:
      checkRecoverable(cluster, rsc, node, task);
      r.status = Exec.ErrorHard;
      break;
    default:
      if (r.status === Exec.Done) r.status = Exec.Error;
  }
}

/** Whether a start or monitor failure should be forgotten because parameters changed. */
function clearForParamChange(op: XmlElement, task: string, rsc: Resource, node: Node): boolean {
  if (task !== 'start' && task !== 'monitor') return false;
  if (needsHostAddress(rsc)) {
    // the connection's address is known once its container is placed
    rsc.cluster.paramChecks.push({ rsc, node, op, kind: 'last-failure' });
    return false;
  }
  const d = compareDigests(rsc, op, node);
  return d.rc !== DigestResult.Unknown && d.rc !== DigestResult.Match;
}

/** check_operation_expiry: whether a history entry is older than the failure timeout. */
function operationExpired(cluster: Cluster, rsc: Resource, node: Node, rc: number, op: XmlElement): boolean {
  let expired = false;
  const isLastFailure = (op.attrs['id'] ?? '').endsWith('_last_failure_0');
  const interval = opInterval(op);
  const task = op.attrs['operation'] ?? '';
  let clearReason: string | null = null;
  const lastRun = op.attrs['last-rc-change'] !== undefined ? intAttr(op, 'last-rc-change', 0) : undefined;
  let unexpired = 0;
  if (rsc.failureTimeout > 0 && lastRun !== undefined) {
    const now = cluster.nowEpoch;
    if (now >= lastRun + rsc.failureTimeout && !ignoreFailureTimeout(cluster, rsc, task, interval)) expired = true;
    const lastFailure = { time: 0 };
    unexpired = getFailcount(node, rsc, Failcount.Effective, op, lastFailure);
    const recheck = lastFailure.time + rsc.failureTimeout + 1;
    if (unexpired && now < recheck) cluster.noteRecheck(recheck);
  }
  if (expired) {
    if (getFailcount(node, rsc, 0, op)) {
      if (unexpired === 0) clearReason = 'it expired';
      else expired = false;
    } else if (isLastFailure && rsc.remoteReconnectMs) {
      clearReason = 'reconnect interval is set';
    }
  }
  if (!expired && isLastFailure && clearForParamChange(op, task, rsc, node)) {
    clearReason = 'resource parameters have changed';
  }
  if (clearReason !== null) {
    // Clearing waits for any fencing of the remote node the connection serves.
    const clear = clearFailcount(rsc, node);
    if (cluster.stonithEnabled && rsc.remoteReconnectMs) {
      const remote = cluster.findNode(rsc.id);
      if (remote) addOrdering(fenceOp(cluster, remote, null, true, null, false), clear, Order.ImpliesThen);
    }
  }
  if (expired && interval === 0 && task === 'monitor') {
    if ([Ocf.Ok, Ocf.NotRunning, Ocf.RunningPromoted, Ocf.Degraded, Ocf.DegradedPromoted].includes(rc as 0)) {
      expired = false;
    }
  }
  return expired;
}

function ignoreFailureTimeout(cluster: Cluster, rsc: Resource, task: string, interval: number): boolean {
  if (rsc.remoteReconnectMs && cluster.stonithEnabled && interval !== 0 && task === 'monitor') {
    const remote = cluster.findNode(rsc.id);
    if (remote && !remote.remoteWasFenced) return true;
  }
  return false;
}

/** update_resource_state: a successful (or forgiven) operation's effect on the role. */
function updateResourceState(
  cluster: Cluster,
  rsc: Resource,
  node: Node,
  op: XmlElement,
  task: string,
  rc: number,
  st: OpState,
): void {
  let clearPast = false;
  if (rc === Ocf.NotInstalled || (!isBundled(rsc) && maskableProbeFailure(op))) {
    rsc.role = Role.Stopped;
  } else if (rc === Ocf.NotRunning) {
    clearPast = true;
  } else if (task === 'monitor') {
    if (st.lastFailure && opKeyOf(op).toLowerCase() === opKeyOf(st.lastFailure).toLowerCase()) clearPast = true;
    if (rsc.role < Role.Started) setActive(rsc);
  } else if (task === 'start') {
    rsc.role = Role.Started;
    clearPast = true;
  } else if (task === 'stop') {
    rsc.role = Role.Stopped;
    clearPast = true;
  } else if (task === 'promote') {
    rsc.role = Role.Promoted;
    clearPast = true;
  } else if (task === 'demote') {
    if (st.onFail === OnFail.Demote) clearPast = true;
    rsc.role = Role.Unpromoted;
  } else if (task === 'migrate_from') {
    rsc.role = Role.Started;
    clearPast = true;
  } else if (task === 'migrate_to') {
    unpackMigrateToSuccess(cluster, rsc, node, op);
  } else if (rsc.role < Role.Started) {
    setActive(rsc);
  }
  if (!clearPast) return;
  switch (st.onFail) {
    case OnFail.Stop:
    case OnFail.Fence:
    case OnFail.Migrate:
    case OnFail.Standby:
      break;
    case OnFail.Block:
    case OnFail.Ignore:
    case OnFail.Demote:
    case OnFail.Recover:
    case OnFail.RestartContainer:
      st.onFail = OnFail.Ignore;
      rsc.setNextRole(Role.Unknown);
      break;
    case OnFail.ResetRemote:
      if (rsc.remoteReconnectMs === 0) {
        st.onFail = OnFail.Ignore;
        rsc.setNextRole(Role.Unknown);
      }
      break;
  }
}

/** unpack_rsc_op: one history entry. */
function unpackRscOp(cluster: Cluster, rsc: Resource, node: Node, op: XmlElement, st: OpState): void {
  const task = op.attrs['operation'];
  if (task === undefined) return;
  let targetRc = targetRcOf(op);
  const key = opKeyOf(op);
  let rc = intAttr(op, 'rc-code', 0);
  let status = intAttr(op, 'op-status', Exec.Unknown);
  if (status < Exec.Pending || status > Exec.NoSecrets) return;
  if (task === 'notify' || task === 'meta-data') return;
  const interval = opInterval(op);
  const parent = rsc.is(RscFlag.Unique) ? rsc : rsc.top;

  let expired = false;
  if (status !== Exec.NotInstalled && operationExpired(cluster, rsc, node, rc, op)) expired = true;
  const oldRc = rc;
  const oldTargetRc = targetRc;
  const r = { rc, status };
  remapOperation(cluster, op, rsc, node, st, targetRc, r);
  rc = r.rc;
  status = r.status;
  const maskable = !isBundled(rsc) && maskableProbeFailure(op);

  if (expired && maskable && oldRc !== oldTargetRc) {
    if (rsc.role <= Role.Stopped) rsc.role = Role.Unknown;
    return;
  } else if (expired && rc !== targetRc) {
    if (interval === 0) return;
    if (node.online && !node.unclean) {
      // Reschedule the recurring monitor once the parameter check runs.
      op.attrs['op-restart-digest'] = 'calculated-failure-timeout';
      return;
    }
  }

  if (maskable) {
    updateResourceState(cluster, rsc, node, op, task, targetRc, st);
    op.attrs['uname'] = node.uname;
    recordFailedOp(cluster, op, node, rsc);
    resourceLocation(parent, node, -INFINITY, 'masked-probe-failure', cluster);
    return;
  }

  switch (status) {
    case Exec.Cancelled:
      cluster.configError(`Resource history contains cancellation '${op.attrs['id']}' (${task} of ${rsc.id} on ${node.uname})`);
      return;
    case Exec.Pending:
      if (task === 'start') {
        rsc.set(RscFlag.StartPending);
        setActive(rsc);
      } else if (task === 'promote') {
        rsc.role = Role.Promoted;
      } else if (task === 'migrate_to' && node.unclean) {
        const target = cluster.findNode(op.attrs['migrate_target']);
        if (target) stopAction(rsc, target, false);
      }
      if (rsc.pendingTask === null && (interval !== 0 || task !== 'monitor')) {
        rsc.pendingTask = task;
        rsc.pendingNode = node;
      }
      return;
    case Exec.Done:
      updateResourceState(cluster, rsc, node, op, task, rc, st);
      return;
    case Exec.NotInstalled: {
      const strategy = onFailFor(rsc, key, task);
      if (strategy === OnFail.Ignore) st.onFail = OnFail.Migrate;
      resourceLocation(parent, node, -INFINITY, 'hard-error', cluster);
      unpackOpFailure(cluster, rsc, node, rc, op, st);
      return;
    }
    case Exec.NotConnected:
      if (node.type === 'remote' && node.remoteRsc?.is(RscFlag.Managed)) {
        node.remoteRsc.set(RscFlag.Failed | RscFlag.Stop);
      }
      break;
    case Exec.NoFenceDevice:
    case Exec.NoSecrets:
      status = Exec.ErrorHard;
      break;
    default:
      break;
  }

  const strategy = onFailFor(rsc, key, task);
  if (strategy === OnFail.Ignore || (strategy === OnFail.RestartContainer && task === 'stop')) {
    updateResourceState(cluster, rsc, node, op, task, targetRc, st);
    op.attrs['uname'] = node.uname;
    rsc.set(RscFlag.FailureIgnored);
    recordFailedOp(cluster, op, node, rsc);
    if (strategy === OnFail.RestartContainer && compareOnFail(st.onFail, OnFail.Recover) <= 0) st.onFail = strategy;
  } else {
    unpackOpFailure(cluster, rsc, node, rc, op, st);
    if (status === Exec.ErrorHard) {
      resourceLocation(parent, node, -INFINITY, 'hard-error', cluster);
    } else if (status === Exec.ErrorFatal) {
      resourceLocation(parent, null, -INFINITY, 'fatal-error', cluster);
    }
  }
}

/** calculate_active_ops: positions of the last start and last successful stop. */
export function activeOpRange(sorted: XmlElement[]): { start: number; stop: number } {
  let stop = -1;
  let start = -1;
  let impliedMonitorStart = -1;
  let impliedCloneStart = -1;
  for (let i = 0; i < sorted.length; i++) {
    const op = sorted[i]!;
    const task = op.attrs['operation'] ?? '';
    const status = op.attrs['op-status'];
    if (task === 'stop' && status === '0') stop = i;
    else if (task === 'start' || task === 'migrate_from') start = i;
    else if (impliedMonitorStart <= stop && task === 'monitor') {
      const rc = op.attrs['rc-code'];
      if (rc === '0' || rc === '8') impliedMonitorStart = i;
    } else if (task === 'promote' || task === 'demote') impliedCloneStart = i;
  }
  if (start === -1) {
    if (impliedCloneStart !== -1) start = impliedCloneStart;
    else if (impliedMonitorStart !== -1) start = impliedMonitorStart;
  }
  return { start, stop };
}

/** Recurring monitors still active become (optional) actions. */
function processRecurring(cluster: Cluster, node: Node, rsc: Resource, start: number, stop: number, sorted: XmlElement[]): void {
  for (let i = 0; i < sorted.length; i++) {
    const op = sorted[i]!;
    if (!node.online) break;
    if (start < stop && i <= stop) continue;
    if (i < start) continue;
    const interval = opInterval(op);
    if (interval === 0) continue;
    if (op.attrs['op-status'] === '-1') continue;
    const task = op.attrs['operation'] ?? '';
    customAction(rsc, opKey(rsc.id, task, interval), task, node, true, true, cluster);
  }
}

/** process_rsc_state: the resource's resulting state on the node and the failure response. */
function processRscState(cluster: Cluster, rsc: Resource, node: Node, onFailIn: OnFail): void {
  let onFail = onFailIn;
  if (rsc.role !== Role.Unknown) {
    for (let it: Resource | null = rsc; it; it = it.parent) {
      if (!it.knownOn.has(node.id)) it.knownOn.set(node.id, node);
      if (it.is(RscFlag.Unique)) break;
    }
  }
  if (rsc.role > Role.Stopped && !node.online && !node.maintenance && rsc.is(RscFlag.Managed)) {
    let shouldFence = false;
    let reason: string | null = null;
    if (node.isGuest) {
      rsc.set(RscFlag.Failed | RscFlag.Stop);
      shouldFence = true;
    } else if (cluster.stonithEnabled) {
      if (node.isRemoteOnly && node.remoteRsc && !node.remoteRsc.is(RscFlag.Failed)) {
        node.unseen = true;
        reason = `${rsc.id} is active there (fencing will be revoked if remote connection can be re-established elsewhere)`;
      }
      shouldFence = true;
    }
    if (shouldFence) fenceNode(cluster, node, reason ?? `${rsc.id} is thought to be active there`, false);
  }
  const savedOnFail = onFail;
  if (node.unclean) onFail = OnFail.Ignore;

  switch (onFail) {
    case OnFail.Ignore:
      break;
    case OnFail.Demote:
      rsc.set(RscFlag.Failed);
      demoteAction(rsc, node, false);
      break;
    case OnFail.Fence:
      fenceNode(cluster, node, `${rsc.id} failed there`, false);
      break;
    case OnFail.Standby:
      node.standby = true;
      node.standbyOnFail = true;
      break;
    case OnFail.Block:
      rsc.clear(RscFlag.Managed);
      rsc.set(RscFlag.Block);
      break;
    case OnFail.Migrate:
      resourceLocation(rsc, node, -INFINITY, '__action_migration_auto__', cluster);
      break;
    case OnFail.Stop:
      rsc.setNextRole(Role.Stopped);
      break;
    case OnFail.Recover:
      if (rsc.role !== Role.Stopped && rsc.role !== Role.Unknown) {
        rsc.set(RscFlag.Failed | RscFlag.Stop);
        stopAction(rsc, node, false);
      }
      break;
    case OnFail.RestartContainer:
      rsc.set(RscFlag.Failed | RscFlag.Stop);
      if (rsc.container && isBundled(rsc)) cluster.stopNeeded.push(rsc.container);
      else if (rsc.container) stopAction(rsc.container, node, false);
      else if (rsc.role !== Role.Stopped && rsc.role !== Role.Unknown) stopAction(rsc, node, false);
      break;
    case OnFail.ResetRemote:
      rsc.set(RscFlag.Failed | RscFlag.Stop);
      if (cluster.stonithEnabled) {
        const remote = rsc.isRemoteNode ? cluster.findNode(rsc.id) : undefined;
        if (remote && remote.isRemoteOnly && remote.remoteWasFenced === 0) {
          fenceNode(cluster, remote, 'remote connection is unrecoverable', false);
        }
      }
      if (rsc.role > Role.Stopped) stopAction(rsc, node, false);
      if (rsc.remoteReconnectMs) rsc.setNextRole(Role.Stopped);
      break;
  }

  if (rsc.is(RscFlag.Failed) && rsc.isRemoteNode) {
    const remote = cluster.findNode(rsc.id);
    if (remote && remote.unclean) remote.unseen = false;
  }

  if (rsc.role !== Role.Stopped && rsc.role !== Role.Unknown) {
    if (rsc.is(RscFlag.Orphan)) {
      if (rsc.is(RscFlag.Managed)) cluster.configWarning(`Detected active orphan ${rsc.id} running on ${node.uname}`);
      else {
        cluster.configWarning(
          `Resource '${rsc.id}' must be stopped manually on ${node.uname} because cluster is configured not to stop active orphans`,
        );
      }
    }
    addRunning(cluster, rsc, node, savedOnFail !== OnFail.Ignore);
    switch (onFail) {
      case OnFail.Ignore:
        break;
      case OnFail.Demote:
      case OnFail.Block:
        rsc.set(RscFlag.Failed);
        break;
      default:
        rsc.set(RscFlag.Failed | RscFlag.Stop);
    }
  } else if (rsc.clone_name && rsc.clone_name.includes(':')) {
    rsc.clone_name = null;
  } else {
    for (const stop of resourceActions(rsc, node, 'stop', false)) stop.set(ActionFlag.Optional);
  }

  if (
    rsc.role === Role.Stopped &&
    rsc.partialMigrationSource === node &&
    rsc.partialMigrationTarget &&
    rsc.runningOn.length > 0
  ) {
    rsc.role = Role.Started;
  }
}

/** An orphaned history's resource, as a primitive that must not run (create_fake_resource). */
function processOrphan(cluster: Cluster, entry: XmlElement): Resource | null {
  const id = entry.attrs['id']!;
  const xml = new XmlElement('primitive', entry.attrs);
  xml.attrs['id'] = id;
  const rsc = unpackResource(cluster, xml, null);
  if (!rsc) return null;
  if (isRemoteConnectionXml(xml)) {
    let remote = cluster.findNode(id);
    if (!remote) remote = createNode(cluster, id, id, 'remote', undefined);
    linkRemoteNode(cluster, rsc);
    remote.shutdown = true;
  }
  if (entry.attrs['container'] !== undefined) rsc.set(RscFlag.OrphanContainerFiller);
  rsc.set(RscFlag.Orphan);
  cluster.resources.push(rsc);
  indexResource(cluster, rsc);
  if (!cluster.stopRscOrphans) rsc.clear(RscFlag.Managed);
  else resourceLocation(rsc, null, -INFINITY, '__orphan_do_not_run__', cluster);
  return rsc;
}

/** unpack_find_resource: the resource a history entry on a node belongs to. */
function findHistoryResource(cluster: Cluster, node: Node, id: string): Resource | null {
  let rsc = lookupResource(cluster, id) ?? null;
  let parent: Resource | null = null;
  if (!rsc) {
    const clone0 = lookupResource(cluster, cloneZero(id));
    if (clone0 && !clone0.is(RscFlag.Unique)) {
      rsc = clone0;
      parent = clone0.top;
    }
  } else if (rsc.variant !== 'primitive') {
    return null;
  } else {
    parent = rsc.top;
  }
  if (parent && isAnonClone(parent)) {
    rsc = isBundled(parent) ? bundleReplicaOn(parent.parent!, node) : findAnonymousInstance(cluster, node, parent, cloneStrip(id));
  }
  if (rsc && id !== rsc.id && id.toLowerCase() !== rsc.id.toLowerCase() && id.toLowerCase() !== rsc.clone_name?.toLowerCase()) {
    rsc.clone_name = id;
    cluster.historyNames.add(id);
  }
  return rsc;
}

/** shutdown-lock: a resource whose node shut down cleanly stays with it until the lock expires. */
function unpackShutdownLock(cluster: Cluster, entry: XmlElement, rsc: Resource, node: Node): void {
  const lock = entry.attrs['shutdown-lock'];
  const lockTime = lock !== undefined ? Number.parseInt(lock, 10) || 0 : 0;
  if (lockTime === 0) return;
  if (cluster.shutdownLockSeconds > 0 && cluster.nowEpoch > lockTime + cluster.shutdownLockSeconds) {
    clearResourceHistory(rsc, node);
  } else {
    rsc.lockNode = node;
    rsc.lockTime = lockTime;
  }
}

/** unpack_lrm_resource */
function unpackLrmResource(cluster: Cluster, node: Node, entry: XmlElement): Resource | null {
  const id = entry.attrs['id'];
  if (id === undefined) return null;
  const ops = entry.elements('lrm_rsc_op');
  if (!cluster.shutdownLockEnabled && ops.length === 0) return null;
  let rsc = findHistoryResource(cluster, node, id);
  if (!rsc) {
    if (ops.length === 0) return null;
    rsc = processOrphan(cluster, entry);
    if (!rsc) return null;
  }
  if (cluster.shutdownLockEnabled) unpackShutdownLock(cluster, entry, rsc, node);

  const savedRole = rsc.role;
  rsc.role = Role.Unknown;
  const sorted = sortOpsByAge(ops);
  const st: OpState = { lastFailure: null, onFail: OnFail.Ignore };
  for (const op of sorted) unpackRscOp(cluster, rsc, node, op, st);
  const { start, stop } = activeOpRange(sorted);
  processRecurring(cluster, node, rsc, start, stop, sorted);
  processRscState(cluster, rsc, node, st.onFail);

  const req = targetRole(rsc);
  if (req !== null && (rsc.nextRole === Role.Unknown || req < rsc.nextRole)) rsc.setNextRole(req);
  if (savedRole > rsc.role) rsc.role = savedRole;
  return rsc;
}

/** Orphaned fillers find their container once the node's history is in. */
function mapOrphanedFillers(cluster: Cluster, list: XmlElement): void {
  for (const entry of list.elements('lrm_resource')) {
    const containerId = entry.attrs['container'];
    const id = entry.attrs['id'];
    if (containerId === undefined || id === undefined) continue;
    const container = lookupResource(cluster, containerId);
    if (!container) continue;
    const rsc = lookupResource(cluster, id);
    if (!rsc || !rsc.is(RscFlag.OrphanContainerFiller) || rsc.container !== null) continue;
    rsc.container = container;
    container.fillers.push(rsc);
  }
}

/** unpack_node_lrm */
export function unpackNodeHistory(cluster: Cluster, node: Node, state: XmlElement): void {
  const list = state.firstElement('lrm')?.firstElement('lrm_resources');
  if (!list) return;
  let orphanFiller = false;
  for (const entry of list.elements('lrm_resource')) {
    const rsc = unpackLrmResource(cluster, node, entry);
    if (rsc && rsc.is(RscFlag.OrphanContainerFiller)) orphanFiller = true;
  }
  if (orphanFiller) mapOrphanedFillers(cluster, list);
}
