/**
 * The event parser inside xml2js (its sax parser, configured strict, without
 * trimming or normalising), for readers that build their own trees. It is
 * taken from xml2js's parser module alone: the package's main module also
 * loads its XML builder, which no tool uses and every tool call would pay
 * for at start-up.
 */
import { Parser } from 'xml2js/lib/parser.js';

export interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}

export interface SaxParser {
  /** the current line, counted from 0, and column (while trackPosition is on) */
  line: number;
  column: number;
  /**
   * Whether sax counts lines and columns, which costs about a third of its
   * time: a reader that only needs lines can feed it line by line instead.
   */
  trackPosition: boolean;

  onopentag: (tag: SaxTag) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  oncdata: (text: string) => void;
  oncomment: (text: string) => void;
  onerror: (err: Error) => void;
  onend: () => void;
  onprocessinginstruction: () => void;
  ondoctype: () => void;
  write(s: string): SaxParser;
  close(): SaxParser;
}

export function saxParser(): SaxParser {
  return (new Parser({ strict: true }) as unknown as { saxParser: SaxParser }).saxParser;
}
