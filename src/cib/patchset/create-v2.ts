/**
 * Format 2 patchsets: a version section, then one <change> per deletion,
 * creation, attribute modification and move, in the order Pacemaker lists
 * them: every deletion first, then a depth-first walk of the new tree where
 * a node's moves come after the changes inside it.
 */
import { cloneNode, XmlElement, type XmlNode } from '../xml/node.js';
import { elementXPath } from '../xpath/element-path.js';
import { Flag, type Changes } from './changes.js';
import { VERSION_FIELDS } from './version.js';

export function createV2(source: XmlElement, changes: Changes): XmlElement {
  const target = changes.target;
  const diff = new XmlElement('diff', { format: '2' });
  const version = diff.add('version');
  const fromSource = version.add('source');
  const toTarget = version.add('target');
  for (const f of VERSION_FIELDS) {
    fromSource.setAttr(f, source.attrs[f] ?? '1');
    toTarget.setAttr(f, target.attrs[f] ?? '1');
  }
  for (const d of changes.deleted) {
    const change = diff.add('change', { operation: 'delete', path: d.path });
    if (d.position >= 0) change.setAttr('position', String(d.position));
  }
  addChanges(target, diff, changes);
  return diff;
}

function pathOf(node: XmlNode): string {
  if (node.kind === 'element') return elementXPath(node);
  return elementXPath(node.parent!) + '/' + (node.kind === 'comment' ? 'comment' : 'cdata');
}

function addChanges(node: XmlNode, diff: XmlElement, changes: Changes): void {
  if (changes.has(node, Flag.Created)) {
    if (!node.parent) return;
    const change = diff.add('change', {
      operation: 'create',
      path: elementXPath(node.parent),
      position: String(changes.position(node, Flag.Deleted)),
    });
    change.appendChild(cloneNode(node));
    return;
  }
  if (node.kind === 'element') {
    let list: XmlElement | null = null;
    for (const name in node.attrs) {
      const flags = changes.attrFlag(node, name);
      if (!(flags & (Flag.Deleted | Flag.Dirty))) continue;
      if (!list) list = diff.add('change', { operation: 'modify', path: elementXPath(node) }).add('change-list');
      if (flags & Flag.Deleted) list.add('change-attr', { name, operation: 'unset' });
      else list.add('change-attr', { name, operation: 'set', value: node.attrs[name]! });
    }
    if (list) {
      const result = list.parent!.add('change-result').add(node.name);
      for (const name in node.attrs) if (!(changes.attrFlag(node, name) & Flag.Deleted)) result.setAttr(name, node.attrs[name]!);
    }
    for (const c of node.children) addChanges(c, diff, changes);
  }
  if (changes.has(node, Flag.Moved)) {
    diff.add('change', { operation: 'move', path: pathOf(node), position: String(changes.position(node, Flag.Deleted)) });
  }
}
