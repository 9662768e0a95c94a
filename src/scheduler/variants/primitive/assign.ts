/**
 * Placing a primitive: its colocations first (primaries are placed before
 * their dependents), then the best allowed node, preferring where it runs
 * when scores tie.
 */
import { NoQuorumPolicy } from '../../model/cluster.js';
import type { Colocation } from '../../model/constraints.js';
import { RscFlag } from '../../model/flags.js';
import { type Node, NodeScore, copyNodeTable } from '../../model/node.js';
import { type Resource, currentNode, isUniqueClone } from '../../model/resource.js';
import { Role } from '../../model/role.js';
import { finalizeAssignment } from '../../placement/assignment.js';
import {
  ColocSelect,
  addColocatedNodeScores,
  colocationFactor,
  colocationHasInfluence,
} from '../../placement/colocation-scores.js';
import { anyNodeAvailable, nodeAvailable, sortNodes } from '../../placement/nodes.js';
import { resourceLocation } from '../../placement/resource-location.js';
import { showScores } from '../../placement/show-scores.js';
import { banInsufficientCapacity } from '../../placement/utilization.js';
import { INFINITY } from '../../util/score.js';

function sortedAllowedNodes(rsc: Resource): NodeScore[] {
  return sortNodes(rsc.cluster, [...rsc.allowedNodes.values()], currentNode(rsc));
}

function assignBestNode(rsc: Resource, preferIn: Node | null): boolean {
  const mostFree = banInsufficientCapacity(rsc);
  const prefer = preferIn ?? mostFree;
  if (!rsc.is(RscFlag.Provisional)) return rsc.allocatedTo !== null;
  const nodes = sortedAllowedNodes(rsc);
  const best = nodes[0] ?? null;
  let chosen: NodeScore | null = null;
  if (prefer !== null && best !== null) {
    chosen = rsc.allowedNodes.get(prefer.id) ?? null;
    if (chosen === null) {
      // unknown
    } else if (chosen.weight < best.weight) chosen = null;
    else if (!nodeAvailable(chosen, true, false)) chosen = null;
  }
  if (chosen === null && best !== null) {
    chosen = best;
    if (!isUniqueClone(rsc.parent) && chosen.weight > 0 && nodeAvailable(chosen, false, false)) {
      const running = currentNode(rsc);
      if (running !== null && nodeAvailable(NodeScore.of(running), true, false)) {
        for (let i = 1; i < nodes.length; i++) {
          const allowed = nodes[i]!;
          if (allowed.weight !== chosen.weight) break;
          if (allowed.node === running) chosen = allowed;
        }
      }
    }
  }
  return finalizeAssignment(rsc, chosen, false);
}

function applyThisWith(rsc: Resource, c: Colocation): void {
  let archive = null;
  if (c.dependentRole >= Role.Promoted || (c.score < 0 && c.score > -INFINITY)) {
    archive = copyNodeTable(rsc.allowedNodes);
  }
  const other = c.primary;
  other.cmds.assign(other, null);
  rsc.cmds.applyColocationScore(rsc, other, c, true);
  if (archive !== null && !anyNodeAvailable(rsc.allowedNodes)) rsc.allowedNodes = archive;
}

function applyWithThis(rsc: Resource, c: Colocation): void {
  if (!colocationHasInfluence(c, null)) return;
  const box = { table: rsc.allowedNodes };
  addColocatedNodeScores(c.dependent, rsc.id, box, c.nodeAttribute, colocationFactor(c.score), ColocSelect.Active);
  rsc.allowedNodes = box.table!;
}

function remoteConnectionAssigned(conn: Resource): void {
  const node = conn.cluster.findNode(conn.id);
  if (!node) return;
  if (conn.allocatedTo !== null && conn.nextRole !== Role.Stopped) {
    node.online = true;
    if (node.unseen) node.unclean = false;
  } else {
    node.shutdown = true;
  }
}

/** pcmk__primitive_assign */
export function primitiveAssign(rsc: Resource, prefer: Node | null): Node | null {
  const cluster = rsc.cluster;
  if (rsc.parent !== null && !rsc.parent.is(RscFlag.Allocating)) rsc.parent.cmds.assign(rsc.parent, prefer);
  if (!rsc.is(RscFlag.Provisional)) return rsc.allocatedTo?.node ?? null;
  if (rsc.is(RscFlag.Allocating)) return null;
  rsc.set(RscFlag.Allocating);

  for (const c of [...rsc.thisWith]) applyThisWith(rsc, c);
  for (const c of [...rsc.withThis]) applyWithThis(rsc, c);

  if (rsc.nextRole === Role.Stopped) {
    resourceLocation(rsc, null, -INFINITY, 'target-role', cluster);
  } else if (rsc.nextRole > rsc.role && !cluster.haveQuorum && cluster.noQuorumPolicy === NoQuorumPolicy.Freeze) {
    rsc.setNextRole(rsc.role);
  }

  showScores(cluster, rsc, 'pcmk__primitive_assign', rsc.allowedNodes);

  if (cluster.stonithEnabled && !cluster.haveStonithResource) rsc.clear(RscFlag.Managed);

  if (!rsc.is(RscFlag.Managed)) {
    rsc.setNextRole(rsc.role);
    const to = currentNode(rsc);
    finalizeAssignment(rsc, to ? NodeScore.of(to) : null, true);
  } else if (cluster.stopEverything) {
    finalizeAssignment(rsc, null, true);
  } else if (rsc.is(RscFlag.Provisional) && assignBestNode(rsc, prefer)) {
    // assigned
  }
  rsc.clear(RscFlag.Allocating);
  if (rsc.isRemoteNode) remoteConnectionAssigned(rsc);
  return rsc.allocatedTo?.node ?? null;
}
