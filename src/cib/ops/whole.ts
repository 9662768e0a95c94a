/** Operations on the CIB as a whole: --erase, --bump. */
import { createEmptyCib } from '../empty.js';
import { incrementCounter } from '../generation.js';
import type { ChangeTracker } from '../tracking.js';
import type { XmlElement } from '../xml/node.js';

/** An empty configuration and status under the old root's attributes, admin_epoch one higher. */
export function erase(cib: XmlElement): XmlElement {
  const fresh = createEmptyCib(0);
  for (const name of cib.attrNames()) fresh.setAttr(name, cib.attrs[name]!);
  incrementCounter(fresh, 'admin_epoch');
  return fresh;
}

/** epoch one higher (the version rules then count it as a status change). */
export function bump(cib: XmlElement, t: ChangeTracker): void {
  incrementCounter(cib, 'epoch');
  t.markModified(cib);
}
