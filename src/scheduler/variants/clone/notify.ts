/**
 * Clone notifications (notify=true): around each clone-wide start, stop,
 * promote and demote, pseudo-actions bracket "pre" and "post" notify actions
 * sent to every instance concerned, each carrying the environment agents
 * read (which instances start, stop, are active... and where).
 */
import { customAction, findFirstAction } from '../../actions/create.js';
import { fencingHooks } from '../../actions/fencing-order.js';
import type { Action } from '../../model/action.js';
import { ActionFlag, Order, RscFlag } from '../../model/flags.js';
import type { Node } from '../../model/node.js';
import { type Resource, currentNode } from '../../model/resource.js';
import { Role } from '../../model/role.js';
import { addOrdering } from '../../ordering/links.js';
import { notifyKey } from '../../ordering/update.js';
import { INFINITY } from '../../util/score.js';
import { addHashParam, compareBytes, compareNumericIgnoreCase } from '../../util/text.js';
import { cloneData } from './status.js';

interface Entry {
  rsc: Resource;
  node: Node | null;
}

/** The bracketing pseudo-actions of one clone-wide action and what its notifications say. */
export interface NotifyData {
  action: string;
  pre: Action | null;
  preDone: Action | null;
  post: Action | null;
  postDone: Action | null;
  /** Environment for the notify actions, newest first (the first value of a name wins). */
  keys: [string, string][];
  allowedNodes: Resource['allowedNodes'] | null;
  active: Entry[];
  inactive: Entry[];
  unpromoted: Entry[];
  promoted: Entry[];
  start: Entry[];
  stop: Entry[];
  promote: Entry[];
  demote: Entry[];
}

function pseudoNotify(rsc: Resource, keyType: string, task: string, action: string, notifyType: string, optional: boolean, kind: string): Action {
  const op = customAction(rsc, notifyKey(rsc.id, keyType, task), kind, null, optional, true, rsc.cluster);
  addHashParam(op.meta, 'notify_type', notifyType);
  addHashParam(op.meta, 'notify_operation', action);
  addHashParam(op.meta, 'notify_key_type', keyType);
  addHashParam(op.meta, 'notify_key_operation', task);
  return op;
}

/** pe__clone_notif_pseudo_ops: pre_notify -> confirmed-pre -> `start`, and `end` -> post_notify -> confirmed-post. */
export function createNotifyPseudoOps(rsc: Resource, action: string, start: Action | null, end: Action | null): NotifyData | null {
  if (!rsc.is(RscFlag.Notify)) return null;
  const n: NotifyData = {
    action,
    pre: null,
    preDone: null,
    post: null,
    postDone: null,
    keys: [],
    allowedNodes: null,
    active: [],
    inactive: [],
    unpromoted: [],
    promoted: [],
    start: [],
    stop: [],
    promote: [],
    demote: [],
  };
  if (start !== null) {
    n.pre = pseudoNotify(rsc, 'pre', start.task, action, 'pre', start.optional, 'notify');
    n.pre.set(ActionFlag.Pseudo | ActionFlag.Runnable);
    n.preDone = pseudoNotify(rsc, 'confirmed-pre', start.task, action, 'pre', start.optional, 'notified');
    n.preDone.set(ActionFlag.Pseudo | ActionFlag.Runnable);
    addOrdering(n.preDone, start, Order.Optional);
    addOrdering(n.pre, n.preDone, Order.Optional);
  }
  if (end !== null) {
    const post = pseudoNotify(rsc, 'post', end.task, action, 'post', end.optional, 'notify');
    const postDone = pseudoNotify(rsc, 'confirmed-post', end.task, action, 'post', end.optional, 'notified');
    for (const op of [post, postDone]) {
      op.priority = INFINITY;
      op.set(ActionFlag.Pseudo);
      if (end.runnable) op.set(ActionFlag.Runnable);
      else op.clear(ActionFlag.Runnable);
    }
    n.post = post;
    n.postDone = postDone;
    addOrdering(end, post, Order.ImpliesThen);
    addOrdering(post, postDone, Order.ImpliesThen);
  }
  if (n.preDone !== null && n.post !== null) addOrdering(n.preDone, n.post, Order.Optional);
  return n;
}

/** A clone's stop notifications finish before its start notifications begin. */
export function orderNotifyPhases(stop: NotifyData | null, start: NotifyData | null): void {
  if (stop !== null && start !== null) addOrdering(stop.postDone, start.pre, Order.Optional);
}

/** Promotions are notified after starts, stops and demotions; demotions before starts and stops. */
export function orderPromotableNotifyPhases(rsc: Resource, promote: NotifyData | null, demote: NotifyData | null): void {
  if (promote === null || demote === null) return;
  const data = cloneData(rsc);
  const stop = data.stopNotify;
  const start = data.startNotify;
  addOrdering(stop?.postDone ?? null, promote.pre, Order.Optional);
  addOrdering(start?.postDone ?? null, promote.pre, Order.Optional);
  addOrdering(demote.postDone, promote.pre, Order.Optional);
  addOrdering(demote.postDone, start?.pre ?? null, Order.Optional);
  addOrdering(demote.postDone, stop?.pre ?? null, Order.Optional);
}

