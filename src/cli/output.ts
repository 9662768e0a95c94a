/**
 * --output-as: Pacemaker's formatted output. Text is each tool's own; XML
 * wraps the result in Pacemaker's `pacemaker-result` envelope with a
 * closing `status` element; JSON (pacer's addition) carries the same
 * content as an object.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { opt } from './flags.js';
import { exitCodeText, ToolError, ExitCode } from './exit-codes.js';
import type { ToolContext } from './context.js';
import { XmlElement } from '../cib/xml/node.js';

export type OutputFormat = 'text' | 'xml' | 'json';

/** The API version Pacemaker 2.1.5 writes in its results. */
export const API_VERSION = '2.25';

export function outputFlags() {
  return {
    'output-as': opt(undefined, 'FORMAT', 'Specify output format as one of: text (default), xml, json', {
      group: 'Output Options',
      options: ['text', 'xml', 'json'],
    }),
    'output-to': opt(undefined, 'DEST', 'Specify file name for output (or "-" for stdout)', { group: 'Output Options' }),
  };
}

export function outputFormat(flags: { 'output-as'?: string }): OutputFormat {
  return (flags['output-as'] ?? 'text') as OutputFormat;
}

/** Where output goes: stdout, or the file named by --output-to. */
export function outputSink(ctx: ToolContext, flags: { 'output-to'?: string }): (text: string) => void {
  const dest = flags['output-to'];
  if (!dest || dest === '-') return (text) => ctx.out(text);
  const path = resolve(ctx.cwd, dest);
  let first = true;
  return (text) => {
    try {
      writeFileSync(path, text, { flag: first ? 'w' : 'a' });
    } catch (e) {
      throw new ToolError(ExitCode.CANTCREAT, `Could not write to ${dest}: ${(e as Error).message}`);
    }
    first = false;
  };
}

/** The `request` attribute: the command line as the user typed it. */
export function requestLine(tool: string, rawArgs: readonly string[]): string {
  return [tool, ...rawArgs].join(' ');
}

function statusXml(code: number, errors: readonly string[]): string {
  const head = `  <status code="${code}" message="${escapeResultAttr(exitCodeText(code))}"`;
  if (errors.length === 0) return `${head}/>\n`;
  const lines = errors.map((e) => `      <error>${escapeResultText(e)}</error>\n`).join('');
  return `${head}>\n    <errors>\n${lines}    </errors>\n  </status>\n`;
}

/** An element whose content is text, as results have (<node>node1</node>). */
export class TextElement extends XmlElement {
  constructor(
    name: string,
    attrs: Record<string, string>,
    readonly text: string,
  ) {
    super(name, attrs);
  }
}

const RESULT_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** libxml2 writes a document without an encoding in ASCII: control and non-ASCII characters become references. */
function resultEntity(c: string): string {
  return RESULT_ENTITIES[c] ?? (c < '\x7f' ? `&#${c.charCodeAt(0)};` : `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`);
}

function escapeResultAttr(value: string): string {
  return value.replace(/[&<>"\n\r\t]|[^\x00-\x7f]/gu, resultEntity);
}

function escapeResultText(value: string): string {
  return value.replace(/[&<>\r]|[^\x00-\x7f]/gu, resultEntity);
}

/** One element as libxml2 prints results: no indentation inside elements that hold text or CDATA. */
function writeResult(el: XmlElement, indent: string | null): string {
  let s = (indent ?? '') + '<' + el.name;
  for (const k in el.attrs) s += ` ${k}="${escapeResultAttr(el.attrs[k]!)}"`;
  const nl = indent === null ? '' : '\n';
  if (el instanceof TextElement) return `${s}>${escapeResultText(el.text)}</${el.name}>${nl}`;
  if (el.children.length === 0) return `${s}/>${nl}`;
  const inline = indent === null || el.children.some((c) => c.kind !== 'element');
  s += '>' + (inline ? '' : '\n');
  for (const c of el.children) {
    if (c.kind === 'element') s += writeResult(c, inline ? null : indent + '  ');
    else if (c.kind === 'cdata') s += `<![CDATA[${c.text}]]>`;
    else s += `<!--${c.text}-->`;
  }
  return s + (inline ? '' : indent ?? '') + `</${el.name}>${nl}`;
}

/** A result element printed the way Pacemaker's XML output prints it, at an indentation depth. */
export function serializeResult(el: XmlElement, depth = 0): string {
  return writeResult(el, '  '.repeat(depth));
}

/** A whole XML result: body elements, then the status. */
export function xmlResult(request: string, body: readonly XmlElement[], code: number, errors: readonly string[] = []): string {
  let out = `<pacemaker-result api-version="${API_VERSION}" request="${escapeResultAttr(request)}">\n`;
  for (const el of body) out += serializeResult(el, 1);
  out += statusXml(code, errors);
  return out + '</pacemaker-result>\n';
}

/** The JSON counterpart: `{ request, result, status }`. */
export function jsonResult(request: string, result: unknown, code: number, errors: readonly string[] = []): string {
  const status: Record<string, unknown> = { code, message: exitCodeText(code) };
  if (errors.length) status['errors'] = errors;
  return JSON.stringify({ request, ...(result === undefined ? {} : { result }), status }, null, 2) + '\n';
}

/** Shorthand for a leaf element with attributes. */
export function el(name: string, attrs: Record<string, string | number | boolean | undefined>): XmlElement {
  const e = new XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttr(k, String(v));
  return e;
}

type JsonElement = { element: string; children?: JsonElement[] } & Record<string, unknown>;

function jsonElement(e: XmlElement): JsonElement {
  const children = e.elements();
  const cdata = e.children.filter((c) => c.kind === 'cdata').map((c) => c.text);
  const content = e instanceof TextElement ? e.text : cdata.length > 0 ? cdata.join('') : undefined;
  return {
    element: e.name,
    ...e.attrs,
    ...(content !== undefined ? { content } : {}),
    ...(children.length > 0 ? { children: children.map(jsonElement) } : {}),
  };
}

/**
 * The JSON counterpart of a result's XML elements: one key per top-level
 * element. A record element (such as crm_mon's <summary>) maps each child's
 * name to an object of its attributes; any other maps to the list of its
 * children, each an object with "element" (its name), its attributes
 * (strings, as in the XML), "content" for its text and "children" when it
 * has any.
 */
export function jsonFromXml(body: readonly XmlElement[], records: readonly string[] = []): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const top of body) {
    const children = top.elements();
    if (records.includes(top.name)) result[top.name] = Object.fromEntries(children.map((c) => [c.name, { ...c.attrs }]));
    else result[top.name] = children.map(jsonElement);
  }
  return result;
}
