/**
 * Relax NG patterns, in the shape libxml2 gives them after reading a schema.
 *
 * Pacemaker validates the CIB with libxml2, and libxml2's verdicts and
 * messages depend on how it lays the schema out internally, not only on the
 * schema's meaning: attributes written directly inside an element are kept
 * apart from its content, several children become an implicit group only in
 * some places, every <ref> points at one shared definition of its grammar
 * while every <externalRef> gets a fresh copy of the other file. The builders
 * below reproduce that layout, so the schema model (../model) reads like the
 * Relax NG it stands for and the validator (./validate.ts) walks the same
 * structure libxml2 walks.
 */

export type PatternType =
  | 'noop'
  | 'empty'
  | 'notAllowed'
  | 'except'
  | 'text'
  | 'element'
  | 'datatype'
  | 'value'
  | 'attribute'
  | 'def'
  | 'ref'
  | 'externalRef'
  | 'parentRef'
  | 'optional'
  | 'zeroOrMore'
  | 'oneOrMore'
  | 'choice'
  | 'group'
  | 'interleave'
  | 'start';

/** XML Schema datatypes the CIB schemas use, plus Relax NG's own string and token. */
export type DatatypeName = 'ID' | 'IDREF' | 'boolean' | 'integer' | 'nonNegativeInteger' | 'positiveInteger' | 'string' | 'token';

export const IS_NULLABLE = 1 << 0;
export const IS_NOT_NULLABLE = 1 << 1;
export const IS_TRIABLE = 1 << 4;
export const IS_PROCESSED = 1 << 5;
export const IS_COMPILABLE = 1 << 6;
export const IS_NOT_COMPILABLE = 1 << 7;
export const IS_MIXED = 1 << 3;

/** How the children of an interleave are dispatched to its branches. */
export interface Partition {
  groups: { rule: Pattern; defs: Pattern[] }[];
  /** element name (or #text/#any) to 1-based group number, when determinist */
  triage: Map<string, number> | null;
  determinist: boolean;
  needCheck: boolean;
}

/** A datatype parameter (only "pattern" occurs), compiled. */
export interface Param {
  name: string;
  value: string;
  regex: RegExp;
}

/** What a pattern points at. */
export interface PatternLinks {
  /** libxml2's content list: children of groups, the definition a ref points at, ... */
  content: Pattern[];
  /** an element's attribute patterns */
  attrs: Pattern[];
  params: Param[];
  /** the <except> of an anyName */
  nameExcept: Pattern[] | null;
  /** choice: element name to the branch that can start with it */
  triage: Map<string, Pattern> | null;
  partition: Partition | null;
  /** compiled content model of an element whose content is a plain regular expression */
  contModel: import('./automaton.js').Automaton | null;
}

/** Where a decoded pattern's links are read from, on first use (see serial.ts). */
export interface LinkReader {
  links(index: number): PatternLinks;
}

export class Pattern {
  /** element or attribute name (null for anyName), datatype name, or definition name */
  name: string | null = null;
  /** '' for "no namespace"; null when unconstrained (anyName) */
  ns: string | null = null;
  /** the literal of a <value> */
  value: string | null = null;
  flags = 0;
  /** guards of the one-pass algorithms on refs (libxml2's define->depth) */
  depth = -1;
  /** the datatype of a <data> or typed <value> */
  datatype: DatatypeName | null = null;
  /** whether an element's content has been (or is being) compiled */
  compiled = false;
  /**
   * The links of a pattern decoded from a precompiled schema are read when
   * first used: a tool call meets a few hundred of the schema's thousands of
   * patterns. Until then they are null and `reader` has them at `index`.
   */
  private own: PatternLinks | null;
  private reader: LinkReader | null;
  private index: number;

  constructor(
    public type: PatternType,
    from?: { reader: LinkReader; index: number },
  ) {
    this.own = from ? null : { content: [], attrs: [], params: [], nameExcept: null, triage: null, partition: null, contModel: null };
    this.reader = from ? from.reader : null;
    this.index = from ? from.index : -1;
  }

  private get links(): PatternLinks {
    if (this.own === null) {
      this.own = this.reader!.links(this.index);
      this.reader = null;
    }
    return this.own;
  }

  get content(): Pattern[] {
    return this.links.content;
  }
  set content(v: Pattern[]) {
    this.links.content = v;
  }
  get attrs(): Pattern[] {
    return this.links.attrs;
  }
  set attrs(v: Pattern[]) {
    this.links.attrs = v;
  }
  get params(): Param[] {
    return this.links.params;
  }
  set params(v: Param[]) {
    this.links.params = v;
  }
  get nameExcept(): Pattern[] | null {
    return this.links.nameExcept;
  }
  set nameExcept(v: Pattern[] | null) {
    this.links.nameExcept = v;
  }
  get triage(): Map<string, Pattern> | null {
    return this.links.triage;
  }
  set triage(v: Map<string, Pattern> | null) {
    this.links.triage = v;
  }
  get partition(): Partition | null {
    return this.links.partition;
  }
  set partition(v: Partition | null) {
    this.links.partition = v;
  }
  get contModel(): import('./automaton.js').Automaton | null {
    return this.links.contModel;
  }
  set contModel(v: import('./automaton.js').Automaton | null) {
    this.links.contModel = v;
  }

