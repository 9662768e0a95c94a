/**
 * Moving a CIB to a newer schema, as Pacemaker does for `cibadmin --upgrade`
 * and when a tool reads a CIB older than it accepts.
 *
 * Pacemaker walks the schemas from the CIB's own: as long as the CIB is valid
 * it moves on to the next one; where a major series ends (1.3, 2.10) it first
 * checks whether the CIB is already valid in the new series, and only if not
 * applies the series' upgrade stylesheet and checks the result. It stops at
 * the latest schema, at the first schema the CIB does not satisfy, or at a
 * given maximum. The CIB given is never modified; a changed copy is returned.
 */
import type { XmlElement } from '../xml/node.js';
import { cloneWithLines } from '../xml/parse.js';
import { transformFor } from './transforms/index.js';
import { validateWithSchema, type SchemaError } from './validate.js';
import {
  hasUpgradeTransform,
  latestSchemaIndex,
  latestSchemaVersion,
  minimumSchemaIndex,
  nextSchemaIndex,
  noneSchemaIndex,
  SCHEMA_NAMES,
  schemaIndex,
} from './versions.js';

/** A line Pacemaker logs along the way, with its level. */
export interface UpgradeLog {
  level: 'error' | 'warning' | 'notice' | 'info' | 'debug';
  /** the Pacemaker function that logs it, shown in verbose tool output */
  fn: string;
  /** the text as logged (for a stylesheet's message: without its level label) */
  text: string;
  /**
   * Set for an upgrade stylesheet's own message (xsl:message), as the
   * stylesheet words it, level label included. A tool that has Pacemaker
   * print these rather than log them shows this text on standard error as
   * the upgrade goes (see stylesheetMessageOutput); logged, it reads
   * "CIB upgrade: " + text.
   */
  stylesheet?: string;
}

/**
 * How a tool shows an upgrade stylesheet's message on standard error
 * (Pacemaker's cib_upgrade_err when not logging): each message is printed if
 * its level is within what the tool shows, and is followed by a newline that
 * is printed on its own at warning level; so a hidden message still leaves
 * an empty line when warnings show. `shows` is the most detailed level the
 * tool prints ('debug' for crm_verify; for cibadmin: nothing without -V,
 * 'info' with -V, 'debug' from -VV). Returns null when nothing is printed.
 */
export function stylesheetMessageOutput(entry: UpgradeLog, shows: 'none' | 'warning' | 'info' | 'debug'): string | null {
  if (entry.stylesheet === undefined || shows === 'none') return null;
  const rank = { warning: 0, info: 1, debug: 2 } as const;
  const level = entry.level === 'debug' ? 'debug' : entry.level === 'info' ? 'info' : 'warning';
  return rank[level] <= rank[shows] ? `${entry.stylesheet}\n` : '\n';
}

export interface UpgradeResult {
  /** the CIB after the walk (the input itself when nothing changed) */
  cib: XmlElement;
  /** the newest schema the CIB was found valid for (-1: none) */
  best: number;
  /** false when the walk ended on a failure (Pacemaker's rc is not OK) */
  ok: boolean;
  /** why it failed: the CIB was invalid, or a stylesheet produced an invalid CIB */
  failure?: 'invalid' | 'transform';
  /** libxml2's messages from the checks that report them, in order */
  errors: SchemaError[];
  log: UpgradeLog[];
}

export interface UpgradeOptions {
  /** stop at this schema (cibadmin's upgrade limit); default: the latest */
  max?: string;
}

/**
 * Pacemaker's update_validation with transformation: the newest schema the
 * CIB can be carried to, and the CIB carried there.
 */
