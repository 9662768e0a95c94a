/**
 * Replacing a file so that a crash at any moment leaves either the old or
 * the new content, never a mix: write a temporary file in the same folder,
 * flush it to disk, read it back and compare digests, rename it over the
 * old one, then flush the folder so the rename itself is durable.
 */
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { StoreFs } from './fs.js';

export class WriteError extends Error {
  constructor(
    readonly path: string,
    failure: unknown,
  ) {
    super(`could not write ${path}: ${describe(failure)}`);
    this.name = 'WriteError';
  }
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ? `${err.message}` : String(err?.message ?? e);
}

export interface AtomicWriteOptions {
  /** Permissions of a new file; an existing file keeps its own (and its owner, when we may). */
  mode?: number;
}

export function writeAtomic(fs: StoreFs, path: string, data: Uint8Array, options: AtomicWriteOptions = {}): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const old = fs.stat(path);
  let created = false;
  try {
    const fd = fs.createExclusive(tmp, old ? old.mode : (options.mode ?? 0o644));
    created = true;
    try {
      for (let off = 0; off < data.length; ) off += fs.write(fd, data.subarray(off));
      fs.fsync(fd);
    } finally {
      fs.close(fd);
    }
    if (old && process.getuid?.() === 0) tryChown(fs, tmp, old.uid, old.gid);
    if (digest(fs.readFile(tmp)) !== digest(data)) throw new Error('the data read back differs from the data written');
    fs.rename(tmp, path);
    created = false;
    fs.fsyncDir(dir);
  } catch (e) {
    if (created) tryUnlink(fs, tmp);
    throw new WriteError(path, e);
  }
}

function digest(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function tryChown(fs: StoreFs, path: string, uid: number, gid: number): void {
  try {
    fs.chown(path, uid, gid);
  } catch {
    // keeping the owner is a courtesy; the content matters
  }
}

function tryUnlink(fs: StoreFs, path: string): void {
  try {
    fs.unlink(path);
  } catch {
    // already gone
  }
}