/** collect_notification_data: current roles (`state`) and required actions (`activity`) of every instance. */
function collectData(rsc: Resource, state: boolean, activity: boolean, n: NotifyData): void {
  n.allowedNodes ??= rsc.allowedNodes;
  if (rsc.children.length > 0) {
    for (const c of rsc.children) collectData(c, state, activity, n);
    return;
  }
  if (state) {
    const entry: Entry = { rsc, node: rsc.runningOn[0] ?? null };
    switch (rsc.role) {
      case Role.Stopped:
        n.inactive.unshift(entry);
        break;
      case Role.Started:
        n.active.unshift(entry);
        break;
      case Role.Unpromoted:
        n.unpromoted.unshift(entry);
        n.active.unshift({ ...entry });
        break;
      case Role.Promoted:
        n.promoted.unshift(entry);
        n.active.unshift({ ...entry });
        break;
      default:
        break;
    }
  }
  if (activity) {
    for (let i = rsc.actions.length - 1; i >= 0; i--) {
      const op = rsc.actions[i]!;
      if (op.optional || op.node === null) continue;
      const task = op.task.toLowerCase();
      if (!(task === 'stop' && op.node.unclean) && !op.runnable) continue;
      const entry: Entry = { rsc, node: op.node };
      if (task === 'start') n.start.unshift(entry);
      else if (task === 'stop') n.stop.unshift(entry);
      else if (task === 'promote') n.promote.unshift(entry);
      else if (task === 'demote') n.demote.unshift(entry);
    }
  }
}

function compareEntries(a: Entry, b: Entry): number {
  const r = compareBytes(a.rsc.id, b.rsc.id);
  if (r !== 0) return r;
  if (a.node === null && b.node === null) return 0;
  if (a.node === null) return 1;
  if (b.node === null) return -1;
  return compareBytes(a.node.id, b.node.id);
}

/** expand_list: instance names (and their nodes), sorted, without repeats; " " for none. */
function expandList(list: Entry[], withNodes: boolean): { rscs: string; nodes: string } {
  if (list.length === 0) return { rscs: ' ', nodes: ' ' };
  const rscs: string[] = [];
  const nodes: string[] = [];
  let last: string | null = null;
  for (const e of [...list].sort(compareEntries)) {
    if (withNodes && e.node === null) continue;
    if (e.rsc.id === last) continue;
    last = e.rsc.id;
    rscs.push(e.rsc.id);
    if (withNodes) nodes.push(e.node!.uname);
  }
  return { rscs: rscs.join(' '), nodes: nodes.join(' ') };
}

function nodeNames(nodes: Node[], hosts: boolean): string {
  if (nodes.length === 0) return ' ';
  return nodes
    .map((node) => {
      if (!hosts) return node.uname;
      const container = node.remoteRsc?.container ?? null;
      if (container !== null && container.runningOn.length > 0) return currentNode(container)!.uname;
      return node.uname;
    })
    .join(' ');
}

/** add_notif_keys: the environment, and whether the notifications are required. */
function addKeys(rsc: Resource, n: NotifyData): void {
  let required = false;
  const add = (k: string, v: string) => n.keys.unshift([k, v]);
  const stop = expandList(n.stop, true);
  if (stop.rscs !== ' ' && n.action === 'stop') required = true;
  add('notify_stop_resource', stop.rscs);
  add('notify_stop_uname', stop.nodes);
  if (n.start.length > 0 && n.action === 'start') required = true;
  const start = expandList(n.start, true);
  add('notify_start_resource', start.rscs);
  add('notify_start_uname', start.nodes);
  if (n.demote.length > 0 && n.action === 'demote') required = true;
  const demote = expandList(n.demote, true);
  add('notify_demote_resource', demote.rscs);
  add('notify_demote_uname', demote.nodes);
  if (n.promote.length > 0 && n.action === 'promote') required = true;
  const promote = expandList(n.promote, true);
  add('notify_promote_resource', promote.rscs);
  add('notify_promote_uname', promote.nodes);
  const active = expandList(n.active, true);
  add('notify_active_resource', active.rscs);
  add('notify_active_uname', active.nodes);
  const unpromoted = expandList(n.unpromoted, true);
  add('notify_unpromoted_resource', unpromoted.rscs);
  add('notify_unpromoted_uname', unpromoted.nodes);
  add('notify_slave_resource', unpromoted.rscs);
  add('notify_slave_uname', unpromoted.nodes);
  const promoted = expandList(n.promoted, true);
  add('notify_promoted_resource', promoted.rscs);
  add('notify_promoted_uname', promoted.nodes);
  add('notify_master_resource', promoted.rscs);
  add('notify_master_uname', promoted.nodes);
  add('notify_inactive_resource', expandList(n.inactive, false).rscs);
  const available = [...(n.allowedNodes ?? new Map()).values()]
    .map((x) => x.node)
    .sort((a, b) => compareNumericIgnoreCase(a.uname, b.uname));
  add('notify_available_uname', nodeNames(available, false));
  const all = rsc.cluster.nodes;
  if ((rsc.meta.get('container-attribute-target') ?? '').toLowerCase() === 'host') {
    add('notify_all_hosts', nodeNames(all, true));
  }
  add('notify_all_uname', nodeNames(all, false));
  if (required && n.pre !== null) {
    n.pre.clear(ActionFlag.Optional);
    n.preDone!.clear(ActionFlag.Optional);
  }
  if (required && n.post !== null) {
    n.post.clear(ActionFlag.Optional);
    n.postDone!.clear(ActionFlag.Optional);
  }
}

