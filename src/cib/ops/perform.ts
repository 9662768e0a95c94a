/**
 * Runs one CIB operation the way Pacemaker's CIB manager does: on a copy,
 * then checks the result (feature set not newer than ours, version not
 * going backwards), expands relative values, moves the version by what
 * changed and validates against the CIB's schema. Pure: the caller reads
 * and writes the CIB.
 */
import { CRM_FEATURE_SET } from '../../cli/version.js';
import { newerFeatureSet, olderThanExisting, schemaViolation } from '../errors.js';
import { bumpVersion, readVersion } from '../generation.js';
import { compareVersion } from '../version.js';
import { expandRemaining } from '../plus-plus.js';
import { formatSchemaError } from '../schema/validate.js';
import { ChangeTracker } from '../tracking.js';
import type { XmlElement } from '../xml/node.js';
import { create } from './create.js';
import { remove } from './delete.js';
import { modify } from './modify.js';
import { query } from './query.js';
import { replace } from './replace.js';
import type { CibReply, CibRequest, Validator } from './request.js';
import { bump, erase, patch, upgrade } from './whole.js';

export interface PerformOptions {
  /** Schema validation of the result; none when absent. */
  validate?: Validator;
}

type Mutation = (scratch: XmlElement, req: CibRequest, t: ChangeTracker) => XmlElement | void;

const MUTATIONS: Record<Exclude<CibRequest['op'], 'query'>, Mutation> = {
  create,
  modify,
  replace,
  delete: remove,
  erase: (cib) => erase(cib),
  bump: (cib, _req, t) => bump(cib, t),
  upgrade: (cib) => upgrade(cib),
  patch,
};

export function performOp(current: XmlElement, req: CibRequest, options: PerformOptions = {}): CibReply {
  if (req.op === 'query') return { cib: current, changed: false, output: query(current, req) };

  const t = new ChangeTracker();
  const scratch = current.clone();
  const replaced = MUTATIONS[req.op](scratch, req, t);
  const result = replaced ?? scratch;
  if (replaced) t.compareWhole(current, replaced);

  const featureSet = result.attr('crm_feature_set');
  if (featureSet !== undefined && compareVersion(featureSet, CRM_FEATURE_SET) > 0) throw newerFeatureSet();
  const before = readVersion(current);
  const after = readVersion(result);
  if (after.adminEpoch < before.adminEpoch || (after.adminEpoch === before.adminEpoch && after.epoch < before.epoch)) {
    throw olderThanExisting();
  }

  expandRemaining(t, result);
  bumpVersion(result, t.kind);
  if (!t.changed) return { cib: current, changed: false };

  if (options.validate && req.scope !== 'status') {
    const verdict = options.validate(result);
    if (!verdict.valid) throw schemaViolation(result, verdict.errors.map((e) => formatSchemaError(e, null)));
  }
  return { cib: result, changed: true };
}
