/**
 * Rule evaluation: <rule> elements with node-attribute, date, role,
 * resource and operation expressions, as used by location constraints and
 * by option, attribute and meta-attribute sets.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import { Role, parseRole } from '../model/role.js';
import {
  CrmTime,
  addDays,
  addMonths,
  addSeconds,
  addYears,
  compareTimes,
  parseDateTime,
} from '../util/iso8601.js';
import { intervalIsValid, parseInterval } from '../util/interval.js';
import { compareIgnoreCase } from '../util/text.js';
import type { IdIndex } from './id-index.js';

/** Submatches of a regular expression, for %0-%9 in attribute names. */
export interface RegexMatch {
  text: string;
  groups: (string | undefined)[];
}

export interface RuleContext {
  now: CrmTime;
  localOffset: number;
  ids: IdIndex;
  /** Attributes of the node being evaluated (none: node expressions fail). */
  nodeAttrs?: Map<string, string> | undefined;
  role?: Role;
  match?: { re?: RegexMatch; params?: Map<string, string>; meta?: Map<string, string> };
  rsc?: { standard?: string | undefined; provider?: string | undefined; agent?: string | undefined };
  op?: { name: string; interval: number };
  /** Earliest time at which a result could change; updated by date expressions. */
  nextChange?: { time: CrmTime | null };
}

/** A set of rules (the children of a nvpair set or constraint): true if none or any passes. */
export function evaluateRules(ruleset: XmlElement, ctx: RuleContext): boolean {
  let result = true;
  for (const rule of ruleset.elements('rule')) {
    result = false;
    if (evaluateRule(rule, ctx)) return true;
  }
  return result;
}

/** One <rule>: its expressions combined with and/or. */
export function evaluateRule(ruleIn: XmlElement, ctx: RuleContext): boolean {
  const rule = ctx.ids.expand(ruleIn) ?? ruleIn;
  const or = rule.attrs['boolean-op']?.toLowerCase() === 'or';
  const passed = !or;
  for (const expr of rule.elements()) {
    const ok = evaluateExpression(expr, ctx);
    if (ok && or) return true;
    if (!ok && !or) return false;
  }
  return passed;
}

export function evaluateExpression(expr: XmlElement, ctx: RuleContext): boolean {
  switch (expressionType(expr)) {
    case 'rule':
      return evaluateRule(expr, ctx);
    case 'attr':
    case 'location':
      return ctx.nodeAttrs !== undefined ? evaluateAttributeExpression(expr, ctx) : false;
    case 'date': {
      const rc = evaluateDateExpression(expr, ctx);
      return rc === 'within' || rc === 'ok';
    }
    case 'role':
      return evaluateRoleExpression(expr, ctx);
    case 'rsc':
      return evaluateRscExpression(expr, ctx);
    case 'op':
      return evaluateOpExpression(expr, ctx);
    default:
      return false;
  }
}

type ExpressionType = 'rule' | 'attr' | 'location' | 'date' | 'role' | 'rsc' | 'op' | 'none';

function expressionType(expr: XmlElement): ExpressionType {
  const attr = expr.attrs['attribute'];
  switch (expr.name) {
    case 'date_expression':
      return 'date';
    case 'rsc_expression':
      return 'rsc';
    case 'op_expression':
      return 'op';
    case 'rule':
      return 'rule';
    case 'expression':
      break;
    default:
      return 'none';
  }
  if (attr === '#uname' || attr === '#kind' || attr === '#id') return 'location';
  if (attr === '#role') return 'role';
  return 'attr';
}

/** Compares dotted version strings (compare_version). */
export function compareVersions(a: string | undefined, b: string | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const pa = a.split('.');
  const pb = b.split('.');
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const da = i < pa.length ? leadingInt(pa[i]!) : 0;
    const db = i < pb.length ? leadingInt(pb[i]!) : 0;
    if (da < db) return -1;
    if (da > db) return 1;
  }
  return 0;
}

function leadingInt(s: string): number {
  const m = /^\s*[+-]?\d+/.exec(s);
  return m ? Number(m[0]) : 0;
}

function parseIntStrict(s: string): number | undefined {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : undefined;
}

function parseFloatStrict(s: string): number | undefined {
  const m = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf(inity)?|nan)/i.exec(s);
  if (!m) return undefined;
  const v = Number(m[0].trim().replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
  return Number.isNaN(v) && !/nan/i.test(m[0]) ? undefined : v;
}

