/**
 * The file operations the store uses, behind an interface so that tests can
 * run the store on a file system that crashes at any step.
 */
import * as fs from 'node:fs';

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
  readFile: (path) => fs.readFileSync(path),
  stat(path) {
    try {
      const s = fs.statSync(path, { bigint: true });
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
  realpath: (path) => fs.realpathSync(path),
  createExclusive: (path, mode) => fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, mode),
  write: (fd, data) => fs.writeSync(fd, data),
  fsync: (fd) => fs.fsyncSync(fd),
  close: (fd) => fs.closeSync(fd),
  fsyncDir(path) {
    const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
  rename: (from, to) => fs.renameSync(from, to),
  link: (existing, newPath) => fs.linkSync(existing, newPath),
  unlink: (path) => fs.unlinkSync(path),
  readdir: (path) => fs.readdirSync(path),
  mkdir: (path) => void fs.mkdirSync(path, { recursive: true }),
  chown: (path, uid, gid) => fs.chownSync(path, uid, gid),
};
