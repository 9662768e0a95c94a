/**
 * Which parts of a CIB an operation changed, judged the way Pacemaker's
 * change tracking judges it, because that decides how the version moves.
 *
 * Pacemaker marks an element (and its ancestors) as changed when one of its
 * attributes gets a new value, and records deleted elements by path. An
 * element it adds by copying a whole subtree (--modify --allow-create, a
 * section created on the fly) marks nothing but the document, so such an
 * addition counts as a status change even inside the configuration. Whole
 * replacements (--replace, --erase, --upgrade, --patch) are judged by
 * comparing the trees. pacer reproduces these rules so that the version
 * triple moves exactly as it does under Pacemaker. Comparisons use the
 * patchset module's change calculation, Pacemaker's own.
 */
import { inConfiguration } from './sections.js';
import { calculateChanges } from './patchset/changes.js';
import { XmlElement, cloneNode, type XmlNode } from './xml/node.js';

export class ChangeTracker {
  /** Anything changed at all. */
  changed = false;
  /** Something inside /cib/configuration changed. */
  configChanged = false;

  /** An attribute of `el` changed: marks it and its ancestors. */
  markModified(el: XmlElement): void {
    this.changed = true;
    if (inConfiguration(el)) this.configChanged = true;
  }

  /** A node was added without marking its ancestors (Pacemaker's copies and bare creations). */
  markAdded(): void {
    this.changed = true;
  }

  /** Sets an attribute; a change only if the value differs. */
  setAttr(el: XmlElement, name: string, value: string): void {
    if (el.attr(name) === value) return;
    el.setAttr(name, value);
    this.markModified(el);
  }

  removeAttr(el: XmlElement, name: string): void {
    if (!el.hasAttr(name)) return;
    el.removeAttr(name);
    this.markModified(el);
  }

  /** Appends a new, empty element. */
  createChild(parent: XmlElement, name: string): XmlElement {
    this.markAdded();
    return parent.add(name);
  }

  /** Appends a copy of a node (and its subtree). */
  appendCopy(parent: XmlElement, node: XmlNode): XmlNode {
    this.markAdded();
    return parent.appendChild(cloneNode(node));
  }

  /** Removes an element (recorded by path, as Pacemaker records deletions). */
  remove(el: XmlElement): void {
    this.changed = true;
    if (inConfiguration(el)) this.configChanged = true;
    el.remove();
  }

  /** Puts `next` in the place of `old`; a change only if they differ. */
  replace(old: XmlElement, next: XmlElement): void {
    const parent = old.parent!;
    const at = parent.children.indexOf(old);
    old.remove();
    parent.insertChild(next, at);
    if (calculateChanges(old, next.clone(), false).dirty) this.markModified(next);
  }

  /** Judges a whole new CIB against the old one. */
  compareWhole(before: XmlElement, after: XmlElement): void {
    const changes = calculateChanges(before, after.clone(), false);
    if (!changes.dirty) return;
    this.changed = true;
    if (changes.isConfigChange()) this.configChanged = true;
  }

  get kind(): 'none' | 'status' | 'configuration' {
    return this.configChanged ? 'configuration' : this.changed ? 'status' : 'none';
  }
}
