/**
 * How an update finds its target in the CIB, following Pacemaker's rules:
 *
 * - modify: the first element, depth first from the search root (included),
 *   with the update's name and id (no id matches an element without one);
 *   its attributes are merged and its children merged by id, idref or name.
 * - replace and delete: the first element below the search root (never the
 *   root itself) with the update's name (any case) and id, or any id when the
 *   update has none; delete also wants every attribute of the update to match
 *   (values compared without regard to case).
 */
import { copyAttrsExpanded } from './plus-plus.js';
import type { ChangeTracker } from './tracking.js';
import { XmlElement, cloneNode, type XmlComment } from './xml/node.js';

/** First child element named `name` whose `attr` equals `value` (any, when attr is undefined). */
export function childMatching(parent: XmlElement, name: string, attr?: string, value?: string): XmlElement | undefined {
  for (const c of parent.children) {
    if (c.kind !== 'element' || c.name !== name) continue;
    if (attr === undefined || c.attrs[attr] === value) return c;
  }
  return undefined;
}

/** Finds the element an update addresses below `root` and merges the update into it. */
export function updateFirstMatch(t: ChangeTracker, root: XmlElement, update: XmlElement): boolean {
  const id = update.id;
  for (const el of root.walk()) {
    if (el.name === update.name && el.id === id) {
      mergeInto(t, el, update);
      return true;
    }
  }
  return false;
}

/** Merges `update` into `target`: attributes (relative values expanded), then children. */
export function mergeInto(t: ChangeTracker, target: XmlElement, update: XmlElement): void {
  copyAttrsExpanded(t, target, update);
  for (const child of update.children) {
    if (child.kind === 'comment') {
      mergeComment(t, target, child);
    } else if (child.kind === 'element') {
      const key = child.id !== undefined ? 'id' : child.hasAttr('id-ref') ? 'id-ref' : undefined;
      const existing = childMatching(target, child.name, key, key && child.attrs[key]);
      mergeInto(t, existing ?? t.createChild(target, child.name), child);
    }
  }
}

/** A comment is added unless an equal one (ignoring case) is already there. */
function mergeComment(t: ChangeTracker, target: XmlElement, comment: XmlComment): void {
  const text = comment.text.toLowerCase();
  const present = target.children.some((c) => c.kind === 'comment' && c.text.toLowerCase() === text);
  if (!present) t.appendCopy(target, comment);
}

/** Does `el` answer a replace or delete request shaped like `update`? */
function addresses(el: XmlElement, update: XmlElement, wholeMatch: boolean): boolean {
  if (el.name.toLowerCase() !== update.name.toLowerCase()) return false;
  const id = update.id;
  if (id !== undefined && el.id !== id) return false;
  if (!wholeMatch) return true;
  for (const name of update.attrNames()) {
    const mine = el.attrs[name];
    if (mine === undefined || mine.toLowerCase() !== update.attrs[name]!.toLowerCase()) return false;
  }
  return true;
}

/** The first element strictly below `root` that the request addresses, depth first. */
function firstAddressed(root: XmlElement, update: XmlElement, wholeMatch: boolean): XmlElement | undefined {
  for (const el of root.walk()) {
    if (el !== root && addresses(el, update, wholeMatch)) return el;
  }
  return undefined;
}

/** Replaces the first element below `root` that `update` addresses with a copy of it. */
export function replaceFirstMatch(t: ChangeTracker, root: XmlElement, update: XmlElement): boolean {
  const target = firstAddressed(root, update, false);
  if (!target) return false;
  t.replace(target, cloneNode(update) as XmlElement);
  return true;
}

/** Deletes the first element below `root` whose name and attributes all match `pattern`. */
export function deleteFirstMatch(t: ChangeTracker, root: XmlElement, pattern: XmlElement): boolean {
  const target = firstAddressed(root, pattern, true);
  if (!target) return false;
  t.remove(target);
  return true;
}

