/**
 * Tree to text, byte for byte as Pacemaker prints XML: two spaces of
 * indentation per level, one element per line, attributes in their order,
 * empty elements closed with "/>", comments and CDATA on lines of their own.
 *
 * Attribute values are escaped the way Pacemaker escapes them, which is not
 * quite XML's way: a newline becomes the two characters "\n", a carriage
 * return "\r", and a tab four spaces.
 */
import type { XmlElement, XmlNode } from './node.js';

const NEEDS_ESCAPE = /[<>&"'\n\r\t]/;
const ESCAPE = /[<>&"'\n\r\t]/g;
const REPLACEMENT: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '    ',
};

export function escapeAttr(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPE, (c) => REPLACEMENT[c]!) : value;
}

export interface SerializeOptions {
  /** Pretty-print with indentation and newlines (the default), or one line. */
  pretty?: boolean;
  /** Indentation level of the root element. */
  depth?: number;
  /** Attributes to leave out wherever they appear (digests skip bookkeeping ones). */
  omitAttributes?: ReadonlySet<string>;
}

/** How many pieces are joined at a time: short arrays stay in the CPU's caches and the young heap. */
const CHUNK = 2048;

export function serialize(root: XmlElement, options: SerializeOptions = {}): string {
  const pretty = options.pretty ?? true;
  const omit = options.omitAttributes;
  const nl = pretty ? '\n' : '';
  const endEmpty = '/>' + nl;
  const endOpen = '>' + nl;
  const commentEnd = '-->' + nl;
  const cdataEnd = ']]>' + nl;
  // Names and values are pushed as they are, so no string is made per
  // element or attribute; the pieces are joined a chunk at a time.
  let out: string[] = [];
  const chunks: string[] = [];
  const write = (node: XmlNode, depth: number): void => {
    const indent = pretty ? indentOf(depth) : '';
    if (node.kind === 'comment') {
      out.push(indent, '<!--', node.text, commentEnd);
      return;
    }
    if (node.kind === 'cdata') {
      out.push(indent, '<![CDATA[', node.text, cdataEnd);
      return;
    }
    out.push(indent, '<', node.name);
    const attrs = node.attrs;
    if (omit) {
      for (const k in attrs) if (!omit.has(k)) out.push(' ', k, '="', escapeAttr(attrs[k]!), '"');
    } else {
      for (const k in attrs) out.push(' ', k, '="', escapeAttr(attrs[k]!), '"');
    }
    const children = node.children;
    if (children.length === 0) out.push(endEmpty);
    else {
      out.push(endOpen);
      for (let i = 0; i < children.length; i++) write(children[i]!, depth + 1);
      out.push(indent, '</', node.name, endOpen);
    }
    if (out.length > CHUNK) {
      chunks.push(out.join(''));
      out = [];
    }
  };
  write(root, options.depth ?? 0);
  chunks.push(out.join(''));
  return chunks.join('');
}

/** The opening tag of an element with its attributes, e.g. `<nvpair id="x"`. */
export function openTag(el: XmlElement, omit?: ReadonlySet<string>): string {
  let s = '<' + el.name;
  const attrs = el.attrs;
  for (const k in attrs) if (!omit?.has(k)) s += ' ' + k + '="' + escapeAttr(attrs[k]!) + '"';
  return s;
}

const INDENTS: string[] = [];

/** Two spaces per level, made once per depth. */
function indentOf(depth: number): string {
  return (INDENTS[depth] ??= '  '.repeat(depth));
}
