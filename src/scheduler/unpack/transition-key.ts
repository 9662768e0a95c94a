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
  return decodeTransitionKey(op.attrs['transition-key'])?.targetRc ?? -1;
}
