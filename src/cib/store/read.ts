/**
 * Reading a CIB from a file: plain or bzip2-compressed (recognised by its
 * content, so a compressed pipe works too), regular file or pipe such as
 * /dev/fd/N.
 */
import Bunzip from 'seek-bzip';
import { nodeFs, type StoreFs } from './fs.js';

function isBzip2(raw: Uint8Array): boolean {
  return raw.length >= 10 && raw[0] === 0x42 && raw[1] === 0x5a && raw[2] === 0x68 && raw[3]! >= 0x31 && raw[3]! <= 0x39;
}

/** The file's text; throws the file system's error, or an Error for a damaged bzip2 stream. */
export function readCibText(path: string, fs: StoreFs = nodeFs): string {
  const raw = fs.readFile(path);
  if (!isBzip2(raw)) return raw.toString('utf8');
  try {
    return Bunzip.decode(raw, undefined, true).toString('utf8');
  } catch (e) {
    throw new Error(`${path}: damaged bzip2 data (${(e as Error).message})`);
  }
}
