/**
 * Validation of a CIB against the schema its validate-with attribute names,
 * with Pacemaker's verdicts and libxml2's messages.
 */
import type { XmlElement } from '../xml/node.js';
import { elementLine } from '../xml/parse.js';
import { cibSchema } from './model/pacemaker.js';
import { validateDocument } from './rng/validate.js';
import { noneSchemaIndex, SCHEMA_NAMES, schemaIndex, schemaModelVersion } from './versions.js';

/** One message of the validator, as libxml2 would report it. */
export interface SchemaError {
  /** the element the message is about (null: the document, or no place) */
  element: XmlElement | null;
  /** that element's line in the text it was parsed from; 0 when built in memory */
  line: number;
  /** false when libxml2 reports the message without a place */
  located: boolean;
  /** 'relaxng' for the schema's own checks, 'idref' for references to unknown IDs */
  kind: 'relaxng' | 'idref';
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: SchemaError[];
  /**
   * The schema the verdict is for. When the CIB names none, Pacemaker tries
   * every schema in turn and ends up recording "none" in the CIB; this is
   * then 'none' and `assigned` is true.
   */
  schema: string | null;
  assigned?: boolean;
}

/** Validates against one schema by its position in SCHEMA_NAMES. */
export function validateWithSchema(cib: XmlElement, index: number): { valid: boolean; errors: SchemaError[] } {
  if (index < 0) return { valid: false, errors: [] };
  if (index === noneSchemaIndex) return { valid: true, errors: [] };
  const version = schemaModelVersion(index);
  const schema = version && cibSchema(version);
  if (!schema) return { valid: false, errors: [] };
  const r = validateDocument(schema, cib);
  return {
    valid: r.valid,
    errors: r.errors.map((e) => ({
      element: e.element,
      line: e.element ? elementLine(e.element) : 0,
      located: e.located,
      kind: e.domain === 'valid' ? 'idref' : 'relaxng',
      message: e.message,
    })),
  };
}

/**
 * Validates a CIB the way Pacemaker does before accepting it: against the
 * schema named by validate-with (matched without regard to case), or the
 * one given. "none" disables validation; an unknown name fails without a
 * message. Without the attribute every schema is tried in order and each
 * failure reported, which always ends valid, at "none".
 */
export function validateCib(cib: XmlElement, options: { schema?: string } = {}): ValidationResult {
  const name = options.schema ?? cib.attr('validate-with');
  if (name !== undefined) {
    const index = schemaIndex(name);
    return { ...validateWithSchema(cib, index), schema: index >= 0 ? SCHEMA_NAMES[index]! : null };
  }
  // Pacemaker records each schema that fits as soon as it fits, so later
  // attempts see the attribute; we take it away again afterwards.
  const errors: SchemaError[] = [];
  try {
    for (let i = 0; i <= noneSchemaIndex; i++) {
      const r = validateWithSchema(cib, i);
      errors.push(...r.errors);
      if (r.valid) cib.setAttr('validate-with', SCHEMA_NAMES[i]!);
    }
  } finally {
    cib.removeAttr('validate-with');
  }
  return { valid: true, errors, schema: 'none', assigned: true };
}

/**
 * A message in libxml2's words, e.g. `cib.xml:8: element primitive:
 * Relax-NG validity error : Invalid sequence in interleave`. `source` is the
 * file name; without one (text given on the command line or on standard
 * input) libxml2 writes "Entity: line N".
 */
export function formatSchemaError(e: SchemaError, source: string | null): string {
  const domain = e.kind === 'idref' ? 'validity error' : 'Relax-NG validity error';
  if (!e.located) return `${domain} : ${e.message}`;
  const where = source !== null ? `${source}:${e.line}: ` : `Entity: line ${e.line}: `;
  const what = e.element ? `element ${e.element.name}: ` : '';
  return `${where}${what}${domain} : ${e.message}`;
}
