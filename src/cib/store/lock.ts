/**
 * A lock per CIB file, so that concurrent writers take turns and no update
 * is lost (each one reads, changes and writes the file while holding it).
 *
 * The lock is a listening Unix socket in Linux's abstract namespace, named
 * after the file's real path: binding is exclusive, and the kernel releases
 * it the moment its holder exits, even on SIGKILL, so a crashed writer never
 * leaves a stale lock behind and no file is left next to the CIB. Writers
 * must share a network namespace to see each other's lock.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:net';

export class LockTimeout extends Error {
  constructor(readonly path: string) {
    super(`timed out waiting for another writer of ${path}`);
    this.name = 'LockTimeout';
  }
}

export interface Lock {
  release(): Promise<void>;
}

function socketName(realPath: string): string {
  return '\0pacer-cib-lock:' + createHash('sha256').update(realPath).digest('hex').slice(0, 40);
}

function tryBind(name: string): Promise<Server | null> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => (e.code === 'EADDRINUSE' ? resolve(null) : reject(e)));
    server.listen({ path: name, exclusive: true }, () => {
      server.unref();
      resolve(server);
    });
  });
}

/** Waits (up to `timeoutMs`) for the lock on a file, given by its real path. */
export async function lockFile(realPath: string, timeoutMs: number): Promise<Lock> {
  const name = socketName(realPath);
  const deadline = Date.now() + timeoutMs;
  for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
    const server = await tryBind(name);
    if (server) return { release: () => new Promise<void>((r) => server.close(() => r())) };
    if (Date.now() >= deadline) throw new LockTimeout(realPath);
    // jitter keeps two waiters from retrying in lockstep
    await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
  }
}
