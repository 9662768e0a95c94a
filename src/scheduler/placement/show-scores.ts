/** Allocation scores, as crm_simulate --show-scores prints them. */
import type { Cluster } from '../model/cluster.js';
import { RscFlag } from '../model/flags.js';
import type { NodeTable } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { readableScore } from '../util/score.js';
import { compareNumericIgnoreCase } from '../util/text.js';

/**
 * pe__show_node_weights (when not logging): one line per node, sorted by
 * name, for the resource and then each of its members.
 */
export function showScores(cluster: Cluster, rsc: Resource | null, prefix: string, nodes: NodeTable | null): void {
  if (!cluster.showScores) return;
  if (rsc && rsc.is(RscFlag.Orphan)) return;
  if (!nodes) return;
  const sorted = [...nodes.values()].sort((a, b) => compareNumericIgnoreCase(a.node.uname, b.node.uname));
  for (const n of sorted) {
    cluster.scoreLines.push(
      rsc
        ? `${prefix}: ${rsc.id} allocation score on ${n.node.uname}: ${readableScore(n.weight)}`
        : `${prefix}: ${n.node.uname} = ${readableScore(n.weight)}`,
    );
  }
  if (rsc) for (const child of rsc.children) showScores(cluster, child, prefix, child.allowedNodes);
}
