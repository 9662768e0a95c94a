/**
 * Promotable clones: once instances are placed, each gets a promotion
 * priority (its promotion score from node attributes, plus promoted-role
 * locations and colocations); the best promoted-max of them (at most
 * promoted-node-max per node) are promoted, the others run unpromoted.
 */
import { rscPseudoAction } from '../../actions/create.js';
import { nodeAttributeFor } from '../../constraints/location.js';
import { requirePromotionTickets } from '../../constraints/tickets.js';
import { NoQuorumPolicy } from '../../model/cluster.js';
import type { Colocation, Location } from '../../model/constraints.js';
import { Order, RscFlag } from '../../model/flags.js';
import { type Node, NodeScore, type NodeTable } from '../../model/node.js';
import type { Resource } from '../../model/resource.js';
import { Role } from '../../model/role.js';
import { orderResourceActions } from '../../ordering/new-ordering.js';
import {
  ColocSelect,
  addColocatedNodeScores,
  colocationFactor,
  colocationHasInfluence,
} from '../../placement/colocation-scores.js';
import { nodeAvailable } from '../../placement/nodes.js';
import { glibSort } from '../../util/glib.js';
import { INFINITY, addScores, parseScore, readableScore } from '../../util/score.js';
import { eqIgnoreCase } from '../../util/text.js';
import { compareInstances } from './assign.js';
import { createNotifyPseudoOps, orderPromotableNotifyPhases } from './notify.js';
import { assignedScore, findCompatibleInstance, locationOf } from './pairing.js';
import { cloneData } from './status.js';
import { excludeNodes } from './exclude.js';

/** Every node the resource (or its members) is assigned to. */
function assignedNodes(rsc: Resource, list: Node[] = []): Node[] {
  if (rsc.children.length > 0) {
    for (const c of rsc.children) assignedNodes(c, list);
  } else if (rsc.allocatedTo !== null && !list.includes(rsc.allocatedTo.node)) {
    list.push(rsc.allocatedTo.node);
  }
  return list;
}

/** The id without its instance number. */
function stripInstance(id: string): string {
  const i = id.lastIndexOf(':');
  return i < 0 ? id : id.slice(0, i);
}

/** The member of an instance with a base id (find_rsc with pe_find_clone), optionally active on a node. */
function findMember(rsc: Resource, baseId: string, node: Node | null): Resource | null {
  if (rsc.children.length === 0) {
    if (stripInstance(rsc.id) !== baseId && rsc.id !== baseId) return null;
    if (node !== null && !rsc.runningOn.includes(node)) return null;
    return rsc;
  }
  for (const c of rsc.children) {
    const found = findMember(c, baseId, node);
    if (found) return found;
  }
  return null;
}

function isAllowed(rsc: Resource, node: Node): boolean {
  const allowed = rsc.allowedNodes.get(node.id);
  return allowed !== undefined && allowed.weight >= 0;
}

/** promotion_score_applies: only where the instance is active, or its status is known. */
function promotionScoreApplies(rsc: Resource, node: Node): boolean {
  const id = stripInstance(rsc.id);
  const clone = rsc.top;
  if (!rsc.is(RscFlag.Unique)) {
    let active: Resource | null = null;
    for (const child of clone.children) {
      active = findMember(child, id, node);
      if (active !== null) break;
    }
    if (active === rsc) return isAllowed(rsc, node);
    if (active === null) {
      const known = clone.children.some((child) => findMember(child, id, null)?.knownOn.has(node.id) ?? false);
      if (known) return isAllowed(rsc, node);
    }
  }
  if (rsc.runningOn.length === 0 && rsc.knownOn.size === 0) return isAllowed(rsc, node);
  if (rsc.knownOn.has(node.id) || rsc.runningOn.includes(node)) return isAllowed(rsc, node);
  return false;
}

function promotionAttribute(rsc: Resource, node: Node, name: string): string | undefined {
  return nodeAttributeFor(node, `master-${name}`, rsc);
}

