/**
 * The CIB's version triple (admin_epoch, epoch, num_updates) and Pacemaker's
 * rules for moving it: a change inside /cib/configuration bumps epoch and
 * zeroes num_updates; any other change bumps num_updates; nothing changed,
 * nothing moves. admin_epoch only moves when asked (--erase, --upgrade, an
 * explicit value).
 */
import type { XmlElement } from './xml/node.js';

export interface CibVersion {
  adminEpoch: number;
  epoch: number;
  numUpdates: number;
}

/** What an update changed, as far as the version is concerned. */
export type ChangeKind = 'none' | 'status' | 'configuration';

/** Leading integer of an attribute value, as C's strtol reads it; `fallback` when there is none. */
export function intAttr(el: XmlElement, name: string, fallback: number): number {
  const v = el.attr(name);
  if (v === undefined) return fallback;
  const m = /^\s*([+-]?\d+)/.exec(v);
  return m ? Number.parseInt(m[1]!, 10) : fallback;
}

/** The triple; missing or unreadable parts count as `fallback` (Pacemaker uses 0 or -1 depending on the caller). */
export function readVersion(cib: XmlElement, fallback = 0): CibVersion {
  return {
    adminEpoch: intAttr(cib, 'admin_epoch', fallback),
    epoch: intAttr(cib, 'epoch', fallback),
    numUpdates: intAttr(cib, 'num_updates', fallback),
  };
}

export function compareVersions(a: CibVersion, b: CibVersion): number {
  return Math.sign(a.adminEpoch - b.adminEpoch) || Math.sign(a.epoch - b.epoch) || Math.sign(a.numUpdates - b.numUpdates);
}

export function formatVersion(v: CibVersion): string {
  return `${v.adminEpoch}.${v.epoch}.${v.numUpdates}`;
}

/** Adds one to a counter attribute (a missing one becomes 1), or sets it to 1 when `reset`. */
export function incrementCounter(cib: XmlElement, name: string, reset = false): void {
  const old = cib.attr(name);
  const next = reset || old === undefined ? 1 : leadingInt(old) + 1;
  cib.setAttr(name, String(next));
}

/** atoi: leading digits, 0 when none. */
function leadingInt(text: string): number {
  const m = /^\s*([+-]?\d+)/.exec(text);
  return m ? Number.parseInt(m[1]!, 10) : 0;
}

/** Moves the version after an update, by what the update changed. */
export function bumpVersion(cib: XmlElement, kind: ChangeKind): void {
  if (kind === 'configuration') {
    cib.setAttr('num_updates', '0');
    cib.setAttr('epoch', String(intAttr(cib, 'epoch', 0) + 1));
  } else if (kind === 'status') {
    cib.setAttr('num_updates', String(intAttr(cib, 'num_updates', 0) + 1));
  }
}
