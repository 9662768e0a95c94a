/** --query: a section, or the elements an XPath selects. */
import { noSuchObject } from '../errors.js';
import { findSection, normalizeSection } from '../sections.js';
import { XmlElement } from '../xml/node.js';
import { elementXPath } from '../xpath/index.js';
import type { CibRequest } from './request.js';
import { matchesOf } from './xpath-matches.js';

export function query(cib: XmlElement, req: CibRequest): XmlElement {
  if (req.xpath !== undefined) return queryXPath(cib, req);
  const root = findSection(cib, normalizeSection(req.scope));
  if (!root) throw noSuchObject();
  return req.noChildren ? shallowCopy(root) : root;
}

/**
 * One match answers as itself; several come wrapped in <xpath-query>; with
 * node paths, each match becomes <xpath-query-path id="PATH"/>.
 */
function queryXPath(cib: XmlElement, req: CibRequest): XmlElement {
  const matches = matchesOf(cib, req.xpath!);
  if (matches.length === 0) throw noSuchObject();
  if (req.noChildren) {
    if (matches.length === 1) return shallowCopy(matches[0]!);
    const wrapper = new XmlElement('xpath-query');
    for (const m of matches) wrapper.appendChild(shallowCopy(m));
    return wrapper;
  }
  if (req.nodePath) {
    const wrapper = new XmlElement('xpath-query');
    for (const m of matches) wrapper.add('xpath-query-path', { id: elementXPath(m) });
    return wrapper;
  }
  if (matches.length === 1) return matches[0]!;
  const wrapper = new XmlElement('xpath-query');
  for (const m of matches) wrapper.appendChild(m.clone());
  return wrapper;
}

function shallowCopy(el: XmlElement): XmlElement {
  return new XmlElement(el.name, el.attrs);
}
