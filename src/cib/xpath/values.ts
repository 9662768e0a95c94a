/**
 * XPath's four value types and the conversions between them (XPath 1.0
 * section 4), with numbers printed and parsed the way libxml2 does it.
 */
import { stringValue, type XNode } from './nodes.js';

/** A node-set is kept in document order, without duplicates. */
export type XPathValue = XNode[] | string | number | boolean;

export function isNodeSet(v: XPathValue): v is XNode[] {
  return Array.isArray(v);
}

export function toBoolean(v: XPathValue): boolean {
  if (isNodeSet(v)) return v.length > 0;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return v;
}

export function toString(v: XPathValue): string {
  if (isNodeSet(v)) return v.length ? stringValue(v[0]!) : '';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v;
}

export function toNumber(v: XPathValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return parseNumber(toString(v));
}

/** String to number: optional blanks, an optional minus, digits, an optional exponent (libxml2's leniency). */
export function parseNumber(s: string): number {
  const m = /^\s*(-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*$/.exec(s);
  return m ? Number(m[1]) : NaN;
}

/**
 * Number to string as libxml2 prints it: integers plainly, other values with
 * up to 15 significant digits and no trailing zeros, very large or very small
 * ones in exponent form.
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n === 0) return '0';
  if (Number.isInteger(n) && n > -2147483648 && n < 2147483647) return String(n);
  const abs = Math.abs(n);
  if (abs > 1e9 || abs < 1e-5) {
    const [mantissa, exponent] = n.toExponential(14).split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    return trimZeros(mantissa) + 'e' + sign + digits;
  }
  const integerPlace = Math.trunc(Math.log10(abs));
  const fraction = integerPlace > 0 ? 15 - integerPlace - 1 : 15 - integerPlace;
  return trimZeros(n.toFixed(fraction));
}

function trimZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}
