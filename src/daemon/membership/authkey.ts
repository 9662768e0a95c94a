/**
 * The cluster's shared secret, as Corosync keeps it: random bytes in a file
 * readable by root only, the same on every node.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { nodeFs } from '../../cib/store/fs.js';
import { writeAtomic } from '../../cib/store/atomic-write.js';

export const AUTHKEY_MIN = 128;
export const AUTHKEY_MAX = 4096;
export const AUTHKEY_DEFAULT = 256;

/** Writes a fresh key of `size` bytes, mode 0400. */
export function writeAuthkey(path: string, size = AUTHKEY_DEFAULT): void {
  if (!Number.isInteger(size) || size < AUTHKEY_MIN || size > AUTHKEY_MAX) {
    throw new RangeError(`key size must be between ${AUTHKEY_MIN} and ${AUTHKEY_MAX} bytes`);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeAtomic(nodeFs, path, randomBytes(size), { mode: 0o400 });
}

/** Reads the key; refuses one too short to be a real key. */
export function readAuthkey(path: string): Buffer {
  const key = readFileSync(path);
  if (key.length < AUTHKEY_MIN) throw new Error(`${path} holds ${key.length} bytes, fewer than the ${AUTHKEY_MIN} a key needs`);
  return key;
}
