/**
 * A prepared schema as bytes and back. Building and preparing the CIB schema
 * costs tens of milliseconds of cold code on every tool call that reads a
 * CIB; the build writes the encoded schemas next to the bundle
 * (scripts/build.mjs), and the entry point hands them to model/pacemaker.ts.
 *
 * Decoding is lazy: a pattern is made when something points at it, and what
 * it points at is read when first used (Pattern's links), because a tool
 * call meets a few hundred of the thousands of patterns of a schema.
 *
 * Every field of every pattern is kept, and shared patterns stay shared
 * (definitions are reached through many refs, and recursion makes cycles),
 * so the decoded graph is the built one, node for node.
 *
 * Layout, in 32-bit little-endian integers: a header (FORMAT, the number of
 * patterns, the start pattern, whether IDREFs occur, the byte length of the
 * string table, the number of record words), the offset of each pattern's
 * record, the records, then the string table as a JSON array. Strings are
 * indices into the table, NONE stands for null, and lists are a length
 * followed by their items (see writeRecord and readLinks for the order).
 */
import { Automaton } from './automaton.js';
import { facetRegex, Pattern, type DatatypeName, type LinkReader, type Param, type Partition, type PatternLinks, type PatternType } from './pattern.js';
import type { PreparedSchema } from './prepare.js';

const FORMAT = 0x52_4e_47_01;
const HEADER = 6;
const NONE = -1;

/**
 * Pattern types and datatypes by number, as literals: the validator
 * dispatches on the type, and comparing with a literal is a pointer
 * comparison only when both strings are the engine's unique copies.
 */
const TYPES: PatternType[] = [
  'noop',
  'empty',
  'notAllowed',
  'except',
  'text',
  'element',
  'datatype',
  'value',
  'attribute',
  'def',
  'ref',
  'externalRef',
  'parentRef',
  'optional',
  'zeroOrMore',
  'oneOrMore',
  'choice',
  'group',
  'interleave',
  'start',
];
const DATATYPES: DatatypeName[] = ['ID', 'IDREF', 'boolean', 'integer', 'nonNegativeInteger', 'positiveInteger', 'string', 'token'];

/** Numbers things in the order they are first met; `order` lists them by number. */
function numbering<T>(): { number: (x: T) => number; order: T[] } {
  const numbers = new Map<T, number>();
  const order: T[] = [];
  const number = (x: T): number => {
    let n = numbers.get(x);
    if (n === undefined) {
      n = order.length;
      numbers.set(x, n);
      order.push(x);
    }
    return n;
  };
  return { number, order };
}

export function encodeSchema(schema: PreparedSchema): Uint8Array {
  const { number: id, order } = numbering<Pattern>();
  const { number: stringNumber, order: strings } = numbering<string>();
  const str = (s: string | null): number => (s === null ? NONE : stringNumber(s));
  const start = id(schema.start);
  const offsets: number[] = [];
  const records: number[] = [];
  // `order` grows while we walk it: each pattern's neighbours get numbers as they are met
  for (let k = 0; k < order.length; k++) {
    offsets.push(records.length);
    writeRecord(order[k]!, records, id, str);
  }
  const text = new TextEncoder().encode(JSON.stringify(strings));
  const words = new Int32Array(HEADER + offsets.length + records.length);
  words.set([FORMAT, order.length, start, schema.idref ? 1 : 0, text.length, records.length]);
  words.set(offsets, HEADER);
  words.set(records, HEADER + offsets.length);
  const out = new Uint8Array(words.byteLength + text.length);
  out.set(new Uint8Array(words.buffer), 0);
  out.set(text, words.byteLength);
  return out;
}

function writeRecord(p: Pattern, out: number[], id: (p: Pattern) => number, str: (s: string | null) => number): void {
  const list = (items: Pattern[]) => out.push(items.length, ...items.map(id));
  const map = (entries: Iterable<[string, number]>) => {
    const all = [...entries];
    out.push(all.length);
    for (const [key, n] of all) out.push(str(key), n);
  };
  out.push(TYPES.indexOf(p.type), p.flags, p.depth, str(p.name), str(p.ns), str(p.value), p.datatype === null ? NONE : DATATYPES.indexOf(p.datatype), p.compiled ? 1 : 0);
  list(p.content);
  list(p.attrs);
  if (p.nameExcept) list(p.nameExcept);
  else out.push(NONE);
  out.push(p.params.length);
  for (const x of p.params) out.push(str(x.name), str(x.value));
  if (p.triage) map([...p.triage].map(([key, branch]) => [key, id(branch)]));
  else out.push(NONE);
  const part = p.partition;
  if (part) {
    out.push(part.groups.length);
    for (const g of part.groups) {
      out.push(id(g.rule));
      list(g.defs);
    }
    if (part.triage) map(part.triage);
    else out.push(NONE);
    out.push(part.determinist ? 1 : 0, part.needCheck ? 1 : 0);
  } else out.push(NONE);
  const a = p.contModel;
  if (a) {
    out.push(a.edges.length);
    for (const edges of a.edges) {
      out.push(edges.length);
      for (const e of edges) out.push(str(e.label), e.to, e.data ? id(e.data) : NONE);
    }
    out.push(a.final, a.determinist ? 1 : 0);
    list(a.elements);
  } else out.push(NONE);
}

