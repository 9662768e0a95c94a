/**
 * Validation of a document against a prepared schema, the way libxml2's
 * Relax NG validator does it.
 *
 * libxml2 is not a textbook Relax NG validator: it walks the schema with a
 * set of candidate states, dispatches the children of an interleave by name
 * before checking each branch, keeps doubtful errors on a stack and shows
 * them only when a failure is certain, treats an element as valid once its
 * errors are shown, and so on. Pacemaker's verdicts and crm_verify's messages
 * come out of exactly that process, so this module follows it step for step
 * (function by function: validateState is xmlRelaxNGValidateState, and so
 * on), including the quirks that decide which message appears where.
 */
import type { XmlElement, XmlNode } from '../../xml/node.js';
import { checkDatatype, datatypeEqual, IdTable, normalizeSpace, type AttrNode } from './datatypes.js';
import { IS_MIXED, IS_TRIABLE, type Pattern } from './pattern.js';
import type { PreparedSchema } from './prepare.js';

/** libxml2's validation error codes, named after their XML_RELAXNG_ERR_* constants. */
export type RngErrorCode =
  | 'TYPE'
  | 'TYPEVAL'
  | 'DUPID'
  | 'TYPECMP'
  | 'NOSTATE'
  | 'NODEFINE'
  | 'INTERNAL'
  | 'INTERNODATA'
  | 'INTERSEQ'
  | 'INTEREXTRA'
  | 'ELEMNAME'
  | 'ELEMNONS'
  | 'ELEMWRONGNS'
  | 'ELEMWRONG'
  | 'TEXTWRONG'
  | 'ELEMEXTRANS'
  | 'ELEMNOTEMPTY'
  | 'NOELEM'
  | 'NOTELEM'
  | 'ATTRVALID'
  | 'CONTENTVALID'
  | 'EXTRACONTENT'
  | 'INVALIDATTR'
  | 'DATAELEM'
  | 'VALELEM'
  | 'DATATYPE'
  | 'VALUE'
  | 'NOGRAMMAR'
  | 'EXTRADATA';

function messageFor(code: RngErrorCode, a1: string, a2: string): string {
  switch (code) {
    case 'TYPE':
      return `failed to validate type ${a1}`;
    case 'TYPEVAL':
      return `Type ${a1} doesn't allow value '${a2}'`;
    case 'DUPID':
      return `ID ${a1} redefined`;
    case 'TYPECMP':
      return `failed to compare type ${a1}`;
    case 'NOSTATE':
      return 'Internal error: no state';
    case 'NODEFINE':
      return 'Internal error: no define';
    case 'INTERNAL':
      return `Internal error: ${a1}`;
    case 'INTERNODATA':
      return 'Internal: interleave block has no data';
    case 'INTERSEQ':
      return 'Invalid sequence in interleave';
    case 'INTEREXTRA':
      return `Extra element ${a1} in interleave`;
    case 'ELEMNAME':
      return `Expecting element ${a1}, got ${a2}`;
    case 'ELEMNONS':
      return `Expecting a namespace for element ${a1}`;
    case 'ELEMWRONGNS':
      return `Element ${a1} has wrong namespace: expecting ${a2}`;
    case 'ELEMWRONG':
      return `Did not expect element ${a1} there`;
    case 'TEXTWRONG':
      return `Did not expect text in element ${a1} content`;
    case 'ELEMEXTRANS':
      return `Expecting no namespace for element ${a1}`;
    case 'ELEMNOTEMPTY':
      return `Expecting element ${a1} to be empty`;
    case 'NOELEM':
      return `Expecting an element ${a1}, got nothing`;
    case 'NOTELEM':
      return 'Expecting an element got text';
    case 'ATTRVALID':
      return `Element ${a1} failed to validate attributes`;
    case 'CONTENTVALID':
      return `Element ${a1} failed to validate content`;
    case 'EXTRACONTENT':
      return `Element ${a1} has extra content: ${a2}`;
    case 'INVALIDATTR':
      return `Invalid attribute ${a1} for element ${a2}`;
    case 'DATAELEM':
      return `Datatype element ${a1} has child elements`;
    case 'VALELEM':
      return `Value element ${a1} has child elements`;
    case 'DATATYPE':
      return `Error validating datatype ${a1}`;
    case 'VALUE':
      return `Error validating value ${a1}`;
    case 'NOGRAMMAR':
      return 'No top grammar defined';
    case 'EXTRADATA':
      return 'Extra data in the document';
  }
}

/** One message as libxml2 reports it: the element it is about (if any) and the text. */
export interface RawValidityError {
  /** 'relaxng' for "Relax-NG validity error", 'valid' for "validity error" (IDREFs) */
  domain: 'relaxng' | 'valid';
  /** the element the message points at; null for the document itself */
  element: XmlElement | null;
  /** false when libxml2 had no node to point at (then it prints no place) */
  located: boolean;
  message: string;
}

/** Stands for the document node above the root element. */
interface DocNode {
  readonly kind: 'document';
  readonly name: string;
}

type Item = XmlNode; // element, comment or CDATA child
type Cursor = { list: Item[]; i: number };
type Seq = Cursor | AttrNode | null;
type StateNode = XmlElement | DocNode;

function isCursor(s: Seq): s is Cursor {
  return s !== null && 'list' in s;
}

function itemAt(s: Seq): Item | null {
  return isCursor(s) ? (s.list[s.i] ?? null) : null;
}

