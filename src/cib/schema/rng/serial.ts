/**
 * A prepared schema as plain data and back. Building and preparing the CIB
 * schema costs tens of milliseconds of cold code on every tool call that
 * reads a CIB; decoding the same graph from JSON costs one or two. The build
 * writes the encoded schemas next to the bundle (scripts/build.mjs), and the
 * entry point hands them to model/pacemaker.ts.
 *
 * Every field of every pattern is kept, and shared patterns stay shared
 * (definitions are reached through many refs, and recursion makes cycles),
 * so the decoded graph is the built one, node for node.
 */
import { Automaton } from './automaton.js';
import { facetRegex, Pattern, type DatatypeName, type Partition, type PatternType } from './pattern.js';
import type { PreparedSchema } from './prepare.js';

/** One pattern; numbers in lists are indices into EncodedSchema.patterns. */
interface EncodedPattern {
  type: PatternType;
  name?: string | null;
  ns?: string | null;
  value?: string | null;
  content?: number[];
  attrs?: number[];
  params?: [string, string][];
  nameExcept?: number[] | null;
  flags?: number;
  depth?: number;
  triage?: [string, number][] | null;
  partition?: { groups: [number, number[]][]; triage: [string, number][] | null; determinist: boolean; needCheck: boolean } | null;
  contModel?: { edges: [string | null, number, number | null][][]; final: number; determinist: boolean; elements: number[] } | null;
  datatype?: DatatypeName | null;
  compiled?: boolean;
}

export interface EncodedSchema {
  start: number;
  idref: boolean;
  patterns: EncodedPattern[];
}

export function encodeSchema(schema: PreparedSchema): EncodedSchema {
  const index = new Map<Pattern, number>();
  const order: Pattern[] = [];
  const id = (p: Pattern): number => {
    let i = index.get(p);
    if (i === undefined) {
      i = order.length;
      index.set(p, i);
      order.push(p);
    }
    return i;
  };
  const ids = (list: Pattern[]) => list.map(id);
  const start = id(schema.start);
  const patterns: EncodedPattern[] = [];
  // `order` grows while we walk it: each pattern's neighbours get numbers as they are met
  for (let k = 0; k < order.length; k++) {
    const p = order[k]!;
    const e: EncodedPattern = { type: p.type };
    if (p.name !== null) e.name = p.name;
    if (p.ns !== null) e.ns = p.ns;
    if (p.value !== null) e.value = p.value;
    if (p.content.length) e.content = ids(p.content);
    if (p.attrs.length) e.attrs = ids(p.attrs);
    if (p.params.length) e.params = p.params.map((x) => [x.name, x.value]);
    if (p.nameExcept) e.nameExcept = ids(p.nameExcept);
    if (p.flags) e.flags = p.flags;
    if (p.depth !== -1) e.depth = p.depth;
    if (p.triage) e.triage = [...p.triage].map(([key, branch]) => [key, id(branch)]);
    if (p.partition) {
      const part = p.partition;
      e.partition = {
        groups: part.groups.map((g) => [id(g.rule), ids(g.defs)]),
        triage: part.triage && [...part.triage],
        determinist: part.determinist,
        needCheck: part.needCheck,
      };
    }
    if (p.contModel) {
      const a = p.contModel;
      e.contModel = {
        edges: a.edges.map((out) => out.map((x) => [x.label, x.to, x.data && id(x.data)])),
        final: a.final,
        determinist: a.determinist,
        elements: ids(a.elements),
      };
    }
    if (p.datatype !== null) e.datatype = p.datatype;
    if (p.compiled) e.compiled = true;
    patterns.push(e);
  }
  return { start, idref: schema.idref, patterns };
}

/**
 * The pattern types (and datatypes, below) as literals: the validator dispatches on the type, and
 * comparing with a literal is a pointer comparison only when both strings
 * are the engine's unique copies, which strings read from JSON need not be.
 */
const TYPES: Record<PatternType, PatternType> = {
  noop: 'noop',
  empty: 'empty',
  notAllowed: 'notAllowed',
  except: 'except',
  text: 'text',
  element: 'element',
  datatype: 'datatype',
  value: 'value',
  attribute: 'attribute',
  def: 'def',
  ref: 'ref',
  externalRef: 'externalRef',
  parentRef: 'parentRef',
  optional: 'optional',
  zeroOrMore: 'zeroOrMore',
  oneOrMore: 'oneOrMore',
  choice: 'choice',
  group: 'group',
  interleave: 'interleave',
  start: 'start',
};

const DATATYPES: Record<DatatypeName, DatatypeName> = {
  ID: 'ID',
  IDREF: 'IDREF',
  boolean: 'boolean',
  integer: 'integer',
  nonNegativeInteger: 'nonNegativeInteger',
  positiveInteger: 'positiveInteger',
  string: 'string',
  token: 'token',
};

export function decodeSchema(data: EncodedSchema): PreparedSchema {
  const encoded = data.patterns;
  const all: Pattern[] = new Array(encoded.length);
  for (let k = 0; k < encoded.length; k++) all[k] = new Pattern(TYPES[encoded[k]!.type]);
  const at = (list: number[]): Pattern[] => {
    const out: Pattern[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) out[i] = all[list[i]!]!;
    return out;
  };
  for (let k = 0; k < encoded.length; k++) {
    const e = encoded[k]!;
    const p = all[k]!;
    if (e.name !== undefined) p.name = e.name;
    if (e.ns !== undefined) p.ns = e.ns;
    if (e.value !== undefined) p.value = e.value;
    if (e.content) p.content = at(e.content);
    if (e.attrs) p.attrs = at(e.attrs);
    if (e.params) p.params = e.params.map(([name, value]) => ({ name, value, regex: facetRegex(value) }));
    if (e.nameExcept) p.nameExcept = at(e.nameExcept);
    if (e.flags !== undefined) p.flags = e.flags;
    if (e.depth !== undefined) p.depth = e.depth;
    if (e.triage) p.triage = new Map(e.triage.map(([key, i]) => [key, all[i]!]));
    if (e.partition) {
      const part: Partition = {
        groups: e.partition.groups.map(([rule, defs]) => ({ rule: all[rule]!, defs: at(defs) })),
        triage: e.partition.triage && new Map(e.partition.triage),
        determinist: e.partition.determinist,
        needCheck: e.partition.needCheck,
      };
      p.partition = part;
    }
    if (e.contModel) {
      const a = new Automaton();
      a.edges.length = 0;
      for (const out of e.contModel.edges) a.edges.push(out.map(([label, to, d]) => ({ label, to, data: d === null ? null : all[d]! })));
      a.final = e.contModel.final;
      a.determinist = e.contModel.determinist;
      a.elements.push(...at(e.contModel.elements));
      p.contModel = a;
    }
    if (e.datatype !== undefined) p.datatype = e.datatype && DATATYPES[e.datatype];
    if (e.compiled) p.compiled = true;
  }
  return { start: all[data.start]!, idref: data.idref };
}
