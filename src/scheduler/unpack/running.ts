/**
 * Recording where a resource is active (native_add_running): the node's
 * running list, priorities for priority-fencing-delay, and the response to
 * a resource found active on several nodes (multiple-active).
 */
import type { Cluster } from '../model/cluster.js';
import { RscFlag } from '../model/flags.js';
import { NodeScore, type Node } from '../model/node.js';
import { Recovery, type Resource, activeNodeCount } from '../model/resource.js';
import { Role } from '../model/role.js';
import { resourceLocation } from '../placement/resource-location.js';
import { INFINITY } from '../util/score.js';

function addPriority(rsc: Resource, node: Node, failed: boolean): void {
  if (rsc.priority === 0 || failed) return;
  const priority = rsc.role === Role.Promoted ? rsc.priority + 1 : rsc.priority;
  node.priority += priority;
  // A guest node's resources count for its host too.
  if (node.remoteRsc && node.remoteRsc.container) {
    for (const host of node.remoteRsc.container.runningOn) host.priority += priority;
  }
}

export function addRunning(cluster: Cluster, rsc: Resource, node: Node, failed: boolean): void {
  if (rsc.runningOn.some((n) => n.id.toLowerCase() === node.id.toLowerCase())) return;
  rsc.runningOn.push(node);
  if (rsc.variant === 'primitive') {
    node.runningRsc.push(rsc);
    addPriority(rsc, node, failed);
    if (node.maintenance) rsc.clear(RscFlag.Managed);
  }
  if (!rsc.is(RscFlag.Managed)) {
    resourceLocation(rsc, node, INFINITY, 'not_managed_default', cluster);
    for (let p = rsc.parent; p && node.online; p = p.parent) p.runningOn.push(node);
    return;
  }
  if (rsc.variant === 'primitive' && activeNodeCount(rsc) > 1) {
    switch (rsc.recovery) {
      case Recovery.StopOnly:
        rsc.allowedNodes = new Map(cluster.nodes.map((n) => [n.id, new NodeScore(n, -INFINITY, n.fixed)]));
        break;
      case Recovery.Block:
        rsc.clear(RscFlag.Managed);
        rsc.set(RscFlag.Block);
        if (rsc.parent && (rsc.parent.variant === 'group' || rsc.parent.variant === 'bundle') && rsc.parent.recovery === Recovery.Block) {
          for (const c of rsc.parent.children) {
            c.clear(RscFlag.Managed);
            c.set(RscFlag.Block);
          }
        }
        break;
      default:
        break;
    }
  }
  if (rsc.parent) addRunning(cluster, rsc.parent, node, false);
}