/** promotion_score: the node's promotion attribute for the instance (a cloned group's members summed). */
function promotionScore(rsc: Resource, node: Node): { score: number; isDefault: boolean } {
  if (rsc.children.length > 0) {
    let score = 0;
    let isDefault = true;
    for (const child of rsc.children) {
      const r = promotionScore(child, node);
      if (!r.isDefault) isDefault = false;
      score += r.score;
    }
    return { score, isDefault };
  }
  if (!promotionScoreApplies(rsc, node)) return { score: 0, isDefault: true };
  let value = promotionAttribute(rsc, node, rsc.clone_name ?? rsc.id);
  if (value === undefined && !rsc.is(RscFlag.Unique)) {
    const name = stripInstance(rsc.id);
    if (name !== rsc.id) value = promotionAttribute(rsc, node, name);
  }
  if (value === undefined) return { score: 0, isDefault: true };
  return { score: parseScore(value), isDefault: false };
}

/** pcmk__add_promotion_scores: promotion scores count towards where instances go. */
export function addPromotionScores(rsc: Resource): void {
  const data = cloneData(rsc);
  if (data.promotionAdded) return;
  data.promotionAdded = true;
  for (const child of rsc.children) {
    for (const node of child.allowedNodes.values()) {
      if (!nodeAvailable(node, false, false)) continue;
      const { score } = promotionScore(child, node.node);
      if (score > 0) node.weight = addScores(node.weight, score);
      if (score > child.priority) child.priority = score;
    }
  }
}

function setCurrentRoleUnpromoted(rsc: Resource): void {
  if (rsc.role === Role.Started) rsc.role = Role.Unpromoted;
  for (const c of rsc.children) setCurrentRoleUnpromoted(c);
}

function setNextRoleUnpromoted(rsc: Resource): void {
  rsc.setNextRole(assignedNodes(rsc).length === 0 ? Role.Stopped : Role.Unpromoted);
  for (const c of rsc.children) setNextRoleUnpromoted(c);
}

function setNextRolePromoted(rsc: Resource): void {
  if (rsc.nextRole === Role.Unknown) rsc.setNextRole(Role.Promoted);
  for (const c of rsc.children) setNextRolePromoted(c);
}

/** Promoted-role location scores for the node the instance goes to. */
function applyPromotedLocations(instance: Resource, locations: Location[], chosen: Node): void {
  for (const loc of locations) {
    if (loc.roleFilter !== Role.Promoted) continue;
    const n = loc.nodes.find((x) => x.node === chosen);
    if (n !== undefined) instance.priority = addScores(instance.priority, n.weight);
  }
}

/** set_instance_priority */
function setInstancePriority(instance: Resource, clone: Resource): void {
  if (instance.fns.state(instance, true) === Role.Started) setCurrentRoleUnpromoted(instance);
  const nodes = assignedNodes(instance);
  if (nodes.length > 1) clone.cluster.configError(`Cannot promote non-colocated child ${instance.id}`);
  const chosen = locationOf(instance, false);
  if (chosen === null) return;
  const nextRole = instance.fns.state(instance, false);
  switch (nextRole) {
    case Role.Started:
    case Role.Unknown: {
      const r = promotionScore(instance, chosen);
      instance.priority = r.isDefault ? -1 : r.score;
      break;
    }
    case Role.Unpromoted:
    case Role.Stopped:
      instance.priority = -INFINITY;
      break;
    default:
      break;
  }
  applyPromotedLocations(instance, instance.locations, chosen);
  applyPromotedLocations(instance, clone.locations, chosen);
  for (const c of [...instance.thisWith]) instance.cmds.applyColocationScore(instance, c.primary, c, true);
  instance.sortIndex = nextRole === Role.Promoted ? INFINITY : instance.priority;
}

function addSortIndexToNodeScore(child: Resource, clone: Resource): void {
  if (child.sortIndex < 0) return;
  const chosen = locationOf(child, false);
  if (chosen === null) return;
  const node = clone.allowedNodes.get(chosen.id)!;
  node.weight = addScores(child.sortIndex, node.weight);
}

function mergeInto(clone: Resource, other: Resource, c: Colocation, flags: number): void {
  const box = { table: clone.allowedNodes as NodeTable | null };
  addColocatedNodeScores(other, clone.id, box, c.nodeAttribute, colocationFactor(c.score), flags);
  clone.allowedNodes = box.table!;
}

function setSortIndexToNodeScore(child: Resource, clone: Resource): void {
  const chosen = locationOf(child, false);
  if (!child.is(RscFlag.Managed) && child.nextRole === Role.Promoted) {
    child.sortIndex = INFINITY;
  } else if (chosen !== null && child.sortIndex >= 0) {
    child.sortIndex = clone.allowedNodes.get(chosen.id)!.weight;
  }
}

