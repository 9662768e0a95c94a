/**
 * A parse failure in libxml2's words, for tools that log it as Pacemaker's
 * do: the "parser error" line with its place, the offending line of text and
 * a caret under the column. The common failures get libxml2's exact message
 * and error code (a file that is not XML, one cut short, mismatched tags,
 * trailing content); others keep our parser's wording.
 */
import { elementLine, type PartialParse } from './parse.js';

export interface LibxmlParseReport {
  /** libxml2's error code (xmlParserErrors), e.g. 77 for a premature end */
  code: number;
  message: string;
  /** the lines libxml2 prints: place and message, the text line, the caret */
  lines: string[];
}

/** `source` names the file; null for text that came from a string (libxml2 says "Entity"). */
export function libxmlParseReport(text: string, parsed: PartialParse, source: string | null): LibxmlParseReport | null {
  const e = parsed.error;
  if (!e) return null;
  let code = 1;
  let message = e.message;
  let offset = offsetOf(text, e.line, e.column - 1);
  const open = parsed.open;
  if (e.message === 'Document is empty') {
    code = 4;
    offset = text.length;
  } else if (/^Non-whitespace before first tag|^Start tag expected/.test(e.message)) {
    code = 4;
    message = "Start tag expected, '<' not found";
    offset = text.search(/[^ \t\r\n]/);
  } else if (/^Unclosed root tag|^Premature end of data/.test(e.message) && open) {
    code = 77;
    message = `Premature end of data in tag ${open.name} line ${elementLine(open)}`;
    offset = text.length;
  } else if (/^Unexpected close tag/.test(e.message) && open) {
    code = 76;
    const closing = /<\/\s*([^\s>]*)\s*>?$/.exec(text.slice(0, offset));
    message = `Opening and ending tag mismatch: ${open.name} line ${elementLine(open)} and ${closing?.[1] ?? ''}`;
  } else if (/^Text data outside of root node|^Extra content at the end/.test(e.message)) {
    code = 5;
    message = 'Extra content at the end of the document';
    const rest = /\S/.exec(text.slice(offset - 1));
    if (rest) offset = offset - 1 + rest.index;
  }
  const { line, context, caret } = contextAt(text, offset);
  const where = source !== null ? `${source}:${line}` : `Entity: line ${line}`;
  return { code, message, lines: [`${where}: parser error : ${message}`, context, caret] };
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column));
}

/** The line around a position and a caret under it, as libxml2 prints them (at most 80 characters). */
function contextAt(text: string, offset: number): { line: number; context: string; caret: string } {
  let cur = offset;
  while (cur > 0 && cur < text.length && (text[cur] === '\n' || text[cur] === '\r')) cur--;
  let n = 0;
  while (n++ < 79 && cur > 0 && text[cur] !== '\n' && text[cur] !== '\r') cur--;
  if (text[cur] === '\n' || text[cur] === '\r') cur++;
  const col = offset - cur;
  let end = cur;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r' && end - cur < 79) end++;
  const context = text.slice(cur, end);
  let caret = '';
  for (let i = 0; i < col && i < context.length; i++) caret += context[i] === '\t' ? '\t' : ' ';
  const line = text.slice(0, offset).split('\n').length;
  return { line, context, caret: caret + '^' };
}
