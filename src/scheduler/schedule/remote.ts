/**
 * Actions on Pacemaker Remote and guest nodes happen through their
 * connection resource: they are ordered after the connection starts and
 * before it stops. What that means depends on the connection's state (is it
 * staying up, moving, going away, or lost with the node it ran on) and, for
 * guest nodes, on the container the node lives in.
 */
import { fenceNode } from '../actions/fencing.js';
import { opKey } from '../actions/operation.js';
import { isRecurringAction } from '../actions/recurring.js';
import { Task, textToTask } from '../actions/tasks.js';
import type { Action } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { ActionFlag, Order, RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import { currentNode, type Resource } from '../model/resource.js';
import { Role } from '../model/role.js';
import { newOrdering } from '../ordering/new-ordering.js';
import { shutdownRequested } from '../unpack/status.js';

/** Where a remote node's connection stands for this transition. */
export enum ConnectionState {
  /** Not known to be recoverable until it is tried again. */
  Unknown = 0,
  /** Up, and staying up where it is. */
  Alive = 1,
  /** Down for now (its host is lost, or it is mid-migration): wait for it. */
  Resting = 2,
  /** Gone for good: what runs behind it can only be stopped by fencing. */
  Failed = 3,
  /** Cleanly stopped, or being stopped on purpose. */
  Stopped = 4,
}

export function connectionState(node: Node): ConnectionState {
  const conn = node.remoteRsc!;
  const host = currentNode(conn);
  if (conn.nextRole === Role.Stopped || conn.allocatedTo === null) {
    if (host !== null && host.unclean) return ConnectionState.Failed;
    if (!conn.is(RscFlag.Failed)) return ConnectionState.Stopped;
    // A failed connection with a reconnect interval, to a node fenced since,
    // is only known to be lost once reconnecting is tried again.
    if (conn.nextRole === Role.Stopped && conn.remoteReconnectMs > 0 && node.remoteWasFenced !== 0 && !shutdownRequested(node)) {
      return ConnectionState.Unknown;
    }
    return ConnectionState.Failed;
  }
  if (host === null) return ConnectionState.Unknown;
  if (host.unclean || !host.online) return ConnectionState.Resting;
  if (conn.runningOn.length > 1 && conn.partialMigrationSource !== null && conn.partialMigrationTarget !== null) {
    return ConnectionState.Resting;
  }
  return ConnectionState.Alive;
}

/** A Pacemaker Remote node (not a guest) whose connection is lost for good. */
export function isFailedRemoteNode(node: Node): boolean {
  return node.isRemoteOnly && node.remoteRsc !== null && connectionState(node) === ConnectionState.Failed;
}

// The orderings made here carry Preserve, which exempts them from the rule
// that user constraints must not involve connection resources.

/** `conn` starts, then `action` (runnable only if the start is). */
function afterStart(conn: Resource, action: Action, extra: number): void {
  newOrdering(conn.cluster, conn, opKey(conn.id, 'start', 0), null, action.rsc, null, action, Order.Preserve | Order.RunnableLeft | extra);
}

/** `action`, then `conn` stops. */
function beforeStop(action: Action, conn: Resource, extra: number): void {
  newOrdering(conn.cluster, action.rsc, null, action, conn, opKey(conn.id, 'stop', 0), null, Order.Preserve | extra);
}

/** Migrations leave the node they come from like stops do. */
function taskForOrdering(action: Action): Task {
  const t = action.task.toLowerCase();
  return t === 'migrate_to' || t === 'migrate_from' ? Task.Stop : textToTask(action.task);
}

/** An action on a Pacemaker Remote node, against its connection. */
function orderOnRemoteNode(action: Action): void {
  const node = action.node!;
  const conn = node.remoteRsc!;
  const state = connectionState(node);
  const task = taskForOrdering(action);
  switch (task) {
    case Task.Start:
    case Task.Promote:
      // a lost connection must be recovered for these to run at all
      afterStart(conn, action, state === ConnectionState.Failed ? Order.ImpliesThen : Order.None);
      break;
    case Task.Stop:
      if (state === ConnectionState.Alive) beforeStop(action, conn, Order.ImpliesFirst);
      else if (state === ConnectionState.Failed) {
        // nothing can reach the node: fencing it stands in for the stop
        fenceNode(conn.cluster, node, 'resources are active but connection is unrecoverable', false);
      } else if (conn.nextRole === Role.Stopped) beforeStop(action, conn, Order.ImpliesFirst);
      else afterStart(conn, action, Order.None);
      break;
    case Task.Demote:
      // when the connection is going away, the stop ordering covers demotes
      if (state === ConnectionState.Resting || state === ConnectionState.Unknown) afterStart(conn, action, Order.None);
      break;
    default:
      if (isRecurringAction(action)) {
        // restart recurring monitors whenever the connection is re-established
        afterStart(conn, action, Order.ImpliesThen);
        break;
      }
      if (task === Task.Monitor && state === ConnectionState.Failed) {
        // a probe that can never run: only fencing tells what is running there
        fenceNode(conn.cluster, node, 'resources are in unknown state and connection is unrecoverable', false);
      }
      // a connection going down for good waits for the probes that check it is safe
      if (currentNode(conn) !== null && state === ConnectionState.Stopped) beforeStop(action, conn, Order.RunnableLeft);
      else afterStart(conn, action, Order.None);
      break;
  }
}

/** An action on a guest node, against its connection and its container. */
function orderOnGuestNode(action: Action): void {
  const node = action.node!;
  const conn = node.remoteRsc!;
  const container = conn.container!;
  if (container.is(RscFlag.Failed)) fenceNode(conn.cluster, node, 'container failed', false);
  const task = taskForOrdering(action);
  switch (task) {
    case Task.Start:
    case Task.Promote:
      // recovering the container recovers what runs inside it
      afterStart(container, action, Order.ImpliesThen);
      afterStart(conn, action, Order.None);
      break;
    case Task.Stop:
    case Task.Demote:
      // a failed container's stop implies these, as fencing would
      if (!container.is(RscFlag.Failed)) beforeStop(action, conn, Order.None);
      break;
    default:
      if (isRecurringAction(action)) {
        if (task !== Task.None) afterStart(conn, action, Order.ImpliesThen);
      } else {
        afterStart(conn, action, Order.None);
      }
      break;
  }
}

/** pcmk__order_remote_connection_actions */
export function orderRemoteConnectionActions(cluster: Cluster): void {
  if (!cluster.haveRemoteNodes) return;
  for (let i = cluster.actions.length - 1; i >= 0; i--) {
    const action = cluster.actions[i]!;
    const rsc = action.rsc;
    if (rsc === null) continue;
    // clear a connection's fail count before starting it again
    if (rsc.isRemoteNode && action.task.toLowerCase() === 'clear_failcount') {
      newOrdering(cluster, rsc, null, action, rsc, opKey(rsc.id, 'start', 0), null, Order.Optional);
      continue;
    }
    const node = action.node;
    if (node === null || node.type !== 'remote' || action.is(ActionFlag.Pseudo)) continue;
    const conn = node.remoteRsc;
    if (conn === null) continue;
    if (action.task.toLowerCase() === 'start') {
      // moving to a remote node: leave the old copy running until the connection is up
      for (let j = rsc.actions.length - 1; j >= 0; j--) {
        const other = rsc.actions[j]!;
        if (other.node !== node && other.task.toLowerCase() === 'stop') {
          newOrdering(cluster, conn, opKey(conn.id, 'start', 0), null, rsc, null, other, Order.Optional);
        }
      }
    }
    if (conn.container !== null) orderOnGuestNode(action);
    else orderOnRemoteNode(action);
  }
}
