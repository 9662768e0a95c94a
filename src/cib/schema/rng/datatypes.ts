/**
 * The XML Schema datatypes the CIB schemas use, with libxml2's reading of
 * them: surrounding whitespace is tolerated, integers may carry leading zeros
 * but at most 24 significant digits, an ID is registered in the document the
 * moment its value is checked (a second element with the same value fails as
 * "redefined") and every IDREF is remembered for the final check that it
 * names a registered ID.
 */
import type { DatatypeName } from './pattern.js';

/** An attribute as the validator sees it; one object per attribute per validation. */
export interface AttrNode {
  readonly name: string;
  readonly value: string;
  readonly owner: import('../../xml/node.js').XmlElement;
  /** libxml2's attr->atype: set once the value was taken as an ID or IDREF */
  kind: 'ID' | 'IDREF' | null;
}

/** The IDs and IDREFs met while validating one document. */
export class IdTable {
  readonly ids = new Map<string, AttrNode>();
  /** value to the attributes referring to it, in the order they were checked */
  readonly refs = new Map<string, AttrNode[]>();

  addRef(value: string, attr: AttrNode): void {
    const list = this.refs.get(value);
    if (list) list.push(attr);
    else this.refs.set(value, [attr]);
  }
}

const XML_BLANK = /^[ \t\n\r]+|[ \t\n\r]+$/g;

function strip(value: string): string {
  return value.replace(XML_BLANK, '');
}

// NCName per XML 1.0: a letter or "_" first, then letters, digits, ".", "-",
// "_", combining characters and extenders; no colon. The Unicode classes
// cost milliseconds to compile, and nearly every ID is plain ASCII without
// blanks around it, which the first test settles.
const ASCII_NCNAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;
let ncname: RegExp | undefined;

function isNCName(value: string): boolean {
  if (ASCII_NCNAME.test(value)) return true;
  ncname ??= /^[\p{L}_][\p{L}\p{Nd}\p{Mn}\p{Mc}\p{Lm}._\-\u00B7]*$/u;
  return ncname.test(strip(value));
}

function parseInteger(value: string): { negative: boolean; zero: boolean } | null {
  const m = /^([+-]?)([0-9]+)$/.exec(strip(value));
  if (!m) return null;
  const digits = m[2]!.replace(/^0+/, '');
  if (digits.length > 24) return null;
  return { negative: m[1] === '-', zero: digits.length === 0 };
}

/**
 * Checks one value. Returns 1 when valid, 0 when not, and 2 for an ID
 * already used by another attribute (libxml2's special code).
 */
export function checkDatatype(type: DatatypeName, value: string, attr: AttrNode | null, ids: IdTable): 0 | 1 | 2 {
  switch (type) {
    case 'string':
    case 'token':
      return 1;
    case 'boolean':
      return /^(true|false|1|0)$/.test(strip(value)) ? 1 : 0;
    case 'integer':
      return parseInteger(value) ? 1 : 0;
    case 'nonNegativeInteger': {
      const n = parseInteger(value);
      return n && (!n.negative || n.zero) ? 1 : 0;
    }
    case 'positiveInteger': {
      const n = parseInteger(value);
      return n && !n.negative && !n.zero ? 1 : 0;
    }
    case 'ID': {
      if (!isNCName(value)) return 0;
      if (attr && attr.kind !== 'ID') {
        const key = strip(value);
        if (ids.ids.has(key)) return 2;
        ids.ids.set(key, attr);
        attr.kind = 'ID';
      }
      return 1;
    }
    case 'IDREF': {
      if (!isNCName(value)) return 0;
      if (attr) {
        ids.addRef(strip(value), attr);
        attr.kind = 'IDREF';
      }
      return 1;
    }
  }
}

/** Equality of a typed <value> with an instance value (only strings occur). */
export function datatypeEqual(type: DatatypeName, literal: string, value: string): boolean {
  if (type === 'string') return literal === value;
  return strip(literal).replace(/[ \t\n\r]+/g, ' ') === strip(value).replace(/[ \t\n\r]+/g, ' ');
}

/** Relax NG's normalizeWhiteSpace, used for untyped <value> comparisons. */
export function normalizeSpace(s: string): string {
  return s.replace(/[ \t\n\r]+/g, ' ').replace(/^ | $/g, '');
}
