/**
 * The transition summary: what happens to each node (fencing, shutdown) and
 * each resource (Start, Stop, Move, Recover, Restart, Migrate, Promote...),
 * as crm_simulate prints it (pcmk__output_actions, "rsc-action").
 */
import { findActions, resourceActions, rscActionsByKey } from '../actions/create.js';
import { opKey } from '../actions/operation.js';
import type { Action } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import { type Resource, currentNode } from '../model/resource.js';
import { Role, roleName } from '../model/role.js';

/** One line of the summary, before formatting. */
export interface SummaryItem {
  change: string;
  rsc: Resource;
  origin: Node | null;
  destination: Node | null;
  action: Action;
  source: Action | null;
}

export interface NodeActionItem {
  task: string;
  node: string | null;
  reason: string;
}

export interface TransitionSummary {
  nodeActions: NodeActionItem[];
  items: SummaryItem[];
}

const collecting = new WeakMap<Cluster, SummaryItem[]>();

function item(
  change: string,
  rsc: Resource,
  origin: Node | null,
  destination: Node | null,
  action: Action | null,
  source: Action | null,
): void {
  if (action === null) throw new Error(`no action for ${change} of ${rsc.id}`);
  collecting.get(rsc.cluster)!.push({ change, rsc, origin, destination, action, source });
}

function first(list: Action[]): Action | null {
  return list[0] ?? null;
}

/** rsc-action: the summary lines of one primitive. */
function primitiveSummary(rsc: Resource, current: Node | null, next: Node | null): void {
  if (!rsc.is(RscFlag.Managed) || (current === null && next === null)) return;
  const moving = current !== null && next !== null && current !== next;
  const start = first(resourceActions(rsc, next, 'start', false));
  const startNode = start === null || !start.runnable ? null : current;
  let stop = first(resourceActions(rsc, startNode, 'stop', false));
  if (stop === null && rsc.is(RscFlag.StopUnexpected)) stop = first(resourceActions(rsc, null, 'stop', false));
  const promote = first(resourceActions(rsc, next, 'promote', false));
  const demote = first(resourceActions(rsc, next, 'demote', false));

  if (rsc.role === rsc.nextRole) {
    if (next === null) return;
    const migrate = first(resourceActions(rsc, next, 'migrate_from', false));
    if (migrate !== null && current !== null && migrate.runnable) {
      item('Migrate', rsc, current, next, start, null);
    } else if (rsc.is(RscFlag.Reload)) {
      item('Reload', rsc, current, next, start, null);
    } else if (start === null || start.optional) {
      if (demote !== null && promote !== null && !demote.optional && !promote.optional) {
        item('Re-promote', rsc, current, next, promote, demote);
      }
    } else if (!start.runnable) {
      item('Stop', rsc, current, null, stop, stop !== null && stop.reason !== null ? stop : start);
    } else if (moving && current !== null) {
      item(rsc.is(RscFlag.Failed) ? 'Recover' : 'Move', rsc, current, next, stop, null);
    } else if (rsc.is(RscFlag.Failed)) {
      item('Recover', rsc, current, null, stop, null);
    } else {
      item('Restart', rsc, current, next, start, null);
    }
    return;
  }

  if (stop !== null && (rsc.nextRole === Role.Stopped || (start !== null && !start.runnable))) {
    const key = opKey(rsc.id, 'stop', 0);
    for (const node of rsc.runningOn) {
      const stopOp = first(findActions(rscActionsByKey(rsc, key), node));
      item('Stop', rsc, node, null, stopOp, stopOp !== null && stopOp.reason !== null ? stopOp : start);
    }
  } else if (stop !== null && rsc.is(RscFlag.Failed) && rsc.is(RscFlag.Stop)) {
    item('Recover', rsc, current, next, stop, start);
  } else if (moving) {
    item('Move', rsc, current, next, stop, null);
  } else if (rsc.is(RscFlag.Reload)) {
    item('Reload', rsc, current, next, start, null);
  } else if (stop !== null && !stop.optional) {
    item('Restart', rsc, current, next, start, null);
  } else if (rsc.role === Role.Promoted) {
    item('Demote', rsc, current, next, demote, null);
  } else if (rsc.nextRole === Role.Promoted) {
    item('Promote', rsc, current, next, promote, null);
  } else if (rsc.role === Role.Stopped && rsc.nextRole > Role.Stopped) {
    item('Start', rsc, current, next, start, null);
  }
}

