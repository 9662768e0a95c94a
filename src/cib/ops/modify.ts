/**
 * --modify: merges the given object into the first matching element of the
 * section (searched at any depth). A missing section is created first;
 * nothing matching is an error unless --allow-create, which appends a copy.
 */
import { invalidArgument, noSuchObject } from '../errors.js';
import { updateFirstMatch } from '../match.js';
import { findSection, sectionParentPath } from '../sections.js';
import type { ChangeTracker } from '../tracking.js';
import { XmlElement } from '../xml/node.js';
import type { CibRequest } from './request.js';
import { modifyXPath } from './xpath-ops.js';

export function modify(cib: XmlElement, req: CibRequest, t: ChangeTracker): void {
  if (req.xpath !== undefined) return modifyXPath(cib, req, t);
  const input = req.input;
  if (!input) throw invalidArgument();
  const section = req.scope;
  let root = findSection(cib, section);
  if (!root) root = createSection(cib, section!, t);
  if (updateFirstMatch(t, root, input)) return;
  if (!req.allowCreate) throw noSuchObject();
  t.appendCopy(root, input);
}

/** Adds an empty section under its parent, which must exist. */
function createSection(cib: XmlElement, section: string, t: ChangeTracker): XmlElement {
  const path = sectionParentPath(section);
  if (!path) throw invalidArgument();
  let parent: XmlElement | undefined = cib;
  for (const step of path) parent = parent?.firstElement(step);
  if (!parent) throw invalidArgument();
  t.appendCopy(parent, new XmlElement(section));
  const created = findSection(cib, section);
  if (!created) throw invalidArgument();
  return created;
}
