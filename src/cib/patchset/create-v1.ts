/**
 * Format 1 (legacy) patchsets: <diff-removed> holds the old values of what
 * changed or went, <diff-added> the new state of what changed or came, each
 * as a partial copy of the tree. Pacemaker still makes these when the
 * original CIB's feature set is 3.0.8 or older.
 *
 * The added side is computed from the tracked new tree, so an element that
 * changed keeps, at the end of its attributes, those that were deleted:
 * Pacemaker's diffs do, and that is why some of them do not apply.
 */
import { cloneNode, XmlElement, type XmlNode } from '../xml/node.js';
import { DIGEST_FILTERED_ATTRIBUTES } from '../digest.js';
import { Flag, type Changes } from './changes.js';
import { ChildMatcher } from './siblings.js';
import { CRM_FEATURE_SET, VERSION_FIELDS } from './version.js';

export const DIFF_MARKER = '__crm_diff_marker__';

export function createV1(source: XmlElement, changes: Changes, configChanged: boolean): XmlElement | null {
  const target = changes.target;
  const diff = new XmlElement('diff', { crm_feature_set: CRM_FEATURE_SET });
  const removed = diff.add('diff-removed');
  const added = diff.add('diff-added');
  const isDeleted = (el: XmlElement, name: string) => (changes.attrFlag(el, name) & Flag.Deleted) !== 0;
  const matcher = new ChildMatcher();
  subtract(removed, source, target, false, 'removed:top', isDeleted, matcher);
  subtract(added, target, source, true, 'added:top', () => false, matcher);
  if (removed.children.length === 0 && added.children.length === 0) return null;
  repair(diff, source, target, configChanged);
  diff.setAttr('format', '1');
  return diff;
}

interface Outcome {
  changed: boolean;
}

/**
 * Adds to `parent` what of `left` is not in `right`: whole subtrees marked
 * with `marker`, elements with their changed attributes (all of them when
 * `full`), and the path down to them.
 */
function subtract(
  parent: XmlElement,
  left: XmlNode,
  right: XmlNode | null,
  full: boolean,
  marker: string,
  rightDeleted: (el: XmlElement, name: string) => boolean,
  matcher: ChildMatcher,
  outcome: Outcome = { changed: false },
): void {
  if (left.kind !== 'element') {
    if (!right || right.kind === 'element' || right.text.toLowerCase() !== left.text.toLowerCase()) {
      parent.appendChild(cloneNode(left));
      outcome.changed = true;
    }
    return;
  }
  if (!right || right.kind !== 'element') {
    const copy = parent.appendChild(left.clone());
    copy.setAttr(DIFF_MARKER, marker);
    outcome.changed = true;
    return;
  }
  if (right.attrs[DIFF_MARKER] === 'removed:top') {
    outcome.changed = true;
    return;
  }
  const diff = parent.add(left.name);
  for (const child of left.children) {
    const childOutcome = { changed: false };
    subtract(diff, child, matcher.match(right, child), full, marker, rightDeleted, matcher, childOutcome);
    if (childOutcome.changed) outcome.changed = true;
  }
  const id = left.attrs['id'];
  if (outcome.changed && full) {
    for (const name in left.attrs) diff.setAttr(name, left.attrs[name]!);
    return;
  }
  for (const name in left.attrs) {
    if (name === 'id') {
      diff.setAttr('id', id!);
      continue;
    }
    if (DIGEST_FILTERED_ATTRIBUTES.has(name)) continue;
    const rightValue = right.attrs[name];
    if (rightValue === undefined || rightDeleted(right, name) || rightValue !== left.attrs[name]) {
      outcome.changed = true;
      if (full) {
        for (const n in left.attrs) diff.setAttr(n, left.attrs[n]!);
        break;
      }
      diff.setAttr(name, left.attrs[name]!);
    }
  }
  if (!outcome.changed) {
    diff.remove();
    return;
  }
  if (!full && id !== undefined) diff.setAttr('id', id);
}

/** Puts the versions on both sides, and the new root's attributes on the added side. */
function repair(diff: XmlElement, last: XmlElement, next: XmlElement, changed: boolean): void {
  const removed = diff.firstElement('diff-removed')!;
  const removedCib = removed.firstElement('cib') ?? removed.add('cib');
  VERSION_FIELDS.forEach((f, i) => {
    const value = last.attrs[f];
    if (value === undefined) return;
    removed.setAttr(f, value);
    if (changed || i === 2) removedCib.setAttr(f, value);
  });
  const added = diff.firstElement('diff-added')!;
  const addedCib = added.firstElement('cib') ?? added.add('cib');
  for (const f of VERSION_FIELDS) {
    const value = next.attrs[f];
    if (value !== undefined) added.setAttr(f, value);
  }
  for (const name in next.attrs) addedCib.setAttr(name, next.attrs[name]!);
}
