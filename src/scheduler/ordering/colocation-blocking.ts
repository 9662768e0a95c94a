/**
 * A primary that cannot start (or be promoted) blocks what must run with it
 * (pcmk__block_colocation_dependents).
 */
import type { Action } from '../model/action.js';
import { ActionFlag } from '../model/flags.js';
import type { Resource } from '../model/resource.js';
import { Role } from '../model/role.js';
import { INFINITY } from '../util/score.js';
import { updateActionForOrderings } from './update.js';

function markActionBlocked(rsc: Resource, task: string, reason: Resource): void {
  const text = `colocation with ${reason.id}`;
  for (let i = rsc.actions.length - 1; i >= 0; i--) {
    const action = rsc.actions[i]!;
    if (action.runnable && action.task.toLowerCase() === task) {
      action.clear(ActionFlag.Runnable);
      action.setReason(text, false);
      blockColocationDependents(action);
      updateActionForOrderings(action);
    }
  }
  for (const child of rsc.children) markActionBlocked(child, task, reason);
}

function firstActionOfTask(rsc: Resource, task: string): Action | null {
  for (let i = rsc.actions.length - 1; i >= 0; i--) {
    const a = rsc.actions[i]!;
    if (a.task.toLowerCase() === task) return a;
  }
  return null;
}

export function blockColocationDependents(action: Action): void {
  if (action.runnable) return;
  const isStart = action.task === 'start';
  if (!isStart && action.task !== 'promote') return;
  let rsc = action.rsc!.top;
  if (rsc.parent !== null) rsc = rsc.parent;
  if (rsc.withThis.length === 0) return;
  for (const child of rsc.children) {
    const childAction = firstActionOfTask(child, action.task);
    if (childAction === null || childAction.runnable) return;
  }
  for (const c of [...rsc.withThis]) {
    if (c.score < INFINITY) continue;
    if (!isStart && c.primaryRole !== Role.Promoted) continue;
    if (c.dependentRole === Role.Promoted) markActionBlocked(c.dependent, 'promote', action.rsc!);
    else markActionBlocked(c.dependent, 'start', action.rsc!);
  }
}
