/**
 * The tools' side of the IPC protocol: connect, send requests, await
 * replies (and events, for clients that subscribe).
 */
import { connect, type Socket } from 'node:net';
import { MAX_LINE, socketPath, type IpcEvent, type IpcReply, type IpcRequest } from './protocol.js';

/** No daemon answers on the socket; `reason` reads like Pacemaker's ("Connection refused"). */
export class IpcUnavailable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'IpcUnavailable';
  }
}

/** The daemon answered with an error: a Pacemaker exit code and a message. */
export class IpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'IpcFailure';
  }
}

function describe(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
      return 'Connection refused';
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied';
    default:
      return e.message;
  }
}

export class IpcClient {
  private nextId = 1;
  private buffer = '';
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private closed: Error | null = null;
  onEvent: (e: IpcEvent) => void = () => {};

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('error', (e) => this.fail(new IpcUnavailable(describe(e))));
    socket.on('close', () => this.fail(new IpcUnavailable('Connection closed by the daemon')));
  }

  static connect(env: Readonly<Record<string, string | undefined>>, timeoutMs = 5000): Promise<IpcClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(socketPath(env));
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new IpcUnavailable('Connection timed out'));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new IpcClient(socket));
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(new IpcUnavailable(describe(e)));
      });
    });
  }

  request<T = unknown>(service: string, op: string, args?: Record<string, unknown>, timeoutMs = 10000): Promise<T> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    const req: IpcRequest = { id, service, op, ...(args ? { args } : {}) };
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new IpcUnavailable('Timed out waiting for the daemon'));
      }, timeoutMs);
      timer.unref();
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.socket.write(JSON.stringify(req) + '\n');
    });
  }

  close(): void {
    this.closed ??= new IpcUnavailable('Connection closed');
    this.socket.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length > MAX_LINE) return this.fail(new IpcUnavailable('Reply too long'));
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      let msg: IpcReply | IpcEvent;
      try {
        msg = JSON.parse(line) as IpcReply | IpcEvent;
      } catch {
        return this.fail(new IpcUnavailable('Malformed reply from the daemon'));
      }
      if ('event' in msg) {
        this.onEvent(msg);
        continue;
      }
      const p = this.pending.get(msg.id);
      if (!p) continue;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new IpcFailure(msg.code, msg.message));
    }
  }

  private fail(e: Error): void {
    if (!this.closed) this.closed = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}

/** One request on a fresh connection: what most tools need. */
export async function ipcCall<T = unknown>(
  env: Readonly<Record<string, string | undefined>>,
  service: string,
  op: string,
  args?: Record<string, unknown>,
): Promise<T> {
  const client = await IpcClient.connect(env);
  try {
    return await client.request<T>(service, op, args);
  } finally {
    client.close();
  }
}
