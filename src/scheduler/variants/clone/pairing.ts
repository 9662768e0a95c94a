/**
 * Pairing instances of two collective resources node by node (interleave):
 * colocations and orderings between interleaved clones apply between the
 * instances on the same node rather than between whole clones.
 */
import { RscFlag } from '../../model/flags.js';
import type { Node, NodeScore } from '../../model/node.js';
import { type Resource, resourceLocation } from '../../model/resource.js';
import { Role } from '../../model/role.js';
import { probeOrderingHooks } from '../../ordering/probes.js';
import { sortNodes } from '../../placement/nodes.js';
import { bundleData } from '../bundle/status.js';

/** is_set_recursive(rsc, flag, any): the resource or any member has the flag. */
export function anyHasFlag(rsc: Resource, flag: number): boolean {
  if (rsc.is(flag)) return true;
  return rsc.children.some((c) => anyHasFlag(c, flag));
}

/** fns->location(rsc, NULL, current): where it runs now (current) or is assigned, if one node. */
export function locationOf(rsc: Resource, current: boolean): Node | null {
  return resourceLocation(rsc, current ? 'running' : 'assigned');
}

/** native_location(rsc, NULL, FALSE) with its score: the one assigned node (a group's from its first member). */
export function assignedScore(rsc: Resource): NodeScore | null {
  if (rsc.children.length === 0) return rsc.allocatedTo;
  const nodes = new Set<Node>();
  let first: NodeScore | null = null;
  for (const c of rsc.children) {
    const n = assignedScore(c);
    if (n === null) continue;
    first ??= n;
    nodes.add(n.node);
  }
  return nodes.size === 1 ? first : null;
}

/** is_child_compatible */
function isCompatible(child: Resource, node: Node, filter: Role, current: boolean): boolean {
  const role = child.fns.state(child, current);
  let where: Node | null = null;
  if (!anyHasFlag(child, RscFlag.Block)) where = locationOf(child, current);
  if (filter !== Role.Unknown && role !== filter) return false;
  return where !== null && where === node;
}

/** The instances (or, for bundles, replica containers) a collective pairs with. */
export function instancesOf(rsc: Resource): Resource[] {
  return rsc.variant === 'bundle' ? bundleData(rsc).replicas.map((r) => r.container) : rsc.children;
}

/** find_compatible_child_by_node */
export function compatibleInstanceOnNode(node: Node | null, rsc: Resource, filter: Role, current: boolean): Resource | null {
  if (node === null) return null;
  for (const child of instancesOf(rsc)) if (isCompatible(child, node, filter, current)) return child;
  return null;
}

/** find_compatible_child: the instance of `rsc` on the node where `local` is (or could go). */
export function findCompatibleInstance(local: Resource, rsc: Resource, filter: Role, current: boolean): Resource | null {
  const node = locationOf(local, current);
  if (node !== null) return compatibleInstanceOnNode(node, rsc, filter, current);
  for (const n of sortNodes(rsc.cluster, [...local.allowedNodes.values()], null)) {
    const pair = compatibleInstanceOnNode(n.node, rsc, filter, current);
    if (pair !== null) return pair;
  }
  return null;
}

/** copies_per_node: how many instances a resource may have on one node. */
export function copiesPerNode(rsc: Resource): number {
  switch (rsc.variant) {
    case 'primitive':
    case 'group':
      return 1;
    case 'clone': {
      const value = rsc.meta.get('clone-node-max');
      if (value === undefined) return 1;
      const n = parseInt(value, 10);
      return Number.isNaN(n) ? 0 : Math.max(0, n);
    }
    case 'bundle':
      return (rsc.variantData as { replicasPerHost?: number } | null)?.replicasPerHost ?? 1;
    default:
      return 0;
  }
}

probeOrderingHooks.findCompatibleChild = (local, rsc) => findCompatibleInstance(local, rsc, Role.Unknown, false);
