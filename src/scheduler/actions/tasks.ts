/**
 * Action tasks as Pacemaker classifies them (text2task): collective
 * resources have "done" pseudo-tasks (running, stopped, promoted, demoted,
 * notified) that follow their atomic counterparts.
 */
import type { Resource } from '../model/resource.js';

export enum Task {
  None = 0,
  Monitor,
  Stop,
  Stopped,
  Start,
  Started,
  Notify,
  Notified,
  Promote,
  Promoted,
  Demote,
  Demoted,
  Shutdown,
  Fence,
}

const BY_TEXT: Record<string, Task> = {
  stop: Task.Stop,
  stopped: Task.Stopped,
  start: Task.Start,
  running: Task.Started,
  do_shutdown: Task.Shutdown,
  stonith: Task.Fence,
  monitor: Task.Monitor,
  notify: Task.Notify,
  notified: Task.Notified,
  promote: Task.Promote,
  demote: Task.Demote,
  promoted: Task.Promoted,
  demoted: Task.Demoted,
};

const TEXT: string[] = [
  'no_action',
  'monitor',
  'stop',
  'stopped',
  'start',
  'running',
  'notify',
  'notified',
  'promote',
  'promoted',
  'demote',
  'demoted',
  'do_shutdown',
  'stonith',
];

export function textToTask(text: string | null | undefined): Task {
  if (text === null || text === undefined) return Task.None;
  return BY_TEXT[text.toLowerCase()] ?? Task.None;
}

export function taskToText(task: Task): string {
  return TEXT[task] ?? '<unknown>';
}

/** get_complex_task: for primitives (or when asked), "done" tasks fold into their atomic task. */
export function complexTask(rsc: Resource | null, name: string, allowNonAtomic: boolean): Task {
  const task = textToTask(name);
  if (rsc === null) return task;
  if (!allowNonAtomic || rsc.variant === 'primitive') {
    switch (task) {
      case Task.Stopped:
      case Task.Started:
      case Task.Demoted:
      case Task.Promoted:
        return task - 1;
      default:
        break;
    }
  }
  return task;
}
