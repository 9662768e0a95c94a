/** Node availability and the order nodes are tried in for placement. */
import type { Cluster } from '../model/cluster.js';
import type { Node, NodeScore, NodeTable } from '../model/node.js';
import { resourceLocation } from '../model/resource.js';
import { INFINITY } from '../util/score.js';
import { compareBytes } from '../util/text.js';
import { compareNodeCapacities } from './utilization.js';

/** pcmk__node_available: online, clean, not standby/maintenance/shutting down (and, optionally, allowed). */
export function nodeAvailable(node: NodeScore | null | undefined, considerScore: boolean, considerGuest: boolean): boolean {
  if (!node) return false;
  const d = node.node;
  if (!d.online || d.shutdown || d.unclean || d.standby || d.maintenance) return false;
  if (considerScore && node.weight < 0) return false;
  if (considerGuest && d.isGuest && resourceLocation(d.remoteRsc!.container!, 'assigned') === null) return false;
  return true;
}

export function anyNodeAvailable(table: NodeTable | null): boolean {
  if (!table) return false;
  for (const n of table.values()) if (nodeAvailable(n, true, false)) return true;
  return false;
}

/** compare_nodes: best first (score, capacity, fewest resources, current node, name). */
function compareNodes(strategy: string, a: NodeScore, b: NodeScore, active: Node | null): number {
  const w1 = nodeAvailable(a, false, false) ? a.weight : -INFINITY;
  const w2 = nodeAvailable(b, false, false) ? b.weight : -INFINITY;
  if (w1 > w2) return -1;
  if (w1 < w2) return 1;
  if (strategy !== 'minimal') {
    if (strategy === 'balanced') {
      const r = compareNodeCapacities(a.node, b.node);
      if (r < 0) return -1;
      if (r > 0) return 1;
    }
    if (a.node.numResources < b.node.numResources) return -1;
    if (a.node.numResources > b.node.numResources) return 1;
    if (active) {
      if (active === a.node) return -1;
      if (active === b.node) return 1;
    }
  }
  return compareBytes(a.node.uname, b.node.uname);
}

/** pcmk__sort_nodes */
export function sortNodes(cluster: Cluster, nodes: NodeScore[], active: Node | null): NodeScore[] {
  // compare_nodes is a total order, so any stable sort gives Pacemaker's result.
  const strategy = cluster.placementStrategy.toLowerCase();
  return [...nodes].sort((a, b) => compareNodes(strategy, a, b, active));
}
