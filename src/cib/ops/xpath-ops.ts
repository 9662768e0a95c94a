/**
 * modify, replace and delete on the elements an XPath selects (--xpath).
 * Only the first match is touched, except with --delete-all.
 */
import { invalidArgument, noSuchObject } from '../errors.js';
import { updateFirstMatch } from '../match.js';
import type { ChangeTracker } from '../tracking.js';
import type { XmlElement } from '../xml/node.js';
import type { CibRequest } from './request.js';
import { matchesOf, outermost } from './xpath-matches.js';

/** Merges the input into the first match that holds a matching element. */
export function modifyXPath(cib: XmlElement, req: CibRequest, t: ChangeTracker): void {
  const matches = matchesOf(cib, req.xpath!);
  let missed = matches.length === 0;
  for (const m of matches) {
    if (req.input && updateFirstMatch(t, m, req.input)) break;
    missed = true; // Pacemaker reports a miss even when a later match takes the update
  }
  if (missed) throw noSuchObject();
}

/** Puts a copy of the input in place of the first match (appended to the match's parent). */
export function replaceXPath(cib: XmlElement, req: CibRequest, t: ChangeTracker): void {
  const match = matchesOf(cib, req.xpath!)[0];
  if (!match) throw noSuchObject();
  const parent = match.parent;
  if (!parent) throw invalidArgument();
  t.remove(match);
  if (req.input) t.appendCopy(parent, req.input);
}

/** Removes the first match, or every match with `all`; the root cannot go. */
export function deleteXPath(cib: XmlElement, req: CibRequest, t: ChangeTracker): void {
  const matches = matchesOf(cib, req.xpath!);
  const targets = req.all ? outermost(matches) : matches.slice(0, 1);
  for (const m of targets) {
    if (m.parent === null) throw invalidArgument();
    t.remove(m);
  }
}
