/**
 * XML text to an ordered tree.
 *
 * We drive the sax parser that xml2js configures (strict, no trimming, no
 * normalisation) instead of xml2js's object output, because the CIB needs what
 * that output loses: comments, CDATA sections and the interleaving of
 * children. Like Pacemaker, text content is dropped (the CIB schema has none)
 * and so are the XML declaration, the doctype and anything outside the root.
 * One leniency of sax remains: a repeated attribute keeps its first value
 * instead of failing as libxml2 does.
 */
import { prototypeFree, XmlElement, type XmlNode } from './node.js';
import { saxParser } from './sax.js';

export class XmlParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'XmlParseError';
  }
}

/** The line an element was read from, or 0 for an element built in memory. */
export function elementLine(el: XmlElement): number {
  return el.line;
}

/** A deep copy that keeps the source lines of its elements (as libxml2's copies do). */
export function cloneWithLines(el: XmlElement): XmlElement {
  const copy = el.clone();
  const from = [...el.walk()];
  let i = 0;
  for (const c of copy.walk()) c.line = from[i++]!.line;
  return copy;
}

/** Parses one XML document; throws XmlParseError on anything malformed. */
export function parseXml(text: string): XmlElement {
  const r = readDocument(text);
  if (r.error) throw r.error;
  return r.root!;
}

/** What a parse that stops at the first error keeps. */
export interface PartialParse {
  /** the document up to the error, open elements taken as closed; null if no element was read */
  root: XmlElement | null;
  /** the first error, or null if the text is well-formed */
  error: XmlParseError | null;
  /** the innermost element still open when the error was met */
  open: XmlElement | null;
}

/**
 * Parses as far as the text allows, like libxml2's recovering parser as
 * Pacemaker's tools use it for files: what was read before the first error
 * is kept (a truncated CIB still yields its beginning).
 */
export function parseXmlPartially(text: string): PartialParse {
  return readDocument(text);
}

/**
 * sax builds a value a character at a time, which V8 keeps as a chain of
 * one node per character: reading a character flattens it into one string
 * (on big CIBs the tree takes half the memory, and the collector half the time).
 */
function flat(value: string): void {
  value.charCodeAt(0);
}

function readDocument(text: string): PartialParse {
  const quick = read(text, false);
  // Only a parser that counts knows the column of a failure: read it again, counting.
  return quick.error ? read(text, true) : quick;
}

/**
 * One pass of sax over the text. Counting lines and columns costs sax about
 * a third of its time; without it, the text is fed a line at a time, which
 * still gives every element its line.
 */
function read(text: string, counting: boolean): PartialParse {
  const sax = saxParser();
  sax.trackPosition = counting;
  let line = 1;
  let root: XmlElement | null = null;
  let current: XmlElement | null = null;
  let failure: XmlParseError | null = null;
  const fail = (msg: string): never => {
    throw new XmlParseError(msg, sax.line + 1, sax.column + 1);
  };

  sax.onopentag = (tag) => {
    const el = new XmlElement(tag.name);
    // sax makes a fresh object per tag: adopt it instead of copying
    const attrs = prototypeFree(tag.attributes);
    for (const k in attrs) flat(attrs[k]!);
    el.attrs = attrs;
    el.line = counting ? sax.line + 1 : line;
    if (current) {
      el.parent = current;
      current.children.push(el);
    } else if (root) {
      fail('Extra content at the end of the document');
    } else {
      root = el;
    }
    current = el;
  };
  sax.onclosetag = () => {
    current = current ? current.parent : null;
  };
  sax.ontext = (t) => {
    if (!current && !root && t.trim() !== '') fail("Start tag expected, '<' not found");
    if (!current && root && t.trim() !== '') fail('Extra content at the end of the document');
  };
  const addLeaf = (node: XmlNode) => {
    if (!current) return; // outside the root element: dropped, as Pacemaker does
    node.parent = current;
    current.children.push(node);
  };
  sax.oncdata = (t) => addLeaf({ kind: 'cdata', text: t, parent: null });
  sax.oncomment = (t) => addLeaf({ kind: 'comment', text: t, parent: null });
  sax.onprocessinginstruction = () => {};
  sax.ondoctype = () => {};
  sax.onerror = (err) => {
    const msg = String(err.message).split('\n')[0] ?? 'malformed XML';
    throw new XmlParseError(msg, sax.line + 1, sax.column + 1);
  };
  sax.onend = () => {};

  try {
    if (counting) sax.write(text);
    else {
      for (let at = 0; at < text.length; line++) {
        const next = text.indexOf('\n', at) + 1 || text.length;
        sax.write(at === 0 && next === text.length ? text : text.slice(at, next));
        at = next;
      }
    }
    sax.close();
  } catch (e) {
    if (e instanceof XmlParseError) failure = e;
    else throw e;
  }
  if (!failure && !root) failure = new XmlParseError('Document is empty', sax.line + 1, sax.column + 1);
  if (!failure && current) failure = new XmlParseError('Premature end of data', sax.line + 1, sax.column + 1);
  return { root, error: failure, open: failure ? current : null };
}

/** Like parseXml, but returns null instead of throwing. */
export function tryParseXml(text: string): XmlElement | null {
  try {
    return parseXml(text);
  } catch (e) {
    if (e instanceof XmlParseError) return null;
    throw e;
  }
}
