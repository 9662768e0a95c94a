/**
 * crm_verify's checks of a complete configuration: well-formed, rooted at
 * <cib>, valid against its schema (and carried forward when its schema is
 * older than the tools accept), then the scheduler's own checks. Pure: the
 * CIB comes in parsed; diagnostics and the verdict come out.
 */
import { ExitCode } from '../../cli/exit-codes.js';
import { acceptCib } from '../schema/upgrade.js';
import { formatSchemaError, validateCib, type SchemaError } from '../schema/validate.js';
import { latestSchemaVersion } from '../schema/versions.js';
import type { XmlElement } from '../xml/node.js';
import type { Diagnostic } from './diagnostic.js';
import { schedulerChecks } from './scheduler-checks.js';

export interface VerifyOptions {
  /** the file name libxml2 puts in front of its messages; null when the CIB came as text */
  source: string | null;
  /** checking the cluster's own CIB (crm_verify -L) */
  live: boolean;
  now: number;
}

export interface VerifyResult {
  diagnostics: Diagnostic[];
  /** configuration errors (or warnings) were found: crm_verify then exits with CRM_EX_CONFIG */
  errors: boolean;
  warnings: boolean;
}

export const NOT_A_CIB = 'This tool can only check complete configurations (i.e. those starting with <cib>).';

/** Whether a document can be checked at all (crm_verify refuses anything but a whole CIB). */
export function isWholeCib(root: XmlElement): boolean {
  return root.name.toLowerCase() === 'cib';
}

/** The exit code for a document that is not a whole CIB. */
export const NOT_A_CIB_CODE = ExitCode.PROTOCOL;

/**
 * Checks a CIB as Pacemaker's crm_verify does. The CIB is worked on as
 * given: like Pacemaker, the check adds a missing status section and
 * records the schema it settled on.
 */
export function verifyCib(cib: XmlElement, options: VerifyOptions): VerifyResult {
  const diagnostics: Diagnostic[] = [];
  const text = (t: string) => diagnostics.push({ kind: 'text', text: t });
  const shown = (errors: SchemaError[]) => errors.forEach((e) => text(formatSchemaError(e, options.source)));
  const hadStatus = cib.findChild('status') !== undefined;
  if (!hadStatus) cib.add('status');
  let errors = false;
  let warnings = false;

  const validation = validateCib(cib);
  shown(validation.errors);
  if (validation.assigned) cib.setAttr('validate-with', validation.schema!);
  if (!validation.valid) {
    diagnostics.push({ kind: 'log', level: 'error', fn: 'main', text: 'CIB did not pass schema validation' });
    return { diagnostics, errors: true, warnings };
  }
  const accepted = acceptCib(cib);
  shown(accepted.errors);
  // crm_verify has the upgrade stylesheets' messages printed, all of them
  for (const l of accepted.log) {
    if (l.stylesheet !== undefined) text(l.stylesheet);
    else diagnostics.push({ kind: 'log', level: l.level, fn: l.fn, text: l.text });
  }
  accepted.printed.forEach(text);
  if (!accepted.ok) {
    text(`The cluster will NOT be able to use this configuration.\nPlease manually update the configuration to conform to the ${latestSchemaVersion} syntax.`);
    return { diagnostics, errors: true, warnings };
  }
  const report = schedulerChecks(accepted.cib, { schedule: hadStatus || options.live, now: options.now });
  diagnostics.push(...report.diagnostics);
  errors ||= report.errors;
  warnings ||= report.warnings;
  return { diagnostics, errors, warnings };
}
