/**
 * XPath 1.0 tokens, with the spec's disambiguation rules (section 3.7): after
 * a token that can end an operand, `*` is multiplication and a name is an
 * operator (and, or, mod, div); a name before `(` is a function or node
 * type, a name before `::` an axis.
 */
import { XPathError } from './error.js';

export type Token =
  | { type: 'punct'; value: '(' | ')' | '[' | ']' | '.' | '..' | '@' | ',' | '::'; at: number }
  | { type: 'operator'; value: string; at: number }
  | { type: 'nameTest'; value: string; at: number }
  | { type: 'nodeType'; value: string; at: number }
  | { type: 'function'; value: string; at: number }
  | { type: 'axis'; value: string; at: number }
  | { type: 'literal'; value: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: 'variable'; value: string; at: number };

const NODE_TYPES = new Set(['comment', 'text', 'processing-instruction', 'node']);
const OPERATOR_NAMES = new Set(['and', 'or', 'mod', 'div']);

// NCName characters: letters, digits and the usual punctuation, plus anything
// beyond ASCII (XML allows most of it in names).
const NAME_START = /[A-Za-z_\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9._\u00B7\u00C0-\uFFFF-]/;

export function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = expr.length;

  const operandEnded = (): boolean => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return false;
    if (prev.type === 'operator') return false;
    if (prev.type === 'punct') return prev.value === ')' || prev.value === ']' || prev.value === '.' || prev.value === '..';
    return prev.type !== 'axis' && prev.type !== 'function' && prev.type !== 'nodeType';
  };
  const skipSpace = (from: number): number => {
    let j = from;
    while (j < n && /\s/.test(expr[j]!)) j++;
    return j;
  };
  const readNCName = (from: number): number => {
    let j = from;
    if (j < n && NAME_START.test(expr[j]!)) {
      j++;
      while (j < n && NAME_CHAR.test(expr[j]!)) j++;
    }
    return j;
  };

  while (i < n) {
    const c = expr[i]!;
    const at = i;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = expr.slice(i, i + 2);
    if (two === '..' || two === '::') {
      tokens.push({ type: 'punct', value: two, at });
      i += 2;
      continue;
    }
    if (c === '.' && !/[0-9]/.test(expr[i + 1] ?? '')) {
      tokens.push({ type: 'punct', value: '.', at });
      i++;
      continue;
    }
    if ('()[]@,'.includes(c)) {
      tokens.push({ type: 'punct', value: c as '(' | ')' | '[' | ']' | '@' | ',', at });
      i++;
      continue;
    }
    if (two === '//' || two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ type: 'operator', value: two, at });
      i += 2;
      continue;
    }
    if ('/|+-=<>'.includes(c)) {
      tokens.push({ type: 'operator', value: c, at });
      i++;
      continue;
    }
    if (c === '*') {
      tokens.push(operandEnded() ? { type: 'operator', value: '*', at } : { type: 'nameTest', value: '*', at });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = expr.indexOf(c, i + 1);
      if (end < 0) throw new XPathError('Unfinished literal', expr, at);
      tokens.push({ type: 'literal', value: expr.slice(i + 1, end), at });
      i = end + 1;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      // libxml2 also accepts an exponent, which XPath 1.0 does not define
      const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(expr.slice(i))!;
      tokens.push({ type: 'number', value: Number(m[0]), at });
      i += m[0].length;
      continue;
    }
    if (c === '$') {
      let j = readNCName(i + 1);
      if (j === i + 1) throw new XPathError('Invalid variable name', expr, at);
      if (expr[j] === ':' && NAME_START.test(expr[j + 1] ?? '')) j = readNCName(j + 1);
      tokens.push({ type: 'variable', value: expr.slice(i + 1, j), at });
      i = j;
      continue;
    }
    if (NAME_START.test(c)) {
      let j = readNCName(i);
      const first = expr.slice(i, j);
      if (operandEnded()) {
        if (!OPERATOR_NAMES.has(first)) throw new XPathError(`Unexpected name '${first}'`, expr, at);
        tokens.push({ type: 'operator', value: first, at });
        i = j;
        continue;
      }
      let name = first;
      if (expr[j] === ':' && expr[j + 1] !== ':') {
        if (expr[j + 1] === '*') {
          tokens.push({ type: 'nameTest', value: first + ':*', at });
          i = j + 2;
          continue;
        }
        const k = readNCName(j + 1);
        if (k === j + 1) throw new XPathError('Invalid QName', expr, at);
        name = expr.slice(i, k);
        j = k;
      }
      const next = skipSpace(j);
      if (expr[next] === '(') {
        tokens.push(NODE_TYPES.has(name) ? { type: 'nodeType', value: name, at } : { type: 'function', value: name, at });
      } else if (expr.startsWith('::', next) && name === first) {
        tokens.push({ type: 'axis', value: name, at });
      } else {
        tokens.push({ type: 'nameTest', value: name, at });
      }
      i = j;
      continue;
    }
    throw new XPathError(`Unexpected character '${c}'`, expr, at);
  }
  return tokens;
}
