/**
 * A patchset in the text form Pacemaker prints for people (crm_shadow
 * --diff, logs):
 *
 *   Diff: --- 0.13.1 2
 *   Diff: +++ 0.14.0 (null)
 *   -- /cib/configuration/nodes/node[@id='2']
 *   +  /cib:  @epoch=14, @num_updates=0
 *   +~ /cib/configuration/resources/group[@id='g'] moved to offset 1
 *   ++ /cib/configuration/resources:  <primitive id="y" .../>
 *
 * Created elements are drawn as Pacemaker draws them: the first line shows
 * the element's opening tag closed at once, then its children, then its
 * closing tag, aligned under the path. A format 1 patchset shows its removed
 * and added trees, "--" and "++" marking the elements that changed.
 */
import { DIFF_MARKER } from './patchset/create-v1.js';
import { patchVersions } from './patchset/index.js';
import { XmlElement, type XmlNode } from './xml/node.js';
import { openTag } from './xml/serialize.js';

function withoutMarker(el: XmlElement): XmlElement {
  const copy = new XmlElement(el.name, el.attrs);
  copy.removeAttr(DIFF_MARKER);
  return copy;
}

export function showPatchset(patch: XmlElement): string[] {
  const lines: string[] = [];
  const del = [0, 0, 0];
  const add = [0, 0, 0];
  patchVersions(patch, add, del);
  if (del.some((v, i) => v !== add[i])) {
    lines.push(`Diff: --- ${del.join('.')} ${patch.attr('format') ?? '(null)'}`);
    lines.push(`Diff: +++ ${add.join('.')} ${patch.attr('digest') ?? '(null)'}`);
  } else if (add.some((v) => v !== 0)) {
    lines.push(`Local-only Change: ${add.join('.')}`);
  }
  if (patch.attr('format') !== '2') return [...lines, ...showV1(patch)];
  for (const change of patch.elements('change')) {
    const path = change.attr('path') ?? '';
    switch (change.attr('operation')) {
      case 'create': {
        const prefix = `++ ${path}: `;
        const node = change.children.find((c) => c.kind !== 'cdata');
        if (!node) break;
        lines.push(...showNode(prefix, node, 0, true, false));
        lines.push(...showNode('++' + ' '.repeat(prefix.length - 2), node, 0, false, true));
        break;
      }
      case 'move':
        lines.push(`+~ ${path} moved to offset ${change.attr('position') ?? ''}`);
        break;
      case 'modify': {
        const set: string[] = [];
        const unset: string[] = [];
        for (const a of change.findChild('change-list')?.elements() ?? []) {
          if (a.attr('operation') === 'set') set.push(`@${a.attr('name')}=${a.attr('value')}`);
          else if (a.attr('operation') === 'unset') unset.push(`@${a.attr('name')}`);
        }
        if (set.length) lines.push(`+  ${path}:  ${set.join(', ')}`);
        if (unset.length) lines.push(`-- ${path}:  ${unset.join(', ')}`);
        break;
      }
      case 'delete': {
        const position = change.attr('position');
        lines.push(position !== undefined && Number(position) >= 0 ? `-- ${path} (${position})` : `-- ${path}`);
        break;
      }
    }
  }
  return lines;
}

/** Format 1: the removed trees, then the added ones, changed elements marked. */
function showV1(patch: XmlElement): string[] {
  const lines: string[] = [];
  for (const [side, mark, separator] of [
    ['diff-removed', '-', ' --- '],
    ['diff-added', '+', ' +++ '],
  ] as const) {
    patch.findChild(side)?.elements().forEach((tree, i) => {
      lines.push(...showV1Tree(tree, mark, `${mark} `, 0));
      if (i > 0) lines.push(separator);
    });
  }
  return lines;
}

/** Descends to the first changed element (a leaf, or one carrying the diff marker) and marks it doubly. */
function showV1Tree(el: XmlElement, mark: string, prefix: string, depth: number): string[] {
  const changed = el.children.length === 0 || el.hasAttr(DIFF_MARKER);
  return showNode(changed ? mark + mark : prefix, el, depth, true, true);
}

/** Lines for a node: its opening line and/or its children and closing line. */
function showNode(prefix: string, node: XmlNode, depth: number, open: boolean, rest: boolean): string[] {
  const indent = `${prefix} ${'  '.repeat(depth)}`;
  if (node.kind === 'comment') return open ? [`${indent}<!--${node.text}-->`] : [];
  if (node.kind === 'cdata') return open ? [`${indent}<![CDATA[${node.text}]]>`] : [];
  const lines: string[] = [];
  const hasChildren = node.children.length > 0;
  if (open) {
    const shown = node.hasAttr(DIFF_MARKER) ? withoutMarker(node) : node;
    lines.push(`${indent}${openTag(shown)}${hasChildren && rest ? '>' : '/>'}`);
  }
  if (hasChildren && rest) {
    for (const child of node.children) lines.push(...showNode(prefix, child, depth + 1, true, true));
    lines.push(`${indent}</${node.name}>`);
  }
  return lines;
}
