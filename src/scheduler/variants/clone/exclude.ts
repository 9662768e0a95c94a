/** Restricting a resource's nodes to those in a list. */
import { type Node, NodeScore } from '../../model/node.js';
import type { Resource } from '../../model/resource.js';
import { INFINITY, addScores } from '../../util/score.js';

/**
 * node_list_exclude: bans every node not in the list, adds those of the list
 * it lacks (banned), and, with `merge`, adds the list's scores to the others.
 */
export function excludeNodes(rsc: Resource, list: (Node | NodeScore)[], merge: boolean): void {
  const find = (node: Node) => list.find((x) => (x instanceof NodeScore ? x.node : x) === node);
  for (const n of rsc.allowedNodes.values()) {
    const other = find(n.node);
    if (other === undefined) n.weight = -INFINITY;
    else if (merge && other instanceof NodeScore) n.weight = addScores(n.weight, other.weight);
  }
  for (const entry of list) {
    const node = entry instanceof NodeScore ? entry.node : entry;
    if (rsc.allowedNodes.has(node.id)) continue;
    const copy = entry instanceof NodeScore ? entry.copy() : NodeScore.of(node);
    copy.weight = -INFINITY;
    rsc.allowedNodes.set(node.id, copy);
  }
}