function compareValues(l: string | undefined, r: string | undefined, typeIn: string | undefined, op: string | undefined): number {
  if (l !== undefined && r !== undefined) {
    let type = typeIn;
    if (type === undefined) {
      if (['lt', 'lte', 'gt', 'gte'].includes(op?.toLowerCase() ?? '')) {
        type = l.includes('.') || r.includes('.') ? 'number' : 'integer';
      } else type = 'string';
    }
    switch (type.toLowerCase()) {
      case 'string':
        return compareIgnoreCase(l, r);
      case 'integer': {
        const a = parseIntStrict(l);
        const b = parseIntStrict(r);
        if (a !== undefined && b !== undefined) return a < b ? -1 : a > b ? 1 : 0;
        return compareIgnoreCase(l, r);
      }
      case 'number': {
        const a = parseFloatStrict(l);
        const b = parseFloatStrict(r);
        if (a !== undefined && b !== undefined) return a < b ? -1 : a > b ? 1 : 0;
        return compareIgnoreCase(l, r);
      }
      case 'version':
        return compareVersions(l, r);
      default:
        return 0;
    }
  }
  if (l === undefined && r === undefined) return 0;
  return r === undefined ? 1 : -1;
}

function acceptAttr(l: string | undefined, r: string | undefined, type: string | undefined, opIn: string | undefined): boolean {
  const op = opIn?.toLowerCase();
  if (op === 'defined') return l !== undefined;
  if (op === 'not_defined') return l === undefined;
  const cmp = compareValues(l, r, type, opIn);
  if (op === 'eq') return cmp === 0;
  if (op === 'ne') return cmp !== 0;
  if (l === undefined || r === undefined) return false;
  switch (op) {
    case 'lt':
      return cmp < 0;
    case 'lte':
      return cmp <= 0;
    case 'gt':
      return cmp > 0;
    case 'gte':
      return cmp >= 0;
    default:
      return false;
  }
}

/** "%0".."%9" in a value become the submatches of a rule's regular expression. */
export function expandSubmatches(text: string, re: RegexMatch): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const d = text[i + 1];
    if (c === '%' && d !== undefined && /[0-9]/.test(d)) {
      const g = re.groups[Number(d)];
      if (g) out += g;
      i++;
    } else out += c;
  }
  return out.length > 0 ? out : undefined;
}

function evaluateAttributeExpression(expr: XmlElement, ctx: RuleContext): boolean {
  let attr = expr.attrs['attribute'];
  const op = expr.attrs['operation'];
  let value: string | undefined = expr.attrs['value'];
  const type = expr.attrs['type'];
  const source = expr.attrs['value-source'];
  if (attr === undefined) return false;
  if (ctx.match) {
    if (ctx.match.re) attr = expandSubmatches(attr, ctx.match.re) ?? attr;
    if (!value) value = undefined;
    else if (source?.toLowerCase() === 'param') value = ctx.match.params?.get(value);
    else if (source?.toLowerCase() === 'meta') value = ctx.match.meta?.get(value);
  }
  const actual = ctx.nodeAttrs?.get(attr);
  return acceptAttr(actual, value, type, op);
}

export type DateResult = 'within' | 'ok' | 'before' | 'after' | 'undetermined' | 'unsatisfied';

function setIfEarlier(ctx: RuleContext, t: CrmTime): void {
  if (!ctx.nextChange) return;
  if (ctx.nextChange.time === null || compareTimes(t, ctx.nextChange.time) < 0) ctx.nextChange.time = t.clone();
}

/** Adds a <duration> to a start time. */
function applyDuration(start: CrmTime, spec: XmlElement): CrmTime {
  const end = start.clone();
  const field = (name: string): number | undefined => {
    const v = parseIntStrict(spec.attrs[name] ?? '');
    return v !== undefined && v !== 0 && v >= -2147483648 && v <= 2147483647 ? v : undefined;
  };
  const apply = (name: string, fn: (v: number) => void) => {
    const v = field(name);
    if (v !== undefined) fn(v);
  };
  apply('years', (v) => addYears(end, v));
  apply('months', (v) => addMonths(end, v));
  apply('weeks', (v) => addDays(end, v * 7));
  apply('days', (v) => addDays(end, v));
  apply('hours', (v) => addSeconds(end, v * 3600));
  apply('minutes', (v) => addSeconds(end, v * 60));
  apply('seconds', (v) => addSeconds(end, v));
  return end;
}

export function evaluateDateExpression(expr: XmlElement, ctx: RuleContext): DateResult {
  const op = expr.attrs['operation'];
  const pctx = { localOffset: ctx.localOffset, now: ctx.now };
  const duration = expr.firstElement('duration');
  const dateSpec = expr.firstElement('date_spec');
  let start: CrmTime | null = expr.attrs['start'] !== undefined ? parseDateTime(expr.attrs['start'], pctx) : null;
  let end: CrmTime | null = expr.attrs['end'] !== undefined ? parseDateTime(expr.attrs['end'], pctx) : null;
  if (start && !end && duration) end = applyDuration(start, duration);
  const lop = op?.toLowerCase();
  if (op === undefined || lop === 'in_range') {
    if (!start && !end) return 'undetermined';
    if (start && compareTimes(ctx.now, start) < 0) {
      setIfEarlier(ctx, start);
      return 'before';
    }
    if (end && compareTimes(ctx.now, end) > 0) return 'after';
    if (end && ctx.nextChange) {
      const e = end.clone();
      addSeconds(e, 1);
      setIfEarlier(ctx, e);
    }
    return 'within';
  }
  if (lop === 'date_spec') return dateSpec ? cronSatisfied(ctx.now, dateSpec) : 'ok';
  if (lop === 'gt') {
    if (!start) return 'undetermined';
    if (compareTimes(ctx.now, start) > 0) return 'within';
    start = start.clone();
    addSeconds(start, 1);
    setIfEarlier(ctx, start);
    return 'before';
  }
  if (lop === 'lt') {
    if (!end) return 'undetermined';
    if (compareTimes(ctx.now, end) < 0) {
      setIfEarlier(ctx, end);
      return 'within';
    }
    return 'after';
  }
  return 'undetermined';
}

