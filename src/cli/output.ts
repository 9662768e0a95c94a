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
import { escapeAttr, serialize } from '../cib/xml/serialize.js';

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
  const head = `  <status code="${code}" message="${escapeAttr(exitCodeText(code))}"`;
  if (errors.length === 0) return `${head}/>\n`;
  const lines = errors.map((e) => `      <error>${escapeText(e)}</error>\n`).join('');
  return `${head}>\n    <errors>\n${lines}    </errors>\n  </status>\n`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A whole XML result: body elements, then the status. */
export function xmlResult(request: string, body: readonly XmlElement[], code: number, errors: readonly string[] = []): string {
  let out = `<pacemaker-result api-version="${API_VERSION}" request="${escapeAttr(request)}">\n`;
  for (const el of body) out += serialize(el, { depth: 1 });
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
