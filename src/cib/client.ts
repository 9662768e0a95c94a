/**
 * How the tools reach the CIB: `connectCib(ctx)` picks the shadow CIB named
 * by CIB_shadow, else the file named by CIB_file, as Pacemaker's tools do;
 * without either there would be the local daemon, which does not exist yet,
 * so the connection fails as Pacemaker's does when no cluster runs.
 *
 * Queries read the CIB as loaded at connection time. Updates take the file's
 * lock, reload it if another writer changed it meanwhile, apply the request
 * (src/cib/ops) and write the result back atomically, so concurrent writers
 * never lose each other's updates. A CIB_file that is the node's own CIB
 * ($PACER_ROOT/var/lib/pacer/cib.xml) is read and written with its digest
 * and backups (src/cib/store/node-cib.ts).
 */
import { basename, dirname, join, resolve } from 'node:path';
import { ExitCode } from '../cli/exit-codes.js';
import { nodePaths } from '../paths.js';
import { CibError, CibWriteError, notConnected, schemaViolation } from './errors.js';
import { performOp } from './ops/perform.js';
import { validateCib } from './schema/validate.js';
import type { CibReply, CibRequest, Validator } from './ops/request.js';
import { fileIdentity, loadCibFile, saveCibFile } from './store/file.js';
import { nodeFs, type StoreFs } from './store/fs.js';
import { lockFile, LockTimeout, type Lock } from './store/lock.js';
import { CIB_FILE, loadNodeCib, NoUsableCib, writeNodeCib } from './store/node-cib.js';
import { shadowDir, shadowFile } from './store/shadow.js';
import type { XmlElement } from './xml/node.js';

