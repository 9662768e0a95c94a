/**
 * XPath searches as the operations use them: a malformed expression finds
 * nothing (Pacemaker reports no match, not a syntax error).
 */
import type { XmlElement } from '../xml/node.js';
import { XPathError, selectNodes } from '../xpath/index.js';

export function matchesOf(cib: XmlElement, xpath: string): XmlElement[] {
  try {
    return selectNodes(cib, xpath);
  } catch (e) {
    if (e instanceof XPathError) return [];
    throw e;
  }
}

/** The matches without repeats and without those inside another match, in document order. */
export function outermost(matches: XmlElement[]): XmlElement[] {
  const set = new Set(matches);
  const out: XmlElement[] = [];
  for (const m of set) {
    let inside = false;
    for (let p = m.parent; p && !inside; p = p.parent) inside = set.has(p);
    if (!inside) out.push(m);
  }
  return out;
}
