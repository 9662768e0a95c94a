/**
 * Placing a clone's instances: instances are sorted (active, healthy,
 * well-placed ones first), each is first offered the node it runs on (up to
 * an even share per node), then the rest go wherever their scores say, no
 * more than clone-max in all and clone-node-max per node.
 */
import { RscFlag } from '../../model/flags.js';
import { type Node, NodeScore, type NodeTable, copyNodeTable } from '../../model/node.js';
import { type Resource, currentNode, findActiveOn, resourceLocation } from '../../model/resource.js';
import { unassignResource } from '../../placement/assignment.js';
import {
  ColocSelect,
  addColocatedNodeScores,
  colocationFactor,
  colocationHasInfluence,
} from '../../placement/colocation-scores.js';
import { nodeAvailable } from '../../placement/nodes.js';
import { resourceLocation as addLocationScore } from '../../placement/resource-location.js';
import { showScores } from '../../placement/show-scores.js';
import { glibSort } from '../../util/glib.js';
import { INFINITY } from '../../util/score.js';
import { cloneData } from './status.js';
import { addPromotionScores, setInstanceRoles } from './promotable.js';

/** pcmk__top_allowed_node: the parent's view of a node (the resource's own for a top-level one). */
export function topAllowedNode(rsc: Resource, node: Node | null): NodeScore | null {
  if (node === null) return null;
  const table = rsc.parent === null ? rsc.allowedNodes : rsc.parent.allowedNodes;
  return table.get(node.id) ?? null;
}

/** common_update_score: sets a node's score for the resource and all its members. */
function setScoreRecursive(rsc: Resource, nodeId: string, score: number): void {
  const n = rsc.allowedNodes.get(nodeId);
  if (n) n.weight = score;
  for (const c of rsc.children) setScoreRecursive(c, nodeId, score);
}

/** Whether an instance may go on a node; if not, the node is banned for it. */
function canRunInstance(rsc: Resource, node: NodeScore, limit: number): boolean {
  if (nodeAvailable(node, false, false) && !rsc.is(RscFlag.Orphan)) {
    const local = topAllowedNode(rsc, node.node);
    if (local !== null && local.weight >= 0 && local.count < limit) return true;
  }
  setScoreRecursive(rsc, node.node.id, -INFINITY);
  return false;
}

function banUnavailableNodes(rsc: Resource, limit: number): void {
  for (const node of [...rsc.allowedNodes.values()]) canRunInstance(rsc, node, limit);
}

/**
 * The clone's colocations, handed to an instance: all of them when not every
 * node gets an instance, otherwise only the mandatory and negative ones.
 * (Pacemaker prepends them at every attempt, repeats included.)
 */
function appendParentColocations(parent: Resource, child: Resource, all: boolean): void {
  for (const c of parent.thisWith) {
    if (all || c.score < 0 || c.score === INFINITY) child.thisWith.unshift(c);
  }
  for (const c of parent.withThis) {
    if (!colocationHasInfluence(c, child)) continue;
    if (all || c.score < 0) child.withThis.unshift(c);
  }
}

/** allocate_instance: assigns one instance (to `prefer` only, when given); returns its node. */
function allocateInstance(rsc: Resource, prefer: Node | null, allColoc: boolean, limit: number): Node | null {
  if (!rsc.is(RscFlag.Provisional)) return resourceLocation(rsc, 'assigned');
  if (rsc.is(RscFlag.Allocating)) return null;
  appendParentColocations(rsc.parent!, rsc, allColoc);
  if (prefer !== null) {
    const local = rsc.allowedNodes.get(prefer.id);
    if (local === undefined || local.weight < 0) return null;
  }
  banUnavailableNodes(rsc, limit);
  const backup = copyNodeTable(rsc.allowedNodes);
  let chosen = rsc.cmds.assign(rsc, prefer);
  if (chosen !== null && prefer !== null && chosen !== prefer) {
    rsc.allowedNodes = backup;
    unassignResource(rsc);
    chosen = null;
  }
  if (chosen !== null) {
    const local = topAllowedNode(rsc, chosen);
    if (local !== null) local.count++;
    else if (rsc.is(RscFlag.Managed)) {
      rsc.cluster.configError(`${chosen.id} not found in ${rsc.parent!.id} (list of ${rsc.parent!.allowedNodes.size})`);
    }
  }
  return chosen;
}

/** distribute_children */
export function distributeInstances(clone: Resource, instances: Resource[], max: number, perHostMax: number): void {
  let available = 0;
  for (const node of clone.allowedNodes.values()) {
    node.count = 0;
    if (nodeAvailable(node, false, false)) available++;
  }
  const allColoc = max < available;
  let loopMax = available > 0 ? Math.trunc(max / available) : 0;
  if (loopMax < 1) loopMax = 1;

  let allocated = 0;
  for (const child of instances) {
    if (allocated >= max) break;
    if (child.runningOn.length === 0 || !child.is(RscFlag.Provisional) || child.is(RscFlag.Failed)) continue;
    const childNode = currentNode(child)!;
    const local = topAllowedNode(child, childNode);
    if (!nodeAvailable(NodeScore.of(childNode), true, false)) continue;
    if (local !== null && local.count >= loopMax) continue;
    if (allocateInstance(child, childNode, allColoc, perHostMax)) allocated++;
  }
  for (const child of instances) {
    if (!child.is(RscFlag.Provisional)) continue;
    if (allocated >= max) {
      addLocationScore(child, null, -INFINITY, 'clone:limit_reached', clone.cluster);
    } else if (allocateInstance(child, null, allColoc, perHostMax)) {
      allocated++;
    }
  }
}