/** pcmk__output_resource_actions */
export function outputResourceActions(rsc: Resource): void {
  if (rsc.children.length > 0) {
    for (const child of rsc.children) child.cmds.outputActions(child);
    return;
  }
  const next = rsc.allocatedTo?.node ?? null;
  let current: Node | null = null;
  if (rsc.runningOn.length > 0) {
    current = currentNode(rsc);
    if (rsc.role === Role.Stopped) rsc.role = Role.Started;
  }
  if (current === null && rsc.is(RscFlag.Orphan)) return;
  primitiveSummary(rsc, current, next);
}

/** pcmk__output_actions: node actions, then every resource's. */
export function collectTransitionSummary(cluster: Cluster): TransitionSummary {
  const nodeActions: NodeActionItem[] = [];
  for (let i = cluster.actions.length - 1; i >= 0; i--) {
    const action = cluster.actions[i]!;
    if (action.rsc !== null || action.optional) continue;
    let task: string;
    if (action.task.toLowerCase() === 'do_shutdown') task = 'Shutdown';
    else if (action.task.toLowerCase() === 'stonith') task = `Fence (${action.meta.get('stonith_action')})`;
    else continue;
    let nodeName: string | null = null;
    if (action.node !== null && action.node.isGuest) {
      nodeName = `${action.node.uname} (resource: ${action.node.remoteRsc!.container!.id})`;
    } else if (action.node !== null) {
      nodeName = action.node.uname;
    }
    if (action.reason !== null) nodeActions.push({ task, node: nodeName, reason: action.reason });
  }
  const items: SummaryItem[] = [];
  collecting.set(cluster, items);
  for (const rsc of cluster.resources) rsc.cmds.outputActions(rsc);
  collecting.delete(cluster);
  return { nodeActions, items };
}

function details(i: SummaryItem): string {
  const { rsc, origin, destination } = i;
  const needRole = rsc.role > Role.Started || rsc.nextRole > Role.Unpromoted;
  const sameHost = origin !== null && destination !== null && origin === destination;
  const sameRole = rsc.role === rsc.nextRole;
  const o = origin?.uname ?? '';
  const d = destination?.uname ?? '';
  if (needRole && origin === null) return `${roleName(rsc.role)} -> ${roleName(rsc.nextRole)} ${d}`;
  if (origin === null) return d;
  if (needRole && destination === null) return `${roleName(rsc.role)} ${o}`;
  if (destination === null) return o;
  if (needRole && sameRole && sameHost) return `${roleName(rsc.role)} ${o}`;
  if (sameRole && sameHost) return o;
  if (needRole && sameRole) return `${o} -> ${d} ${roleName(rsc.role)}`;
  if (sameRole) return `${o} -> ${d}`;
  if (sameHost) return `${roleName(rsc.role)} -> ${roleName(rsc.nextRole)} ${o}`;
  return `${roleName(rsc.role)} ${o} -> ${roleName(rsc.nextRole)} ${d}`;
}

/** Column widths: they only grow, from one output of the summary to the next (static in Pacemaker). */
const widths = new WeakMap<Cluster, { rsc: number; detail: number }>();

/**
 * One output of the transition summary (node actions, then resources), as
 * text lines. The scheduler outputs it once to the log, so call this once
 * when scheduling and again for display: resource roles and column widths
 * carry over, as in Pacemaker.
 */
export function transitionSummaryLines(cluster: Cluster): string[] {
  let w = widths.get(cluster);
  if (!w) widths.set(cluster, (w = { rsc: 5, detail: 5 }));
  const summary = collectTransitionSummary(cluster);
  const lines: string[] = [];
  for (const n of summary.nodeActions) lines.push(`${n.task} ${n.node ?? '(null)'} '${n.reason}'`);
  for (const i of summary.items) {
    const len = i.rsc.id.length;
    if (len > w.rsc) w.rsc = len + 2;
    const d = details(i);
    if (d.length > w.detail) w.detail = d.length;
    const source = i.source ?? i.action;
    let reason: string | null = null;
    if (source.reason !== null && !i.action.runnable) reason = `due to ${source.reason} (blocked)`;
    else if (source.reason !== null) reason = `due to ${source.reason}`;
    else if (!i.action.runnable) reason = 'blocked';
    lines.push(`${i.change.padEnd(8)}   ${i.rsc.id.padEnd(w.rsc)}   ( ${d.padStart(w.detail)} )${reason ? '  ' + reason : ''}`);
  }
  return lines;
}