function after(list: Item[], i: number): Cursor | null {
  return i + 1 < list.length ? { list, i: i + 1 } : null;
}

function itemName(it: Item): string {
  if (it.kind === 'element') return it.name;
  return it.kind === 'comment' ? 'comment' : 'text';
}

class VState {
  node: StateNode;
  seq: Seq;
  /**
   * The attributes not yet matched (null where matched). Copies of a state
   * share the array until one of them matches an attribute (copy on write:
   * most copies are dropped unchanged).
   */
  attrs: readonly (AttrNode | null)[];
  private ownsAttrs: boolean;
  nbAttrLeft: number;
  value: string | null = null;

  constructor(node: StateNode, seq: Seq, attrs: readonly (AttrNode | null)[], ownsAttrs: boolean) {
    this.node = node;
    this.seq = seq;
    this.attrs = attrs;
    this.ownsAttrs = ownsAttrs;
    this.nbAttrLeft = attrs.length;
  }

  copy(): VState {
    this.ownsAttrs = false;
    const s = new VState(this.node, this.seq, this.attrs, false);
    s.nbAttrLeft = this.nbAttrLeft;
    s.value = this.value;
    return s;
  }

  /** Marks attribute `i` as matched. */
  consumeAttr(i: number): void {
    if (!this.ownsAttrs) {
      this.attrs = this.attrs.slice();
      this.ownsAttrs = true;
    }
    (this.attrs as (AttrNode | null)[])[i] = null;
    this.nbAttrLeft--;
  }

  /** What the sequence stands at: a child, an attribute, or nothing (libxml2's state->seq). */
  position(): Item | AttrNode | null {
    return isCursor(this.seq) ? itemAt(this.seq) : this.seq;
  }

  equals(o: VState): boolean {
    if (this === o) return true;
    if (this.node !== o.node) return false;
    if (this.position() !== o.position()) return false;
    if (this.nbAttrLeft !== o.nbAttrLeft || this.attrs.length !== o.attrs.length) return false;
    if (this.value !== o.value) return false;
    if (this.attrs === o.attrs) return true;
    for (let i = 0; i < this.attrs.length; i++) if (this.attrs[i] !== o.attrs[i]) return false;
    return true;
  }
}

interface StackedError {
  code: RngErrorCode;
  node: StateNode | null;
  seq: Seq;
  arg1: string | null;
  arg2: string | null;
  /** libxml2 copies these arguments and drops them once the error is dumped */
  copied: boolean;
}

const FLAGS_IGNORABLE = 1;
const FLAGS_MIXED_CONTENT = 4;
const MAX_ERROR = 5;

function addStates(list: VState[], s: VState): boolean {
  for (const o of list) if (s.equals(o)) return false;
  list.push(s);
  return true;
}

/**
 * addStates for the long lists zeroOrMore collects (one state per child of
 * a big section): the same list in the same order, with the states indexed
 * by where they stand, so each addition compares only with states at the
 * same place instead of with the whole list.
 */
class StateList {
  readonly list: VState[] = [];
  private readonly at = new Map<Item | AttrNode | null, VState[]>();

  add(s: VState): boolean {
    const key = s.position();
    const same = this.at.get(key);
    if (same) {
      for (const o of same) if (s.equals(o)) return false;
      same.push(s);
    } else {
      this.at.set(key, [s]);
    }
    this.list.push(s);
    return true;
  }
}

/** Follows refs, definitions and one-item lists to the pattern they stand for. */
function through(p: Pattern | undefined): Pattern | undefined {
  while (p && p.content.length === 1 && (p.type === 'ref' || p.type === 'parentRef' || p.type === 'externalRef' || p.type === 'def' || p.type === 'noop')) {
    p = p.content[0];
  }
  return p;
}

const anything = new WeakMap<Pattern, boolean>();

/**
 * Whether an element's content is Relax NG's "anything" (the status section
 * of the CIB, thousands of elements with dozens of attributes each), in
 * the shape `zeroOrMore(choice(attribute{anyName}{text}, element{anyName}
 * {the same}, text))`. libxml2's walk through it cannot fail and touches
 * nothing that outlives the element: attribute values are plain text (no
 * IDs), and of its error stack only the end shows, which is what it was on
 * entry when that was empty (each alternative that fails stacks at most one
 * error, and the choice pops it as soon as the text branch matches). The
 * validator skips the walk then.
 */
function acceptsAnything(el: Pattern): boolean {
  let known = anything.get(el);
  if (known === undefined) {
    known = false;
    const loop = el.attrs.length === 0 && el.contModel === null && el.content.length === 1 ? through(el.content[0]) : undefined;
    const choice = loop?.type === 'zeroOrMore' && loop.content.length === 1 ? loop.content[0]! : undefined;
    if (choice?.type === 'choice' && !(choice.flags & IS_TRIABLE) && choice.content.length === 3) {
      const [attr, child, text] = choice.content as [Pattern, Pattern, Pattern];
      known =
        attr.type === 'attribute' &&
        attr.name === null &&
        attr.nameExcept === null &&
        attr.content.length === 1 &&
        attr.content[0]!.type === 'text' &&
        child.type === 'element' &&
        child.name === null &&
        child.nameExcept === null &&
        child.attrs.length === 0 &&
        child.contModel === null &&
        child.content.length === 1 &&
        through(child.content[0]) === loop &&
        text.type === 'text';
    }
    anything.set(el, known);
  }
  return known;
}

export interface RngResult {
  valid: boolean;
  errors: RawValidityError[];
}

