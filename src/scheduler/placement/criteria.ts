/**
 * Node criteria applied before placement (apply_node_criteria): shutdown
 * locks, location constraints, stickiness, migration thresholds and
 * exclusive resource discovery; and node health as location scores.
 */
import { resourceActions } from '../actions/create.js';
import { newLocation } from '../constraints/location.js';
import { applyLocations } from '../constraints/location.js';
import type { Cluster } from '../model/cluster.js';
import { RscFlag } from '../model/flags.js';
import { Discover, type Node } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { healthStrategy } from '../unpack/config.js';
import { clusterOption } from '../unpack/options.js';
import { INFINITY, addScores, parseScore } from '../util/score.js';
import { isTrue } from '../util/text.js';
import { thresholdReached } from './assignment.js';
import { resourceLocation } from './resource-location.js';

function checkFailureThreshold(rsc: Resource, node: Node): void {
  if (rsc.children.length > 0) {
    for (const child of rsc.children) checkFailureThreshold(child, node);
    return;
  }
  if (resourceActions(rsc, node, 'clear_failcount', true).length > 0) return;
  const failed = thresholdReached(rsc, node);
  if (failed) resourceLocation(failed, node, -INFINITY, '__fail_limit__', rsc.cluster);
}

function applyExclusiveDiscovery(rsc: Resource, node: Node): void {
  if (!rsc.exclusiveDiscover && !rsc.top.exclusiveDiscover) return;
  for (const child of rsc.children) applyExclusiveDiscovery(child, node);
  const match = rsc.allowedNodes.get(node.id);
  if (match && match.discover !== Discover.Exclusive) match.weight = -INFINITY;
}

function applyStickiness(rsc: Resource): void {
  if (rsc.children.length > 0) {
    for (const child of rsc.children) applyStickiness(child);
    return;
  }
  if (!rsc.is(RscFlag.Managed) || rsc.stickiness < 1 || rsc.runningOn.length !== 1) return;
  const node = rsc.runningOn[0]!;
  if (!rsc.cluster.symmetric && !rsc.allowedNodes.has(node.id)) return;
  resourceLocation(rsc, node, rsc.stickiness, 'stickiness', rsc.cluster);
}

export function applyNodeCriteria(cluster: Cluster): void {
  if (cluster.shutdownLockEnabled) for (const rsc of cluster.resources) rsc.cmds.shutdownLock(rsc);
  applyLocations(cluster);
  for (const rsc of cluster.resources) applyStickiness(rsc);
  for (const node of cluster.nodes) {
    for (const rsc of cluster.resources) {
      checkFailureThreshold(rsc, node);
      applyExclusiveDiscovery(rsc, node);
    }
  }
}

function sumHealth(cluster: Cluster, node: Node, base: number): number {
  let health = base;
  for (const [name, value] of node.attrs) {
    if (name.startsWith('#health')) health = addScores(parseScore(value, cluster.healthColours), health);
  }
  return health;
}

/** pcmk__apply_node_health: each node's health becomes a location score for every resource. */
export function applyNodeHealth(cluster: Cluster): void {
  const strategy = healthStrategy(cluster);
  if (strategy === 'none') return;
  const strategyText = clusterOption(cluster, 'node-health-strategy');
  const base = strategy === 'progressive' ? parseScore(clusterOption(cluster, 'node-health-base')) : 0;
  for (const node of cluster.nodes) {
    const health = sumHealth(cluster, node, base);
    if (health === 0) continue;
    for (const rsc of cluster.resources) {
      const constrain = health >= 0 || !isTrue(rsc.meta.get('allow-unhealthy-nodes'));
      if (constrain) newLocation(cluster, strategyText, rsc, health, undefined, node);
    }
  }
}