/** The schema in `bytes` (as encodeSchema writes them), decoded as it is used. */
export function decodeSchema(bytes: Uint8Array): PreparedSchema {
  // an Int32Array needs its start aligned to 4 bytes
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const header = new Int32Array(aligned.buffer, aligned.byteOffset, HEADER);
  if (header[0] !== FORMAT) throw new Error('encoded schema: unknown format');
  const [, count, start, idref, textLength, recordWords] = header as unknown as number[];
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, HEADER + count! + recordWords!);
  const text = new TextDecoder().decode(aligned.subarray(words.byteLength, words.byteLength + textLength!));
  const schema = new EncodedSchema(words, count!, JSON.parse(text) as string[]);
  return { start: schema.pattern(start!), idref: idref === 1 };
}

class EncodedSchema implements LinkReader {
  private readonly made: (Pattern | undefined)[];
  /** where links() reads */
  private at = 0;

  constructor(
    private readonly words: Int32Array,
    private readonly count: number,
    private readonly strings: string[],
  ) {
    this.made = new Array(count);
  }

  /** Pattern number k, made with its own fields; its links wait for first use. */
  pattern(k: number): Pattern {
    let p = this.made[k];
    if (p === undefined) {
      const w = this.words;
      const at = HEADER + this.count + w[HEADER + k]!;
      p = new Pattern(TYPES[w[at]!]!, { reader: this, index: k });
      p.flags = w[at + 1]!;
      p.depth = w[at + 2]!;
      p.name = this.str(w[at + 3]!);
      p.ns = this.str(w[at + 4]!);
      p.value = this.str(w[at + 5]!);
      p.datatype = w[at + 6] === NONE ? null : DATATYPES[w[at + 6]!]!;
      p.compiled = w[at + 7] === 1;
      this.made[k] = p;
    }
    return p;
  }

  links(k: number): PatternLinks {
    // reads run in the interpreter at start-up: a cursor and plain loops, no closures
    this.at = HEADER + this.count + this.words[HEADER + k]! + 8;
    const content = this.list(this.next());
    const attrs = this.list(this.next());
    const exceptCount = this.next();
    const nameExcept = exceptCount === NONE ? null : this.list(exceptCount);
    const params: Param[] = [];
    for (let n = this.next(); n > 0; n--) {
      const name = this.str(this.next())!;
      const value = this.str(this.next())!;
      params.push({ name, value, regex: facetRegex(value) });
    }
    let triage: Map<string, Pattern> | null = null;
    const triageCount = this.next();
    if (triageCount !== NONE) {
      triage = new Map();
      for (let n = triageCount; n > 0; n--) triage.set(this.str(this.next())!, this.pattern(this.next()));
    }
    let partition: Partition | null = null;
    const groupCount = this.next();
    if (groupCount !== NONE) {
      const groups: Partition['groups'] = [];
      for (let g = 0; g < groupCount; g++) groups.push({ rule: this.pattern(this.next()), defs: this.list(this.next()) });
      let groupTriage: Map<string, number> | null = null;
      const n = this.next();
      if (n !== NONE) {
        groupTriage = new Map();
        for (let i = 0; i < n; i++) groupTriage.set(this.str(this.next())!, this.next());
      }
      partition = { groups, triage: groupTriage, determinist: this.next() === 1, needCheck: this.next() === 1 };
    }
    let contModel: Automaton | null = null;
    const states = this.next();
    if (states !== NONE) {
      contModel = new Automaton();
      contModel.edges.length = 0;
      for (let s = 0; s < states; s++) {
        const edges = [];
        for (let e = this.next(); e > 0; e--) {
          const label = this.str(this.next());
          const to = this.next();
          const data = this.next();
          edges.push({ label, to, data: data === NONE ? null : this.pattern(data) });
        }
        contModel.edges.push(edges);
      }
      contModel.final = this.next();
      contModel.determinist = this.next() === 1;
      contModel.elements.push(...this.list(this.next()));
    }
    return { content, attrs, params, nameExcept, triage, partition, contModel };
  }

  private next(): number {
    return this.words[this.at++]!;
  }

  private list(n: number): Pattern[] {
    const out: Pattern[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.pattern(this.next());
    return out;
  }

  private str(i: number): string | null {
    return i === NONE ? null : this.strings[i]!;
  }
}
