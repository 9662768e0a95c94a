/**
 * What changed between two XML trees, worked out the way Pacemaker's change
 * tracking does it (xml_calculate_changes), quirks included, since patchsets
 * must come out exactly as Pacemaker's:
 *
 * - children are paired by name and id (the first child with that name when
 *   there is no id), comments by content and position;
 * - a deleted attribute is put back at the end of the element's attributes,
 *   marked deleted, until the changes are accepted; the v1 format sees it
 *   there;
 * - positions skip siblings that were created, deleted or already counted as
 *   moved, so one move is not reported as many;
 * - unless attribute order is to be ignored (comparing as CIBs), an
 *   attribute whose position changed is reported as set again.
 *
 * The new tree is copied; the inputs are left alone.
 */
import { elementXPath } from '../xpath/element-path.js';
import type { XmlCData, XmlComment, XmlElement, XmlNode } from '../xml/node.js';
import { ChildMatcher, SiblingRanks } from './siblings.js';

export const enum Flag {
  Dirty = 1,
  Created = 2,
  Moved = 4,
  Skip = 8,
  Processed = 16,
  Deleted = 32,
}

export interface DeletedObject {
  path: string;
  /** Only comments record where they were; -1 otherwise. */
  position: number;
}

export class Changes {
  private readonly nodeFlags = new Map<XmlNode, number>();
  private readonly attrFlags = new Map<XmlElement, Map<string, number>>();
  private readonly ranks = new Map<XmlElement, SiblingRanks>();
  private readonly matcher = new ChildMatcher();
  /** Deletions in the order they were found. */
  readonly deleted: DeletedObject[] = [];
  /** Whether anything changed at all. */
  dirty = false;

  /**
   * @param target the working copy of the new tree, which carries the changes
   * @param ignoreAttributeOrder don't count attributes that only moved
   */
  constructor(
    readonly target: XmlElement,
    readonly ignoreAttributeOrder: boolean,
  ) {}

  flags(node: XmlNode): number {
    return this.nodeFlags.get(node) ?? 0;
  }

  has(node: XmlNode, flag: Flag): boolean {
    return (this.flags(node) & flag) !== 0;
  }

  private set(node: XmlNode, flag: Flag): void {
    const before = this.flags(node);
    this.nodeFlags.set(node, before | flag);
    if (flag & Flag.Skip && !(before & Flag.Skip) && node.parent) this.ranks.get(node.parent)?.mark(node);
  }

  attrFlag(el: XmlElement, name: string): number {
    return this.attrFlags.get(el)?.get(name) ?? 0;
  }

  private setAttrFlags(el: XmlElement, name: string, flags: number): void {
    let m = this.attrFlags.get(el);
    if (!m) {
      m = new Map();
      this.attrFlags.set(el, m);
    }
    m.set(name, flags);
  }

  /** The element and everything above it changed. */
  private markDirty(el: XmlElement | null): void {
    this.dirty = true;
    for (let e = el; e; e = e.parent) this.set(e, Flag.Dirty);
  }

  /**
   * Position among the siblings, not counting those skipped (Flag.Skip), or
   * counting all of them (Flag.Deleted: no node stays in a tree deleted).
   */
  position(node: XmlNode, ignore: Flag.Skip | Flag.Deleted): number {
    const parent = node.parent;
    if (!parent) return 0;
    let ranks = this.ranks.get(parent);
    if (!ranks) {
      ranks = new SiblingRanks(parent.children, (c) => this.has(c, Flag.Skip));
      this.ranks.set(parent, ranks);
    }
    return ignore === Flag.Skip ? ranks.rank(node) : ranks.indexOf(node);
  }

  /** Whether the configuration section changed (the epoch, rather than num_updates, moves on). */
  isConfigChange(): boolean {
    const config = this.target.firstElement('configuration');
    if (config && this.has(config, Flag.Dirty)) return true;
    return this.deleted.some((d) => d.path.includes('/cib/configuration'));
  }

  markChanges(oldEl: XmlElement, newEl: XmlElement): void {
    if (this.has(newEl, Flag.Processed)) return; // already compared with another original
    this.set(newEl, Flag.Processed);
    this.diffAttributes(oldEl, newEl);

    for (const oldChild of oldEl.children) {
      const newChild = this.match(newEl, oldChild);
      if (!newChild) this.markChildDeleted(oldChild, newEl);
      else if (oldChild.kind === 'element' && newChild.kind === 'element') this.markChanges(oldChild, newChild);
    }
    for (const newChild of [...newEl.children]) {
      const oldChild = this.match(oldEl, newChild);
      if (!oldChild) {
        this.set(newChild, Flag.Skip);
        this.markCreated(newChild);
        continue;
      }
      const pNew = this.position(newChild, Flag.Skip);
      const pOld = this.position(oldChild, Flag.Skip);
      if (pOld !== pNew) {
        this.markDirty(newEl);
        this.set(newChild, Flag.Moved);
        this.set(pOld > pNew ? oldChild : newChild, Flag.Skip);
      }
    }
  }

