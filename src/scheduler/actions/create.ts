/**
 * Creating and finding actions (custom_action and friends). An action is
 * identified by its key and node; asking again for an existing one updates
 * it (it may become required) rather than duplicating it.
 */
import { Action, Needs } from '../model/action.js';
import { type Cluster, NoQuorumPolicy } from '../model/cluster.js';
import { ActionFlag, RscFlag } from '../model/flags.js';
import { type Node, sameNodeId } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { Role } from '../model/role.js';
import { unpackSets } from '../unpack/sets.js';
import { fenceNode } from './fencing.js';
import { findOpEntry, keyInterval, opKey, unpackOperation } from './operation.js';

function sameNode(a: Node | null, b: Node | null): boolean {
  return a === b;
}

/**
 * find_actions over actions of one key: those on this node (any node when
 * null); an action without a node matches and takes the node. Oldest first.
 */
export function findActions(list: readonly Action[] | undefined, node: Node | null): Action[] {
  const out: Action[] = [];
  if (!list) return out;
  for (const a of list) {
    if (node === null) out.push(a);
    else if (a.node === null) {
      a.node = node;
      out.push(a);
    } else if (sameNode(a.node, node)) out.push(a);
  }
  return out;
}

/** find_actions_exact: actions with this key on exactly this node. */
export function findActionsExact(list: readonly Action[] | undefined, key: string, node: Node | null): Action[] {
  if (!list || node === null) return [];
  return list.filter((a) => a.node !== null && sameNodeId(a.node, node) && a.uuid === key);
}

/** The actions of a resource with this key (case-insensitive, as Pacemaker compares). */
export function rscActionsByKey(rsc: Resource, key: string): Action[] | undefined {
  return rsc.actionsByKey.get(key.toLowerCase());
}

/** A resource's key for a task at interval 0, as is and in lower case (asked for all the time). */
function taskKey(rsc: Resource, task: string): { key: string; lower: string } {
  let k = rsc.taskKeys.get(task);
  if (k === undefined) {
    const key = opKey(rsc.id, task, 0);
    k = { key, lower: key.toLowerCase() };
    rsc.taskKeys.set(task, k);
  }
  return k;
}

/** pe__resource_actions: a resource's actions of a task (interval 0) on a node. */
export function resourceActions(rsc: Resource, node: Node | null, task: string, requireNode: boolean): Action[] {
  if (rsc.actions.length === 0) return [];
  const { key, lower } = taskKey(rsc, task);
  const list = rsc.actionsByKey.get(lower);
  return requireNode ? findActionsExact(list, key, node) : findActions(list, node);
}

/** The newest-first order Pacemaker keeps a resource's actions in. */
export function newestFirst<T>(list: readonly T[]): T[] {
  return [...list].reverse();
}

function registerAction(cluster: Cluster, action: Action): void {
  action.id = cluster.actionId++;
  cluster.actions.push(action);
  const key = action.uuid.toLowerCase();
  if (action.rsc === null) {
    cluster.singletons.set(action.uuid, action);
    let l = cluster.nodelessActionsByKey.get(key);
    if (!l) cluster.nodelessActionsByKey.set(key, (l = []));
    l.push(action);
  } else {
    const rsc = action.rsc;
    rsc.actions.push(action);
    let l = rsc.actionsByKey.get(key);
    if (!l) rsc.actionsByKey.set(key, (l = []));
    l.push(action);
    addToList(rsc.actionsByTask, action.task.toLowerCase(), action);
  }
}

function addToList(index: Map<string, Action[]>, key: string, action: Action): void {
  const l = index.get(key);
  if (l) l.push(action);
  else index.set(key, [action]);
}

/** Gives an action another task (rare), keeping its resource's index by task. */
export function changeTask(action: Action, task: string): void {
  const rsc = action.rsc;
  const old = action.task.toLowerCase();
  action.task = task;
  if (rsc === null) return;
  for (const t of [old, task.toLowerCase()]) rsc.actionsByTask.set(t, rsc.actions.filter((a) => a.task.toLowerCase() === t));
}

