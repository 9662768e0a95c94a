/**
 * HTML for crm_mon --output-as=html: a small element tree and the layout
 * libxml2's HTML serialiser gives it (newlines around block elements that
 * hold several elements, none inside inline ones or around text).
 */
export type HtmlNode = HtmlElement | string;

export class HtmlElement {
  readonly children: HtmlNode[] = [];
  constructor(
    readonly name: string,
    readonly attrs: Record<string, string> = {},
  ) {}

  append<T extends HtmlNode>(child: T): T {
    this.children.push(child);
    return child;
  }

  /** Adds an element with optional class and text content. */
  add(name: string, cls?: string, text?: string): HtmlElement {
    const e = this.append(new HtmlElement(name, cls !== undefined ? { class: cls } : {}));
    if (text !== undefined) e.append(text);
    return e;
  }
}

const INLINE = new Set(['a', 'abbr', 'acronym', 'b', 'bdo', 'big', 'br', 'button', 'cite', 'code', 'dfn', 'em', 'font', 'i', 'img', 'input', 'kbd', 'label', 'q', 's', 'samp', 'select', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'textarea', 'tt', 'u', 'var']);
const EMPTY = new Set(['meta', 'link', 'br', 'hr', 'img', 'input']);
/** Elements whose text is written as it is. */
const RAW = new Set(['style', 'script']);

function escapeText(t: string): string {
  return t.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttr(t: string): string {
  return t.replace(/[&"]/g, (c) => (c === '&' ? '&amp;' : '&quot;'));
}

function isText(n: HtmlNode | undefined): boolean {
  return typeof n === 'string';
}

function write(node: HtmlNode, parent: HtmlElement | null, next: HtmlNode | undefined): string {
  if (typeof node === 'string') return parent && RAW.has(parent.name) ? node : escapeText(node);
  let s = `<${node.name}`;
  for (const [k, v] of Object.entries(node.attrs)) s += ` ${k}="${escapeAttr(v)}"`;
  s += '>';
  const block = !INLINE.has(node.name);
  const format = block && !node.name.startsWith('p');
  if (!EMPTY.has(node.name)) {
    const kids = node.children;
    const several = kids.length > 1;
    if (format && kids.length > 0 && !isText(kids[0]) && several) s += '\n';
    kids.forEach((c, i) => {
      s += write(c, node, kids[i + 1]);
    });
    if (format && kids.length > 0 && !isText(kids[kids.length - 1]) && several) s += '\n';
    s += `</${node.name}>`;
  }
  if (block && next !== undefined && !isText(next) && !(parent?.name.startsWith('p') ?? false)) s += '\n';
  return s;
}

const STYLE = [
  '.bold { font-weight: bold }',
  '.online { color: green }',
  '.offline { color: red }',
  '.maint { color: blue }',
  '.standby { color: blue }',
  '.health_red { color: red }',
  '.health_yellow { color: GoldenRod }',
  '.rsc-failed { color: red }',
  '.rsc-failure-ignored { color: DarkGreen }',
  '.rsc-managed { color: blue }',
  '.rsc-multiple { color: orange }',
  '.rsc-ok { color: green }',
  '.warning { color: red; font-weight: bold }',
].join('\n');

export interface PageOptions {
  title?: string;
  stylesheet?: string;
  /** Start with the CGI header. */
  cgi?: boolean;
}

/** The whole page around the body's elements. */
export function htmlDocument(body: HtmlNode[], options: PageOptions = {}): string {
  const html = new HtmlElement('html', { lang: 'en' });
  const head = html.add('head');
  head.add('title', undefined, options.title ?? 'Cluster Status');
  head.append(new HtmlElement('meta', { charset: 'utf-8' }));
  head.add('style', undefined, STYLE);
  if (options.stylesheet !== undefined) head.append(new HtmlElement('link', { rel: 'stylesheet', href: options.stylesheet }));
  const bodyEl = html.add('body');
  for (const n of body) bodyEl.append(n);
  return (options.cgi ? 'Content-Type: text/html\n\n' : '') + '<!DOCTYPE html>\n' + write(html, null, undefined) + '\n';
}
