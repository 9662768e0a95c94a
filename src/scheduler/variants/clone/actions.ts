/**
 * A clone's actions: each instance's own, then the clone's pseudo-actions
 * (start/running, stop/stopped) that stand for all of them, required when
 * any instance starts or stops; ordered clones start instances one after
 * the other.
 */
import { findFirstAction, resourceActions, rscPseudoAction } from '../../actions/create.js';
import { Task, complexTask, taskToText } from '../../actions/tasks.js';
import type { Action } from '../../model/action.js';
import { ActionFlag, Order, RscFlag } from '../../model/flags.js';
import type { Node } from '../../model/node.js';
import type { Resource } from '../../model/resource.js';
import { addOrdering } from '../../ordering/links.js';
import { orderResourceActions, orderStarts, orderStops } from '../../ordering/new-ordering.js';
import { INFINITY } from '../../util/score.js';
import { compareInstanceNumbers } from './assign.js';
import { createNotifyPseudoOps, orderNotifyPhases } from './notify.js';
import { createPromotableActions, orderPromotableInstances } from './promotable.js';
import { cloneData } from './status.js';

interface InstanceState {
  active: boolean;
  starting: boolean;
  stopping: boolean;
}

/** clone_update_pseudo_status: whether any member is active, starting or stopping. */
function updatePseudoStatus(rsc: Resource, state: InstanceState): void {
  if (rsc.children.length > 0) {
    for (const c of rsc.children) updatePseudoStatus(c, state);
    return;
  }
  if (rsc.runningOn.length > 0) state.active = true;
  for (let i = rsc.actions.length - 1; i >= 0; i--) {
    const action = rsc.actions[i]!;
    if (state.starting && state.stopping) return;
    if (action.optional) continue;
    if (!action.is(ActionFlag.Pseudo | ActionFlag.Runnable)) continue;
    const task = action.task.toLowerCase();
    if (task === 'stop') state.stopping = true;
    else if (task === 'start' && action.runnable) state.starting = true;
  }
}

/** clone_create_pseudo_actions (shared with bundles): the instances' actions and the collective ones. */
export function createInstanceActions(rsc: Resource, instances: Resource[]): void {
  let anyActive = false;
  let anyStarting = false;
  let anyStopping = false;
  let allowDependentMigrations = true;
  for (const child of instances) {
    child.cmds.createActions(child);
    const state: InstanceState = { active: false, starting: false, stopping: false };
    updatePseudoStatus(child, state);
    if (state.stopping && state.starting) allowDependentMigrations = false;
    anyActive ||= state.active;
    anyStopping ||= state.stopping;
    anyStarting ||= state.starting;
  }
  const start = rscPseudoAction(rsc, 'start', !anyStarting, true);
  const started = rscPseudoAction(rsc, 'running', !anyStarting, false);
  started.priority = INFINITY;
  if (anyActive || anyStarting) started.set(ActionFlag.Runnable);
  const startNotify = createNotifyPseudoOps(rsc, 'start', start, started);

  const stop = rscPseudoAction(rsc, 'stop', !anyStopping, true);
  const stopped = rscPseudoAction(rsc, 'stopped', !anyStopping, true);
  stopped.priority = INFINITY;
  if (allowDependentMigrations) stop.set(ActionFlag.MigrateRunnable);
  const stopNotify = createNotifyPseudoOps(rsc, 'stop', stop, stopped);
  orderNotifyPhases(stopNotify, startNotify);
  if (rsc.variant === 'clone') {
    const data = cloneData(rsc);
    data.startNotify = startNotify;
    data.stopNotify = stopNotify;
  }
}

/** The only required action of a task among a resource's (none if several). */
function soleRequiredAction(rsc: Resource, task: string): Action | null {
  let match: Action | null = null;
  for (const op of resourceActions(rsc, null, task, false)) {
    if (op.optional) continue;
    if (match !== null) return null;
    match = op;
  }
  return match;
}

