/** Building result elements: attributes in the order given, absent values left out. */
import { XmlElement } from '../../cib/xml/node.js';

export type AttrValue = string | number | boolean | undefined | null;

export function element(name: string, attrs: [string, AttrValue][] = []): XmlElement {
  const e = new XmlElement(name);
  for (const [k, v] of attrs) if (v !== undefined && v !== null) e.setAttr(k, String(v));
  return e;
}