export function validateDocument(schema: PreparedSchema, root: XmlElement): RngResult {
  return new Validator(schema).run(root);
}

class Validator {
  private state: VState | null = null;
  private states: VState[] | null = null;
  private flags = 0;
  private errNo: RngErrorCode | null = null;
  // libxml2's error stack: entries are reused in place, and `err` may point
  // above the top after errors are popped, which its checks rely on.
  private errTab: StackedError[] = [];
  private errNr = 0;
  private errMax = 0;
  private err: number | null = null;
  private readonly out: RawValidityError[] = [];
  private readonly ids = new IdTable();
  /** libxml2's node->psvi: the element definition a node last validated against */
  private readonly psvi = new Map<XmlElement, Pattern>();
  private readonly attrCache = new Map<XmlElement, AttrNode[]>();
  private readonly doc: DocNode = { kind: 'document', name: '' };

  constructor(private readonly schema: PreparedSchema) {}

  run(root: XmlElement): RngResult {
    this.state = new VState(this.doc, { list: [root], i: 0 }, [], true);
    const state = this.state;
    let ret = this.validateDefinition(this.schema.start);
    if (this.state && state.seq !== null) {
      const node = this.skipIgnored(this.state.seq);
      if (node !== null && ret !== -1) {
        this.addError('EXTRADATA');
        ret = -1;
      }
    } else if (this.states) {
      let tmp = -1;
      for (const s of this.states) if (this.skipIgnored(s.seq) === null) tmp = 0;
      if (tmp === -1 && ret !== -1) {
        this.addError('EXTRADATA');
        ret = -1;
      }
    }
    this.state = null;
    if (ret !== 0) this.dumpErrors();
    if (this.schema.idref) {
      for (const [value, attrs] of this.ids.refs) {
        for (const a of attrs) {
          if (a.kind === 'IDREF' && !this.ids.ids.has(value)) {
            this.out.push({
              domain: 'valid',
              element: a.owner,
              located: true,
              message: `IDREF attribute ${a.name} references an unknown ID "${value}"`,
            });
            ret = -1;
          }
        }
      }
    }
    if (ret === 0 && this.errNo !== null) ret = -1;
    return { valid: ret === 0, errors: this.out };
  }

  // -------------------------------------------------------------------------
  // errors

  private show(code: RngErrorCode, node: StateNode | null, seq: Seq, a1: string, a2: string): void {
    if (this.errNo === null) this.errNo = code;
    const at: StateNode | AttrNode | Item | null = seq !== null ? (isCursor(seq) ? itemAt(seq) : seq) : node;
    let element: XmlElement | null = null;
    const located = at !== null;
    if (at) {
      if ('kind' in at && at.kind === 'document') element = null;
      else if ('owner' in at) element = at.owner;
      else if (at.kind === 'element') element = at;
      else element = at.parent;
    }
    this.out.push({ domain: 'relaxng', element, located, message: messageFor(code, a1, a2) });
  }

  private addError(code: RngErrorCode, a1 = '', a2 = ''): void {
    if ((this.flags & FLAGS_IGNORABLE) === 0) {
      if (this.errNr !== 0) this.dumpErrors();
      const s = this.state;
      this.show(code, s ? s.node : null, s ? s.seq : null, a1, a2);
    } else {
      this.pushError(code, a1, a2);
    }
  }

  private pushError(code: RngErrorCode, a1: string, a2: string): void {
    if (this.errMax === 0) {
      this.errMax = 8;
      this.errNr = 0;
      this.err = null;
    }
    if (this.errNr >= this.errMax) {
      this.errMax *= 2;
      this.err = this.errNr - 1;
    }
    const last = this.err !== null ? this.errTab[this.err] : undefined;
    if (last && this.state && last.node === this.state.node && last.code === code) return;
    // entries above the top are reused, as libxml2 reuses its slots
    let entry = this.errTab[this.errNr];
    if (!entry) {
      entry = { code, node: null, seq: null, arg1: null, arg2: null, copied: false };
      this.errTab[this.errNr] = entry;
    }
    entry.code = code;
    entry.node = this.state ? this.state.node : null;
    entry.seq = this.state ? this.state.seq : null;
    entry.arg1 = a1;
    entry.arg2 = a2;
    entry.copied = code === 'TYPEVAL' || code === 'DUPID';
    this.err = this.errNr;
    this.errNr++;
  }

  private popError(): void {
    if (this.errNr <= 0) {
      this.err = null;
      return;
    }
    this.errNr--;
    this.err = this.errNr > 0 ? this.errNr - 1 : null;
  }

  private popErrors(level: number): void {
    this.errNr = level;
    if (this.errNr <= 0) this.err = null;
  }

  private dumpErrors(): void {
    let k = 0;
    for (let i = 0; i < this.errNr; i++) {
      const e = this.errTab[i]!;
      if (k < MAX_ERROR) {
        let dup = false;
        for (let j = 0; j < i; j++) {
          const d = this.errTab[j]!;
          if (e.code === d.code && e.node === d.node && e.arg1 === d.arg1 && e.arg2 === d.arg2) {
            dup = true;
            break;
          }
        }
        if (!dup) {
          this.show(e.code, e.node, e.seq, e.arg1 ?? '', e.arg2 ?? '');
          k++;
        }
      }
      // so a later error with the same text is not taken for a duplicate
      if (e.copied) e.arg1 = e.arg2 = null;
    }
    this.errNr = 0;
  }

  // -------------------------------------------------------------------------
  // helpers

