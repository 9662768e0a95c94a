/**
 * How the tools reach the CIB: `connectCib(ctx)` picks the shadow CIB named
 * by CIB_shadow, else the file named by CIB_file, as Pacemaker's tools do;
 * without either there would be the local daemon, which does not exist yet,
 * so the connection fails as Pacemaker's does when no cluster runs.
 *
 * Queries read the CIB as loaded at connection time. Updates take the file's
 * lock, reload it if another writer changed it meanwhile, apply the request
 * (src/cib/ops) and write the result back atomically, so concurrent writers
 * never lose each other's updates.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { ExitCode } from '../cli/exit-codes.js';
import { CibError, CibWriteError, notConnected } from './errors.js';
import { performOp } from './ops/perform.js';
import type { CibReply, CibRequest, Validator } from './ops/request.js';
import { fileIdentity, loadCibFile, saveCibFile, type LoadedCib } from './store/file.js';
import { nodeFs, type StoreFs } from './store/fs.js';
import { lockFile, LockTimeout } from './store/lock.js';
import { shadowDir, shadowFile } from './store/shadow.js';
import type { XmlElement } from './xml/node.js';

export interface CibClientContext {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export interface ConnectOptions {
  /** Work on the real CIB even when CIB_shadow is set (crm_shadow does). */
  ignoreShadow?: boolean;
  /** Schema validation on loading and before writing. */
  validate?: Validator;
  /** How long an update waits for other writers, in milliseconds. */
  timeoutMs?: number;
  fs?: StoreFs;
}

export interface CibConnection {
  /** 'shadow' for CIB_shadow, 'file' for CIB_file. */
  readonly kind: 'file' | 'shadow';
  /** The file, as the environment names it. */
  readonly path: string;
  /** The CIB as currently known. */
  current(): XmlElement;
  /** Runs one request; updates are written back when they change anything. */
  request(req: CibRequest): Promise<CibReply>;
}

/** Where the CIB is, by the environment: a shadow file, a CIB file, or nowhere (the daemon). */
export function locateCib(ctx: CibClientContext, options: { ignoreShadow?: boolean } = {}): { kind: 'file' | 'shadow'; path: string } | null {
  const shadow = ctx.env['CIB_shadow'];
  if (shadow && !options.ignoreShadow) return { kind: 'shadow', path: shadowFile(shadowDir(ctx.env).dir, shadow) };
  const file = ctx.env['CIB_file'];
  if (file !== undefined) return { kind: 'file', path: file };
  return null;
}

/** Connects and loads the CIB; throws CibError as Pacemaker's sign-on fails. */
export async function connectCib(ctx: CibClientContext, options: ConnectOptions = {}): Promise<CibConnection> {
  const where = locateCib(ctx, options);
  if (!where) throw notConnected();
  const fs = options.fs ?? nodeFs;
  const absolute = resolve(ctx.cwd, where.path);
  let loaded = loadCibFile(absolute, { fs, validate: options.validate });
  const timeoutMs = options.timeoutMs ?? 30_000;

  return {
    kind: where.kind,
    path: where.path,
    current: () => loaded.cib,
    async request(req) {
      if (req.op === 'query') return performOp(loaded.cib, req);
      const target = writableTarget(fs, absolute);
      const lock = await takeLock(target, timeoutMs);
      try {
        if (fileIdentity(target, fs) !== loaded.identity) loaded = loadCibFile(target, { fs, validate: options.validate });
        const reply = performOp(loaded.cib, req, { validate: options.validate });
        if (reply.changed) loaded = await save(fs, target, reply.cib);
        return reply;
      } finally {
        await lock.release();
      }
    },
  };
}

/**
 * Stores a whole CIB at a path (a new or reset shadow CIB), under the same
 * lock as updates; `mode` applies when the file is new.
 */
export async function storeCib(
  ctx: CibClientContext,
  path: string,
  cib: XmlElement,
  options: { mode?: number; timeoutMs?: number; fs?: StoreFs } = {},
): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const absolute = resolve(ctx.cwd, path);
  const target = fs.stat(absolute) ? writableTarget(fs, absolute) : join(fs.realpath(dirname(absolute)), basename(absolute));
  const lock = await takeLock(target, options.timeoutMs ?? 30_000);
  try {
    await saveCibFile(target, cib, { fs, mode: options.mode });
  } catch (e) {
    throw new CibWriteError(`Could not write the CIB: ${(e as Error).message}`);
  } finally {
    await lock.release();
  }
}

function takeLock(path: string, timeoutMs: number) {
  return lockFile(path, timeoutMs).catch((e) => {
    throw e instanceof LockTimeout ? new CibError(ExitCode.TIMEOUT, 'Timer expired', { notes: [e.message] }) : e;
  });
}

/** The real file behind a path (a symbolic link is followed, not replaced); it must be a regular file. */
function writableTarget(fs: StoreFs, path: string): string {
  const real = fs.realpath(path);
  if (!fs.stat(real)?.isFile) {
    throw new CibWriteError(`Could not write the CIB: ${path} is not a regular file`);
  }
  return real;
}

async function save(fs: StoreFs, path: string, cib: XmlElement): Promise<LoadedCib> {
  try {
    await saveCibFile(path, cib, { fs });
  } catch (e) {
    throw new CibWriteError(`Could not write the CIB: ${(e as Error).message}`);
  }
  return { cib, identity: fileIdentity(path, fs)! };
}
