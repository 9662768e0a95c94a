/**
 * Pacemaker's text output: nested lists printed as indented "* " items with
 * "Title:" headers (the "fancy" style crm_mon and crm_simulate use), or as
 * bare lines without headers (crm_simulate when showing scores).
 */
import type { Resource } from '../scheduler/model/resource.js';

/**
 * What the status displays write to: nested lists of items. Text and HTML
 * implement it; the few items each renders its own way have methods here.
 */
export interface ListOutput {
  readonly kind: 'text' | 'html';
  beginList(title: string | null, singular?: string | null, plural?: string | null): void;
  /** One item; `id` names it (text: "id: " in front, HTML: its class). */
  item(text: string, id?: string | null): void;
  endList(): void;
  spacer(): void;
  /** Text as is (text only; HTML leaves it out). */
  raw(text: string): void;
  /** A primitive's line (HTML colours it by the resource's state). */
  resourceItem(rsc: Resource, text: string): void;
  /** A node opening a list of its attributes or history. */
  nodeHeader(name: string): void;
  /** A node attribute with, for ping attributes, the score full connectivity gives. */
  attributeItem(name: string, value: string | undefined, expected: number | null): void;
}

interface ListState {
  len: number;
  singular: string | null;
  plural: string | null;
}

export class TextOutput implements ListOutput {
  private out: string[] = [];
  private lists: ListState[] = [];

  readonly kind = 'text' as const;

  constructor(readonly fancy: boolean) {}

  private indent(): string {
    if (!this.fancy) return '';
    const level = this.lists.length;
    return '  '.repeat(level) + (level > 0 ? '* ' : '');
  }

  beginList(title: string | null, singular: string | null = null, plural: string | null = null): void {
    if (this.fancy && title !== null) this.out.push(this.indent() + title + ':\n');
    this.lists.push({ len: 0, singular, plural });
  }

  /** One item; `id` (fancy only) prefixes it as "id: text". */
  item(text: string, id: string | null = null): void {
    if (this.fancy && id !== null) this.out.push(this.indent() + id + ': ' + text + '\n');
    else this.out.push(this.indent() + text + '\n');
    const top = this.lists[this.lists.length - 1];
    if (top) top.len++;
  }

  endList(): void {
    const top = this.lists.pop();
    if (top && top.singular !== null && top.plural !== null) {
      this.out.push(this.indent() + `${top.len} ${top.len === 1 ? top.singular : top.plural} found\n`);
    }
  }

  spacer(): void {
    this.out.push('\n');
  }

  /** An unindented line (informational output). */
  info(text: string): void {
    this.out.push(text + '\n');
  }

  /** Text as is. */
  raw(text: string): void {
    this.out.push(text);
  }

  resourceItem(_rsc: Resource, text: string): void {
    this.item(text);
  }

  nodeHeader(name: string): void {
    this.beginList(`Node: ${name}`);
  }

  attributeItem(name: string, value: string | undefined, expected: number | null): void {
    this.item(attributeLine(name, value, expected));
  }

  get depth(): number {
    return this.lists.length;
  }

  toString(): string {
    return this.out.join('');
  }
}

/** "name\t: value", padded, with what a ping attribute says of connectivity. */
export function attributeLine(name: string, value: string | undefined, expected: number | null): string {
  const base = `${name.padEnd(32, ' ')}\t: ${(value ?? '(null)').padEnd(10, ' ')}`;
  if (expected === null) return base;
  const v = connectivity(value);
  if (v <= 0) return `${base}\t: Connectivity is lost`;
  if (v < expected) return `${base}\t: Connectivity is degraded (Expected=${expected})`;
  return base;
}

/** A ping attribute's value as a number (no value: 0; not a number: as low as possible). */
export function connectivity(value: string | undefined): number {
  const m = /^\s*([+-]?\d+)/.exec(value ?? '');
  return value === undefined ? 0 : m ? Number(m[1]) : -2147483648;
}
