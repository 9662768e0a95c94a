/** Nodes in crm_mon's XML: <nodes> with every node's state. */
import type { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../../scheduler/model/cluster.js';
import type { Node } from '../../scheduler/model/node.js';
import { Show, type StatusView, inList } from '../options.js';
import { featureSet, nodeHealth } from '../text/nodes.js';
import { element } from './element.js';
import { resourceXml } from './resources.js';

function healthText(health: number): string {
  return health < 0 ? 'red' : health === 0 ? 'yellow' : 'green';
}

export function nodeXml(cluster: Cluster, node: Node, view: StatusView): XmlElement {
  const e = element('node', [
    ['name', node.uname],
    ['id', node.id],
    ['online', node.online],
    ['standby', node.standby],
    ['standby_onfail', node.standbyOnFail],
    ['maintenance', node.maintenance],
    ['pending', node.pending],
    ['unclean', node.unclean],
    ['health', healthText(nodeHealth(cluster, node))],
    ['feature_set', featureSet(node)],
    ['shutdown', node.shutdown],
    ['expected_up', node.expectedUp],
    ['is_dc', node.isDc],
    ['resources_running', node.runningRsc.length],
    ['type', node.type],
    ['id_as_resource', node.isGuest ? node.remoteRsc!.container!.id : undefined],
  ]);
  if (view.show & Show.RscsByNode) {
    for (const rsc of node.runningRsc) {
      for (const child of resourceXml(rsc, view, view.show | Show.RscOnly)) e.appendChild(child);
    }
  }
  return e;
}

export function nodeListXml(cluster: Cluster, view: StatusView): XmlElement {
  const nodes = element('nodes');
  for (const node of cluster.nodes) {
    if (inList(node.uname, view.onlyNodes, true)) nodes.appendChild(nodeXml(cluster, node, view));
  }
  return nodes;
}