function comparePromotable(a: Resource, b: Resource): number {
  if (a.sortIndex > b.sortIndex) return -1;
  if (a.sortIndex < b.sortIndex) return 1;
  const r1 = a.fns.state(a, true);
  const r2 = b.fns.state(b, true);
  if (r1 > r2) return -1;
  if (r1 < r2) return 1;
  return compareInstances(a, b);
}

/** sort_promotable_instances: the clone's promoted-role colocations and tickets weigh in, then instances are ranked. */
function sortPromotableInstances(clone: Resource): void {
  const data = cloneData(clone);
  if (data.promotionConstrained) return;
  data.promotionConstrained = true;
  clone.set(RscFlag.Merging);
  for (const child of clone.children) addSortIndexToNodeScore(child, clone);
  for (const c of [...clone.thisWith]) {
    if (c.dependentRole !== Role.Promoted) continue;
    mergeInto(clone, c.primary, c, c.score < INFINITY ? ColocSelect.Active : ColocSelect.Default);
  }
  for (const c of [...clone.withThis]) {
    if (c.primaryRole !== Role.Promoted || !colocationHasInfluence(c, null)) continue;
    mergeInto(clone, c.dependent, c, ColocSelect.Active | ColocSelect.Nonnegative);
  }
  requirePromotionTickets(clone);
  for (const child of clone.children) setSortIndexToNodeScore(child, clone);
  clone.children = glibSort(clone.children, comparePromotable);
  clone.clear(RscFlag.Merging);
}

/** node_to_be_promoted_on: the clone's view of the node, if the instance may be promoted there. */
function nodeToBePromotedOn(rsc: Resource): NodeScore | null {
  for (const child of rsc.children) if (nodeToBePromotedOn(child) === null) return null;
  const node = locationOf(rsc, false);
  if (node === null) return null;
  if (!rsc.is(RscFlag.Managed)) {
    if (rsc.fns.state(rsc, true) !== Role.Promoted) return null;
  } else if (rsc.priority < 0) {
    return null;
  } else if (!nodeAvailableForPromotion(node)) {
    return null;
  }
  const parent = rsc.top;
  const local = parent.allowedNodes.get(node.id) ?? null;
  if (local === null) return null;
  if (local.count >= cloneData(parent).promotedNodeMax && rsc.is(RscFlag.Managed)) return null;
  return local;
}

function nodeAvailableForPromotion(node: Node): boolean {
  return nodeAvailable(NodeScore.of(node), false, true);
}

function showPromotionScore(instance: Resource): void {
  const cluster = instance.cluster;
  if (!cluster.showScores) return;
  const chosen = locationOf(instance, false);
  cluster.scoreLines.push(`${instance.id} promotion score on ${chosen?.uname ?? 'none'}: ${readableScore(instance.sortIndex)}`);
}

function setInstanceRole(instance: Resource, count: { promoted: number }): void {
  const clone = instance.top;
  showPromotionScore(instance);
  let chosen: NodeScore | null = null;
  if (instance.sortIndex >= 0 && (count.promoted < cloneData(clone).promotedMax || !clone.is(RscFlag.Managed))) {
    chosen = nodeToBePromotedOn(instance);
  }
  if (chosen === null) {
    setNextRoleUnpromoted(instance);
    return;
  }
  const cluster = instance.cluster;
  if (instance.role < Role.Promoted && !cluster.haveQuorum && cluster.noQuorumPolicy === NoQuorumPolicy.Freeze) {
    setNextRoleUnpromoted(instance);
    return;
  }
  chosen.count++;
  setNextRolePromoted(instance);
  count.promoted++;
}

/** pcmk__set_instance_roles */
export function setInstanceRoles(rsc: Resource): void {
  for (const node of rsc.allowedNodes.values()) node.count = 0;
  for (const child of rsc.children) setInstancePriority(child, rsc);
  sortPromotableInstances(rsc);
  const count = { promoted: 0 };
  for (const child of rsc.children) setInstanceRole(child, count);
}

/** Whether any member will be demoted or promoted. */
function checkRoleChange(rsc: Resource, state: { demoting: boolean; promoting: boolean }): void {
  if (rsc.children.length > 0) {
    for (const c of rsc.children) checkRoleChange(c, state);
    return;
  }
  for (let i = rsc.actions.length - 1; i >= 0; i--) {
    const action = rsc.actions[i]!;
    if (state.promoting && state.demoting) return;
    if (action.optional) continue;
    if (action.task === 'demote') state.demoting = true;
    else if (action.task === 'promote') state.promoting = true;
  }
}