function addKeysToMeta(n: NotifyData, action: Action): void {
  for (const [k, v] of n.keys) addHashParam(action.meta, k, v);
}

/** new_notify_action: one instance's notification on a node, between the bracketing pseudo-actions. */
function newNotifyAction(rsc: Resource, node: Node, op: Action | null, confirm: Action | null, n: NotifyData): Action | null {
  if (op === null || confirm === null) return null;
  if (!node.online || !op.runnable) return null;
  const type = op.meta.get('notify_type') ?? '';
  const task = op.meta.get('notify_operation') ?? '';
  const trigger = customAction(rsc, notifyKey(rsc.id, type, task), op.task, node, op.optional, true, rsc.cluster);
  for (const [k, v] of op.meta) addHashParam(trigger.meta, k, v);
  addKeysToMeta(n, trigger);
  addOrdering(op, trigger, Order.Optional);
  addOrdering(trigger, confirm, Order.Optional);
  return trigger;
}

function newPostNotifyAction(rsc: Resource, node: Node, n: NotifyData): void {
  const notify = newNotifyAction(rsc, node, n.post, n.postDone, n);
  if (notify !== null) notify.priority = INFINITY;
  if (n.postDone === null) return;
  for (let i = rsc.actions.length - 1; i >= 0; i--) {
    const mon = rsc.actions[i]!;
    const interval = mon.meta.get('interval');
    if (interval === undefined || interval === '0' || mon.task === 'cancel') continue;
    addOrdering(n.postDone, mon, Order.Optional);
  }
}

/** create_notify_actions: each instance's notify actions for one clone-wide action. */
function createNotifyActions(rsc: Resource, n: NotifyData): void {
  if (rsc.children.length > 0) {
    for (const c of rsc.children) createNotifyActions(c, n);
    return;
  }
  for (let i = rsc.actions.length - 1; i >= 0; i--) {
    const op = rsc.actions[i]!;
    if (op.optional || op.node === null) continue;
    const t = op.task.toLowerCase();
    if (t === 'start' || t === 'stop' || t === 'promote' || t === 'demote') addKeysToMeta(n, op);
  }
  const task = n.action;
  if (task === 'start' && n.start.length === 0) return;
  if (task === 'promote' && n.promote.length === 0) return;
  if (task === 'demote' && n.demote.length === 0) return;
  const stop = findFirstAction(rsc, 'stop');
  const start = findFirstAction(rsc, 'start');
  if (rsc.role !== Role.Stopped && (task === 'stop' || task === 'demote')) {
    for (const current of rsc.runningOn) {
      if (stop !== null && stop.pseudo && (current.unclean || current.remoteRequiresReset)) continue;
      newNotifyAction(rsc, current, n.pre, n.preDone, n);
      if (task === 'demote' || stop === null || stop.optional) newPostNotifyAction(rsc, current, n);
    }
  }
  if (rsc.nextRole !== Role.Stopped && rsc.allocatedTo !== null && (task === 'start' || task === 'promote')) {
    if (start !== null && start.node !== null) {
      const remote = start.node.remoteRsc;
      const remoteStart = remote ? findFirstAction(remote, 'start') : null;
      if (remoteStart !== null && !remoteStart.runnable) return;
    }
    if (task !== 'start' || start === null || start.optional) {
      newNotifyAction(rsc, rsc.allocatedTo.node, n.pre, n.preDone, n);
    }
    newPostNotifyAction(rsc, rsc.allocatedTo.node, n);
  }
}

function createActionNotifications(rsc: Resource, n: NotifyData | null): void {
  if (n === null) return;
  collectData(rsc, true, true, n);
  addKeys(rsc, n);
  createNotifyActions(rsc, n);
}

/** pe__create_clone_notifications */
export function createCloneNotifications(rsc: Resource): void {
  const data = cloneData(rsc);
  createActionNotifications(rsc, data.startNotify);
  createActionNotifications(rsc, data.stopNotify);
  createActionNotifications(rsc, data.promoteNotify);
  createActionNotifications(rsc, data.demoteNotify);
}

/** pe__order_notifs_after_fencing: a stop implied by fencing is notified after the fencing. */
function orderNotifsAfterFencing(stop: Action, rsc: Resource, fence: Action): void {
  const n = createNotifyPseudoOps(rsc, 'stop', null, fence);
  if (n === null) return;
  collectData(rsc, true, false, n);
  n.keys.unshift(['notify_stop_resource', rsc.id]);
  n.keys.unshift(['notify_stop_uname', stop.node!.uname]);
  createNotifyActions(rsc.top, n);
}

fencingHooks.orderNotifsAfterFencing = orderNotifsAfterFencing;