  /** The first child at or after the cursor that is not ignorable (comments, blank text). */
  private skipIgnored(seq: Seq): Item | null {
    const c = this.skipSeq(seq);
    return c ? c.list[c.i]! : null;
  }

  private skipSeq(seq: Seq): Cursor | null {
    if (!isCursor(seq)) return null;
    let i = seq.i;
    while (i < seq.list.length) {
      const it = seq.list[i]!;
      if (it.kind === 'comment') i++;
      else if (it.kind === 'cdata' && (this.flags & FLAGS_MIXED_CONTENT || it.text.trim() === '')) i++;
      else break;
    }
    if (i >= seq.list.length) return null;
    return i === seq.i ? seq : { list: seq.list, i };
  }

  private attributesOf(el: XmlElement): AttrNode[] {
    let a = this.attrCache.get(el);
    if (!a) {
      a = el.attrNames().map((name) => ({ name, value: el.attrs[name]!, owner: el, kind: null }));
      this.attrCache.set(el, a);
    }
    return a;
  }

  private newState(el: XmlElement): VState {
    return new VState(el, el.children.length ? { list: el.children, i: 0 } : null, this.attributesOf(el), false);
  }

  // -------------------------------------------------------------------------
  // values

  private validateDatatype(value: string, def: Pattern, node: Seq): number {
    const attr = node !== null && !isCursor(node) ? node : null;
    let ret: number = checkDatatype(def.datatype!, value, attr, this.ids);
    if (ret === 1) ret = 0;
    else if (ret === 2) this.addError('DUPID', value);
    else {
      this.addError('TYPEVAL', def.name!, value);
      ret = -1;
    }
    if (ret === 0) {
      for (const p of def.params) {
        if (!p.regex.test(value)) ret = -1;
      }
    }
    if (ret === 0 && def.content.length) {
      const s = this.state!;
      const old = s.value;
      s.value = value;
      ret = this.validateValue(def.content[0]!);
      s.value = old;
    }
    return ret;
  }

  private validateValue(def: Pattern): number {
    const s = this.state!;
    const value = s.value;
    let ret = 0;
    switch (def.type) {
      case 'empty':
        if (value !== null && value.trim() !== '' && /[^ \t\n\r]/.test(value)) ret = -1;
        break;
      case 'text':
        break;
      case 'value': {
        if (value !== def.value) {
          if (def.datatype) ret = datatypeEqual(def.datatype, def.value!, value ?? '') ? 0 : -1;
          else ret = normalizeSpace(def.value!) === normalizeSpace(value ?? '') ? 0 : -1;
        }
        if (ret === 0) s.value = null;
        break;
      }
      case 'datatype':
        ret = this.validateDatatype(value ?? '', def, s.seq);
        if (ret === 0) s.value = null;
        break;
      case 'choice': {
        const oldflags = this.flags;
        this.flags |= FLAGS_IGNORABLE;
        const oldvalue = s.value;
        for (const c of def.content) {
          ret = this.validateValue(c);
          if (ret === 0) break;
          s.value = oldvalue;
        }
        this.flags = oldflags;
        if (ret !== 0) {
          if ((this.flags & FLAGS_IGNORABLE) === 0) this.dumpErrors();
        } else if (this.errNr > 0) this.popErrors(0);
        if (ret === 0) s.value = null;
        break;
      }
      case 'except':
        for (const c of def.content) {
          ret = this.validateValue(c);
          if (ret === 0) {
            ret = -1;
            break;
          }
          ret = 0;
        }
        break;
      case 'def':
      case 'group':
        for (const c of def.content) {
          ret = this.validateValue(c);
          if (ret !== 0) {
            ret = -1;
            break;
          }
        }
        break;
      case 'ref':
      case 'parentRef':
        ret = this.validateValue(def.content[0]!);
        break;
      default:
        throw new Error(`schema model: ${def} in an attribute value`);
    }
    return ret;
  }

  private validateValueContent(defs: Pattern[]): number {
    let ret = 0;
    for (const d of defs) {
      ret = this.validateValue(d);
      if (ret !== 0) break;
    }
    return ret;
  }

  // -------------------------------------------------------------------------
  // attributes

  private attributeMatches(def: Pattern, attr: AttrNode): boolean {
    if (def.name !== null && def.name !== attr.name) return false;
    return true;
  }

  private validateAttribute(def: Pattern): number {
    const s = this.state!;
    if (s.nbAttrLeft <= 0) return -1;
    let index = -1;
    for (let i = 0; i < s.attrs.length; i++) {
      const a = s.attrs[i];
      if (a && this.attributeMatches(def, a)) {
        index = i;
        break;
      }
    }
    if (index < 0) return -1;
    const prop = s.attrs[index]!;
    const oldvalue = s.value;
    const oldseq = s.seq;
    s.seq = prop;
    s.value = prop.value;
    const ret = this.validateValueContent(def.content);
    s.value = oldvalue;
    s.seq = oldseq;
    if (ret === 0) s.consumeAttr(index);
    return ret;
  }

  private validateAttributeList(defs: Pattern[]): number {
    let ret = 0;
    let needMore = false;
    for (const d of defs) {
      if (d.type === 'attribute') {
        if (this.validateAttribute(d) !== 0) ret = -1;
      } else needMore = true;
    }
    if (!needMore) return ret;
    for (const d of defs) {
      if (d.type !== 'attribute') {
        let res = 0;
        if (this.state !== null || this.states !== null) {
          res = this.validateDefinition(d);
          if (res < 0) ret = -1;
        } else {
          this.addError('NOSTATE');
          return -1;
        }
        if (res === -1) break;
      }
    }
    return ret;
  }