function newAction(
  cluster: Cluster,
  key: string,
  task: string,
  rsc: Resource | null,
  node: Node | null,
  optional: boolean,
  forGraph: boolean,
): Action {
  const action = new Action(rsc, node, task, key);
  if (task === 'lrm_delete') action.set(ActionFlag.Dc);
  action.set(ActionFlag.Runnable);
  if (optional) action.set(ActionFlag.Optional);
  else action.clear(ActionFlag.Optional);
  if (rsc) {
    action.opEntry = findOpEntry(rsc, key, true);
    unpackOperation(action, action.opEntry, keyInterval(key));
  }
  if (forGraph) registerAction(cluster, action);
  return action;
}

function updateOptional(action: Action, optional: boolean): void {
  if (
    action.rsc &&
    action.node &&
    !action.is(ActionFlag.Pseudo) &&
    !action.rsc.is(RscFlag.Managed) &&
    !action.meta.has('interval')
  ) {
    action.set(ActionFlag.Optional);
  } else if (!optional) {
    action.clear(ActionFlag.Optional);
  }
}

function effectiveQuorumPolicy(rsc: Resource, cluster: Cluster): NoQuorumPolicy {
  if (cluster.haveQuorum) return NoQuorumPolicy.Ignore;
  if (cluster.noQuorumPolicy === NoQuorumPolicy.Demote) {
    if (rsc.role === Role.Promoted || rsc.role === Role.Unpromoted) {
      if (rsc.nextRole > Role.Unpromoted) rsc.setNextRole(Role.Unpromoted);
      return NoQuorumPolicy.Ignore;
    }
    return NoQuorumPolicy.Stop;
  }
  return cluster.noQuorumPolicy;
}

/** Whether fencing a node is possible (pe_can_fence). */
export function canFence(cluster: Cluster, node: Node | null): boolean {
  if (node && node.isGuest) {
    const container = node.remoteRsc!.container!;
    for (const n of container.runningOn) {
      if (!n.online && !canFence(cluster, n)) return false;
    }
    return true;
  }
  if (!cluster.stonithEnabled) return false;
  if (!cluster.haveStonithResource) return false;
  if (cluster.haveQuorum) return true;
  if (cluster.noQuorumPolicy === NoQuorumPolicy.Ignore) return true;
  if (node === null) return false;
  return node.online;
}

function updateRunnable(action: Action, forGraph: boolean, cluster: Cluster): void {
  if (action.is(ActionFlag.Pseudo)) return;
  const rsc = action.rsc!;
  const node = action.node;
  if (node === null) {
    action.clear(ActionFlag.Runnable);
  } else if (!action.is(ActionFlag.Dc) && !node.online && (!node.isGuest || node.remoteRequiresReset)) {
    action.clear(ActionFlag.Runnable);
    if (rsc.is(RscFlag.Managed) && forGraph && action.task === 'stop' && !node.unclean) {
      fenceNode(cluster, node, 'stop is unrunnable', false);
    }
  } else if (!action.is(ActionFlag.Dc) && node.pending) {
    action.clear(ActionFlag.Runnable);
  } else if (action.needs === Needs.Nothing) {
    action.setReason(null, true);
    if (node.isGuest && !canFence(cluster, node)) action.clear(ActionFlag.Runnable);
    else action.set(ActionFlag.Runnable);
  } else {
    switch (effectiveQuorumPolicy(rsc, cluster)) {
      case NoQuorumPolicy.Stop:
        action.clear(ActionFlag.Runnable);
        action.setReason('no quorum', true);
        break;
      case NoQuorumPolicy.Freeze:
        if (!rsc.fns.active(rsc, true) || rsc.nextRole > rsc.role) {
          action.clear(ActionFlag.Runnable);
          action.setReason('quorum freeze', true);
        }
        break;
      default:
        action.set(ActionFlag.Runnable);
    }
  }
}

