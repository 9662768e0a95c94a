/**
 * What a crm_resource command that changes the CIB does, worked out in
 * advance from the CIB as read: messages to print and CIB requests to send,
 * in order. The command sends the requests through its CIB connection and
 * stops at the first that fails, as Pacemaker's tool does.
 */
import type { CibRequest } from '../cib/ops/request.js';

export type Step =
  /** A message for standard output (Pacemaker's out->info). */
  | { info: string }
  /** A message for standard error (Pacemaker's out->err). */
  | { err: string }
  /**
   * A request; `done` is printed once it succeeded. With `missingOk`, "no
   * such object" (105) counts as success.
   */
  | { request: CibRequest; done?: string; missingOk?: boolean };

export interface Plan {
  steps: Step[];
  /** Set when the command fails once the steps are done: the exit code, and any message. */
  failure?: { code: number; message?: string };
}