  // -------------------------------------------------------------------------
  // elements

  private elementMatch(def: Pattern, el: XmlElement, report: boolean): boolean {
    if (def.name !== null && def.name !== el.name) {
      if (report) this.addError('ELEMNAME', def.name, el.name);
      return false;
    }
    if (def.nameExcept) {
      const oldflags = this.flags;
      if (report) this.flags |= FLAGS_IGNORABLE;
      for (const e of def.nameExcept) {
        if (this.elementMatch(e, el, report)) {
          this.flags = oldflags;
          return false;
        }
      }
      this.flags = oldflags;
    }
    return true;
  }

  private nodeMatchesList(it: Item, defs: Pattern[]): boolean {
    for (const d of defs) {
      if (it.kind === 'element' && d.type === 'element') {
        if (this.elementMatch(d, it, false)) return true;
      } else if (it.kind === 'cdata' && (d.type === 'text' || d.type === 'datatype' || d.type === 'value')) return true;
    }
    return false;
  }

  private validateElementEnd(log: boolean): number {
    const s = this.state!;
    if (s.seq !== null) {
      s.seq = this.skipSeq(s.seq);
      if (s.seq !== null) {
        if (log) this.addError('EXTRACONTENT', s.node.name, itemName(itemAt(s.seq)!));
        return -1;
      }
    }
    for (let i = 0; i < s.attrs.length; i++) {
      const a = s.attrs[i];
      if (a) {
        if (log) this.addError('INVALIDATTR', a.name, s.node.name);
        return -1 - i;
      }
    }
    return 0;
  }

  private logBestError(): void {
    const states = this.states;
    if (!states || states.length === 0) return;
    let best = -1;
    let value = 1000000;
    states.forEach((st, i) => {
      if (st.seq !== null) {
        if (best === -1 || value > 100000) {
          value = 100000;
          best = i;
        }
      } else if (best === -1 || value > st.nbAttrLeft) {
        value = st.nbAttrLeft;
        best = i;
      }
    });
    if (best >= 0) {
      this.state = states[best]!;
      this.validateElementEnd(true);
    }
  }

  /** The end of an element's validation when several candidate states remain. */
  private endWithStates(oldflags: number, ret: number, seq?: Seq): number {
    const states = this.states!;
    let tmp = -1;
    for (const st of states) {
      this.state = st;
      if (seq !== undefined) st.seq = seq;
      if (this.validateElementEnd(false) === 0) {
        tmp = 0;
        break;
      }
    }
    if (tmp !== 0) {
      this.flags |= FLAGS_IGNORABLE;
      this.logBestError();
    }
    this.flags = oldflags;
    this.states = null;
    if (ret === 0 && tmp === -1) ret = -1;
    return ret;
  }

  private popElementErrors(node: XmlElement): void {
    while (this.err !== null) {
      const e = this.errTab[this.err]!;
      const matches =
        (e.code === 'ELEMNAME' && e.arg2 === node.name) ||
        (e.code === 'ELEMEXTRANS' && e.arg1 === node.name) ||
        e.code === 'NOELEM' ||
        e.code === 'NOTELEM';
      if (!matches) break;
      this.popError();
    }
  }

  private validateElement(def: Pattern, at: Cursor | null): number {
    let errNr = this.errNr;
    let ret: number;
    const seqNode = at ? at.list[at.i]! : null;
    if (seqNode === null || at === null) {
      this.addError('NOELEM', def.name ?? '');
      if ((this.flags & FLAGS_IGNORABLE) === 0) this.dumpErrors();
      return -1;
    }
    if (seqNode.kind !== 'element') {
      this.addError('NOTELEM');
      if ((this.flags & FLAGS_IGNORABLE) === 0) this.dumpErrors();
      return -1;
    }
    const node = seqNode;
    const next = () => this.skipSeq(after(at.list, at.i));
    if (this.psvi.get(node) === def) {
      this.state!.seq = next();
      if (this.errNr > errNr) this.popErrors(errNr);
      if (this.errNr !== 0) this.popElementErrors(node);
      return 0;
    }
    if (!this.elementMatch(def, node, true)) {
      if ((this.flags & FLAGS_IGNORABLE) === 0) this.dumpErrors();
      return -1;
    }
    ret = 0;
    if (this.errNr !== 0) {
      if (this.errNr > errNr) this.popErrors(errNr);
      this.popElementErrors(node);
    }
    errNr = this.errNr;
    const oldflags = this.flags;
    if (this.flags & FLAGS_MIXED_CONTENT) this.flags -= FLAGS_MIXED_CONTENT;
    const state = this.newState(node);
    const oldstate = this.state;
    this.state = state;
    if (def.attrs.length) {
      if (this.validateAttributeList(def.attrs) !== 0) {
        ret = -1;
        this.addError('ATTRVALID', node.name);
      }
    }
    if (errNr === 0 && acceptsAnything(def)) {
      // The step-by-step walk would accept every attribute, child and text
      // here, and every error it stacks on the way is popped again, back to
      // an empty stack: only that end matters (see acceptsAnything).
      this.err = null;
      if (this.errMax === 0) this.errMax = 8;
    } else if (def.contModel) {
      const tmpstate = this.state;
      const tmpstates = this.states;
      const nstate = this.newState(node);
      this.state = nstate;
      this.states = null;
      const tmp = this.validateCompiledContent(def, nstate.seq);
      const nseq = this.state!.seq;
      this.state = tmpstate;
      this.states = tmpstates;
      if (tmp !== 0) ret = -1;
      if (this.states) {
        ret = this.endWithStates(oldflags, ret, nseq);
      } else {
        if (this.state) this.state.seq = nseq;
        if (ret === 0) ret = this.validateElementEnd(true);
      }
    } else {
      if (def.content.length) {
        const tmp = this.validateDefinitionList(def.content);
        if (tmp !== 0) {
          ret = -1;
          if (this.state === null) {
            this.state = oldstate;
            this.addError('CONTENTVALID', node.name);
            this.state = null;
          } else {
            this.addError('CONTENTVALID', node.name);
          }
        }
      }
      if (this.states) {
        ret = this.endWithStates(oldflags, ret);
      } else if (this.state) {
        if (ret === 0) ret = this.validateElementEnd(true);
      }
    }
    if (ret === 0) this.psvi.set(node, def);
    this.flags = oldflags;
    this.state = oldstate;
    if (oldstate) oldstate.seq = next();
    if (ret !== 0) {
      // an element whose errors are shown counts as valid from here on
      if ((this.flags & FLAGS_IGNORABLE) === 0) {
        this.dumpErrors();
        ret = 0;
      }
    } else if (this.errNr > errNr) {
      this.popErrors(errNr);
    }
    return ret;
  }