  /** The child of `parent` that corresponds to `needle`; a comment also at the same position. */
  match(parent: XmlElement, needle: XmlNode): XmlNode | null {
    return needle.kind === 'element' ? this.matcher.match(parent, needle) : this.matchAtPosition(parent, needle);
  }

  private matchAtPosition(parent: XmlElement, needle: XmlComment | XmlCData): XmlNode | null {
    const wanted = this.position(needle, Flag.Skip);
    const text = needle.text.toLowerCase();
    for (const c of parent.children) {
      const offset = this.position(c, Flag.Skip);
      if (offset < wanted) continue;
      if (offset > wanted) return null;
      if (this.has(c, Flag.Skip)) continue;
      return c.kind === needle.kind && c.text.toLowerCase() === text ? c : null;
    }
    return null;
  }

  private markCreated(node: XmlNode): void {
    if (!this.has(node, Flag.Created)) {
      this.set(node, Flag.Created);
      this.markDirty(node.kind === 'element' ? node : node.parent);
    }
    if (node.kind === 'element') for (const c of node.children) this.markCreated(c);
  }

  private markChildDeleted(oldChild: XmlNode, newParent: XmlElement): void {
    this.markDirty(newParent);
    const name = oldChild.kind === 'element' ? oldChild.name : oldChild.kind === 'comment' ? 'comment' : 'cdata';
    const id = oldChild.kind === 'element' ? oldChild.attrs['id'] : undefined;
    this.deleted.push({
      path: elementXPath(newParent) + '/' + name + (id === undefined ? '' : `[@id='${id}']`),
      position: oldChild.kind === 'element' ? -1 : this.position(oldChild, Flag.Skip),
    });
    this.set(oldChild, Flag.Skip);
  }

  private diffAttributes(oldEl: XmlElement, newEl: XmlElement): void {
    const newNames = Object.keys(newEl.attrs);
    let newIndex: Map<string, number> | null = null;
    // attributes already counted as moved do not count in later positions
    const skippedOld: number[] = [];
    const skippedNew: number[] = [];
    const rank = (i: number, skipped: number[]) => i - skipped.filter((j) => j < i).length;
    Object.keys(oldEl.attrs).forEach((name, oldAt) => {
      const oldValue = oldEl.attrs[name]!;
      const newValue = newEl.attrs[name];
      if (newValue === undefined) {
        // kept, marked deleted, until the changes are accepted
        newEl.attrs[name] = oldValue;
        this.setAttrFlags(newEl, name, Flag.Deleted);
        this.markDirty(newEl);
      } else if (newValue !== oldValue) {
        this.setAttrFlags(newEl, name, Flag.Dirty);
        this.markDirty(newEl);
      } else if (!this.ignoreAttributeOrder) {
        newIndex ??= new Map(newNames.map((n, i) => [n, i]));
        const newAt = newIndex.get(name)!;
        const oldPos = rank(oldAt, skippedOld);
        const newPos = rank(newAt, skippedNew);
        if (oldPos === newPos) return;
        this.setAttrFlags(newEl, name, Flag.Dirty | Flag.Moved);
        this.markDirty(newEl);
        if (oldPos > newPos) skippedOld.push(oldAt);
        else skippedNew.push(newAt);
      }
    });
    for (const name of newNames) {
      if (name in oldEl.attrs) continue;
      this.setAttrFlags(newEl, name, Flag.Created | Flag.Dirty);
      this.markDirty(newEl);
    }
  }

  /** Accepting the changes: attributes marked deleted go for good. */
  accept(): void {
    const strip = (el: XmlElement): void => {
      for (const name of Object.keys(el.attrs)) if (this.attrFlag(el, name) & Flag.Deleted) delete el.attrs[name];
      for (const c of el.children) if (c.kind === 'element') strip(c);
    };
    strip(this.target);
  }
}

/** The element names must agree, and the ids, or Pacemaker compares nothing. */
export function comparable(oldEl: XmlElement, newEl: XmlElement): 'name' | 'id' | null {
  if (oldEl.name.toLowerCase() !== newEl.name.toLowerCase()) return 'name';
  if ((oldEl.attrs['id'] ?? '').toLowerCase() !== (newEl.attrs['id'] ?? '').toLowerCase()) return 'id';
  if ((oldEl.attrs['id'] === undefined) !== (newEl.attrs['id'] === undefined)) return 'id';
  return null;
}

/** Compares two trees; `target` (a copy of the new tree) carries the result. */
export function calculateChanges(oldEl: XmlElement, target: XmlElement, ignoreAttributeOrder: boolean): Changes {
  const changes = new Changes(target, ignoreAttributeOrder);
  changes.markChanges(oldEl, target);
  return changes;
}
