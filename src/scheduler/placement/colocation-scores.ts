/**
 * How colocations turn into scores: a placed primary adds (or subtracts) a
 * colocation's score on the dependent's nodes; before that, dependents'
 * preferences flow back to primaries, attenuated by score/INFINITY, through
 * chains of colocations.
 */
import type { Colocation } from '../model/constraints.js';
import { RscFlag } from '../model/flags.js';
import { type NodeTable, copyNodeTable } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { Role } from '../model/role.js';
import { INFINITY, addScores } from '../util/score.js';
import { eqIgnoreCase } from '../util/text.js';
import { groupData } from '../variants/group/status.js';
import { anyNodeAvailable, nodeAvailable } from './nodes.js';

/** A score that marks a node unusable while merging scores. */
export const INFINITY_HACK = INFINITY * -100;

export enum Affects {
  Nothing = 0,
  Location = 1,
  Role = 2,
}

/** Options for addColocatedNodeScores. */
export const ColocSelect = {
  Default: 0,
  /** Follow "this with" colocations rather than "with this". */
  ThisWith: 0x1,
  /** Only non-negative results. */
  Nonnegative: 0x2,
  /** Only when some node is left available. */
  Active: 0x4,
} as const;

/** Whether the dependent's preferences may move the primary. */
export function colocationHasInfluence(c: Colocation, rsc: Resource | null): boolean {
  const r = rsc ?? c.primary;
  if (c.dependent.is(RscFlag.AllowRemoteRemotes) && !r.is(RscFlag.Failed) && r.runningOn.length === 1) return false;
  return c.influence || r.runningOn.length === 0;
}

/** pcmk__colocation_affects: what a colocation affects at this point (placement or roles). */
export function colocationAffects(dependent: Resource, primary: Resource, c: Colocation, preview: boolean): Affects {
  if (!preview && primary.is(RscFlag.Provisional)) return Affects.Nothing;
  if (
    c.dependentRole >= Role.Unpromoted &&
    dependent.parent !== null &&
    dependent.parent.is(RscFlag.Promotable) &&
    !dependent.is(RscFlag.Provisional)
  ) {
    return Affects.Role;
  }
  if (!preview && !dependent.is(RscFlag.Provisional)) return Affects.Nothing;
  if (c.score > 0 && c.dependentRole !== Role.Unknown && c.dependentRole !== dependent.nextRole) return Affects.Nothing;
  if (c.score > 0 && c.primaryRole !== Role.Unknown && c.primaryRole !== primary.nextRole) return Affects.Nothing;
  if (c.score < 0 && c.dependentRole !== Role.Unknown && c.dependentRole === dependent.nextRole) return Affects.Nothing;
  if (c.score < 0 && c.primaryRole !== Role.Unknown && c.primaryRole === primary.nextRole) return Affects.Nothing;
  return Affects.Location;
}

/** pcmk__apply_coloc_to_weights: the placed primary's node decides the dependent's scores. */
export function applyColocationToScores(dependent: Resource, primary: Resource, c: Colocation): void {
  const attribute = c.nodeAttribute ?? '#id';
  let value: string | undefined;
  if (primary.allocatedTo !== null) value = primary.allocatedTo.node.attrs.get(attribute);
  else if (c.score < 0) return;
  const work = copyNodeTable(dependent.allowedNodes);
  for (const node of work.values()) {
    if (primary.allocatedTo === null) {
      node.weight = addScores(-c.score, node.weight);
    } else if (eqIgnoreCase(node.node.attrs.get(attribute), value)) {
      if (c.score < INFINITY) node.weight = addScores(c.score, node.weight);
    } else if (c.score >= INFINITY) {
      node.weight = addScores(-c.score, node.weight);
    }
  }
  if (c.score <= -INFINITY || c.score >= INFINITY || anyNodeAvailable(work)) dependent.allowedNodes = work;
}

/** pcmk__apply_coloc_to_priority: colocations with roles weigh on promotion priority. */
export function applyColocationToPriority(dependent: Resource, primary: Resource, c: Colocation): void {
  if (primary.allocatedTo === null || dependent.allocatedTo === null) return;
  const attribute = c.nodeAttribute ?? '#id';
  const dv = dependent.allocatedTo.node.attrs.get(attribute);
  const pv = primary.allocatedTo.node.attrs.get(attribute);
  if (!eqIgnoreCase(dv, pv)) {
    if (c.score === INFINITY && c.dependentRole === Role.Promoted) dependent.priority = -INFINITY;
    return;
  }
  if (c.primaryRole !== Role.Unknown && c.primaryRole !== primary.nextRole) return;
  const multiplier = c.dependentRole === Role.Unpromoted ? -1 : 1;
  dependent.priority = addScores(multiplier * c.score, dependent.priority);
}

