/**
 * How Pacemaker pairs a node with a child of another parent
 * (pcmk__xml_match): an element by name and id, or by name alone, whatever
 * the candidate's id, when it has none; a comment by its text, ignoring case.
 */
import { childMatching } from '../match.js';
import type { XmlElement, XmlNode } from '../xml/node.js';

export function firstMatch(parent: XmlElement, needle: XmlNode): XmlNode | null {
  if (needle.kind === 'element') {
    const id = needle.attrs['id'];
    return childMatching(parent, needle.name, id === undefined ? undefined : 'id', id) ?? null;
  }
  const text = needle.text.toLowerCase();
  for (const c of parent.children) if (c.kind === needle.kind && c.text.toLowerCase() === text) return c;
  return null;
}
