/**
 * The daemon's side of the IPC protocol: a Unix socket in the run folder,
 * open to root and the haclient group only. Requests are routed to the
 * service (subsystem) they name; each subsystem registers its operations.
 */
import { chmodSync, chownSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { ExitCode } from '../../cli/exit-codes.js';
import type { Logger } from '../log.js';
import { IpcError, MAX_LINE, type IpcEvent, type IpcReply, type IpcRequest } from './protocol.js';

/** A client connection, for operations that push events to it later. */
export interface IpcConnection {
  readonly id: number;
  push(event: IpcEvent): void;
  onClose(cb: () => void): void;
}

export type IpcHandler = (op: string, args: Record<string, unknown>, conn: IpcConnection) => unknown;

export class IpcRouter {
  private readonly services = new Map<string, IpcHandler>();

  register(service: string, handler: IpcHandler): void {
    if (this.services.has(service)) throw new Error(`IPC service ${service} is registered twice`);
    this.services.set(service, handler);
  }

  async handle(req: IpcRequest, conn: IpcConnection): Promise<IpcReply> {
    const handler = this.services.get(req.service);
    if (!handler) return { id: req.id, ok: false, code: ExitCode.UNIMPLEMENT_FEATURE, message: `no service '${req.service}' in this daemon` };
    try {
      return { id: req.id, ok: true, result: (await handler(req.op, req.args ?? {}, conn)) ?? null };
    } catch (e) {
      if (e instanceof IpcError) return { id: req.id, ok: false, code: e.code, message: e.message };
      return { id: req.id, ok: false, code: ExitCode.SOFTWARE, message: `internal error: ${(e as Error).message}` };
    }
  }
}

/** The gid of haclient, from /etc/group, or null when there is no such group. */
function haclientGid(): number | null {
  try {
    const line = readFileSync('/etc/group', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('haclient:'));
    const gid = line ? Number(line.split(':')[2]) : NaN;
    return Number.isInteger(gid) ? gid : null;
  } catch {
    return null;
  }
}

export class IpcServer {
  private server: Server | null = null;
  private nextConn = 1;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly path: string,
    private readonly router: IpcRouter,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    const dir = dirname(this.path);
    mkdirSync(dir, { recursive: true, mode: 0o750 });
    const gid = haclientGid();
    chmodSync(dir, 0o750);
    if (gid !== null) chownSync(dir, 0, gid);
    rmSync(this.path, { force: true });
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    chmodSync(this.path, 0o660);
    if (gid !== null) chownSync(this.path, 0, gid);
  }

  close(): void {
    for (const s of this.sockets) s.destroy();
    this.server?.close();
    rmSync(this.path, { force: true });
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const closers: (() => void)[] = [];
    // Replies and events go out in order, gathered over one turn of the event loop: a burst of
    // deliveries to a client costs one write, not one per message.
    let outgoing: string[] = [];
    const send = (msg: unknown) => {
      if (socket.destroyed) return;
      if (outgoing.length === 0) {
        setImmediate(() => {
          const text = outgoing.join('');
          outgoing = [];
          if (!socket.destroyed) socket.write(text);
        });
      }
      outgoing.push(JSON.stringify(msg) + '\n');
    };
    const conn: IpcConnection = {
      id: this.nextConn++,
      push: (event) => send(event),
      onClose: (cb) => closers.push(cb),
    };
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_LINE) {
        this.log.log('warning', 'IPC client sent an over-long request; disconnecting it');
        socket.destroy();
        return;
      }
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let req: IpcRequest;
        try {
          req = JSON.parse(line) as IpcRequest;
          if (typeof req !== 'object' || req === null || typeof req.service !== 'string' || typeof req.op !== 'string') throw new Error('bad request');
        } catch {
          send({ id: 0, ok: false, code: ExitCode.PROTOCOL, message: 'malformed request' });
          continue;
        }
        void this.router.handle(req, conn).then((reply) => send(reply));
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      for (const cb of closers) cb();
    });
  }
}
