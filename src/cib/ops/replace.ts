/**
 * --replace: swaps the first element matching the given object (below the
 * section) for it. Given a whole <cib>, replaces the CIB, unless the new one
 * is older than the current one (admin_epoch, epoch, num_updates in turn).
 */
import { invalidArgument, noSuchObject, olderThanExisting } from '../errors.js';
import { compareVersions, readVersion } from '../generation.js';
import { replaceFirstMatch } from '../match.js';
import { findSection } from '../sections.js';
import type { ChangeTracker } from '../tracking.js';
import type { XmlElement } from '../xml/node.js';
import type { CibRequest } from './request.js';
import { replaceXPath } from './xpath-ops.js';

export function replace(cib: XmlElement, req: CibRequest, t: ChangeTracker): XmlElement | void {
  if (req.xpath !== undefined) return replaceXPath(cib, req, t);
  const input = req.input;
  if (!input) throw invalidArgument();
  let section = req.scope;
  if (section?.toLowerCase() === 'all' || section?.toLowerCase() === input.name.toLowerCase()) section = undefined;

  if (input.name.toLowerCase() === 'cib') {
    if (compareVersions(readVersion(input, -1), readVersion(cib, -1)) < 0) throw olderThanExisting();
    return input.clone();
  }
  const root = findSection(cib, section);
  if (!root || !replaceFirstMatch(t, root, input)) throw noSuchObject();
}
