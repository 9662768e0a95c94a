/**
 * Elements of the CIB by tag and id, for id-ref resolution ("//tag[@id=X]",
 * which finds nothing when several elements match). Built on the first
 * reference, once per input: most CIBs have none, and a walk of a large
 * status section costs more than the rest of a small run.
 */
import type { XmlElement } from '../../cib/xml/node.js';

export class IdIndex {
  /** Matches by tag and id; null when there is more than one (an XPath lookup then fails). */
  private byTagAndId: Map<string, XmlElement | null> | null = null;

  constructor(private readonly root: XmlElement) {}

  find(tag: string, id: string): XmlElement | undefined {
    if (this.byTagAndId === null) {
      this.byTagAndId = new Map();
      for (const el of this.root.walk()) {
        const elId = el.attrs['id'];
        if (elId === undefined) continue;
        const key = `${el.name}\0${elId}`;
        this.byTagAndId.set(key, this.byTagAndId.has(key) ? null : el);
      }
    }
    return this.byTagAndId.get(`${tag}\0${id}`) ?? undefined;
  }

  /** expand_idref: the element an id-ref points to (undefined if dangling), or the element itself. */
  expand(el: XmlElement): XmlElement | undefined {
    const ref = el.attrs['id-ref'];
    if (ref === undefined) return el;
    return this.find(el.name, ref);
  }
}
