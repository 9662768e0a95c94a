/**
 * Recurring actions (monitors with an interval): scheduled for the role a
 * resource will have, cancelled when the role changes, and, for monitors of
 * the Stopped role, scheduled on every node where the resource must not run.
 */
import type { Action } from '../model/action.js';
import { ActionFlag, Order, RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { Role, parseRole } from '../model/role.js';
import { addOrdering } from '../ordering/links.js';
import { newOrdering } from '../ordering/new-ordering.js';
import { parseInterval } from '../util/interval.js';
import { addHashParam } from '../util/text.js';
import { addExpectedResult, changeTask, customAction, findActionsExact, resourceActions, rscActionsByKey, startAction } from './create.js';
import { findOpEntry, opKey } from './operation.js';

interface OpHistory {
  id: string;
  name: string;
  key: string;
  role: Role;
  intervalMs: number;
}

const CANNOT_RECUR = new Set(['stop', 'start', 'demote', 'promote', 'reload-agent', 'migrate_to', 'migrate_from']);

function isOpDup(rsc: Resource, name: string | undefined, intervalMs: number): boolean {
  let id: string | undefined;
  for (const op of rsc.opsXml?.elements('op') ?? []) {
    if (op.attrs['name'] !== name || parseInterval(op.attrs['interval']) !== intervalMs) continue;
    if (op.attrs['id'] === undefined) continue;
    if (id === undefined) id = op.attrs['id'];
    else {
      rsc.cluster.configError(
        `Operation ${op.attrs['id']} is duplicate of ${id} (do not use same name and interval combination more than once per resource)`,
      );
      return true;
    }
  }
  return false;
}

function recurringHistory(rsc: Resource, xml: import('../../cib/xml/node.js').XmlElement): OpHistory | null {
  const intervalMs = parseInterval(xml.attrs['interval']);
  if (intervalMs === 0) return null;
  const id = xml.attrs['id'];
  if (!id) {
    rsc.cluster.configError('Ignoring resource history entry without ID');
    return null;
  }
  const name = xml.attrs['name'];
  if (name !== undefined && CANNOT_RECUR.has(name)) {
    rsc.cluster.configError(`Ignoring ${id} because ${name} action cannot be recurring`);
    return null;
  }
  if (isOpDup(rsc, name, intervalMs)) return null;
  const roleText = xml.attrs['role'];
  let role = Role.Unknown;
  if (roleText !== undefined) {
    role = parseRole(roleText);
    if (role === Role.Unknown) rsc.cluster.configError(`Ignoring ${id} because ${roleText} is not a valid role`);
  }
  const key = opKey(rsc.id, name ?? '', intervalMs);
  if (findOpEntry(rsc, key, false) === null) return null;
  return { id, name: name ?? '', key, role, intervalMs };
}

function activeShouldBeOptional(rsc: Resource, node: Node | null, key: string, start: Action): boolean {
  if (node === null) return false;
  if (!(rsc.cmds.actionFlags(start, null) & ActionFlag.Optional)) return false;
  const matches = findActionsExact(rscActionsByKey(rsc, key), key, node);
  if (matches.length === 0) return false;
  for (const op of matches) if (op.is(ActionFlag.Reschedule)) return false;
  return true;
}

/** pcmk__new_cancel_action */
export function newCancelAction(rsc: Resource, task: string, intervalMs: number, node: Node): Action {
  const key = opKey(rsc.id, task, intervalMs);
  const cancel = customAction(rsc, key, 'cancel', node, false, true, rsc.cluster);
  changeTask(cancel, 'cancel');
  cancel.cancelTask = task;
  addHashParam(cancel.meta, 'operation', task);
  addHashParam(cancel.meta, 'interval', String(intervalMs));
  return cancel;
}

/** pcmk__schedule_cancel: cancel a recurring action after any stop. */
export function scheduleCancel(rsc: Resource, callId: string | undefined, task: string, intervalMs: number, node: Node): void {
  const cancel = newCancelAction(rsc, task, intervalMs, node);
  addHashParam(cancel.meta, 'call-id', callId);
  newOrdering(rsc.cluster, rsc, opKey(rsc.id, 'stop', 0), null, rsc, null, cancel, Order.Optional);
}

/** pcmk__reschedule_recurring */
export function rescheduleRecurring(rsc: Resource, task: string, intervalMs: number, node: Node): void {
  const op = customAction(rsc, opKey(rsc.id, task, intervalMs), task, node, true, true, rsc.cluster);
  op.set(ActionFlag.Reschedule);
}

function forActive(rsc: Resource, start: Action, node: Node | null, op: OpHistory): void {
  if (op.role === Role.Stopped) return;
  const cluster = rsc.cluster;
  const optional = activeShouldBeOptional(rsc, node, op.key, start);
  if (
    (op.role !== Role.Unknown && rsc.nextRole !== op.role) ||
    (op.role === Role.Unknown && rsc.nextRole === Role.Promoted)
  ) {
    if (optional) {
      const cancel = newCancelAction(rsc, op.name, op.intervalMs, node!);
      let after: string | null = null;
      switch (rsc.role) {
        case Role.Unpromoted:
        case Role.Started:
          if (rsc.nextRole === Role.Promoted) after = opKey(rsc.id, 'promote', 0);
          else if (rsc.nextRole === Role.Stopped) after = opKey(rsc.id, 'stop', 0);
          break;
        case Role.Promoted:
          after = opKey(rsc.id, 'demote', 0);
          break;
        default:
          break;
      }
      if (after) newOrdering(cluster, rsc, null, cancel, rsc, after, null, Order.RunnableLeft);
    }
    return;
  }
  const mon = customAction(rsc, op.key, op.name, node, optional, true, cluster);
  if (!start.is(ActionFlag.Runnable)) mon.clear(ActionFlag.Runnable);
  else if (node === null || !node.online || node.unclean) mon.clear(ActionFlag.Runnable);
  if (rsc.nextRole === Role.Promoted) addExpectedResult(mon, 8);
  if (node === null || rsc.is(RscFlag.Managed)) {
    const flags = Order.ImpliesThen | Order.RunnableLeft;
    newOrdering(cluster, rsc, opKey(rsc.id, 'start', 0), null, null, mon.uuid, mon, flags);
    newOrdering(cluster, rsc, opKey(rsc.id, 'reload-agent', 0), null, null, mon.uuid, mon, flags);
    if (rsc.nextRole === Role.Promoted) {
      newOrdering(cluster, rsc, opKey(rsc.id, 'promote', 0), null, rsc, null, mon, Order.Optional | Order.RunnableLeft);
    } else if (rsc.role === Role.Promoted) {
      newOrdering(cluster, rsc, opKey(rsc.id, 'demote', 0), null, rsc, null, mon, Order.Optional | Order.RunnableLeft);
    }
  }
}

function cancelIfRunning(rsc: Resource, node: Node, key: string, name: string, intervalMs: number): void {
  if (findActionsExact(rscActionsByKey(rsc, key), key, node).length === 0) return;
  const cancel = newCancelAction(rsc, name, intervalMs, node);
  if (rsc.nextRole === Role.Started || rsc.nextRole === Role.Unpromoted) {
    newOrdering(rsc.cluster, rsc, null, cancel, rsc, opKey(rsc.id, 'start', 0), null, Order.RunnableLeft);
  }
}

function orderAfterProbes(rsc: Resource, node: Node, action: Action): void {
  for (const probe of resourceActions(rsc, node, 'monitor', false)) addOrdering(probe, action, Order.RunnableLeft);
}

function orderAfterStops(rsc: Resource, node: Node, action: Action): void {
  for (const stop of resourceActions(rsc, node, 'stop', true)) {
    if (!stop.optional && !action.optional && !rsc.is(RscFlag.Managed)) action.set(ActionFlag.Optional);
    if (!stop.runnable) action.clear(ActionFlag.Runnable);
    if (rsc.is(RscFlag.Managed)) {
      newOrdering(rsc.cluster, rsc, opKey(rsc.id, 'stop', 0), stop, null, null, action, Order.ImpliesThen | Order.RunnableLeft);
    }
  }
}

function forInactive(rsc: Resource, node: Node | null, op: OpHistory): void {
  if (op.role !== Role.Stopped) return;
  if (!rsc.is(RscFlag.Unique)) return;
  for (const stopNode of rsc.cluster.nodes) {
    if (node !== null && stopNode.uname.toLowerCase() === node.uname.toLowerCase()) {
      cancelIfRunning(rsc, node, op.key, op.name, op.intervalMs);
      continue;
    }
    const optional = findActionsExact(rscActionsByKey(rsc, op.key), op.key, stopNode).length > 0;
    const mon = customAction(rsc, op.key, op.name, stopNode, optional, true, rsc.cluster);
    addExpectedResult(mon, 7);
    if (rsc.is(RscFlag.Managed)) orderAfterProbes(rsc, stopNode, mon);
    orderAfterStops(rsc, stopNode, mon);
    if (!stopNode.online || stopNode.unclean) mon.clear(ActionFlag.Runnable);
  }
}

/** pcmk__create_recurring_actions */
export function createRecurringActions(rsc: Resource): void {
  if (rsc.is(RscFlag.Block)) return;
  if (rsc.is(RscFlag.Maintenance)) return;
  let start: Action | null = null;
  const assigned = rsc.allocatedTo?.node ?? null;
  if (assigned === null) {
    // nothing for active roles
  } else if (assigned.maintenance) {
    // none on a node in maintenance
  } else if (rsc.nextRole !== Role.Stopped || !rsc.is(RscFlag.Managed)) {
    start = startAction(rsc, assigned, true);
  }
  for (const xml of rsc.opsXml?.elements('op') ?? []) {
    const op = recurringHistory(rsc, xml);
    if (!op) continue;
    if (start) forActive(rsc, start, assigned, op);
    forInactive(rsc, assigned, op);
  }
}

/** Whether an action is a recurring one (has a non-zero interval). */
export function isRecurringAction(action: Action): boolean {
  const v = action.meta.get('interval');
  return v !== undefined && Number(v) > 0;
}
