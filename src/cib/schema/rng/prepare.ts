/**
 * What libxml2 does to a schema between reading it and validating with it:
 * simplification (attribute-only patterns move to the element's attributes,
 * one-child groups dissolve, empty and notAllowed propagate), nullability,
 * the name tables that let a choice or an interleave send a child element
 * straight to the right branch, and the compilation of plain element content
 * into an automaton. Each step follows libxml2's own rules, quirks included,
 * because its error messages and even some verdicts depend on them.
 */
import { buildAutomaton } from './automaton.js';
import {
  IS_COMPILABLE,
  IS_MIXED,
  IS_NOT_COMPILABLE,
  IS_NOT_NULLABLE,
  IS_NULLABLE,
  IS_PROCESSED,
  IS_TRIABLE,
  Pattern,
  type Partition,
} from './pattern.js';

/** A schema ready for validation: libxml2's START definition. */
export interface PreparedSchema {
  start: Pattern;
  /** whether an IDREF occurs (then IDREFs are checked at the end) */
  idref: boolean;
}

export function prepareSchema(startList: Pattern[], interleaves: Pattern[]): PreparedSchema {
  let top = simplify(startList, null);
  while (top.length > 0 && top[0]!.type === 'noop' && top.length > 1) top = top[0]!.content;
  checkRules(top);
  for (const i of interleaves) computeInterleave(i);
  const start = new Pattern('start');
  start.content = top;
  tryCompile(start);
  return { start, idref: usesIdref(start) };
}

function usesIdref(start: Pattern): boolean {
  const seen = new Set<Pattern>();
  const stack = [start];
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (p.type === 'datatype' && p.datatype === 'IDREF') return true;
    stack.push(...p.content, ...p.attrs);
  }
  return false;
}

// ---------------------------------------------------------------------------
// Simplification (libxml2's xmlRelaxNGSimplify)

const CONTAINERS_FOR_ATTRS = new Set(['choice', 'interleave', 'group', 'oneOrMore', 'zeroOrMore', 'optional', 'parentRef', 'externalRef', 'ref', 'def']);
const NOT_ATTRS = new Set(['element', 'text', 'datatype', 'value', 'empty']);

/** Whether a pattern can only produce attributes (then it belongs with an element's attributes). */
export function generatesOnlyAttributes(p: Pattern): boolean {
  if (NOT_ATTRS.has(p.type)) return false;
  if (CONTAINERS_FOR_ATTRS.has(p.type)) {
    for (const c of p.content) if (!generatesOnlyAttributes(c)) return false;
  }
  return true;
}

interface Link {
  p: Pattern;
  next: Link | null;
}

const NOT_ALLOWED_SPREADS_TO = new Set(['attribute', 'group', 'interleave', 'oneOrMore', 'zeroOrMore']);

/**
 * Simplifies one list (the content or attributes of `parent`) and returns it.
 * libxml2 works on linked lists and some of its steps depend on that: after
 * a ref it forgets to move its "previous item" pointer, so a later removal or
 * replacement also drops what lies between. We keep its linked lists here.
 */
function simplify(items: Pattern[], parent: Pattern | null): Pattern[] {
  let head: Link | null = null;
  for (let k = items.length - 1; k >= 0; k--) head = { p: items[k]!, next: head };
  let prev: Link | null = null;
  let cur: Link | null = head;
  const unlink = (c: Link): void => {
    if (prev) prev.next = c.next;
    else if (parent) {
      if (head === c) head = c.next;
    } else {
      c.p.type = 'noop';
      prev = c;
    }
  };
  while (cur) {
    const p = cur.p;
    if (p.type === 'ref' || p.type === 'parentRef') {
      if (p.depth !== -3) {
        p.depth = -3;
        p.content = simplify(p.content, p);
      }
    } else if (p.type === 'notAllowed') {
      if (parent && NOT_ALLOWED_SPREADS_TO.has(parent.type)) {
        parent.type = 'notAllowed';
        break;
      }
      if (parent && parent.type === 'choice') unlink(cur);
      else prev = cur;
    } else if (p.type === 'empty') {
      if (parent && (parent.type === 'oneOrMore' || parent.type === 'zeroOrMore')) {
        parent.type = 'empty';
        break;
      }
      if (parent && (parent.type === 'group' || parent.type === 'interleave')) unlink(cur);
      else prev = cur;
    } else {
      if (p.content.length) p.content = simplify(p.content, p);
      if (p.type !== 'value' && p.attrs.length) p.attrs = simplify(p.attrs, p);
      if (p.type === 'element') moveAttributeOnlyContent(p);
      if (p.type === 'group' || p.type === 'interleave') {
        if (p.content.length === 0) p.type = 'empty';
        else if (p.content.length === 1) {
          if (!parent && !prev) p.type = 'noop';
          else {
            const only: Link = { p: p.content[0]!, next: cur.next };
            if (prev) prev.next = only;
            else head = only;
            cur = only;
          }
        }
      }
      const c = cur.p;
      if (c.type === 'except' && c.content[0]?.type === 'notAllowed') {
        unlink(cur);
      } else if (c.type === 'notAllowed') {
        if (parent && NOT_ALLOWED_SPREADS_TO.has(parent.type)) {
          parent.type = 'notAllowed';
          break;
        }
        if (parent && parent.type === 'choice') unlink(cur);
        else prev = cur;
      } else if (c.type === 'empty') {
        if (parent && (parent.type === 'oneOrMore' || parent.type === 'zeroOrMore')) {
          parent.type = 'empty';
          break;
        }
        if (parent && ['group', 'interleave', 'choice'].includes(parent.type)) unlink(cur);
        else prev = cur;
      } else {
        prev = cur;
      }
    }
    cur = cur.next;
  }
  const out: Pattern[] = [];
  for (let l = head; l; l = l.next) out.push(l.p);
  return out;
}