type RangeCheck = 'within' | 'before' | 'after' | 'undetermined';

/** low-high, low-, -high or a single number; undefined when malformed. */
function parseRange(text: string): [number, number] | undefined {
  if (text === '' || text === '-') return undefined;
  if (text[0] === '-') {
    const m = /^-([+-]?\d+)$/.exec(text);
    return m ? [-1, Number(m[1])] : undefined;
  }
  const m = /^\s*([+-]?\d+)(.*)$/s.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]);
  const rest = m[2]!;
  if (rest === '') return [start, start];
  if (rest[0] !== '-') return undefined;
  if (rest.length === 1) return [start, -1];
  const e = /^\s*([+-]?\d+)$/.exec(rest.slice(1));
  return e ? [start, Number(e[1])] : undefined;
}

function checkOne(spec: XmlElement, field: string, value: number): RangeCheck {
  const text = spec.attrs[field];
  if (text === undefined) return 'undetermined';
  const range = parseRange(text);
  if (!range) return 'undetermined';
  const [low, high] = range;
  if (low === high) return value < low ? 'before' : value > high ? 'after' : 'within';
  if (low !== -1 && high !== -1) return value < low ? 'before' : value > high ? 'after' : 'within';
  if (low === -1) return value <= high ? 'within' : 'after';
  return value >= low ? 'within' : 'before';
}

function moonPhase(now: CrmTime): number {
  const y = now.years;
  const diy = now.days;
  const goldn = (y % 19) + 1;
  let epact = (11 * goldn + 18) % 30;
  if ((epact === 25 && goldn > 11) || epact === 24) epact++;
  return ((((diy + epact) * 6 + 11) % 177) / 22) & 7;
}

function cronSatisfied(now: CrmTime, spec: XmlElement): DateResult {
  const [y, m, d] = now.gregorian();
  const [h, min, s] = now.timeOfDay();
  const [wy, w, wd] = now.isoWeek();
  const checks: [string, number][] = [
    ['years', y],
    ['months', m],
    ['monthdays', d],
    ['hours', h],
    ['minutes', min],
    ['seconds', s],
    ['yeardays', now.days],
    ['weekyears', wy],
    ['weeks', w],
    ['weekdays', wd],
    ['moon', moonPhase(now)],
  ];
  for (const [field, value] of checks) {
    const rc = checkOne(spec, field, value);
    if (rc !== 'within' && rc !== 'undetermined') return rc;
  }
  return 'ok';
}

function evaluateOpExpression(expr: XmlElement, ctx: RuleContext): boolean {
  if (!ctx.op) return false;
  const intervalText = expr.attrs['interval'];
  const interval = parseInterval(intervalText);
  if (interval === 0 && !intervalIsValid(intervalText)) return false;
  if (intervalText !== undefined && interval !== ctx.op.interval) return false;
  return expr.attrs['name'] === ctx.op.name;
}

function evaluateRoleExpression(expr: XmlElement, ctx: RuleContext): boolean {
  const role = ctx.role ?? Role.Unknown;
  if (role === Role.Unknown) return false;
  const value = expr.attrs['value'];
  switch (expr.attrs['operation']?.toLowerCase()) {
    case 'defined':
      return role > Role.Started;
    case 'not_defined':
      return role > Role.Unknown && role < Role.Unpromoted;
    case 'eq':
      return parseRole(value) === role;
    case 'ne':
      if (role > Role.Unknown && role < Role.Unpromoted) return false;
      return parseRole(value) !== role;
    default:
      return false;
  }
}

function evaluateRscExpression(expr: XmlElement, ctx: RuleContext): boolean {
  if (!ctx.rsc) return false;
  const cls = expr.attrs['class'];
  const provider = expr.attrs['provider'];
  const type = expr.attrs['type'];
  if (cls !== undefined && cls !== ctx.rsc.standard) return false;
  if ((provider === undefined) !== (ctx.rsc.provider === undefined)) return false;
  if (provider !== ctx.rsc.provider) return false;
  if (type !== undefined && type !== ctx.rsc.agent) return false;
  return true;
}