  private validateCompiledContent(def: Pattern, start: Seq): number {
    const run = def.contModel!.run();
    const oldperr = this.perr;
    this.perr = 0;
    let ret = 0;
    const s = this.state!;
    const list = isCursor(start) ? start.list : [];
    for (let i = isCursor(start) ? start.i : 0; i < list.length; i++) {
      const cur = list[i]!;
      s.seq = { list, i };
      if (cur.kind === 'cdata') {
        if (cur.text.trim() === '') continue;
        if (run.push('#text') === false) {
          ret = -1;
          this.addError('TEXTWRONG', cur.parent?.name ?? '');
        }
      } else if (cur.kind === 'element') {
        const target = run.push(cur.name);
        if (target === false) {
          ret = -1;
          this.addError('ELEMWRONG', cur.name);
        } else if (target) {
          const r = this.validateDefinition(target);
          if (r !== 0) this.perr = r;
        }
      }
      if (ret < 0) break;
    }
    if (ret === 0) {
      if (run.accepts()) {
        this.state!.seq = null;
      } else {
        this.addError('NOELEM', '');
        ret = -1;
        if ((this.flags & FLAGS_IGNORABLE) === 0) this.dumpErrors();
      }
    } else {
      ret = -1;
    }
    if (ret === 0 && this.perr !== 0) ret = this.perr;
    this.perr = oldperr;
    return ret;
  }

  private perr = 0;

  /** this.states, read afresh (TypeScript narrows it across calls that change it) */
  private pending(): VState[] | null {
    return this.states;
  }

  // -------------------------------------------------------------------------
  // interleave

  private validateInterleave(def: Pattern): number {
    const errNr = this.errNr;
    const partition = def.partition;
    if (!partition) {
      this.addError('INTERNODATA');
      return -1;
    }
    const nbgroups = partition.groups.length;
    const oldflags = this.flags;
    let ret = 0;
    if (def.flags & IS_MIXED) {
      this.flags |= FLAGS_MIXED_CONTENT;
      if (nbgroups === 2) {
        if (this.state) this.state.seq = this.skipSeq(this.state.seq);
        const rule = partition.groups[0]!.rule.type === 'text' ? partition.groups[1]!.rule : partition.groups[0]!.rule;
        ret = this.validateDefinition(rule);
        if (ret === 0 && this.state) this.state.seq = this.skipSeq(this.state.seq);
        this.flags = oldflags;
        return ret;
      }
    }
    const lists: Item[][] = partition.groups.map(() => []);
    const s = this.state!;
    let cur = this.skipSeq(s.seq);
    while (cur !== null) {
      const it = cur.list[cur.i]!;
      s.seq = cur;
      let i = nbgroups;
      if (partition.triage && partition.determinist) {
        let key: string | null = null;
        if (it.kind === 'cdata') key = '#text';
        else if (it.kind === 'element') key = partition.triage.has(it.name) ? it.name : '#any';
        const g = key !== null ? partition.triage.get(key) : undefined;
        if (g !== undefined) {
          i = g - 1;
          if (partition.needCheck && !this.nodeMatchesList(it, partition.groups[i]!.defs)) i = nbgroups;
        }
      } else {
        for (i = 0; i < nbgroups; i++) if (this.nodeMatchesList(it, partition.groups[i]!.defs)) break;
      }
      if (i >= nbgroups) break;
      lists[i]!.push(it);
      cur = this.skipSeq(after(cur.list, cur.i));
    }
    const lastelem = cur;
    let oldstate: VState = this.state!;
    for (let i = 0; i < nbgroups; i++) {
      this.state = oldstate.copy();
      const group = partition.groups[i]!;
      this.state.seq = lists[i]!.length ? { list: lists[i]!, i: 0 } : null;
      ret = this.validateDefinition(group.rule);
      if (ret !== 0) break;
      if (this.state) {
        const left = this.skipIgnored(this.state.seq);
        oldstate = this.state;
        this.state = null;
        if (left !== null) {
          this.addUnlocatedError('INTEREXTRA', itemName(left));
          ret = -1;
          this.state = oldstate;
          return this.interleaveDone(oldflags, ret, errNr);
        }
      } else if (this.states) {
        // several ways through the branch: carry on from one that used up
        // its children and, among those, left the fewest attributes
        let found = false;
        let best = -1;
        let lowattr = -1;
        let left: Item | null = null;
        for (const [j, st] of this.states.entries()) {
          left = this.skipIgnored(st.seq);
          if (left === null) {
            if (!found) {
              lowattr = st.nbAttrLeft;
              best = j;
            }
            found = true;
            if (st.nbAttrLeft <= lowattr) {
              lowattr = st.nbAttrLeft;
              best = j;
            }
            if (lowattr === 0) break;
          } else if (!found) {
            if (lowattr === -1 || st.nbAttrLeft <= lowattr) {
              lowattr = st.nbAttrLeft;
              best = j;
            }
          }
        }
        if (this.states.length > 0) oldstate = this.states[best !== -1 ? best : this.states.length - 1]!;
        this.states = null;
        if (!found) {
          this.addUnlocatedError('INTEREXTRA', left ? itemName(left) : 'noname');
          ret = -1;
          this.state = oldstate;
          return this.interleaveDone(oldflags, ret, errNr);
        }
      } else {
        ret = -1;
        break;
      }
    }
    this.state = oldstate;
    this.state.seq = lastelem;
    if (ret !== 0) {
      this.addError('INTERSEQ');
      ret = -1;
    }
    return this.interleaveDone(oldflags, ret, errNr);
  }