/** child_ordering_constraints: an ordered clone starts instances in number order and stops them in reverse. */
function orderInstanceStartsStops(rsc: Resource): void {
  if (!cloneData(rsc).ordered) return;
  rsc.children = [...rsc.children].sort(compareInstanceNumbers);
  let lastStop: Action | null = null;
  let lastStart: Action | null = null;
  for (const child of rsc.children) {
    const stop = soleRequiredAction(child, 'stop');
    if (stop !== null) {
      if (lastStop !== null) addOrdering(stop, lastStop, Order.Optional);
      lastStop = stop;
    }
    const start = soleRequiredAction(child, 'start');
    if (start !== null) {
      if (lastStart !== null) addOrdering(lastStart, start, Order.Optional);
      lastStart = start;
    }
  }
}

export function cloneCreateActions(rsc: Resource): void {
  createInstanceActions(rsc, rsc.children);
  orderInstanceStartsStops(rsc);
  if (rsc.is(RscFlag.Promotable)) createPromotableActions(rsc);
}

export function cloneInternalConstraints(rsc: Resource): void {
  const ordered = cloneData(rsc).ordered;
  orderResourceActions(rsc, 'stopped', rsc, 'start', Order.Optional);
  orderResourceActions(rsc, 'start', rsc, 'running', Order.RunnableLeft);
  orderResourceActions(rsc, 'stop', rsc, 'stopped', Order.RunnableLeft);
  if (rsc.is(RscFlag.Promotable)) {
    orderResourceActions(rsc, 'demoted', rsc, 'stop', Order.Optional);
    orderResourceActions(rsc, 'running', rsc, 'promote', Order.RunnableLeft);
  }
  if (ordered) rsc.children = [...rsc.children].sort(compareInstanceNumbers);
  let last: Resource | null = null;
  for (const child of rsc.children) {
    child.cmds.internalConstraints(child);
    orderStarts(rsc, child, Order.RunnableLeft | Order.ImpliesFirstPrinted);
    orderResourceActions(child, 'start', rsc, 'running', Order.ImpliesThenPrinted);
    if (ordered && last !== null) orderStarts(last, child, Order.Optional);
    orderStops(rsc, child, Order.ImpliesFirstPrinted);
    orderResourceActions(child, 'stop', rsc, 'stopped', Order.ImpliesThenPrinted);
    if (ordered && last !== null) orderStops(child, last, Order.Optional);
    last = child;
  }
  if (rsc.is(RscFlag.Promotable)) orderPromotableInstances(rsc);
}

/** clone_child_action: the instances' task a collective action stands for (a notification's own task). */
export function instanceTask(action: Action): Task {
  const child = action.rsc!.children[0] ?? null;
  const task = action.task.toLowerCase();
  if (task === 'notify' || task === 'notified') {
    const key = action.uuid;
    const end = key.lastIndexOf('_');
    const start = key.lastIndexOf('_', end - 1);
    if (start < 0) return Task.None;
    return complexTask(child, key.slice(start + 1, end), true);
  }
  return complexTask(child, action.task, true);
}

/** summary_action_flags: a collective action is required if any instance's is, runnable if any is. */
export function summaryActionFlags(action: Action, children: Resource[], node: Node | null): number {
  let anyRunnable = false;
  const taskText = taskToText(instanceTask(action));
  let flags: number = ActionFlag.Optional | ActionFlag.Runnable | ActionFlag.Pseudo;
  for (const child of children) {
    const childAction = findFirstAction(child, taskText, child.children.length > 0 ? null : node);
    if (childAction === null) continue;
    const childFlags = child.cmds.actionFlags(childAction, node);
    if (flags & ActionFlag.Optional && !(childFlags & ActionFlag.Optional)) {
      flags &= ~ActionFlag.Optional;
      action.clear(ActionFlag.Optional);
    }
    if (childFlags & ActionFlag.Runnable) anyRunnable = true;
  }
  if (!anyRunnable) {
    flags &= ~ActionFlag.Runnable;
    if (node === null) action.clear(ActionFlag.Runnable);
  }
  return flags;
}