export function upgradeCib(input: XmlElement, options: UpgradeOptions = {}): UpgradeResult {
  const log: UpgradeLog[] = [];
  const errors: SchemaError[] = [];
  let cib = input;
  const value = input.attr('validate-with');
  const max = options.max !== undefined ? schemaIndex(options.max) : 0;
  let match = -1;
  let lpc = 0;
  if (value !== undefined) {
    match = schemaIndex(value);
    if (match >= 0) lpc = match;
  }
  if (match >= latestSchemaIndex) return { cib, best: match, ok: true, errors, log };

  let best = 0;
  let ok = true;
  let failure: UpgradeResult['failure'];
  while (lpc <= latestSchemaIndex) {
    const check = validateWithSchema(cib, lpc);
    errors.push(...check.errors);
    if (!check.valid) {
      if (best) break;
      ok = false;
      failure = 'invalid';
    } else {
      ok = true;
      failure = undefined;
      best = lpc;
      const next = nextSchemaIndex(lpc);
      if (next <= lpc) break;
      if (max > 0 && (lpc === max || next > max)) break;
      if (!hasUpgradeTransform(lpc) || validateWithSchema(cib, next).valid) {
        lpc = next;
        continue;
      }
      const stylesheet = `upgrade-${SCHEMA_NAMES[lpc]!.slice('pacemaker-'.length)}`;
      const upgraded = transformFor(lpc)(cib, log);
      if (upgraded === null) {
        log.push({ level: 'error', fn: 'update_validation', text: `Transformation ${stylesheet}.xsl failed` });
        ok = false;
        failure = 'transform';
        lpc++;
        continue;
      }
      const after = validateWithSchema(upgraded, next);
      errors.push(...after.errors);
      if (after.valid) {
        log.push({ level: 'info', fn: 'update_validation', text: `Transformation ${stylesheet}.xsl successful` });
        lpc = next;
        best = next;
        cib = upgraded;
        continue;
      }
      log.push({ level: 'error', fn: 'update_validation', text: `Transformation ${stylesheet}.xsl did not produce a valid configuration` });
      ok = false;
      failure = 'invalid';
    }
    lpc++;
  }
  if (best > match && best) {
    if (cib === input) cib = cloneWithLines(input);
    cib.setAttr('validate-with', SCHEMA_NAMES[best]!);
    log.push({
      level: 'info',
      fn: 'update_validation',
      text: `Transformed the configuration from ${value ?? '<none>'} to ${SCHEMA_NAMES[best]}`,
    });
  }
  return { cib, best, ok, failure, errors, log };
}

/** What a tool does with a CIB it has read (Pacemaker's cli_config_update). */
export interface AcceptResult {
  /** false when the CIB is too old and cannot be upgraded far enough */
  ok: boolean;
  /** the CIB to work with: the input, or an upgraded copy */
  cib: XmlElement;
  /** the schema it ends at (-1 if none) */
  version: number;
  errors: SchemaError[];
  /** what Pacemaker logs about it, when asked to log */
  log: UpgradeLog[];
  /** what it prints on standard error instead, when not */
  printed: string[];
}

/**
 * Accepts a CIB for use by a tool: one older than the minimum accepted
 * schema (pacemaker-3.0) is upgraded in memory; one that cannot get there is
 * refused; one with validation disabled is accepted with a warning. With
 * `toLogs` the messages are log lines, otherwise Pacemaker prints the
 * important ones on standard error and drops the rest.
 */
export function acceptCib(input: XmlElement, toLogs = false): AcceptResult {
  const value = input.attr('validate-with');
  const orig = value ?? '(none)';
  const origVersion = schemaIndex(value);
  const log: UpgradeLog[] = [];
  const printed: string[] = [];
  const say = (level: UpgradeLog['level'], text: string, print: boolean) => {
    if (toLogs) log.push({ level, fn: 'cli_config_update', text });
    else if (print) printed.push(text);
  };
  if (origVersion < minimumSchemaIndex) {
    const r = upgradeCib(cloneWithLines(input));
    const version = r.best;
    if (version < minimumSchemaIndex) {
      const reason =
        version < origVersion || origVersion === -1
          ? `it does not validate with any schema from ${schemaNameOr(origVersion)} to ${latestSchemaVersion}`
          : `it would not upgrade past ${r.cib.attr('validate-with') ?? '<null>'}`;
      say('error', `Cannot upgrade configuration (claiming schema ${orig}) to at least ${SCHEMA_NAMES[minimumSchemaIndex]} because ${reason}`, true);
      return { ok: false, cib: input, version, errors: r.errors, log: [...r.log, ...log], printed };
    }
    if (version < latestSchemaIndex) {
      say('warning', `Configuration with schema ${orig} was internally upgraded to acceptable (but not most recent) ${SCHEMA_NAMES[version]}`, false);
    } else {
      say('info', `Configuration with schema ${orig} was internally upgraded to latest version ${SCHEMA_NAMES[version]}`, false);
    }
    return { ok: true, cib: r.cib, version, errors: r.errors, log: [...r.log, ...log], printed };
  }
  if (origVersion >= noneSchemaIndex) {
    say('warning', 'Schema validation of configuration is disabled (enabling is encouraged and prevents common misconfigurations)', true);
  }
  return { ok: true, cib: input, version: origVersion, errors: [], log, printed };
}

function schemaNameOr(index: number): string {
  return index >= 0 ? SCHEMA_NAMES[index]! : 'unknown';
}
