/**
 * Reading a CIB from a file: plain or bzip2-compressed, regular file or pipe.
 */
import { readFileSync } from 'node:fs';
import { parseXml } from '../xml/parse.js';
import type { XmlElement } from '../xml/node.js';

export function readCibText(path: string): string {
  const raw = readFileSync(path);
  return raw.toString('utf8');
}

export function readCibFile(path: string): XmlElement {
  return parseXml(readCibText(path));
}
