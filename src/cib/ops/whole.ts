/** Operations on the CIB as a whole: --erase, --bump, --patch, --upgrade. */
import { createEmptyCib } from '../empty.js';
import { incrementCounter } from '../generation.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { CibError, invalidArgument, schemaViolation } from '../errors.js';
import { upgradeCib } from '../schema/upgrade.js';
import { formatSchemaError } from '../schema/validate.js';
import { schemaIndex } from '../schema/versions.js';
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
  const log: string[] = [];
  try {
    return applyPatchset(cib, req.input, { checkVersion: true, log: (line) => log.push(line) });
  } catch (e) {
    if (e instanceof PatchError) throw new CibError(e.code, e.message, { notes: log });
    throw e;
  }
}

/**
 * The CIB moved to the newest schema it can reach (Pacemaker's upgrade: the
 * series' stylesheets where a series ends). Progress restarts the version
 * at admin_epoch + 1, epoch 1, num_updates 1; no progress leaves the CIB as
 * it is, or fails when the CIB does not validate.
 */
export function upgrade(cib: XmlElement): XmlElement {
  const before = schemaIndex(cib.attr('validate-with'));
  const r = upgradeCib(cib);
  if (schemaIndex(r.cib.attr('validate-with')) > before) {
    const out = r.cib === cib ? cib.clone() : r.cib;
    incrementCounter(out, 'admin_epoch');
    incrementCounter(out, 'epoch', true);
    incrementCounter(out, 'num_updates', true);
    return out;
  }
  if (r.ok) return cib;
  const notes = r.errors.map((e) => formatSchemaError(e, null));
  if (r.failure === 'transform') throw new CibError(ExitCode.CONFIG, 'Schema transform failed', { notes });
  throw schemaViolation(undefined, notes);
}