/** create_promotable_actions: the clone's promote/promoted and demote/demoted pseudo-actions. */
export function createPromotableActions(rsc: Resource): void {
  const state = { demoting: false, promoting: false };
  for (const child of rsc.children) {
    child.cmds.createActions(child);
    checkRoleChange(child, state);
  }
  const promote = rscPseudoAction(rsc, 'promote', !state.promoting, true);
  const promoted = rscPseudoAction(rsc, 'promoted', !state.promoting, true);
  promoted.priority = INFINITY;
  const promoteNotify = createNotifyPseudoOps(rsc, 'promote', promote, promoted);
  const demote = rscPseudoAction(rsc, 'demote', !state.demoting, true);
  const demoted = rscPseudoAction(rsc, 'demoted', !state.demoting, true);
  demoted.priority = INFINITY;
  const demoteNotify = createNotifyPseudoOps(rsc, 'demote', demote, demoted);
  const data = cloneData(rsc);
  data.promoteNotify = promoteNotify;
  data.demoteNotify = demoteNotify;
  orderPromotableNotifyPhases(rsc, promoteNotify, demoteNotify);
  for (const child of rsc.children) child.priority = rsc.priority;
}

/** pcmk__promotable_restart_ordering: a restart's demotes before stops, promotes after starts, clone-wide. */
export function orderPromotableRestarts(rsc: Resource): void {
  const order = (first: string, then: string) => orderResourceActions(rsc, first, rsc, then, Order.Optional);
  order('stopped', 'start');
  order('stopped', 'promote');
  order('demoted', 'start');
  order('running', 'promote');
  order('demoted', 'stop');
  order('demote', 'demoted');
  order('demoted', 'promote');
}

/** promotable_constraints: demotions before stops and promotions after starts, clone-wide and per instance. */
export function orderPromotableInstances(rsc: Resource): void {
  orderPromotableRestarts(rsc);
  const ordered = cloneData(rsc).ordered;
  let last: Resource | null = null;
  for (const child of rsc.children) {
    orderResourceActions(child, 'demote', child, 'promote', Order.Optional);
    orderResourceActions(rsc, 'promote', child, 'promote', Order.Optional);
    orderResourceActions(child, 'promote', rsc, 'promoted', Order.Optional);
    if (last !== null && ordered) orderResourceActions(last, 'promote', child, 'promote', Order.Optional);
    orderResourceActions(rsc, 'demote', child, 'demote', Order.ImpliesFirstPrinted);
    orderResourceActions(child, 'demote', rsc, 'demoted', Order.ImpliesThenPrinted);
    if (last !== null && ordered) orderResourceActions(child, 'demote', last, 'demote', Order.Optional);
    last = child;
  }
}

/** node_hash_update_one: adds a score on every node sharing the attribute's value with `other`. */
function addScoreMatching(table: NodeTable, other: Node, attrIn: string | null, score: number): void {
  const attr = attrIn ?? '#uname';
  const value = other.attrs.get(attr);
  for (const node of table.values()) {
    if (eqIgnoreCase(value, node.node.attrs.get(attr))) node.weight = addScores(node.weight, score);
  }
}

/** promotable_colocation_rh: a colocation with a role of a promotable clone. */
export function colocateWithPromotable(dependent: Resource, primary: Resource, c: Colocation): void {
  if (dependent.is(RscFlag.Provisional)) {
    const affected: NodeScore[] = [];
    for (const child of primary.children) {
      const chosen = assignedScore(child);
      const nextRole = child.fns.state(child, false);
      if (chosen !== null && nextRole === c.primaryRole) {
        if (c.score < INFINITY) addScoreMatching(dependent.allowedNodes, chosen.node, c.nodeAttribute, c.score);
        affected.unshift(chosen);
      }
    }
    if ((c.dependentRole !== Role.Promoted || c.primaryRole !== Role.Promoted) && c.score >= INFINITY) {
      excludeNodes(dependent, affected, true);
    }
    return;
  }
  if (c.dependentRole !== Role.Promoted) return;
  const instance = findCompatibleInstance(dependent, primary, c.primaryRole, false);
  if (instance === null && c.score >= INFINITY) dependent.priority = -INFINITY;
  else if (instance !== null) dependent.priority = addScores(dependent.priority, c.score);
}
