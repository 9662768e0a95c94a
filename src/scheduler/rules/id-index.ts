/**
 * Elements of the CIB by tag and id, for id-ref resolution ("//tag[@id=X]",
 * which finds nothing when several elements match). Built once per input.
 */
import type { XmlElement } from '../../cib/xml/node.js';

export class IdIndex {
  /** Matches by tag and id; null when there is more than one (an XPath lookup then fails). */
  private byTagAndId = new Map<string, XmlElement | null>();
  private byId = new Map<string, XmlElement>();

  constructor(root: XmlElement) {
    for (const el of root.walk()) {
      const id = el.attrs['id'];
      if (id === undefined) continue;
      const key = `${el.name}\0${id}`;
      this.byTagAndId.set(key, this.byTagAndId.has(key) ? null : el);
      if (!this.byId.has(id)) this.byId.set(id, el);
    }
  }

  find(tag: string, id: string): XmlElement | undefined {
    return this.byTagAndId.get(`${tag}\0${id}`) ?? undefined;
  }

  /** Any element with this id. */
  findAny(id: string): XmlElement | undefined {
    return this.byId.get(id);
  }

  /** expand_idref: the element an id-ref points to (undefined if dangling), or the element itself. */
  expand(el: XmlElement): XmlElement | undefined {
    const ref = el.attrs['id-ref'];
    if (ref === undefined) return el;
    return this.find(el.name, ref);
  }
}