/**
 * custom_action: the action with this key on this node, created if needed
 * (and recorded for the graph when `save`), made required unless optional.
 */
export function customAction(
  rsc: Resource | null,
  key: string,
  task: string,
  node: Node | null,
  optional: boolean,
  save: boolean,
  cluster: Cluster,
): Action {
  let action: Action | undefined;
  if (save) {
    const list = rsc ? rscActionsByKey(rsc, key) : cluster.nodelessActionsByKey.get(key.toLowerCase());
    action = findActions(list, node)[0];
  }
  if (!action) action = newAction(cluster, key, task, rsc, node, optional, save);
  updateOptional(action, optional);
  if (rsc) {
    if (action.node && !action.is(ActionFlag.HaveNodeAttrs) && action.opEntry) {
      action.set(ActionFlag.HaveNodeAttrs);
      unpackSets(cluster, action.opEntry, 'instance_attributes', action.extra, {
        rule: { nodeAttrs: action.node.attrs },
      });
    }
    updateRunnable(action, save, cluster);
    if (save) {
      if (action.task === 'stop') rsc.set(RscFlag.Stopping);
      else if (action.task === 'start') {
        if (action.is(ActionFlag.Runnable)) rsc.set(RscFlag.Starting);
        else rsc.clear(RscFlag.Starting);
      }
    }
  }
  return action;
}

/** A resource's action with the usual key. */
export function rscAction(rsc: Resource, task: string, node: Node | null, optional: boolean): Action {
  return customAction(rsc, opKey(rsc.id, task, 0), task, node, optional, true, rsc.cluster);
}

export const stopAction = (rsc: Resource, node: Node | null, optional: boolean) => rscAction(rsc, 'stop', node, optional);
export const startAction = (rsc: Resource, node: Node | null, optional: boolean) => rscAction(rsc, 'start', node, optional);
export const demoteAction = (rsc: Resource, node: Node | null, optional: boolean) =>
  rscAction(rsc, 'demote', node, optional);
export const promoteAction = (rsc: Resource, node: Node | null, optional: boolean) =>
  rscAction(rsc, 'promote', node, optional);

/** get_pseudo_op: a cluster-wide pseudo-action, created once. */
export function pseudoOp(cluster: Cluster, name: string): Action {
  let op = cluster.singletons.get(name);
  if (!op) {
    op = customAction(null, name, name, null, true, true, cluster);
    op.set(ActionFlag.Pseudo | ActionFlag.Runnable);
  }
  return op;
}

/** pe__new_rsc_pseudo_action: a resource's pseudo-action (a group's "running"). */
export function rscPseudoAction(rsc: Resource, task: string, optional: boolean, runnable: boolean): Action {
  const action = customAction(rsc, opKey(rsc.id, task, 0), task, null, optional, true, rsc.cluster);
  action.set(ActionFlag.Pseudo);
  if (runnable) action.set(ActionFlag.Runnable);
  return action;
}

/** Adds the expected result of an action (probes expect "not running"). */
export function addExpectedResult(action: Action, rc: number): void {
  action.meta.set('op_target_rc', String(rc));
}

/** pe__clear_resource_history: forget a resource's history on a node. */
export function clearResourceHistory(rsc: Resource, node: Node): Action {
  return customAction(rsc, opKey(rsc.id, 'lrm_delete', 0), 'lrm_delete', node, false, true, rsc.cluster);
}

/** The first action of a task among a resource's actions (find_first_action, newest first). */
export function findFirstAction(rsc: Resource, task: string, node: Node | null = null): Action | null {
  const list = rsc.actionsByTask.get(task.toLowerCase());
  if (list === undefined) return null;
  for (let i = list.length - 1; i >= 0; i--) {
    const a = list[i]!;
    if (node !== null && a.node !== node) continue;
    return a;
  }
  return null;
}
