/**
 * Corosync's configuration syntax: nested `name {` ... `}` sections holding
 * `key: value` lines, `#` comments on their own line. The tree keeps the
 * order of items and their line numbers, so errors can point at the line
 * and a file read and written again keeps its layout of sections and keys.
 */

export interface ConfEntry {
  kind: 'entry';
  key: string;
  value: string;
  line: number;
}

export interface ConfSection {
  kind: 'section';
  name: string;
  items: ConfItem[];
  line: number;
}

export type ConfItem = ConfEntry | ConfSection;

export class ConfSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'ConfSyntaxError';
  }
}

const NAME = /^[A-Za-z0-9_.-]+$/;

/** Parses a whole file into its top-level items. */
export function parseConf(text: string): ConfItem[] {
  const root: ConfSection = { kind: 'section', name: '', items: [], line: 0 };
  const stack: ConfSection[] = [root];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const top = stack[stack.length - 1]!;
    if (line === '}') {
      if (stack.length === 1) throw new ConfSyntaxError(n, "'}' without a section to close");
      stack.pop();
      continue;
    }
    if (line.endsWith('{')) {
      const name = line.slice(0, -1).trim();
      if (!NAME.test(name)) throw new ConfSyntaxError(n, `invalid section name '${name}'`);
      const section: ConfSection = { kind: 'section', name, items: [], line: n };
      top.items.push(section);
      stack.push(section);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new ConfSyntaxError(n, `expected 'key: value', 'section {' or '}', found '${line}'`);
    const key = line.slice(0, colon).trim();
    if (!NAME.test(key)) throw new ConfSyntaxError(n, `invalid key '${key}'`);
    top.items.push({ kind: 'entry', key, value: line.slice(colon + 1).trim(), line: n });
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!;
    throw new ConfSyntaxError(open.line, `section '${open.name}' is not closed`);
  }
  return root.items;
}

/** Prints items in the layout pcs writes: four-space indents, a blank line between top-level sections. */
export function writeConf(items: readonly ConfItem[]): string {
  const out: string[] = [];
  const walk = (list: readonly ConfItem[], depth: number) => {
    const pad = '    '.repeat(depth);
    list.forEach((item, i) => {
      if (item.kind === 'entry') {
        out.push(`${pad}${item.key}: ${item.value}`);
        return;
      }
      if (i > 0 && (depth === 0 || list[i - 1]!.kind === 'section')) out.push('');
      out.push(`${pad}${item.name} {`);
      walk(item.items, depth + 1);
      out.push(`${pad}}`);
    });
  };
  walk(items, 0);
  return out.join('\n') + '\n';
}

/** Convenience for building trees in code. */
export function section(name: string, items: ConfItem[]): ConfSection {
  return { kind: 'section', name, items, line: 0 };
}

export function entry(key: string, value: string | number): ConfEntry {
  return { kind: 'entry', key, value: String(value), line: 0 };
}