  /** libxml2 reports INTEREXTRA while it holds no current state, so without a place. */
  private addUnlocatedError(code: RngErrorCode, a1: string): void {
    const saved = this.state;
    this.state = null;
    this.addError(code, a1);
    this.state = saved;
  }

  private interleaveDone(oldflags: number, ret: number, errNr: number): number {
    this.flags = oldflags;
    if (ret === 0 && this.errNr > errNr) this.popErrors(errNr);
    return ret;
  }

  // -------------------------------------------------------------------------
  // the generic walk

  private validateDefinitionList(defs: Pattern[]): number {
    let ret = 0;
    if (defs.length === 0) {
      this.addError('INTERNAL', 'NULL definition list');
      return -1;
    }
    for (const d of defs) {
      let res: number;
      if (this.state !== null || this.states !== null) {
        res = this.validateDefinition(d);
        if (res < 0) ret = -1;
      } else {
        this.addError('NOSTATE');
        return -1;
      }
      if (res === -1) break;
    }
    return ret;
  }

  private validateState(def: Pattern): number {
    const node = this.state ? itemAt(this.state.seq) : null;
    let ret = 0;
    switch (def.type) {
      case 'empty':
        ret = 0;
        break;
      case 'notAllowed':
        ret = -1;
        break;
      case 'text': {
        const s = this.state!;
        if (isCursor(s.seq)) {
          let i = s.seq.i;
          while (i < s.seq.list.length && s.seq.list[i]!.kind !== 'element') i++;
          s.seq = i < s.seq.list.length ? { list: s.seq.list, i } : null;
        }
        break;
      }
      case 'element':
        ret = this.validateElement(def, this.state ? this.skipSeq(this.state.seq) : null);
        break;
      case 'optional': {
        const errNr = this.errNr;
        const oldflags = this.flags;
        this.flags |= FLAGS_IGNORABLE;
        const oldstate = this.state!.copy();
        ret = this.validateDefinitionList(def.content);
        if (ret !== 0) {
          this.state = oldstate;
          this.flags = oldflags;
          ret = 0;
          if (this.errNr > errNr) this.popErrors(errNr);
          break;
        }
        if (this.states) {
          addStates(this.states, oldstate);
        } else {
          this.states = [];
          addStates(this.states, oldstate);
          addStates(this.states, this.state!);
          this.state = null;
        }
        this.flags = oldflags;
        ret = 0;
        if (this.errNr > errNr) this.popErrors(errNr);
        break;
      }
      case 'oneOrMore': {
        const errNr = this.errNr;
        ret = this.validateDefinitionList(def.content);
        if (ret !== 0) break;
        if (this.errNr > errNr) this.popErrors(errNr);
        ret = this.validateZeroOrMore(def);
        break;
      }
      case 'zeroOrMore':
        ret = this.validateZeroOrMore(def);
        break;
      case 'choice':
        ret = this.validateChoice(def, node);
        break;
      case 'def':
      case 'group':
        ret = this.validateDefinitionList(def.content);
        break;
      case 'interleave':
        ret = this.validateInterleave(def);
        break;
      case 'attribute':
        ret = this.validateAttribute(def);
        break;
      case 'start':
      case 'noop':
      case 'ref':
      case 'externalRef':
      case 'parentRef':
        ret = this.validateDefinition(def.content[0]!);
        break;
      case 'datatype':
      case 'value':
        // element text content: the CIB schemas have none, and pacer's XML
        // tree keeps no text; an element would make these fail
        ret = this.validateTextContent(def);
        break;
      case 'except':
        ret = -1;
        break;
    }
    return ret;
  }

