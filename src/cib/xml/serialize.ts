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

export function serialize(root: XmlElement, options: SerializeOptions = {}): string {
  const pretty = options.pretty ?? true;
  const out: string[] = [];
  write(root, options.depth ?? 0, pretty, out, options.omitAttributes);
  return out.join('');
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

function write(node: XmlNode, depth: number, pretty: boolean, out: string[], omit?: ReadonlySet<string>): void {
  const indent = pretty ? indentOf(depth) : '';
  const nl = pretty ? '\n' : '';
  if (node.kind === 'comment') {
    out.push(indent + '<!--' + node.text + '-->' + nl);
    return;
  }
  if (node.kind === 'cdata') {
    out.push(indent + '<![CDATA[' + node.text + ']]>' + nl);
    return;
  }
  const head = indent + openTag(node, omit);
  if (node.children.length === 0) {
    out.push(head + '/>' + nl);
    return;
  }
  out.push(head + '>' + nl);
  for (const c of node.children) write(c, depth + 1, pretty, out, omit);
  out.push(indent + '</' + node.name + '>' + nl);
}
