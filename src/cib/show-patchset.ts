/**
 * A v2 patchset in the text form Pacemaker prints for people (crm_shadow
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
 * closing tag, aligned under the path.
 */
import type { XmlElement, XmlNode } from './xml/node.js';
import { openTag } from './xml/serialize.js';

function versionOf(patch: XmlElement, which: 'source' | 'target'): [number, number, number] {
  const el = patch.findChild('version')?.findChild(which);
  const n = (name: string) => Number.parseInt(el?.attr(name) ?? '0', 10) || 0;
  return [n('admin_epoch'), n('epoch'), n('num_updates')];
}

export function showPatchset(patch: XmlElement): string[] {
  const lines: string[] = [];
  const del = versionOf(patch, 'source');
  const add = versionOf(patch, 'target');
  if (del.some((v, i) => v !== add[i])) {
    lines.push(`Diff: --- ${del.join('.')} ${patch.attr('format') ?? '(null)'}`);
    lines.push(`Diff: +++ ${add.join('.')} ${patch.attr('digest') ?? '(null)'}`);
  } else if (add.some((v) => v !== 0)) {
    lines.push(`Local-only Change: ${add.join('.')}`);
  }
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

/** Lines for a node: its opening line and/or its children and closing line. */
function showNode(prefix: string, node: XmlNode, depth: number, open: boolean, rest: boolean): string[] {
  const indent = `${prefix} ${'  '.repeat(depth)}`;
  if (node.kind === 'comment') return open ? [`${indent}<!--${node.text}-->`] : [];
  if (node.kind === 'cdata') return open ? [`${indent}<![CDATA[${node.text}]]>`] : [];
  const lines: string[] = [];
  const hasChildren = node.children.length > 0;
  if (open) lines.push(`${indent}${openTag(node)}${hasChildren && rest ? '>' : '/>'}`);
  if (hasChildren && rest) {
    for (const child of node.children) lines.push(...showNode(prefix, child, depth + 1, true, true));
    lines.push(`${indent}</${node.name}>`);
  }
  return lines;
}