function bestScoreMatchingAttr(rsc: Resource, attr: string, value: string | undefined): number {
  let best = -INFINITY;
  for (const node of rsc.allowedNodes.values()) {
    if (node.weight > best && nodeAvailable(node, false, false) && eqIgnoreCase(value, node.node.attrs.get(attr))) {
      best = node.weight;
    }
  }
  return best;
}

/** C's (int)(x ± 0.5) rounding of a float product. */
function roundFactor(factor: number, score: number): number {
  const f = Math.fround(factor * Math.fround(score));
  return Math.trunc(f < 0 ? f - 0.5 : f + 0.5);
}

function addScoresMatchingAttr(
  nodes: NodeTable,
  rsc: Resource,
  attrIn: string | null,
  factor: number,
  onlyPositive: boolean,
): void {
  const attr = attrIn ?? '#uname';
  for (const node of nodes.values()) {
    const score = bestScoreMatchingAttr(rsc, attr, node.node.attrs.get(attr));
    if (factor < 0 && score < 0) continue;
    if (node.weight === INFINITY_HACK) continue;
    let weight = roundFactor(factor, score);
    if (weight === 0 && score !== 0) {
      if (factor > 0) weight = 1;
      else if (factor < 0) weight = -1;
    }
    const newScore = addScores(weight, node.weight);
    if (onlyPositive && newScore < 0 && node.weight > 0) {
      node.weight = INFINITY_HACK;
      continue;
    }
    if (onlyPositive && newScore < 0 && node.weight === 0) continue;
    node.weight = newScore;
  }
}

/** The float factor a colocation's score gives (score / INFINITY, in C float). */
export function colocationFactor(score: number, multiplier = 1): number {
  return Math.fround(Math.fround(multiplier * score) / INFINITY);
}

/**
 * pcmk__add_colocated_node_scores: merges a resource's node scores (times
 * factor) into `nodes.table`, then, transitively, those of resources
 * colocated with it. With a null table, starts from the resource's own
 * allowed nodes.
 */
export function addColocatedNodeScores(
  rsc: Resource,
  logId: string | null,
  nodes: { table: NodeTable | null },
  attr: string | null,
  factor: number,
  flags: number,
): void {
  if (rsc.is(RscFlag.Merging)) return;
  rsc.set(RscFlag.Merging);
  let work: NodeTable | null;
  if (rsc.variant === 'group') {
    if (rsc.children.length === 0) work = null;
    else {
      const member = nodes.table === null ? groupData(rsc).lastChild! : rsc.children[0]!;
      const box = { table: nodes.table ? copyNodeTable(nodes.table) : null };
      addColocatedNodeScores(member, logId, box, attr, factor, flags);
      work = box.table;
    }
  } else if (nodes.table === null) {
    work = copyNodeTable(rsc.allowedNodes);
  } else {
    work = copyNodeTable(nodes.table);
    addScoresMatchingAttr(work, rsc, attr, factor, (flags & ColocSelect.Nonnegative) !== 0);
  }
  if (work === null) {
    rsc.clear(RscFlag.Merging);
    return;
  }
  if (anyNodeAvailable(work)) {
    const multiplier = factor < 0 ? -1 : 1;
    let list: Colocation[];
    if (flags & ColocSelect.ThisWith) list = rsc.thisWith;
    else if (rsc.variant === 'group') list = groupData(rsc).lastChild!.withThis;
    else list = rsc.withThis;
    const box = { table: work as NodeTable | null };
    for (const c of [...list]) {
      let other: Resource;
      if (flags & ColocSelect.ThisWith) other = c.primary;
      else if (!colocationHasInfluence(c, null)) continue;
      else other = c.dependent;
      addColocatedNodeScores(
        other,
        logId,
        box,
        c.nodeAttribute,
        colocationFactor(c.score, multiplier),
        flags | ColocSelect.Active,
      );
    }
    work = box.table!;
  } else if (flags & ColocSelect.Active) {
    rsc.clear(RscFlag.Merging);
    return;
  }
  if (flags & ColocSelect.Nonnegative) {
    for (const node of work.values()) if (node.weight === INFINITY_HACK) node.weight = 1;
  }
  nodes.table = work;
  rsc.clear(RscFlag.Merging);
}