/** libxml2 moves leading and later attribute-only content items to the element's attributes. */
function moveAttributeOnlyContent(el: Pattern): void {
  while (el.content.length && generatesOnlyAttributes(el.content[0]!)) {
    el.attrs.unshift(el.content.shift()!);
  }
  let k = 1;
  while (k < el.content.length) {
    if (generatesOnlyAttributes(el.content[k]!)) el.attrs.unshift(...el.content.splice(k, 1));
    else k++;
  }
}

// ---------------------------------------------------------------------------
// Nullability (xmlRelaxNGIsNullable): note that refs, definitions and
// oneOrMore look at their first child only, as libxml2 does.

export function isNullable(p: Pattern | undefined): 1 | 0 | -1 {
  if (!p) return -1;
  if (p.flags & IS_NULLABLE) return 1;
  if (p.flags & IS_NOT_NULLABLE) return 0;
  let ret: 1 | 0 | -1;
  switch (p.type) {
    case 'empty':
    case 'text':
      ret = 1;
      break;
    case 'noop':
    case 'def':
    case 'ref':
    case 'externalRef':
    case 'parentRef':
    case 'oneOrMore':
      ret = isNullable(p.content[0]);
      break;
    case 'except':
    case 'notAllowed':
    case 'element':
    case 'datatype':
    case 'value':
    case 'attribute':
      ret = 0;
      break;
    case 'choice':
      ret = 0;
      for (const c of p.content) {
        ret = isNullable(c);
        if (ret !== 0) break;
      }
      break;
    case 'start':
    case 'interleave':
    case 'group':
      for (const c of p.content) {
        ret = isNullable(c);
        if (ret !== 1) return cache(p, ret);
      }
      return 1;
    default:
      // libxml2 has no case for optional and zeroOrMore: "error", not cached
      return -1;
  }
  return cache(p, ret);
}

function cache(p: Pattern, ret: 1 | 0 | -1): 1 | 0 | -1 {
  if (ret === 1) p.flags |= IS_NULLABLE;
  if (ret === 0) p.flags |= IS_NOT_NULLABLE;
  return ret;
}

// ---------------------------------------------------------------------------
// The top-level elements (and text) a pattern can start with, or its
// attributes (xmlRelaxNGGetElements).

const GATHER_THROUGH = new Set(['choice', 'interleave', 'group', 'oneOrMore', 'zeroOrMore', 'optional', 'parentRef', 'ref', 'def', 'externalRef']);

export function topElements(p: Pattern, attributes = false, out: Pattern[] = []): Pattern[] {
  if (!attributes && (p.type === 'element' || p.type === 'text')) out.push(p);
  else if (attributes && p.type === 'attribute') out.push(p);
  else if (GATHER_THROUGH.has(p.type)) for (const c of p.content) topElements(c, attributes, out);
  return out;
}

function triageKey(p: Pattern): string | null {
  if (p.type === 'text') return '#text';
  if (p.type === 'element') return p.name ?? '#any';
  return null;
}

// ---------------------------------------------------------------------------
// Rule checks: the only thing validation needs from them is the triage table
// of each choice (xmlRelaxNGCheckChoiceDeterminism).

function checkRules(list: Pattern[]): void {
  for (const cur of list) {
    switch (cur.type) {
      case 'ref':
      case 'parentRef':
        if (cur.depth > -4) {
          cur.depth = -4;
          checkRules(cur.content);
          cur.depth = -15;
        }
        break;
      case 'element':
        checkRules(cur.attrs);
        checkRules(cur.content);
        break;
      case 'choice':
        checkChoice(cur);
        checkRules(cur.content);
        break;
      default:
        checkRules(cur.content);
    }
  }
}

