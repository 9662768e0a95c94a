/** The status displays' lists as HTML: headings with lists, items as list items. */
import { RscFlag } from '../../scheduler/model/flags.js';
import type { Resource } from '../../scheduler/model/resource.js';
import { type ListOutput, connectivity } from '../text-output.js';
import { HtmlElement, type HtmlNode } from './document.js';

/** The class of a resource's line (pe__common_output_html). */
function resourceClass(rsc: Resource): string {
  if (!rsc.is(RscFlag.Managed)) return 'rsc-managed';
  if (rsc.is(RscFlag.Failed)) return 'rsc-failed';
  if (rsc.variant === 'primitive' && rsc.runningOn.length === 0) return 'rsc-failed';
  if (rsc.runningOn.length > 1) return 'rsc-multiple';
  if (rsc.is(RscFlag.FailureIgnored)) return 'rsc-failure-ignored';
  return 'rsc-ok';
}

export class HtmlOutput implements ListOutput {
  readonly kind = 'html' as const;
  /** The page's body, built as lists open and close. */
  readonly body: HtmlNode[] = [];
  private lists: HtmlElement[] = [];

  private get current(): HtmlElement | null {
    return this.lists[this.lists.length - 1] ?? null;
  }

  /** Adds an element where the next item goes. */
  place(e: HtmlElement): HtmlElement {
    const c = this.current;
    if (c) c.append(e);
    else this.body.push(e);
    return e;
  }

  beginList(title: string | null): void {
    const parent = this.current;
    const holder = parent ? parent.add('li') : null;
    const put = (e: HtmlElement) => (holder ? holder.append(e) : this.place(e));
    if (title !== null) put(new HtmlElement(parent ? 'h3' : 'h2')).append(title);
    this.lists.push(put(new HtmlElement('ul')));
  }

  item(text: string, id?: string | null): void {
    this.place(new HtmlElement('li', id ? { class: id } : {})).append(text);
  }

  endList(): void {
    this.lists.pop();
  }

  spacer(): void {}

  raw(): void {}

  resourceItem(rsc: Resource, text: string): void {
    this.place(new HtmlElement('li')).add('span', resourceClass(rsc), text);
  }

  nodeHeader(name: string): void {
    this.beginList(`${name}:`);
  }

  attributeItem(name: string, value: string | undefined, expected: number | null): void {
    if (expected === null) {
      this.item(`${name}: ${value ?? '(null)'}`);
      return;
    }
    const li = this.place(new HtmlElement('li'));
    li.add('span', undefined, `${name}: ${value ?? '(null)'}`);
    const v = value === undefined ? 0 : connectivity(value);
    if (v <= 0) li.add('span', 'bold', '(connectivity is lost)');
    else if (v < expected) li.add('span', 'bold', `(connectivity is degraded -- expected ${expected})`);
  }
}
