/**
 * The file operations the store uses, behind an interface so that tests can
 * run the store on a file system that crashes at any step.
 */
import {
  chownSync,
  closeSync,
  constants,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';

export interface FileInfo {
  mode: number;
  uid: number;
  gid: number;
  ino: number;
  size: number;
  mtimeNs: bigint;
  isFile: boolean;
}

export interface StoreFs {
  readFile(path: string): Buffer;
  /** null when the path does not exist. */
  stat(path: string): FileInfo | null;
  realpath(path: string): string;
  /** Creates a new file (fails if it exists) and returns its descriptor. */
  createExclusive(path: string, mode: number): number;
  write(fd: number, data: Uint8Array): number;
  fsync(fd: number): void;
  close(fd: number): void;
  /** Makes a folder's entries (renames, links, removals) durable. */
  fsyncDir(path: string): void;
  rename(from: string, to: string): void;
  link(existing: string, newPath: string): void;
  unlink(path: string): void;
  readdir(path: string): string[];
  mkdir(path: string): void;
  chown(path: string, uid: number, gid: number): void;
}

export const nodeFs: StoreFs = {
  readFile: (path) => readFileSync(path),
  stat(path) {
    try {
      const s = statSync(path, { bigint: true });
      return {
        mode: Number(s.mode & 0o7777n),
        uid: Number(s.uid),
        gid: Number(s.gid),
        ino: Number(s.ino),
        size: Number(s.size),
        mtimeNs: s.mtimeNs,
        isFile: s.isFile(),
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  },
  realpath: (path) => realpathSync(path),
  createExclusive: (path, mode) => openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode),
  write: (fd, data) => writeSync(fd, data),
  fsync: (fd) => fsyncSync(fd),
  close: (fd) => closeSync(fd),
  fsyncDir(path) {
    const fd = openSync(path, constants.O_RDONLY | constants.O_DIRECTORY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  rename: (from, to) => renameSync(from, to),
  link: (existing, newPath) => linkSync(existing, newPath),
  unlink: (path) => unlinkSync(path),
  readdir: (path) => readdirSync(path),
  mkdir: (path) => void mkdirSync(path, { recursive: true }),
  chown: (path, uid, gid) => chownSync(path, uid, gid),
};
