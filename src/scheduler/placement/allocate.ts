/**
 * Placing every resource (allocate_resources): with a placement strategy,
 * resources are first sorted (priority, then their scores); remote
 * connections go first so their nodes' availability is known.
 */
import type { Cluster } from '../model/cluster.js';
import { NodeScore, type NodeTable } from '../model/node.js';
import { type Resource, currentNode } from '../model/resource.js';
import { glibSort } from '../util/glib.js';
import { INFINITY } from '../util/score.js';
import { ColocSelect, addColocatedNodeScores } from './colocation-scores.js';
import { sortNodes } from './nodes.js';
import { showNodeCapacities } from './utilization.js';

function nodeWeight(node: NodeScore['node'] | null, table: NodeTable | null): number {
  if (node === null || table === null) return -INFINITY;
  return table.get(node.id)?.weight ?? -INFINITY;
}

/** pcmk__sort_resources: by priority, then by scores on the current node, then on each node. */
export function sortResources(cluster: Cluster): void {
  const nodes = sortNodes(
    cluster,
    cluster.nodes.map((n) => NodeScore.of(n)),
    null,
  ).map((n) => n.node);
  const tables = new Map<Resource, NodeTable | null>();
  const tableOf = (rsc: Resource): NodeTable | null => {
    if (!tables.has(rsc)) {
      const box = { table: null as NodeTable | null };
      addColocatedNodeScores(rsc, rsc.id, box, null, 1, ColocSelect.ThisWith);
      tables.set(rsc, box.table);
    }
    return tables.get(rsc)!;
  };
  cluster.resources = glibSort(cluster.resources, (r1, r2) => {
    if (r1.priority > r2.priority) return -1;
    if (r1.priority < r2.priority) return 1;
    if (nodes.length === 0) return 0;
    const t1 = tableOf(r1);
    const t2 = tableOf(r2);
    const n1 = r1.runningOn.length > 0 ? currentNode(r1) : null;
    const n2 = r2.runningOn.length > 0 ? currentNode(r2) : null;
    let w1 = nodeWeight(n1, t1);
    let w2 = nodeWeight(n2, t2);
    if (w1 > w2) return -1;
    if (w1 < w2) return 1;
    for (const node of nodes) {
      w1 = nodeWeight(node, t1);
      w2 = nodeWeight(node, t2);
      if (w1 > w2) return -1;
      if (w1 < w2) return 1;
    }
    return 0;
  });
}

export function allocateResources(cluster: Cluster): void {
  if (cluster.placementStrategy.toLowerCase() !== 'default') sortResources(cluster);
  showNodeCapacities(cluster, 'Original');
  if (cluster.haveRemoteNodes) {
    for (const rsc of cluster.resources) {
      if (rsc.isRemoteNode) {
        const prefer = rsc.partialMigrationTarget;
        rsc.cmds.assign(rsc, prefer);
      }
    }
  }
  for (const rsc of cluster.resources) {
    if (!rsc.isRemoteNode) rsc.cmds.assign(rsc, null);
  }
  showNodeCapacities(cluster, 'Remaining');
}
