/** Adding a score for a node (or all nodes) to a resource and its members. */
import type { Cluster } from '../model/cluster.js';
import { Discover, type Node, NodeScore } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { INFINITY, addScores } from '../util/score.js';

function nodeScore(rsc: Resource, node: NodeScore | Node, score: number, tag: string): void {
  const discover = node.discover;
  if ((rsc.exclusiveDiscover || discover === Discover.Never) && tag === 'symmetric_default') {
    // Exclusive discovery and never-probed nodes don't take the default score.
    return;
  }
  for (const child of rsc.children) nodeScore(child, node, score, tag);
  const details = node instanceof NodeScore ? node.node : node;
  let match = rsc.allowedNodes.get(details.id);
  if (!match) {
    match = node instanceof NodeScore ? node.copy() : NodeScore.of(node);
    rsc.allowedNodes.set(details.id, match);
  }
  match.weight = addScores(match.weight, score);
}

/**
 * resource_location: adds `score` for one node, or for every node of the
 * cluster when `node` is null. A -INFINITY score everywhere also undoes any
 * assignment.
 */
export function resourceLocation(
  rsc: Resource,
  node: NodeScore | Node | null,
  score: number,
  tag: string,
  cluster: Cluster | null,
): void {
  if (node) nodeScore(rsc, node, score, tag);
  else if (cluster) for (const n of cluster.nodes) nodeScore(rsc, n, score, tag);
  else for (const n of [...rsc.allowedNodes.values()]) nodeScore(rsc, n, score, tag);
  if (node === null && score === -INFINITY && rsc.allocatedTo) rsc.allocatedTo = null;
}