  /** for debugging */
  toString(): string {
    return this.name ? `${this.type} ${this.name}` : this.type;
  }
}

/** The pattern types whose children are a plain list that is validated in sequence. */
function make(type: PatternType, content: Pattern[] = []): Pattern {
  const p = new Pattern(type);
  p.content = content;
  return p;
}

/**
 * A list of patterns where an implicit group is made if the first one is a
 * literal element: libxml2 does this for the children of <start>,
 * <optional>, <zeroOrMore> and <oneOrMore>.
 */
function groupedIfElementFirst(children: Pattern[]): Pattern[] {
  if (children.length > 1 && children[0]!.type === 'element') return [make('group', children)];
  return children;
}

export function element(name: string | null, ...children: Pattern[]): Pattern {
  const el = new Pattern('element');
  el.name = name;
  el.ns = name === null ? null : '';
  const content: Pattern[] = [];
  for (const c of children) {
    if (c.type === 'attribute') el.attrs.unshift(c);
    else content.push(c);
  }
  el.content = groupedIfElementFirst(content);
  return el;
}

/** Any element whatever its name, e.g. in the status section. */
export function anyElement(...children: Pattern[]): Pattern {
  return element(null, ...children);
}

export function attribute(name: string | null, content?: Pattern): Pattern {
  const a = new Pattern('attribute');
  a.name = name;
  a.ns = name === null ? null : '';
  if (content) a.content = [content];
  return a;
}

export function anyAttribute(content?: Pattern): Pattern {
  return attribute(null, content);
}

export const optional = (...c: Pattern[]) => make('optional', groupedIfElementFirst(c));
export const zeroOrMore = (...c: Pattern[]) => make('zeroOrMore', groupedIfElementFirst(c));
export const oneOrMore = (...c: Pattern[]) => make('oneOrMore', groupedIfElementFirst(c));
export const choice = (...c: Pattern[]) => make('choice', c);
export const group = (...c: Pattern[]) => make('group', c);
export const empty = () => make('empty');
export const notAllowed = () => make('notAllowed');
export const text = () => make('text');

/** The interleaves created while building a schema, which all get partitions. */
let interleaveRegistry: Pattern[] | null = null;

export function interleave(...c: Pattern[]): Pattern {
  const p = make('interleave', c);
  interleaveRegistry?.push(p);
  return p;
}

/** Collects the interleaves built by `build`, for the preparation pass. */
export function collectInterleaves<T>(build: () => T): { result: T; interleaves: Pattern[] } {
  const saved = interleaveRegistry;
  const interleaves: Pattern[] = [];
  interleaveRegistry = interleaves;
  try {
    return { result: build(), interleaves };
  } finally {
    interleaveRegistry = saved;
  }
}

/** The regular expression of a datatype's pattern facet (anchored, as XML Schema's are). */
export function facetRegex(value: string): RegExp {
  return new RegExp(`^(?:${value})$`, 'u');
}

/** <data type="..."> with an optional XML Schema pattern facet and <except>. */
export function data(type: DatatypeName, options: { pattern?: string; except?: Pattern[] } = {}): Pattern {
  const d = new Pattern('datatype');
  d.name = type;
  d.datatype = type;
  if (options.pattern !== undefined) {
    d.params.push({ name: 'pattern', value: options.pattern, regex: facetRegex(options.pattern) });
  }
  if (options.except) d.content = [make('except', options.except)];
  return d;
}

/** <value>: compared as a whitespace-normalised token, or with a datatype. */
export function value(literal: string, type?: DatatypeName): Pattern {
  const v = new Pattern('value');
  v.value = literal;
  if (type) {
    v.name = type;
    v.datatype = type;
  }
  return v;
}

/** A choice of literal values, the usual way enumerations are written. */
export function values(...literals: string[]): Pattern {
  return choice(...literals.map((l) => value(l)));
}

/**
 * A grammar: a scope of named definitions. `define` returns the shared
 * definition; `ref` points at it (the body is built on first use, so
 * definitions may refer to each other and to themselves).
 */
export class Grammar {
  private defs = new Map<string, Pattern>();
  private bodies = new Map<string, () => Pattern[]>();

  define(name: string, body: () => Pattern[]): this {
    this.bodies.set(name, body);
    return this;
  }

  /** The definition itself (libxml2's DEF), built once. */
  def(name: string): Pattern {
    let d = this.defs.get(name);
    if (!d) {
      const body = this.bodies.get(name);
      if (!body) throw new Error(`schema model: no definition ${name}`);
      d = new Pattern('def');
      d.name = name;
      this.defs.set(name, d);
      d.content = body();
    }
    return d;
  }

  ref(name: string): Pattern {
    const r = new Pattern('ref');
    r.name = name;
    r.content = [this.def(name)];
    return r;
  }

  /** A reference from a nested grammar to a definition of this one. */
  parentRef(name: string): Pattern {
    const r = new Pattern('parentRef');
    r.name = name;
    r.content = [this.def(name)];
    return r;
  }
}

/**
 * <externalRef>: the start of another schema file, read afresh for every
 * reference (libxml2 loads the file again each time).
 */
export function externalRef(start: () => Pattern[]): Pattern {
  return make('externalRef', start());
}
