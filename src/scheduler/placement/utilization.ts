/**
 * Utilization: resources use capacities (cpu, memory...) that nodes offer.
 * With a placement strategy other than "default", a resource (with what is
 * colocated with it) only goes where enough capacity remains, and nodes with
 * more free capacity are preferred ("balanced").
 */
import { opKey } from '../actions/operation.js';
import { pseudoOp } from '../actions/create.js';
import type { Action } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { ActionFlag, Order } from '../model/flags.js';
import type { Node, NodeScore } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { newOrdering } from '../ordering/new-ordering.js';
import { INFINITY } from '../util/score.js';
import { nodeAvailable } from './nodes.js';
import { resourceLocation } from './resource-location.js';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** A utilization value as a number (invalid values count as 0). */
export function utilizationValue(s: string | undefined): number {
  if (s === undefined) return 0;
  const m = /^\s*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  const n = Number(m[1]);
  if (n < INT_MIN) return INT_MIN;
  if (n > INT_MAX) return INT_MAX;
  return n;
}

/**
 * Which node has more free capacity: negative when node1 has more (counting
 * one per attribute where it is ahead, minus one where it is behind).
 */
export function compareNodeCapacities(node1: Node, node2: Node): number {
  let result = 0;
  for (const [key, value] of node1.utilization) {
    const c1 = utilizationValue(value);
    const c2 = utilizationValue(node2.utilization.get(key));
    if (c1 > c2) result--;
    else if (c1 < c2) result++;
  }
  for (const [key, value] of node2.utilization) {
    if (node1.utilization.has(key)) continue;
    const c2 = utilizationValue(value);
    if (0 > c2) result--;
    else if (0 < c2) result++;
  }
  return result;
}

/** Takes a resource's needs off a node's remaining capacity. */
export function consumeNodeCapacity(current: Map<string, string>, rsc: Resource): void {
  for (const [key, value] of rsc.utilization) {
    const have = current.get(key);
    const result = have !== undefined ? utilizationValue(have) - utilizationValue(value) : 0;
    current.set(key, String(result));
  }
}

/** Gives a resource's needs back to a node's capacity (or adds them up). */
export function releaseNodeCapacity(current: Map<string, string>, rsc: Resource): void {
  for (const [key, value] of rsc.utilization) {
    current.set(key, String(utilizationValue(current.get(key)) + utilizationValue(value)));
  }
}

function haveEnoughCapacity(node: Node, utilization: Map<string, string>): boolean {
  let enough = true;
  for (const [key, value] of utilization) {
    if (utilizationValue(value) > utilizationValue(node.utilization.get(key))) enough = false;
  }
  return enough;
}

function sumResourceUtilization(orig: Resource, rscs: Resource[]): Map<string, string> {
  const utilization = new Map<string, string>();
  for (const rsc of rscs) rsc.cmds.addUtilization(rsc, orig, rscs, utilization);
  return utilization;
}

/**
 * pcmk__ban_insufficient_capacity: bans the resource from nodes without room
 * for it and what must run with it (or, if no node has room for all, for it
 * alone). Returns the node with most free capacity when no node has room
 * for everything.
 */
export function banInsufficientCapacity(rsc: Resource): Node | null {
  const cluster = rsc.cluster;
  if (cluster.placementStrategy.toLowerCase() === 'default') return null;
  const colocated = rsc.cmds.colocatedResources(rsc, null, []);
  if (colocated.length === 0) return null;
  if (!colocated.includes(rsc)) colocated.push(rsc);
  const unassigned = sumResourceUtilization(rsc, colocated);

  let anyCapable = false;
  let mostCapable: NodeScore | null = null;
  for (const node of rsc.allowedNodes.values()) {
    if (!nodeAvailable(node, true, false)) continue;
    if (haveEnoughCapacity(node.node, unassigned)) anyCapable = true;
    if (mostCapable === null || compareNodeCapacities(node.node, mostCapable.node) < 0) mostCapable = node;
  }
  const needs = anyCapable ? unassigned : rsc.utilization;
  for (const node of [...rsc.allowedNodes.values()]) {
    if (nodeAvailable(node, true, false) && !haveEnoughCapacity(node.node, needs)) {
      resourceLocation(rsc, node, -INFINITY, '__limit_utilization__', cluster);
    }
  }
  return anyCapable ? null : (mostCapable?.node ?? null);
}

function newLoadStoppedOp(node: Node, cluster: Cluster): Action {
  const op = pseudoOp(cluster, `load_stopped_${node.uname}`);
  if (op.node === null) {
    op.node = node;
    op.clear(ActionFlag.Optional);
  }
  return op;
}

/** Orders stops before, and starts after, a per-node "load_stopped" pseudo-action. */
export function createUtilizationConstraints(rsc: Resource, allowedNodes: NodeScore[]): void {
  const cluster = rsc.cluster;
  for (const node of rsc.runningOn) {
    const op = newLoadStoppedOp(node, cluster);
    newOrdering(cluster, rsc, opKey(rsc.id, 'stop', 0), null, null, null, op, Order.Load);
  }
  for (const n of allowedNodes) {
    const op = newLoadStoppedOp(n.node, cluster);
    newOrdering(cluster, null, null, op, rsc, opKey(rsc.id, 'start', 0), null, Order.Load);
    newOrdering(cluster, null, null, op, rsc, opKey(rsc.id, 'migrate_to', 0), null, Order.Load);
  }
}

/** Lines of node capacities, as crm_simulate --show-utilization prints them. */
export function showNodeCapacities(cluster: Cluster, desc: string): void {
  if (!cluster.showUtilization) return;
  for (const node of cluster.nodes) {
    let text = `${desc}: ${node.uname} capacity:`;
    for (const [k, v] of node.utilization) text += ` ${k}=${v}`;
    cluster.scoreLines.push(text);
  }
}

/** A resource's utilization on the node it was assigned to. */
export function showResourceUtilization(rsc: Resource, node: Node, fn: string): void {
  let text = `${fn}: ${rsc.id} utilization on ${node.uname}:`;
  for (const [k, v] of rsc.utilization) text += ` ${k}=${v}`;
  rsc.cluster.scoreLines.push(text);
}