/** Whether the resource or any member failed. */
function didFail(rsc: Resource): boolean {
  if (rsc.is(RscFlag.Failed)) return true;
  return rsc.children.some(didFail);
}

/** The instance's current node, or null where it is not allowed there (any more). */
function allowedCurrent(rsc: Resource, node: Node | null): { node: Node | null; ok: boolean } {
  if (node === null) return { node, ok: true };
  const allowed = rsc.allowedNodes.get(node.id);
  if (allowed === undefined || allowed.weight < 0) return { node: null, ok: false };
  return { node, ok: true };
}

/** The clone's colocations applied to a table holding one node (for ordering instances). */
function colocatedScoreOnCurrent(instance: Resource, current: Node): number {
  const box: { table: NodeTable | null } = { table: new Map([[current.id, NodeScore.of(current)]]) };
  const parent = instance.parent!;
  for (const c of parent.thisWith) {
    addColocatedNodeScores(c.primary, instance.id, box, c.nodeAttribute, colocationFactor(c.score), ColocSelect.Default);
  }
  for (const c of parent.withThis) {
    if (!colocationHasInfluence(c, instance)) continue;
    addColocatedNodeScores(c.dependent, instance.id, box, c.nodeAttribute, colocationFactor(c.score), ColocSelect.Nonnegative);
  }
  return box.table!.get(current.id)!.weight;
}

/** The number after an instance's last ':' (or '-', for bundles). */
export function instanceNumber(rsc: Resource): number {
  let i = rsc.id.lastIndexOf(':');
  if (i < 0) i = rsc.id.lastIndexOf('-');
  return parseInt(rsc.id.slice(i + 1), 10) || 0;
}

export function compareInstanceNumbers(a: Resource, b: Resource): number {
  return instanceNumber(a) - instanceNumber(b);
}

/** pcmk__cmp_instance: the order instances are assigned in. */
export function compareInstances(a: Resource, b: Resource): number {
  const active1 = findActiveOn(a, true);
  const active2 = findActiveOn(b, true);
  if (active1.all > 0 && active2.all > 0) {
    if (active1.all < active2.all) return -1;
    if (active1.all > active2.all) return 1;
  }
  const c1 = allowedCurrent(a, active1.node);
  const c2 = allowedCurrent(b, active2.node);
  if (c1.ok && !c2.ok) return -1;
  if (!c1.ok && c2.ok) return 1;
  if (a.priority > b.priority) return -1;
  if (a.priority < b.priority) return 1;
  let node1 = c1.node;
  let node2 = c2.node;
  if (node1 === null && node2 === null) return 0;
  if (node1 === null) return 1;
  if (node2 === null) return -1;
  const can1 = nodeAvailable(NodeScore.of(node1), false, false);
  const can2 = nodeAvailable(NodeScore.of(node2), false, false);
  if (can1 && !can2) return -1;
  if (!can1 && can2) return 1;
  const top1 = topAllowedNode(a, node1);
  const top2 = topAllowedNode(b, node2);
  if (top1 === null && top2 === null) return 0;
  if (top1 === null) return 1;
  if (top2 === null) return -1;
  if (top1.count < top2.count) return -1;
  if (top1.count > top2.count) return 1;
  const f1 = didFail(a);
  const f2 = didFail(b);
  if (!f1 && f2) return -1;
  if (f1 && !f2) return 1;
  node1 = currentNode(a)!;
  node2 = currentNode(b)!;
  const w1 = colocatedScoreOnCurrent(a, node1);
  const w2 = colocatedScoreOnCurrent(b, node2);
  if (w1 < w2) return 1;
  if (w1 > w2) return -1;
  return compareInstanceNumbers(a, b);
}

/** pcmk__clone_allocate */
export function cloneAssign(rsc: Resource, prefer: Node | null): Node | null {
  if (!rsc.is(RscFlag.Provisional)) return null;
  if (rsc.is(RscFlag.Allocating)) return null;
  if (rsc.is(RscFlag.Promotable)) addPromotionScores(rsc);
  rsc.set(RscFlag.Allocating);
  for (const c of [...rsc.thisWith]) c.primary.cmds.assign(c.primary, prefer);
  for (const c of [...rsc.withThis]) {
    if (!colocationHasInfluence(c, null)) continue;
    const box = { table: rsc.allowedNodes as NodeTable | null };
    addColocatedNodeScores(
      c.dependent,
      rsc.id,
      box,
      c.nodeAttribute,
      colocationFactor(c.score),
      ColocSelect.Active | ColocSelect.Nonnegative,
    );
    rsc.allowedNodes = box.table!;
  }
  showScores(rsc.cluster, rsc, 'pcmk__clone_allocate', rsc.allowedNodes);
  rsc.children = glibSort(rsc.children, compareInstances);
  const data = cloneData(rsc);
  distributeInstances(rsc, rsc.children, data.cloneMax, data.cloneNodeMax);
  if (rsc.is(RscFlag.Promotable)) setInstanceRoles(rsc);
  rsc.clear(RscFlag.Provisional | RscFlag.Allocating);
  return null;
}