export interface CibClientContext {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export interface ConnectOptions {
  /** Work on the real CIB even when CIB_shadow is set (crm_shadow does). */
  ignoreShadow?: boolean;
  /** Schema validation on loading and before writing (default: the CIB's own schema). */
  validate?: Validator;
  /** How long an update waits for other writers, in milliseconds. */
  timeoutMs?: number;
  /** Whose permissions apply (--user; else CIB_user). */
  user?: string;
  fs?: StoreFs;
}

export interface CibConnection {
  /** 'shadow' for CIB_shadow, 'file' for CIB_file. */
  readonly kind: 'file' | 'shadow';
  /** The file, as the environment names it. */
  readonly path: string;
  /** Lines to show about the loading (a damaged file replaced by its backup; schemas tried). */
  readonly warnings: string[];
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

interface Loaded {
  cib: XmlElement;
  identity: string | null;
}

/** A place the CIB is kept: a plain file, or the node's own CIB folder. */
interface Backend {
  /** Path whose changes mean the CIB changed, and whose lock writers take. */
  readonly watched: string;
  load(): Loaded & { warnings: string[] };
  save(cib: XmlElement): Promise<void>;
}

function plainFile(fs: StoreFs, path: string, name: string, validate?: Validator): Backend {
  return {
    watched: path,
    load: () => loadCibFile(path, { fs, validate, name }),
    save: (cib) => saveCibFile(writableTarget(fs, path), cib, { fs }),
  };
}

function nodeCib(fs: StoreFs, dir: string, validate?: Validator): Backend {
  const watched = join(dir, CIB_FILE);
  return {
    watched,
    load() {
      let loaded;
      try {
        loaded = loadNodeCib(dir, { fs });
      } catch (e) {
        if (e instanceof NoUsableCib) throw schemaViolation(undefined, e.problems);
        throw e;
      }
      if (!loaded) throw new CibError(ExitCode.NOSUCH, 'No such device or address', { notes: [`${dir} holds no CIB`] });
      const verdict = validate?.(loaded.cib);
      if (verdict && !verdict.valid) throw schemaViolation(undefined, verdict.errors.map((x) => x.message));
      return { cib: loaded.cib, identity: fileIdentity(watched, fs), warnings: loaded.problems.map((p) => `Warning: ${p}`) };
    },
    save: async (cib) => writeNodeCib(dir, cib, { fs }),
  };
}

/** The node's own CIB is recognised by its real path, as Pacemaker recognises its live CIB. */
function backendFor(ctx: CibClientContext, fs: StoreFs, name: string, validate?: Validator): Backend {
  const absolute = resolve(ctx.cwd, name);
  const live = nodePaths(ctx.env).cib;
  const real = (p: string) => {
    try {
      return fs.realpath(p);
    } catch {
      return p;
    }
  };
  if (real(absolute) === real(live)) return nodeCib(fs, dirname(real(live)), validate);
  return plainFile(fs, absolute, name, validate);
}

/** Connects and loads the CIB; throws CibError as Pacemaker's sign-on fails. */
export async function connectCib(ctx: CibClientContext, options: ConnectOptions = {}): Promise<CibConnection> {
  const where = locateCib(ctx, options);
  if (!where) throw notConnected();
  const fs = options.fs ?? nodeFs;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const validate = options.validate ?? validateCib;
  const backend = backendFor(ctx, fs, where.path, validate);
  const first = backend.load();
  refuseAcls(first.cib, options.user ?? ctx.env['CIB_user']);
  let loaded: Loaded = first;

  return {
    kind: where.kind,
    path: where.path,
    warnings: first.warnings,
    current: () => loaded.cib,
    async request(req) {
      if (req.op === 'query') return performOp(loaded.cib, req);
      const target = writableTarget(fs, backend.watched);
      const lock = await takeLock(target, timeoutMs);
      try {
        if (fileIdentity(target, fs) !== loaded.identity) loaded = backend.load();
        const reply = performOp(loaded.cib, req, { validate });
        if (reply.changed) {
          await saveOrFail(() => backend.save(reply.cib));
          loaded = { cib: reply.cib, identity: fileIdentity(target, fs) };
        }
        return reply;
      } finally {
        await lock.release();
      }
    },
  };
}

/** Users that access control lists never restrict. */
const PRIVILEGED = new Set(['root', 'hacluster']);

/**
 * Access control lists are not enforced yet: rather than let a restricted
 * user read or change what Pacemaker would keep from them, refuse.
 */
function refuseAcls(cib: XmlElement, user: string | undefined): void {
  if (user === undefined || PRIVILEGED.has(user)) return;
  const enabled = cib
    .findChild('configuration')
    ?.findChild('crm_config')
    ?.elements('cluster_property_set')
    .some((set) => set.elements('nvpair').some((nv) => nv.attr('name') === 'enable-acl' && /^(true|yes|on|y|1)$/i.test(nv.attr('value') ?? '')));
  if (enabled) {
    throw new CibError(ExitCode.UNIMPLEMENT_FEATURE, `access control lists apply to ${user}, and pacer does not enforce them yet`);
  }
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
  const target = writableTarget(fs, absolute);
  const lock = await takeLock(target, options.timeoutMs ?? 30_000);
  try {
    await saveOrFail(() => saveCibFile(target, cib, { fs, mode: options.mode }));
  } finally {
    await lock.release();
  }
}

async function saveOrFail(save: () => Promise<void>): Promise<void> {
  try {
    await save();
  } catch (e) {
    throw new CibWriteError(`Could not write the CIB: ${(e as Error).message}`);
  }
}

function takeLock(path: string, timeoutMs: number): Promise<Lock> {
  return lockFile(path, timeoutMs).catch((e) => {
    throw e instanceof LockTimeout ? new CibError(ExitCode.TIMEOUT, 'Timer expired', { notes: [e.message] }) : e;
  });
}

/**
 * The real file behind a path (a symbolic link is followed, not replaced);
 * it must be a regular file, or not exist yet.
 */
function writableTarget(fs: StoreFs, path: string): string {
  if (!fs.stat(path)) return join(fs.realpath(dirname(path)), basename(path));
  const real = fs.realpath(path);
  if (!fs.stat(real)?.isFile) throw new CibWriteError(`Could not write the CIB: ${path} is not a regular file`);
  return real;
}
