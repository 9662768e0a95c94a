/**
 * The XPath 1.0 core function library (section 4).
 *
 * id() finds elements by `xml:id` only: the CIB has no DTD, so libxml2, and
 * with it Pacemaker, knows no other ID-typed attribute.
 */
import type { Expr } from './ast.js';
import { XPathError } from './error.js';
import { nodeName, parentOf, stringValue, type XNode } from './nodes.js';
import { isNodeSet, toBoolean, toNumber, toString, type XPathValue } from './values.js';

export interface FunctionContext {
  node: XNode | null;
  position: number;
  size: number;
  expression: string;
  evaluate(e: Expr): XPathValue;
  /** Every element of the document, in document order. */
  allElements(): XNode[];
}

type Impl = (ctx: FunctionContext, args: Expr[]) => XPathValue;

interface FunctionDef {
  min: number;
  max: number;
  impl: Impl;
}

const fn = (min: number, max: number, impl: Impl): FunctionDef => ({ min, max, impl });

/** The first argument as a string, or the context node's string-value without one. */
function stringArg(ctx: FunctionContext, args: Expr[], i = 0): string {
  if (args.length > i) return toString(ctx.evaluate(args[i]!));
  return ctx.node ? stringValue(ctx.node) : '';
}

function nodeSetArg(ctx: FunctionContext, e: Expr, name: string): XNode[] {
  const v = ctx.evaluate(e);
  if (!isNodeSet(v)) throw new XPathError(`${name}() needs a node-set`, ctx.expression);
  return v;
}

/** The node a name function looks at: the first of its argument, or the context node. */
function namedNode(ctx: FunctionContext, args: Expr[], name: string): XNode | null {
  if (args.length === 0) return ctx.node;
  return nodeSetArg(ctx, args[0]!, name)[0] ?? null;
}

function xpathRound(n: number): number {
  if (!Number.isFinite(n) || n === 0) return n;
  if (n < 0 && n >= -0.5) return -0;
  return Math.floor(n + 0.5);
}

/** substring() by the spec's rounding rules, counting characters, not UTF-16 units. */
function substring(s: string, start: number, length?: number): string {
  const chars = [...s];
  const first = xpathRound(start);
  const last = length === undefined ? Infinity : first + xpathRound(length);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const p = i + 1;
    if (p >= first && p < last) out += chars[i];
  }
  return out;
}

const FUNCTIONS: Record<string, FunctionDef> = {
  last: fn(0, 0, (ctx) => ctx.size),
  position: fn(0, 0, (ctx) => ctx.position),
  count: fn(1, 1, (ctx, a) => nodeSetArg(ctx, a[0]!, 'count').length),
  id: fn(1, 1, (ctx, a) => {
    const v = ctx.evaluate(a[0]!);
    const words = isNodeSet(v) ? v.flatMap((n) => stringValue(n).split(/\s+/)) : toString(v).split(/\s+/);
    const wanted = new Set(words.filter(Boolean));
    return ctx.allElements().filter((n) => n.kind === 'element' && wanted.has(n.attrs['xml:id'] ?? '\u0000'));
  }),
  'local-name': fn(0, 1, (ctx, a) => {
    const n = namedNode(ctx, a, 'local-name');
    const name = n ? nodeName(n) : '';
    return name.slice(name.indexOf(':') + 1);
  }),
  'namespace-uri': fn(0, 1, (ctx, a) => {
    namedNode(ctx, a, 'namespace-uri');
    return '';
  }),
  name: fn(0, 1, (ctx, a) => {
    const n = namedNode(ctx, a, 'name');
    return n ? nodeName(n) : '';
  }),
  string: fn(0, 1, (ctx, a) => stringArg(ctx, a)),
  concat: fn(2, Infinity, (ctx, a) => a.map((e) => toString(ctx.evaluate(e))).join('')),
  'starts-with': fn(2, 2, (ctx, a) => stringArg(ctx, a, 0).startsWith(stringArg(ctx, a, 1))),
  contains: fn(2, 2, (ctx, a) => stringArg(ctx, a, 0).includes(stringArg(ctx, a, 1))),
  'substring-before': fn(2, 2, (ctx, a) => {
    const s = stringArg(ctx, a, 0);
    const i = s.indexOf(stringArg(ctx, a, 1));
    return i < 0 ? '' : s.slice(0, i);
  }),
  'substring-after': fn(2, 2, (ctx, a) => {
    const s = stringArg(ctx, a, 0);
    const t = stringArg(ctx, a, 1);
    const i = s.indexOf(t);
    return i < 0 ? '' : s.slice(i + t.length);
  }),
  substring: fn(2, 3, (ctx, a) => {
    const s = stringArg(ctx, a, 0);
    const start = toNumber(ctx.evaluate(a[1]!));
    return a.length > 2 ? substring(s, start, toNumber(ctx.evaluate(a[2]!))) : substring(s, start);
  }),
  'string-length': fn(0, 1, (ctx, a) => [...stringArg(ctx, a)].length),
  'normalize-space': fn(0, 1, (ctx, a) =>
    stringArg(ctx, a)
      .split(/[ \t\r\n]+/)
      .filter(Boolean)
      .join(' '),
  ),
  translate: fn(3, 3, (ctx, a) => {
    const s = [...stringArg(ctx, a, 0)];
    const from = [...stringArg(ctx, a, 1)];
    const to = [...stringArg(ctx, a, 2)];
    const map = new Map<string, string>();
    from.forEach((c, i) => {
      if (!map.has(c)) map.set(c, to[i] ?? '');
    });
    return s.map((c) => (map.has(c) ? map.get(c)! : c)).join('');
  }),
  boolean: fn(1, 1, (ctx, a) => toBoolean(ctx.evaluate(a[0]!))),
  not: fn(1, 1, (ctx, a) => !toBoolean(ctx.evaluate(a[0]!))),
  true: fn(0, 0, () => true),
  false: fn(0, 0, () => false),
  lang: fn(1, 1, (ctx, a) => {
    const wanted = toString(ctx.evaluate(a[0]!)).toLowerCase();
    for (let n: XNode | null = ctx.node; n; n = parentOf(n)) {
      if (n.kind !== 'element') continue;
      const lang = n.attrs['xml:lang'];
      if (lang === undefined) continue;
      const l = lang.toLowerCase();
      return l === wanted || l.startsWith(wanted + '-');
    }
    return false;
  }),
  number: fn(0, 1, (ctx, a) => (a.length ? toNumber(ctx.evaluate(a[0]!)) : toNumber(stringArg(ctx, a)))),
  sum: fn(1, 1, (ctx, a) => nodeSetArg(ctx, a[0]!, 'sum').reduce((t, n) => t + toNumber(stringValue(n)), 0)),
  floor: fn(1, 1, (ctx, a) => Math.floor(toNumber(ctx.evaluate(a[0]!)))),
  ceiling: fn(1, 1, (ctx, a) => Math.ceil(toNumber(ctx.evaluate(a[0]!)))),
  round: fn(1, 1, (ctx, a) => xpathRound(toNumber(ctx.evaluate(a[0]!)))),
};

/** Rejects, when the expression is parsed, a call to an unknown function or with the wrong number of arguments. */
export function checkCall(name: string, argc: number, expression: string, at: number): void {
  const def = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!def) throw new XPathError(`Unregistered function ${name}()`, expression, at);
  if (argc < def.min || argc > def.max) throw new XPathError(`Invalid number of arguments to ${name}()`, expression, at);
}

export function callFunction(ctx: FunctionContext, name: string, args: Expr[]): XPathValue {
  return FUNCTIONS[name]!.impl(ctx, args);
}
