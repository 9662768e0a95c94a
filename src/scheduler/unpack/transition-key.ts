/**
 * Transition keys ("action:transition:target-rc:uuid") and magic strings
 * ("status:rc;key") recorded with each operation result.
 */
import type { XmlElement } from '../../cib/xml/node.js';

export interface TransitionKey {
  actionId: number;
  transitionId: number;
  targetRc: number;
  uuid: string;
}

export function decodeTransitionKey(key: string | undefined): TransitionKey | null {
  if (key === undefined) return null;
  const m = /^\s*([+-]?\d+):\s*([+-]?\d+):\s*([+-]?\d+):(\S{1,36})/.exec(key);
  if (!m) return null;
  return { actionId: Number(m[1]), transitionId: Number(m[2]), targetRc: Number(m[3]), uuid: m[4]! };
}

export function decodeTransitionMagic(magic: string | undefined): (TransitionKey & { status: number; rc: number }) | null {
  if (magic === undefined) return null;
  const m = /^\s*([+-]?\d+):\s*([+-]?\d+);(\S+)/.exec(magic);
  if (!m) return null;
  const key = decodeTransitionKey(m[3]);
  if (!key) return null;
  return { ...key, status: Number(m[1]), rc: Number(m[2]) };
}

/** The result an operation was expected to return (-1 when unknown). */
export function targetRcOf(op: XmlElement): number {
  const key = op.attrs['transition-key'];
  if (key === undefined) return -1;
  return plainTargetRc(key) ?? decodeTransitionKey(key)?.targetRc ?? -1;
}

/**
 * The target rc of a key in the usual form (three plain numbers and a
 * uuid, "12:3:7:uuid"), read without a regular expression: every history
 * entry has one. Null for any other form, which the full decoder reads.
 */
function plainTargetRc(key: string): number | null {
  let i = 0;
  let value = 0;
  for (let field = 0; field < 3; field++) {
    const start = i;
    value = 0;
    for (let c = key.charCodeAt(i); c >= 0x30 && c <= 0x39; c = key.charCodeAt(++i)) value = value * 10 + (c - 0x30);
    if (i === start || i - start > 15 || key.charCodeAt(i) !== 0x3a) return null;
    i++;
  }
  const c = key.charCodeAt(i);
  return c > 0x20 && c < 0x7f ? value : null;
}
