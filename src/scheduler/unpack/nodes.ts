/** The nodes section: cluster nodes with their attributes and capacities. */
import type { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../model/cluster.js';
import { Node, type NodeType } from '../model/node.js';
import { unpackSets } from './sets.js';
import { parseScore } from '../util/score.js';
import { compareNumericIgnoreCase } from '../util/text.js';

export function compareNodeNames(a: Node, b: Node): number {
  return compareNumericIgnoreCase(a.uname, b.uname);
}

/** pe_create_node */
export function createNode(
  cluster: Cluster,
  id: string,
  uname: string,
  typeText: string | undefined,
  score: string | undefined,
): Node {
  if (cluster.findNode(uname)) cluster.configWarning(`More than one node entry has name '${uname}'`);
  let type: NodeType;
  const t = typeText?.toLowerCase();
  if (t === undefined || t === 'member') type = 'member';
  else if (t === 'remote') {
    type = 'remote';
    cluster.haveRemoteNodes = true;
  } else {
    if (t !== 'ping') cluster.configWarning(`Node ${uname} has unrecognized type '${typeText}', assuming 'ping'`);
    type = 'ping';
  }
  const node = new Node(id, uname, type, parseScore(score));
  node.attrs.set('#kind', type === 'remote' ? 'remote' : 'cluster');
  cluster.addNode(node, compareNodeNames);
  return node;
}

/** Nodes start unclean (when fencing unseen nodes) until their status is seen. */
export function handleStartupFencing(cluster: Cluster, node: Node): void {
  if (node.type === 'remote' && node.remoteRsc === null) return;
  node.unclean = cluster.startupFencing;
  node.unseen = true;
}

export function unpackNodes(cluster: Cluster, section: XmlElement | undefined): void {
  if (!section) return;
  for (const xml of section.elements('node')) {
    const id = xml.attrs['id'];
    if (id === undefined) {
      cluster.configError('Ignoring <node> entry in configuration without id');
      continue;
    }
    const node = createNode(cluster, id, xml.attrs['uname'] ?? id, xml.attrs['type'], xml.attrs['score']);
    handleStartupFencing(cluster, node);
    addNodeAttributes(cluster, xml, node, false);
    unpackSets(cluster, xml, 'utilization', node.utilization);
  }
}

/** Built-in (#uname, #id, #is_dc...) and configured node attributes. */
export function addNodeAttributes(cluster: Cluster, xml: XmlElement | undefined, node: Node, overwrite: boolean): void {
  node.attrs.set('#uname', node.uname);
  node.attrs.set('#id', node.id);
  if (cluster.dcUuid !== undefined && node.id.toLowerCase() === cluster.dcUuid.toLowerCase()) {
    cluster.dcNode = node;
    node.isDc = true;
    node.attrs.set('#is_dc', 'true');
  } else {
    node.attrs.set('#is_dc', 'false');
  }
  const clusterName = cluster.config.get('cluster-name');
  if (clusterName !== undefined) node.attrs.set('#cluster-name', clusterName);
  unpackSets(cluster, xml, 'instance_attributes', node.attrs, { overwrite });
  if (!node.attrs.has('#site-name')) {
    const site = node.attrs.get('site-name');
    if (site !== undefined) node.attrs.set('#site-name', site);
    else if (clusterName !== undefined) node.attrs.set('#site-name', clusterName);
  }
}
