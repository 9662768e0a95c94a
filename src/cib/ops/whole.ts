/** Operations on the CIB as a whole: --erase, --bump, --patch. */
import { createEmptyCib } from '../empty.js';
import { incrementCounter } from '../generation.js';
import { CibError, invalidArgument } from '../errors.js';
import { applyPatchset, PatchError } from '../patchset/index.js';
import type { ChangeTracker } from '../tracking.js';
import type { XmlElement } from '../xml/node.js';
import type { CibRequest } from './request.js';

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

/** The CIB with a patchset (crm_diff's) applied; it must be made for this version. */
export function patch(cib: XmlElement, req: CibRequest): XmlElement {
  if (!req.input) throw invalidArgument();
  try {
    return applyPatchset(cib, req.input, { checkVersion: true });
  } catch (e) {
    if (e instanceof PatchError) throw new CibError(e.code, e.message, { notes: e.log ? [e.log] : [] });
    throw e;
  }
}
