/** The "Node Attributes" section. */
import { resourceParams } from '../../scheduler/unpack/resources.js';
import type { Cluster } from '../../scheduler/model/cluster.js';
import type { Node } from '../../scheduler/model/node.js';
import type { Resource } from '../../scheduler/model/resource.js';
import { compareBytes } from '../../scheduler/util/text.js';
import { Show, type StatusView, inList } from '../options.js';
import type { ListOutput } from '../text-output.js';
import { nodeDisplayName } from './nodes.js';

const HIDDEN_PREFIXES = ['fail-count-', 'last-failure-', 'shutdown', 'terminate', 'standby', '#'];

/** Attributes worth showing, sorted by name. */
export function displayedAttributes(node: Node): string[] {
  return [...node.attrs.keys()].filter((k) => !HIDDEN_PREFIXES.some((p) => k.startsWith(p))).sort(compareBytes);
}

/** For a ping resource's attribute, the score full connectivity gives (hosts x multiplier). */
export function expectedPingScore(node: Node, rscs: Resource[], attr: string): number | null {
  for (const rsc of rscs) {
    if (rsc.children.length > 0) {
      const r = expectedPingScore(node, rsc.children, attr);
      if (r !== null) return r;
    }
    const type = rsc.meta.get('type')?.toLowerCase();
    if (type !== 'ping' && type !== 'pingd') continue;
    const params = resourceParams(rsc, node.uname, node.attrs);
    const name = params.get('name') ?? 'pingd';
    if (name.toLowerCase() !== attr.toLowerCase()) continue;
    const hosts = params.get('host_list');
    const count = hosts !== undefined ? hosts.split(' ').length : 0;
    const m = /^\s*([+-]?\d+)/.exec(params.get('multiplier') ?? '');
    const multiplier = m ? Number(m[1]) : 1;
    return count * multiplier;
  }
  return null;
}

/** The online nodes shown, each with the names of its attributes worth showing. */
export function attributeShown(cluster: Cluster, view: StatusView): { node: Node; names: string[] }[] {
  const result: { node: Node; names: string[] }[] = [];
  for (const node of cluster.nodes) {
    if (!node.online) continue;
    const names = displayedAttributes(node);
    if (names.length === 0) continue;
    if (!inList(node.uname, view.onlyNodes, true)) continue;
    result.push({ node, names });
  }
  return result;
}

export function printNodeAttributes(out: ListOutput, cluster: Cluster, view: StatusView, spacer: boolean): boolean {
  const shown = attributeShown(cluster, view);
  if (shown.length === 0) return false;
  if (spacer) out.spacer();
  out.beginList('Node Attributes');
  for (const { node, names } of shown) {
    out.nodeHeader(nodeDisplayName(node, (view.show & Show.NodeId) !== 0));
    for (const name of names) out.attributeItem(name, node.attrs.get(name), expectedPingScore(node, node.runningRsc, name));
    out.endList();
  }
  out.endList();
  return true;
}