  private validateTextContent(def: Pattern): number {
    const s = this.state!;
    let content = '';
    if (isCursor(s.seq)) {
      for (let i = s.seq.i; i < s.seq.list.length; i++) {
        const it = s.seq.list[i]!;
        if (it.kind === 'element') {
          this.addError(def.type === 'datatype' ? 'DATAELEM' : 'VALELEM', it.parent?.name ?? '');
          return -1;
        }
        if (it.kind === 'cdata') content += it.text;
      }
    }
    let ret: number;
    if (def.type === 'datatype') {
      ret = this.validateDatatype(content, def, s.seq);
      if (ret === -1) this.addError('DATATYPE', def.name ?? '');
    } else {
      const old = s.value;
      s.value = content;
      ret = this.validateValue(def);
      s.value = old;
      if (ret === -1) this.addError('VALUE', def.name ?? '');
    }
    if (ret === 0) s.seq = null;
    return ret;
  }

  private validateZeroOrMore(def: Pattern): number {
    const found = new StateList();
    const res = found.list;
    if (this.state) found.add(this.state.copy());
    else for (const st of this.states!) found.add(st.copy());
    const oldflags = this.flags;
    this.flags |= FLAGS_IGNORABLE;
    let progress: boolean;
    let states: VState[] | null = null;
    do {
      progress = false;
      let base = res.length;
      if (this.states) {
        states = this.states;
        for (const st of states) {
          this.state = st;
          this.states = null;
          const ret = this.validateDefinitionList(def.content);
          if (ret === 0) {
            if (this.state) {
              if (found.add(this.state)) progress = true;
              this.state = null;
            } else if (this.states) {
              for (const x of this.pending()!) if (found.add(x)) progress = true;
              this.states = null;
            }
          } else {
            this.state = null;
          }
        }
      } else {
        const ret = this.validateDefinitionList(def.content);
        if (ret !== 0) {
          this.state = null;
        } else {
          base = res.length;
          if (this.state) {
            if (found.add(this.state)) progress = true;
            this.state = null;
          } else if (this.states) {
            for (const x of this.pending()!) if (found.add(x)) progress = true;
            if (states === null) states = this.states;
            this.states = null;
          }
        }
      }
      if (progress) {
        if (res.length - base === 1) {
          this.state = res[base]!.copy();
        } else {
          states = res.slice(base).map((x) => x.copy());
          this.states = states;
        }
      }
    } while (progress);
    this.states = res;
    this.state = null;
    this.flags = oldflags;
    return 0;
  }

  private validateChoice(def: Pattern, start: Item | null): number {
    const node = this.state ? this.skipIgnored(this.state.seq) : start;
    const errNr = this.errNr;
    let ret = 0;
    // libxml2 goes straight to the branch named after the element, but
    // without an element it tries every branch (one may need attributes only)
    if (def.flags & IS_TRIABLE && def.triage && node !== null) {
      let branch: Pattern | undefined;
      if (node.kind === 'cdata') branch = def.triage.get('#text');
      else if (node.kind === 'element') branch = def.triage.get(node.name) ?? def.triage.get('#any');
      if (!branch) {
        this.addError('ELEMWRONG', itemName(node));
        return -1;
      }
      return this.validateDefinition(branch);
    }
    const oldflags = this.flags;
    this.flags |= FLAGS_IGNORABLE;
    let states: VState[] | null = null;
    let oldstate: VState | null = null;
    for (const branch of def.content) {
      oldstate = this.state!.copy();
      ret = this.validateDefinition(branch);
      if (ret === 0) {
        if (states === null) states = [];
        if (this.state) addStates(states, this.state);
        else if (this.states) {
          for (const x of this.states) addStates(states, x);
          this.states = null;
        }
      }
      this.state = oldstate;
    }
    if (states !== null) {
      this.states = states;
      this.state = null;
      ret = 0;
    } else {
      this.states = null;
    }
    this.flags = oldflags;
    if (ret !== 0) {
      if ((this.flags & FLAGS_IGNORABLE) === 0) this.dumpErrors();
    } else if (this.errNr > errNr) {
      this.popErrors(errNr);
    }
    return ret;
  }

  private validateDefinition(def: Pattern): number {
    if (this.state && this.states) this.state = null;
    if (this.states === null || this.states.length === 1) {
      if (this.states) {
        this.state = this.states[0]!;
        this.states = null;
      }
      const ret = this.validateState(def);
      if (this.state && this.states) this.state = null;
      const after = this.pending();
      if (after?.length === 1) {
        this.state = after[0]!;
        this.states = null;
      }
      return ret;
    }
    const states = this.states;
    this.states = null;
    let res: VState[] | null = null;
    const kept: VState[] = [];
    const oldflags = this.flags;
    this.flags |= FLAGS_IGNORABLE;
    for (const st of states) {
      this.state = st;
      this.states = null;
      const ret = this.validateState(def);
      if (this.state && this.states) this.state = null;
      if (ret === 0) {
        if (this.states === null) {
          if (res) addStates(res, this.state!);
          else kept.push(this.state!);
          this.state = null;
        } else if (res === null) {
          res = this.states;
          this.states = null;
          for (const k of kept) addStates(res, k);
        } else {
          for (const x of this.pending()!) addStates(res, x);
          this.states = null;
        }
      } else {
        this.state = null;
        this.states = null;
      }
    }
    this.flags = oldflags;
    let ret: number;
    if (res) {
      this.states = res;
      ret = 0;
    } else if (kept.length > 1) {
      this.states = kept;
      ret = 0;
    } else if (kept.length === 1) {
      this.state = kept[0]!;
      ret = 0;
    } else {
      ret = -1;
      this.states = null;
    }
    if (this.state && this.states) this.state = null;
    return ret;
  }
}
