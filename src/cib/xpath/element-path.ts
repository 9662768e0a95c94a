/**
 * The path Pacemaker writes for an element: names from the root, each with
 * its id when it has one, e.g. `/cib/configuration/resources/primitive[@id='x']`.
 * cibadmin --node-path prints it, and v2 patchsets address elements by it.
 * The id is inserted as it is, quotes and all, as Pacemaker does.
 */
import type { XmlElement } from '../xml/node.js';

export function elementXPath(el: XmlElement): string {
  const parts: string[] = [];
  for (let e: XmlElement | null = el; e; e = e.parent) {
    const id = e.attrs['id'];
    parts.push(id === undefined ? e.name : `${e.name}[@id='${id}']`);
  }
  return '/' + parts.reverse().join('/');
}
