/**
 * --delete: removes the first element below the section whose name and
 * attributes all match the given object; given the section element itself,
 * does so for each of its children. Nothing matching is not an error.
 */
import { invalidArgument } from '../errors.js';
import { deleteFirstMatch } from '../match.js';
import { findSection } from '../sections.js';
import type { ChangeTracker } from '../tracking.js';
import type { XmlElement } from '../xml/node.js';
import type { CibRequest } from './request.js';
import { deleteXPath } from './xpath-ops.js';

export function remove(cib: XmlElement, req: CibRequest, t: ChangeTracker): void {
  if (req.xpath !== undefined) return deleteXPath(cib, req, t);
  const input = req.input;
  if (!input) throw invalidArgument();
  const root = findSection(cib, req.scope);
  if (!root) return;
  const patterns = req.scope !== undefined && input.name.toLowerCase() === req.scope.toLowerCase() ? input.elements() : [input];
  for (const p of patterns) deleteFirstMatch(t, root, p);
}
