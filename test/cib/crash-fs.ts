/**
 * An in-memory file system that models what survives a crash: file data
 * only once fsync'd, folder entries (creations, renames, links, removals)
 * only once their folder is fsync'd. `crashAt(n)` makes the n-th operation
 * throw, as if the machine died just before it; `crash()` then throws away
 * everything that was not durable yet. With `keepSome`, each folder entry
 * change that was not synced survives or not by a seeded coin, since a
 * kernel may write any of them back on its own.
 */
import type { FileInfo, StoreFs } from '../../src/cib/store/fs.js';

interface Inode {
  ino: number;
  data: Buffer;
  durable: Buffer;
  mode: number;
}

interface Dir {
  entries: Map<string, number>;
  durable: Map<string, number>;
}

export class Crashed extends Error {
  constructor(readonly step: number) {
    super(`crashed before step ${step}`);
  }
}

export class CrashFs implements StoreFs {
  private inodes = new Map<number, Inode>();
  private dirs = new Map<string, Dir>();
  private fds = new Map<number, number>();
  private nextIno = 1;
  private nextFd = 3;
  /** Operations performed so far. */
  steps = 0;
  private failAt = Infinity;

  constructor(folders: string[]) {
    for (const f of folders) this.dirs.set(f, { entries: new Map(), durable: new Map() });
  }

  private failure: NodeJS.ErrnoException | null = null;

  /** Step `step` throws: a crash, or with `code`, that error (the disk is full...), once. */
  crashAt(step: number, code?: string): void {
    this.failAt = step;
    this.steps = 0;
    this.failure = code ? errno(code, 'injected') : null;
  }

  private step(): void {
    this.steps++;
    if (this.steps < this.failAt) return;
    if (this.failure) {
      const e = this.failure;
      this.failure = null;
      this.failAt = Infinity;
      throw e;
    }
    throw new Crashed(this.steps);
  }

  /** Power loss: only durable state remains. */
  crash(keepSome?: () => boolean): void {
    for (const dir of this.dirs.values()) {
      const names = new Set([...dir.entries.keys(), ...dir.durable.keys()]);
      const next = new Map<string, number>();
      for (const name of names) {
        const now = dir.entries.get(name);
        const before = dir.durable.get(name);
        const chosen = now !== before && keepSome?.() ? now : before;
        if (chosen !== undefined) next.set(name, chosen);
      }
      dir.entries = next;
      dir.durable = new Map(next);
    }
    for (const inode of this.inodes.values()) inode.data = Buffer.from(inode.durable);
    this.fds.clear();
    this.failAt = Infinity;
  }

  /** Writes a file durably (for setting up a test). */
  put(path: string, content: string | Buffer): void {
    const { dir, name } = this.split(path);
    const data = Buffer.from(content);
    const ino = this.nextIno++;
    this.inodes.set(ino, { ino, data, durable: Buffer.from(data), mode: 0o644 });
    dir.entries.set(name, ino);
    dir.durable.set(name, ino);
  }

  list(folder: string): string[] {
    return [...(this.dirs.get(folder)?.entries.keys() ?? [])].sort();
  }

  private split(path: string): { dir: Dir; name: string } {
    const i = path.lastIndexOf('/');
    const dir = this.dirs.get(path.slice(0, i));
    if (!dir) throw errno('ENOENT', path);
    return { dir, name: path.slice(i + 1) };
  }

  private lookup(path: string): Inode | undefined {
    const { dir, name } = this.split(path);
    const ino = dir.entries.get(name);
    return ino === undefined ? undefined : this.inodes.get(ino);
  }

  readFile(path: string): Buffer {
    this.step();
    const inode = this.lookup(path);
    if (!inode) throw errno('ENOENT', path);
    return Buffer.from(inode.data);
  }

  stat(path: string): FileInfo | null {
    if (this.dirs.has(path)) return { mode: 0o755, uid: 0, gid: 0, ino: 0, size: 0, mtimeNs: 0n, isFile: false };
    const inode = this.lookup(path);
    if (!inode) return null;
    return { mode: inode.mode, uid: 0, gid: 0, ino: inode.ino, size: inode.data.length, mtimeNs: 0n, isFile: true };
  }

  realpath(path: string): string {
    return path;
  }

  createExclusive(path: string, mode: number): number {
    this.step();
    const { dir, name } = this.split(path);
    if (dir.entries.has(name)) throw errno('EEXIST', path);
    const ino = this.nextIno++;
    this.inodes.set(ino, { ino, data: Buffer.alloc(0), durable: Buffer.alloc(0), mode });
    dir.entries.set(name, ino);
    const fd = this.nextFd++;
    this.fds.set(fd, ino);
    return fd;
  }

  write(fd: number, data: Uint8Array): number {
    this.step();
    const inode = this.inodes.get(this.fds.get(fd)!)!;
    // a short write, like a real file system may do
    const n = Math.max(1, Math.min(data.length, 4096));
    inode.data = Buffer.concat([inode.data, data.subarray(0, n)]);
    return n;
  }

  fsync(fd: number): void {
    this.step();
    const inode = this.inodes.get(this.fds.get(fd)!)!;
    inode.durable = Buffer.from(inode.data);
  }

  close(fd: number): void {
    this.fds.delete(fd);
  }

  fsyncDir(path: string): void {
    this.step();
    const dir = this.dirs.get(path);
    if (!dir) throw errno('ENOENT', path);
    dir.durable = new Map(dir.entries);
  }

  rename(from: string, to: string): void {
    this.step();
    const a = this.split(from);
    const b = this.split(to);
    const ino = a.dir.entries.get(a.name);
    if (ino === undefined) throw errno('ENOENT', from);
    a.dir.entries.delete(a.name);
    b.dir.entries.set(b.name, ino);
  }

  link(existing: string, newPath: string): void {
    this.step();
    const a = this.split(existing);
    const b = this.split(newPath);
    const ino = a.dir.entries.get(a.name);
    if (ino === undefined) throw errno('ENOENT', existing);
    if (b.dir.entries.has(b.name)) throw errno('EEXIST', newPath);
    b.dir.entries.set(b.name, ino);
  }

  unlink(path: string): void {
    this.step();
    const { dir, name } = this.split(path);
    if (!dir.entries.delete(name)) throw errno('ENOENT', path);
  }

  readdir(path: string): string[] {
    const dir = this.dirs.get(path);
    if (!dir) throw errno('ENOENT', path);
    return [...dir.entries.keys()];
  }

  mkdir(path: string): void {
    if (!this.dirs.has(path)) this.dirs.set(path, { entries: new Map(), durable: new Map() });
  }

  chown(): void {}
}

function errno(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}