function checkChoice(choice: Pattern): void {
  if (choice.flags & IS_PROCESSED) return;
  let triable = isNullable(choice) === 0 ? 1 : 0;
  const triage = new Map<string, Pattern>();
  for (const branch of choice.content) {
    const els = topElements(branch);
    if (els.length === 0) {
      triable = 0;
    } else if (triable === 1) {
      for (const e of els) {
        if (triable !== 1) break;
        const key = triageKey(e);
        if (key === null || triage.has(key)) triable = -1;
        else triage.set(key, branch);
      }
    }
  }
  if (triable === 1) {
    choice.flags |= IS_TRIABLE;
    choice.triage = triage;
  }
  choice.flags |= IS_PROCESSED;
}

// ---------------------------------------------------------------------------
// Interleave partitions (xmlRelaxNGComputeInterleaves)

function computeInterleave(def: Pattern): void {
  let determinist = 1;
  let mixed = false;
  const groups: Partition['groups'] = [];
  const triage = new Map<string, number>();
  def.content.forEach((rule, i) => {
    if (rule.type === 'text') mixed = true;
    const defs = topElements(rule);
    groups.push({ rule, defs });
    if (defs.length === 0) {
      determinist = 0;
      return;
    }
    for (const d of defs) {
      const key = triageKey(d);
      if (key === null) {
        determinist = -1;
        continue;
      }
      if (key === '#any' && d.nameExcept) determinist = 2;
      if (triage.has(key)) determinist = -1;
      else triage.set(key, i + 1);
    }
  });
  def.partition = {
    groups,
    triage,
    determinist: determinist === 1 || determinist === 2,
    needCheck: determinist === 2,
  };
  if (mixed) def.flags |= IS_MIXED;
}

// ---------------------------------------------------------------------------
// Compilation of element content into automata (xmlRelaxNGTryCompile)

function isCompilable(p: Pattern): boolean | null {
  if (p.type !== 'element' && p.flags & IS_COMPILABLE) return true;
  if (p.type !== 'element' && p.flags & IS_NOT_COMPILABLE) return false;
  let ret: boolean | null = null;
  switch (p.type) {
    case 'noop':
      ret = p.content.length ? isCompilable(p.content[0]!) : null;
      break;
    case 'text':
    case 'empty':
      ret = true;
      break;
    case 'element': {
      if (!(p.flags & (IS_COMPILABLE | IS_NOT_COMPILABLE))) {
        let r: boolean | null = null;
        for (const c of p.content) {
          r = isCompilable(c);
          if (r !== true) break;
        }
        if (r === false) p.flags = (p.flags & ~IS_COMPILABLE) | IS_NOT_COMPILABLE;
        // libxml2 clears the element's other flags here (a `&=` for `&`)
        if (r === true) p.flags = IS_COMPILABLE;
      }
      return p.nameExcept === null && p.name !== null;
    }
    case 'ref':
    case 'externalRef':
    case 'parentRef':
      if (p.depth === -20) return true;
      p.depth = -20;
      for (const c of p.content) {
        ret = isCompilable(c);
        if (ret !== true) break;
      }
      break;
    case 'start':
    case 'optional':
    case 'zeroOrMore':
    case 'oneOrMore':
    case 'choice':
    case 'group':
    case 'def':
      for (const c of p.content) {
        ret = isCompilable(c);
        if (ret !== true) break;
      }
      break;
    default:
      ret = false;
  }
  if (ret === false) p.flags |= IS_NOT_COMPILABLE;
  if (ret === true) p.flags |= IS_COMPILABLE;
  return ret;
}

function tryCompile(p: Pattern): void {
  if (p.type === 'start' || p.type === 'element') {
    isCompilable(p);
    if (p.flags & IS_COMPILABLE && !p.compiled) {
      compile(p);
      return;
    }
  }
  switch (p.type) {
    case 'noop':
      if (p.content.length) tryCompile(p.content[0]!);
      break;
    case 'optional':
    case 'zeroOrMore':
    case 'oneOrMore':
    case 'choice':
    case 'group':
    case 'def':
    case 'start':
    case 'ref':
    case 'externalRef':
    case 'parentRef':
      for (const c of p.content) tryCompile(c);
      break;
    default:
  }
}

/** Compiles an element's (or the start's) content, then what lies below it. */
function compile(p: Pattern): void {
  p.compiled = true;
  const automaton = buildAutomaton(p.content);
  // libxml2 keeps an element's automaton only when it is deterministic
  p.contModel = p.type === 'start' || automaton.determinist ? automaton : null;
  for (const child of automaton.elements) {
    if (child.flags & IS_COMPILABLE && !child.compiled) compile(child);
    else if (!(child.flags & IS_COMPILABLE)) tryCompileElementBelow(child);
  }
}

/** libxml2 tries the children of an element it cannot compile, which stops at once. */
function tryCompileElementBelow(el: Pattern): void {
  isCompilable(el);
  if (el.flags & IS_COMPILABLE && !el.compiled) compile(el);
}
