/**
 * Pacemaker's text output: nested lists printed as indented "* " items with
 * "Title:" headers (the "fancy" style crm_mon and crm_simulate use), or as
 * bare lines without headers (crm_simulate when showing scores).
 */
interface ListState {
  len: number;
  singular: string | null;
  plural: string | null;
}

export class TextOutput {
  private out: string[] = [];
  private lists: ListState[] = [];

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

  get depth(): number {
    return this.lists.length;
  }

  toString(): string {
    return this.out.join('');
  }
}
