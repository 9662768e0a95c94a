/**
 * The local IPC protocol between the tools and the node daemon: one JSON
 * object per line over a Unix socket. A request names a service (a
 * subsystem of the daemon) and an operation; the reply carries the same id.
 * A connection may also receive events (a subscription's deliveries), which
 * have no id.
 */
import { join } from 'node:path';
import { nodePaths } from '../../paths.js';

export interface IpcRequest {
  id: number;
  service: string;
  op: string;
  args?: Record<string, unknown>;
}

export type IpcReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; code: number; message: string };

export interface IpcEvent {
  event: string;
  data: unknown;
}

/** Longest line either side accepts: bounded so a bad client cannot exhaust memory. */
export const MAX_LINE = 64 * 1024 * 1024;

export function socketPath(env: Readonly<Record<string, string | undefined>>): string {
  return join(nodePaths(env).run, 'ipc.sock');
}

/** A failure to report to the client: a Pacemaker exit code and a message. */
export class IpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'IpcError';
  }
}
