/**
 * Fast answers to the two questions the comparison asks of every child:
 * which sibling pairs with it, and what its position is among the siblings
 * not skipped. Pacemaker scans the siblings each time; on a CIB with
 * thousands of resources that is quadratic, so these keep an index per
 * parent. They are valid only while the children lists do not change.
 */
import type { XmlElement, XmlNode } from '../xml/node.js';
import { firstMatch } from './match.js';

interface ChildIndex {
  /** The first child of each name. */
  byName: Map<string, XmlElement>;
  /** The first child of each name and id. */
  byNameAndId: Map<string, Map<string, XmlElement>>;
}

/** firstMatch with an index per parent for elements. */
export class ChildMatcher {
  private readonly indexes = new Map<XmlElement, ChildIndex>();

  match(parent: XmlElement, needle: XmlNode): XmlNode | null {
    if (needle.kind !== 'element') return firstMatch(parent, needle);
    const index = this.indexOf(parent);
    const id = needle.attrs['id'];
    return (id === undefined ? index.byName.get(needle.name) : index.byNameAndId.get(needle.name)?.get(id)) ?? null;
  }

  private indexOf(parent: XmlElement): ChildIndex {
    let index = this.indexes.get(parent);
    if (index) return index;
    index = { byName: new Map(), byNameAndId: new Map() };
    for (const c of parent.children) {
      if (c.kind !== 'element') continue;
      if (!index.byName.has(c.name)) index.byName.set(c.name, c);
      const id = c.attrs['id'];
      if (id === undefined) continue;
      let ids = index.byNameAndId.get(c.name);
      if (!ids) index.byNameAndId.set(c.name, (ids = new Map()));
      if (!ids.has(id)) ids.set(id, c);
    }
    this.indexes.set(parent, index);
    return index;
  }
}

/**
 * Positions of the children of one parent, counting only those not marked:
 * a Fenwick tree over the marks answers in logarithmic time.
 */
export class SiblingRanks {
  private readonly index = new Map<XmlNode, number>();
  private readonly marks: Int32Array;

  constructor(children: readonly XmlNode[], marked: (n: XmlNode) => boolean) {
    this.marks = new Int32Array(children.length + 1);
    children.forEach((c, i) => {
      this.index.set(c, i);
      if (marked(c)) this.mark(c);
    });
  }

  indexOf(node: XmlNode): number {
    return this.index.get(node) ?? 0;
  }

  mark(node: XmlNode): void {
    const i = this.index.get(node);
    if (i === undefined) return;
    for (let j = i + 1; j < this.marks.length; j += j & -j) this.marks[j]!++;
  }

  /** How many siblings before `node` are not marked. */
  rank(node: XmlNode): number {
    const i = this.indexOf(node);
    let marked = 0;
    for (let j = i; j > 0; j -= j & -j) marked += this.marks[j]!;
    return i - marked;
  }
}
