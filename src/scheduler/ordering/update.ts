/**
 * Propagating flags along orderings (pcmk__update_action_for_orderings):
 * a required "first" may make "then" required, an unrunnable "first" may
 * make "then" unrunnable, and so on, until nothing changes. Each kind of
 * resource decides how an ordering updates its actions
 * (updateOrderedActions); this file has the shared machinery and the
 * primitive behaviour.
 */
import { opKey, parseOpKey } from '../actions/operation.js';
import { Task, taskToText, textToTask } from '../actions/tasks.js';
import { findFirstAction } from '../actions/create.js';
import type { Action } from '../model/action.js';
import { ActionFlag, Order, RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import { type Resource, isClone, resourceLocation } from '../model/resource.js';
import { Role } from '../model/role.js';
import { addOrdering } from './links.js';
import { blockColocationDependents } from './colocation-blocking.js';

export const Updated = { None: 0, First: 0x1, Then: 0x2 } as const;

/** pe__action2reason */
function actionReason(action: Action, flag: number): string {
  const change = flag === ActionFlag.Optional ? 'required' : 'unrunnable';
  return `${change}${action.rsc ? ' ' + action.rsc.id : ''} ${action.task}`;
}

/** Clears a flag and, when caused by another resource's action, records why. */
export function clearActionFlagBecause(action: Action, flag: number, reason: Action): void {
  if (!action.is(flag)) return;
  action.clear(flag);
  if (action.rsc !== reason.rsc) action.setReason(actionReason(reason, flag), flag === ActionFlag.MigrateRunnable);
}

function actionFlagsForOrdering(action: Action, node: Node | null): number {
  if (action.rsc === null) return action.flags;
  let flags = action.rsc.cmds.actionFlags(action, null);
  if (node === null || !isClone(action.rsc)) return flags;
  const runnable = (flags & ActionFlag.Runnable) !== 0;
  flags = action.rsc.cmds.actionFlags(action, node);
  if (runnable && !(flags & ActionFlag.Runnable)) flags |= ActionFlag.Runnable;
  return flags;
}

/** pcmk__notify_key */
export function notifyKey(rscId: string, type: string, op: string): string {
  return `${rscId}_${type}_notify_${op}_0`;
}

function actionUuidForOrdering(firstUuid: string, firstRsc: Resource): string {
  if (firstUuid.includes('notify') || firstRsc.variant === 'primitive') return firstUuid;
  const parsed = parseOpKey(firstUuid);
  if (!parsed || parsed.interval > 0) return firstUuid;
  const task = textToTask(parsed.task);
  let remapped = Task.None;
  switch (task) {
    case Task.Stop:
    case Task.Start:
    case Task.Notify:
    case Task.Promote:
    case Task.Demote:
      remapped = task + 1;
      break;
    case Task.Stopped:
    case Task.Started:
    case Task.Notified:
    case Task.Promoted:
    case Task.Demoted:
      remapped = task;
      break;
    default:
      break;
  }
  if (remapped === Task.None) return firstUuid;
  if (
    firstRsc.is(RscFlag.Notify) &&
    (firstRsc.parent === null || (isClone(firstRsc) && firstRsc.parent.variant === 'bundle'))
  ) {
    return notifyKey(parsed.rsc, 'confirmed-post', taskToText(remapped));
  }
  return opKey(parsed.rsc, taskToText(remapped), 0);
}

/** A collective resource's "start" stands for its "running" (and so on) in orderings. */
function actionForOrdering(action: Action): Action {
  const rsc = action.rsc;
  if (rsc === null || rsc.variant === 'primitive') return action;
  const uuid = actionUuidForOrdering(action.uuid, rsc);
  const lower = uuid.toLowerCase();
  for (let i = rsc.actions.length - 1; i >= 0; i--) {
    const a = rsc.actions[i]!;
    if (a.uuid.toLowerCase() === lower) return a;
  }
  return action;
}

function isParent(child: Resource, rsc: Resource): boolean {
  for (let p = child.parent; p; p = p.parent) if (p === rsc) return true;
  return false;
}

function updateForOrderingFlags(
  first: Action,
  then: Action,
  firstFlags: number,
  thenFlags: number,
  order: { type: number },
): number {
  let changed = Updated.None as number;
  let node = then.node;
  if (order.type & Order.ImpliesThenOnNode) {
    order.type &= ~Order.ImpliesThenOnNode;
    order.type |= Order.ImpliesThen;
    node = first.node;
  }
  const type = () => order.type;
  if (type() & Order.ImpliesThen) {
    if (then.rsc !== null) {
      changed |= then.rsc.cmds.updateOrderedActions(first, then, node, firstFlags & ActionFlag.Optional, ActionFlag.Optional, Order.ImpliesThen);
    } else if (!(firstFlags & ActionFlag.Optional) && then.optional) {
      then.clear(ActionFlag.Optional);
      changed |= Updated.Then;
    }
  }
  if (type() & Order.Restart && then.rsc !== null) {
    changed |= then.rsc.cmds.updateOrderedActions(first, then, node, firstFlags, ActionFlag.Optional | ActionFlag.Runnable, Order.Restart);
  }
  if (type() & Order.ImpliesFirst) {
    if (first.rsc !== null) {
      changed |= first.rsc.cmds.updateOrderedActions(first, then, node, firstFlags, ActionFlag.Optional, Order.ImpliesFirst);
    } else if (!(firstFlags & ActionFlag.Optional) && first.runnable) {
      first.clear(ActionFlag.Runnable);
      changed |= Updated.First;
    }
  }
  if (type() & Order.PromotedImpliesFirst && then.rsc !== null) {
    changed |= then.rsc.cmds.updateOrderedActions(
      first,
      then,
      node,
      firstFlags & ActionFlag.Optional,
      ActionFlag.Optional,
      Order.PromotedImpliesFirst,
    );
  }
  if (type() & Order.OneOrMore) {
    if (then.rsc !== null) {
      changed |= then.rsc.cmds.updateOrderedActions(first, then, node, firstFlags, ActionFlag.Runnable, Order.OneOrMore);
    } else if (firstFlags & ActionFlag.Runnable) {
      then.runnableBefore++;
      if (then.runnableBefore >= then.requiredRunnableBefore && !then.runnable) {
        then.set(ActionFlag.Runnable);
        changed |= Updated.Then;
      }
    }
  }
  if (type() & Order.Probe && then.rsc !== null) {
    if (!(firstFlags & ActionFlag.Runnable) && first.rsc!.runningOn.length > 0) {
      order.type = Order.None;
    } else {
      changed |= then.rsc.cmds.updateOrderedActions(first, then, node, firstFlags, ActionFlag.Runnable, Order.RunnableLeft);
    }
  }
  if (type() & Order.RunnableLeft) {
    if (then.rsc !== null) {
      changed |= then.rsc.cmds.updateOrderedActions(first, then, node, firstFlags, ActionFlag.Runnable, Order.RunnableLeft);
    } else if (!(firstFlags & ActionFlag.Runnable) && then.runnable) {
      then.clear(ActionFlag.Runnable);
      changed |= Updated.Then;
    }
  }
  if (type() & Order.ImpliesFirstMigratable && then.rsc !== null) {
    changed |= then.rsc.cmds.updateOrderedActions(first, then, node, firstFlags, ActionFlag.Optional, Order.ImpliesFirstMigratable);
  }
  if (type() & Order.PseudoLeft && then.rsc !== null) {
    changed |= then.rsc.cmds.updateOrderedActions(first, then, node, firstFlags, ActionFlag.Optional, Order.PseudoLeft);
  }
  if (type() & Order.Optional && then.rsc !== null) {
    changed |= then.rsc.cmds.updateOrderedActions(first, then, node, firstFlags, ActionFlag.Runnable, Order.Optional);
  }
  if (type() & Order.Asymmetrical && then.rsc !== null) {
    changed |= then.rsc.cmds.updateOrderedActions(first, then, node, firstFlags, ActionFlag.Runnable, Order.Asymmetrical);
  }
  if (first.runnable && type() & Order.ImpliesThenPrinted && !(firstFlags & ActionFlag.Optional)) {
    then.set(ActionFlag.PrintAlways);
  }
  if (type() & Order.ImpliesFirstPrinted && !(thenFlags & ActionFlag.Optional)) {
    first.set(ActionFlag.PrintAlways);
  }
  if (
    type() & (Order.ImpliesThen | Order.ImpliesFirst | Order.Restart) &&
    first.rsc !== null &&
    !first.rsc.is(RscFlag.Managed) &&
    first.rsc.is(RscFlag.Block) &&
    !first.runnable &&
    first.task.toLowerCase() === 'stop'
  ) {
    if (then.runnable) {
      then.clear(ActionFlag.Runnable);
      changed |= Updated.Then;
    }
  }
  return changed;
}

/** pcmk__update_action_for_orderings */
export function updateActionForOrderings(then: Action): void {
  let changed = Updated.None as number;
  const lastFlags = then.flags;
  if (then.is(ActionFlag.RequiresAny)) {
    then.runnableBefore = 0;
    if (then.requiredRunnableBefore === 0) then.requiredRunnableBefore = 1;
    then.clear(ActionFlag.Runnable);
  }
  for (let i = then.before.length - 1; i >= 0; i--) {
    const other = then.before[i]!;
    let first = other.action;
    let thenNode = then.node;
    let firstNode = first.node;
    if (first.rsc !== null && first.rsc.variant === 'group' && first.task.toLowerCase() === 'start') {
      firstNode = resourceLocation(first.rsc, 'assigned');
    }
    if (then.rsc !== null && then.rsc.variant === 'group' && then.task.toLowerCase() === 'start') {
      thenNode = resourceLocation(then.rsc, 'assigned');
    }
    if (other.type & Order.SameNode && firstNode !== null && thenNode !== null && firstNode !== thenNode) {
      other.type = Order.None;
      continue;
    }
    changed &= ~Updated.First;
    if (first.rsc !== null && other.type & Order.ThenCancelsFirst && !then.optional) {
      other.action.set(ActionFlag.Optional);
      if (first.task === 'reload-agent') first.rsc.clear(RscFlag.Reload);
    }
    if (first.rsc !== null && then.rsc !== null && first.rsc !== then.rsc && !isParent(then.rsc, first.rsc)) {
      first = actionForOrdering(first);
    }
    if (first === other.action) {
      const firstFlags = actionFlagsForOrdering(first, thenNode);
      const thenFlags = actionFlagsForOrdering(then, firstNode);
      changed |= updateForOrderingFlags(first, then, firstFlags, thenFlags, other);
    } else if (addOrdering(first, then, other.type)) {
      changed |= Updated.Then;
      other.type = Order.None;
    }
    if (changed & Updated.First) {
      for (let j = first.after.length - 1; j >= 0; j--) updateActionForOrderings(first.after[j]!.action);
      updateActionForOrderings(first);
    }
  }
  if (then.is(ActionFlag.RequiresAny)) {
    if (lastFlags === then.flags) changed &= ~Updated.Then;
    else changed |= Updated.Then;
  }
  if (changed & Updated.Then) {
    if (lastFlags & ActionFlag.Runnable && !then.runnable) blockColocationDependents(then);
    updateActionForOrderings(then);
    for (let j = then.after.length - 1; j >= 0; j--) updateActionForOrderings(then.after[j]!.action);
  }
}

function handleAsymmetricOrdering(first: Action, then: Action): void {
  if (then.rsc === null) return;
  const role = then.rsc.fns.state(then.rsc, true);
  const on = then.rsc.runningOn;
  if (role === Role.Stopped && then.task === 'stop') return;
  if (
    role >= Role.Started &&
    then.optional &&
    then.node !== null &&
    on.length === 1 &&
    then.node === on[0] &&
    then.task === 'start'
  ) {
    return;
  }
  if (!first.runnable) {
    clearActionFlagBecause(then, ActionFlag.Optional, first);
    clearActionFlagBecause(then, ActionFlag.Runnable, first);
  }
}

function handleRestartOrdering(first: Action, then: Action, filter: number): void {
  let reason: string | null = null;
  if (filter & ActionFlag.Optional && !then.optional) reason = 'restart';
  if (filter & ActionFlag.Runnable && !then.runnable && then.rsc!.is(RscFlag.Managed) && first.rsc === then.rsc) {
    reason = 'stop';
  }
  if (reason === null) return;
  if (first.runnable) clearActionFlagBecause(first, ActionFlag.Optional, then);
  if (!then.optional) clearActionFlagBecause(first, ActionFlag.Optional, then);
  if (!then.is(ActionFlag.MigrateRunnable)) clearActionFlagBecause(first, ActionFlag.MigrateRunnable, then);
  if (!first.optional && !first.runnable) clearActionFlagBecause(then, ActionFlag.Runnable, first);
}

/** pcmk__update_ordered_actions: the primitive behaviour. */
export function updateOrderedActions(
  first: Action,
  then: Action,
  _node: Node | null,
  flags: number,
  filter: number,
  type: number,
): number {
  let changed = Updated.None as number;
  const thenFlags = then.flags;
  const firstFlags = first.flags;
  if (type & Order.Asymmetrical) handleAsymmetricOrdering(first, then);
  if (type & Order.ImpliesFirst && !(thenFlags & ActionFlag.Optional)) {
    if (filter & ActionFlag.Optional && !(flags & ActionFlag.Optional) && firstFlags & ActionFlag.Optional) {
      clearActionFlagBecause(first, ActionFlag.Optional, then);
    }
    if (flags & ActionFlag.MigrateRunnable && !then.is(ActionFlag.MigrateRunnable)) {
      clearActionFlagBecause(first, ActionFlag.MigrateRunnable, then);
    }
  }
  if (
    type & Order.PromotedImpliesFirst &&
    then.rsc !== null &&
    then.rsc.role === Role.Promoted &&
    filter & ActionFlag.Optional &&
    !then.optional
  ) {
    clearActionFlagBecause(first, ActionFlag.Optional, then);
    if (first.is(ActionFlag.MigrateRunnable) && !then.is(ActionFlag.MigrateRunnable)) {
      clearActionFlagBecause(first, ActionFlag.MigrateRunnable, then);
    }
  }
  if (type & Order.ImpliesFirstMigratable && filter & ActionFlag.Optional) {
    if (!(then.is(ActionFlag.MigrateRunnable) && then.runnable)) clearActionFlagBecause(first, ActionFlag.Runnable, then);
    if (!then.optional) clearActionFlagBecause(first, ActionFlag.Optional, then);
  }
  if (type & Order.PseudoLeft && filter & ActionFlag.Optional && !first.runnable) {
    clearActionFlagBecause(then, ActionFlag.MigrateRunnable, first);
    then.clear(ActionFlag.Pseudo);
  }
  if (type & Order.RunnableLeft && filter & ActionFlag.Runnable && then.runnable && !(flags & ActionFlag.Runnable)) {
    clearActionFlagBecause(then, ActionFlag.Runnable, first);
    clearActionFlagBecause(then, ActionFlag.MigrateRunnable, first);
  }
  if (
    type & Order.ImpliesThen &&
    filter & ActionFlag.Optional &&
    then.optional &&
    !(flags & ActionFlag.Optional) &&
    !first.is(ActionFlag.MigrateRunnable)
  ) {
    clearActionFlagBecause(then, ActionFlag.Optional, first);
  }
  if (type & Order.Restart) handleRestartOrdering(first, then, filter);
  if (thenFlags !== then.flags) {
    changed |= Updated.Then;
    if (then.rsc !== null && then.rsc.parent !== null) updateActionForOrderings(then);
  }
  if (firstFlags !== first.flags) changed |= Updated.First;
  return changed;
}

export { findFirstAction };
