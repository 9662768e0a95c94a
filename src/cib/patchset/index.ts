/**
 * Patchsets: the differences between two CIBs as Pacemaker writes them
 * (crm_diff, cibadmin --patch, the CIB manager's updates), and applying them.
 */
import { digestForFeatureSet } from '../digest.js';
import { compareVersion } from '../version.js';
import type { XmlElement } from '../xml/node.js';
import { calculateChanges, comparable } from './changes.js';
import { createV1 } from './create-v1.js';
import { createV2 } from './create-v2.js';
import { assertionLine } from './log.js';
import { VERSION_FIELDS } from './version.js';

export { applyPatchset, patchVersions, type ApplyOptions } from './apply.js';
export { PatchError, PatchFailure } from './errors.js';
export type { LogSink } from './log.js';

export interface CreateOptions {
  /**
   * Keep the version details (default). Without them (crm_diff --no-version)
   * the new CIB's version is taken to be the original's, and the version
   * section is left out.
   */
  withVersion?: boolean;
  /**
   * Compare as CIBs (crm_diff --cib): attributes that only changed order are
   * not changes, and a format 2 patchset carries the new CIB's digest.
   */
  asCib?: boolean;
  /**
   * 1 or 2; by default, as Pacemaker chooses: 2 when the original's
   * crm_feature_set is newer than 3.0.8, else 1.
   */
  format?: 1 | 2;
}

/** Two trees that Pacemaker refuses to compare: different root names or ids. */
export class IncomparableError extends Error {
  /** What Pacemaker logs on stderr when it refuses. */
  readonly logLine: string;

  constructor(readonly what: 'name' | 'id') {
    super(`the two documents have different root ${what === 'name' ? 'elements' : 'ids'}`);
    this.name = 'IncomparableError';
    this.logLine =
      what === 'name'
        ? assertionLine('xml_calculate_changes', 'xml.c:2514', 'pcmk__str_eq(crm_element_name(old_xml), crm_element_name(new_xml), pcmk__str_casei)')
        : assertionLine('xml_calculate_changes', 'xml.c:2516', 'pcmk__str_eq(ID(old_xml), ID(new_xml), pcmk__str_casei)');
  }
}

/**
 * The patchset that turns `oldCib` into `newCib`, or null when there is no
 * difference. The inputs are not changed. Throws IncomparableError when the
 * roots differ in name or id.
 */
export function createPatchset(oldCib: XmlElement, newCib: XmlElement, options: CreateOptions = {}): XmlElement | null {
  const target = newCib.clone();
  if (options.withVersion === false) {
    for (const f of VERSION_FIELDS) {
      const v = oldCib.attrs[f];
      if (v !== undefined) target.attrs[f] = v;
    }
  }
  const mismatch = comparable(oldCib, target);
  if (mismatch) throw new IncomparableError(mismatch);
  const changes = calculateChanges(oldCib, target, options.asCib ?? false);
  if (!changes.dirty) return null;

  const featureSet = oldCib.attrs['crm_feature_set'];
  const format = options.format ?? (compareVersion('3.0.8', featureSet) < 0 ? 2 : 1);
  const configChanged = changes.isConfigChange();
  const patch = format === 1 ? createV1(oldCib, changes, configChanged) : createV2(oldCib, changes);
  changes.accept();
  if (!patch) return null;

  if (format === 1 || options.asCib) patch.setAttr('digest', digestForFeatureSet(target, featureSet));
  if (options.withVersion === false) stripVersions(patch);
  return patch;
}

function stripVersions(patch: XmlElement): void {
  if (patch.attrs['format'] === '2') {
    patch.firstElement('version')?.remove();
    return;
  }
  for (const side of ['diff-removed', 'diff-added']) {
    const el = patch.firstElement(side);
    if (!el) continue;
    const cib = el.firstElement('cib');
    for (const f of VERSION_FIELDS) {
      delete el.attrs[f];
      if (cib) delete cib.attrs[f];
    }
  }
}
