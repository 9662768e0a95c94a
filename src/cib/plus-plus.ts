/**
 * Relative attribute values: `epoch="epoch++"` adds one to the current
 * value, `score="score+=10"` adds ten. Pacemaker expands them whenever it
 * copies attributes into the CIB, and once more over the whole result of
 * an update (a value with nothing to add to starts from 0).
 */
import type { ChangeTracker } from './tracking.js';
import type { XmlElement } from './xml/node.js';

const INFINITY = 1000000;

/** Pacemaker's reading of a score: INFINITY words, clamped integers, 0 for anything else. */
export function scoreValue(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === '-infinity') return -INFINITY;
  if (t === 'infinity' || t === '+infinity') return INFINITY;
  const m = /^([+-]?\d+)/.exec(t);
  if (!m) return 0;
  const n = Number.parseInt(m[1]!, 10);
  return Math.max(-INFINITY, Math.min(INFINITY, n));
}

/** The increment `value` asks for on attribute `name`, or null when it is a plain value. */
function increment(name: string, value: string): number | null {
  if (!value.startsWith(name) || value.length < name.length + 2 || value[name.length] !== '+') return null;
  const op = value[name.length + 1];
  if (op === '+') return 1;
  if (op === '=') return scoreValue(value.slice(name.length + 2));
  return null;
}

/** Sets `name` on `target` to `value`, expanding a relative value against the current one. */
export function setExpanded(t: ChangeTracker, target: XmlElement, name: string, value: string): void {
  const old = target.attr(name);
  const inc = old === undefined ? null : increment(name, value);
  if (inc === null) {
    t.setAttr(target, name, value);
    return;
  }
  t.setAttr(target, name, String(Math.min(INFINITY, scoreValue(old!) + inc)));
}

/** Copies every attribute of `source` into `target`, expanding relative values. */
export function copyAttrsExpanded(t: ChangeTracker, target: XmlElement, source: XmlElement): void {
  for (const name of source.attrNames()) setExpanded(t, target, name, source.attrs[name]!);
}

/** Expands relative values left anywhere in the tree, each against nothing (0). */
export function expandRemaining(t: ChangeTracker, root: XmlElement): void {
  for (const el of root.walk()) {
    for (const name of el.attrNames()) {
      const value = el.attrs[name]!;
      if (!value.includes('+')) continue;
      const inc = increment(name, value);
      if (inc !== null) t.setAttr(el, name, String(Math.min(INFINITY, inc)));
    }
  }
}
