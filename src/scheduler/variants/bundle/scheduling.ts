/**
 * A bundle's scheduling: its replicas' containers are placed like a clone's
 * instances, then each replica's address, connection and bundled instance
 * follow its container; the bundle's own start, stop (and, promotable,
 * promote, demote) pseudo-actions stand for all replicas.
 */
import { resourceActions, rscPseudoAction } from '../../actions/create.js';
import { opKey } from '../../actions/operation.js';
import { Task, complexTask } from '../../actions/tasks.js';
import { applyLocation } from '../../constraints/location.js';
import { newColocation } from '../../constraints/colocation.js';
import type { Action } from '../../model/action.js';
import type { Colocation, Location } from '../../model/constraints.js';
import { Order, RscFlag } from '../../model/flags.js';
import type { Node } from '../../model/node.js';
import type { Resource } from '../../model/resource.js';
import { Role } from '../../model/role.js';
import type { SchedulingMethods } from '../../model/variant.js';
import { newOrdering, orderResourceActions, orderStarts, orderStops } from '../../ordering/new-ordering.js';
import { assignResource, thresholdReached } from '../../placement/assignment.js';
import { colocatedResources } from '../../placement/colocated-resources.js';
import { showScores } from '../../placement/show-scores.js';
import { glibSort } from '../../util/glib.js';
import { INFINITY } from '../../util/score.js';
import { createInstanceActions, summaryActionFlags } from '../clone/actions.js';
import { compareInstances, distributeInstances } from '../clone/assign.js';
import { anyHasFlag, findCompatibleInstance, instancesOf, locationOf } from '../clone/pairing.js';
import { collectiveUpdateOrderedActions } from '../clone/scheduling.js';
import { excludeNodes } from '../clone/exclude.js';
import { orderPromotableRestarts } from '../clone/promotable.js';
import { setHostAddress } from './host-address.js';
import { type Replica, bundleData } from './status.js';

function isBundleNode(bundle: Resource, node: Node): boolean {
  return bundleData(bundle).replicas.some((r) => r.node === node);
}

/** A replica's address, connection and bundled instance, once its container is placed. */
function assignReplica(bundle: Resource, r: Replica, prefer: Node | null): void {
  if (r.ip !== null) r.ip.cmds.assign(r.ip, prefer);
  const host = r.container.allocatedTo?.node ?? null;
  if (r.remote !== null && host !== null && host.type === 'remote') {
    // a connection nested in a remote node must go where that node's connection is:
    // pacemaker-remoted takes one connection at a time
    newColocation(bundle.cluster, 'child-remote-with-docker-remote', undefined, INFINITY, r.remote, host.remoteRsc!, undefined, undefined, true);
  }
  if (r.remote !== null) r.remote.cmds.assign(r.remote, prefer);
  if (r.child !== null && r.node !== null) {
    for (const n of r.child.allowedNodes.values()) {
      if (n.node !== r.node) n.weight = -INFINITY;
      else if (thresholdReached(r.child, n.node) === null) n.weight = INFINITY;
    }
    const clone = r.child.parent!;
    clone.set(RscFlag.Allocating);
    r.child.cmds.assign(r.child, r.node);
    clone.clear(RscFlag.Allocating);
  }
}

/** pcmk__bundle_allocate */
function bundleAssign(rsc: Resource, prefer: Node | null): Node | null {
  const data = bundleData(rsc);
  rsc.set(RscFlag.Allocating);
  showScores(rsc.cluster, rsc, 'pcmk__bundle_allocate', rsc.allowedNodes);
  const containers = glibSort(instancesOf(rsc), compareInstances);
  distributeInstances(rsc, containers, data.nreplicas, data.replicasPerHost);
  for (const r of data.replicas) assignReplica(rsc, r, prefer);
  if (data.child !== null) {
    for (const n of data.child.allowedNodes.values()) n.weight = isBundleNode(rsc, n.node) ? 0 : -INFINITY;
    data.child.cmds.assign(data.child, prefer);
  }
  rsc.clear(RscFlag.Allocating | RscFlag.Provisional);
  return null;
}

function bundleCreateActions(rsc: Resource): void {
  const data = bundleData(rsc);
  for (const r of data.replicas) {
    if (r.ip !== null) r.ip.cmds.createActions(r.ip);
    r.container.cmds.createActions(r.container);
    if (r.remote !== null) r.remote.cmds.createActions(r.remote);
  }
  createInstanceActions(rsc, instancesOf(rsc));
  if (data.child !== null) {
    data.child.cmds.createActions(data.child);
    if (data.child.is(RscFlag.Promotable)) {
      rscPseudoAction(rsc, 'promote', true, true);
      rscPseudoAction(rsc, 'promoted', true, true).priority = INFINITY;
      rscPseudoAction(rsc, 'demote', true, true);
      rscPseudoAction(rsc, 'demoted', true, true).priority = INFINITY;
    }
  }
}

function bundleInternalConstraints(rsc: Resource): void {
  const data = bundleData(rsc);
  const child = data.child;
  if (child !== null) {
    orderResourceActions(rsc, 'start', child, 'start', Order.ImpliesFirstPrinted);
    orderResourceActions(rsc, 'stop', child, 'stop', Order.ImpliesFirstPrinted);
    if (child.children.length > 0) {
      orderResourceActions(child, 'running', rsc, 'running', Order.ImpliesThenPrinted);
      orderResourceActions(child, 'stopped', rsc, 'stopped', Order.ImpliesThenPrinted);
    } else {
      orderResourceActions(child, 'start', rsc, 'running', Order.ImpliesThenPrinted);
      orderResourceActions(child, 'stop', rsc, 'stopped', Order.ImpliesThenPrinted);
    }
  }
  for (const r of data.replicas) {
    r.container.cmds.internalConstraints(r.container);
    orderStarts(rsc, r.container, Order.RunnableLeft | Order.ImpliesFirstPrinted);
    if (r.child !== null) orderStops(rsc, r.child, Order.ImpliesFirstPrinted);
    orderStops(rsc, r.container, Order.ImpliesFirstPrinted);
    orderResourceActions(r.container, 'start', rsc, 'running', Order.ImpliesThenPrinted);
    orderResourceActions(r.container, 'stop', rsc, 'stopped', Order.ImpliesThenPrinted);
    if (r.ip !== null) {
      r.ip.cmds.internalConstraints(r.ip);
      // the address comes up before its container and goes down after it
      orderStarts(r.ip, r.container, Order.RunnableLeft | Order.Preserve);
      orderStops(r.container, r.ip, Order.ImpliesFirst | Order.Preserve);
      newColocation(rsc.cluster, 'ip-with-docker', undefined, INFINITY, r.ip, r.container, undefined, undefined, true);
    }
    // the connection's own constraints tie it to its container (and the address, through it)
    if (r.remote !== null) r.remote.cmds.internalConstraints(r.remote);
  }
  if (child !== null) {
    child.cmds.internalConstraints(child);
    if (child.is(RscFlag.Promotable)) {
      orderPromotableRestarts(rsc);
      orderResourceActions(child, 'demoted', rsc, 'demoted', Order.ImpliesThenPrinted);
      orderResourceActions(rsc, 'demote', child, 'demote', Order.ImpliesFirstPrinted);
      orderResourceActions(child, 'promoted', rsc, 'promoted', Order.ImpliesThenPrinted);
      orderResourceActions(rsc, 'promote', child, 'promote', Order.ImpliesFirstPrinted);
    }
  }
}

/** pcmk__bundle_apply_coloc_score: the bundle as the primary (its own colocations go to its containers). */
function bundleApplyColocationScore(dependent: Resource, primary: Resource, c: Colocation, forDependent: boolean): void {
  if (forDependent) return;
  if (primary.is(RscFlag.Provisional)) return;
  if (c.dependent.variant === 'clone' || c.dependent.variant === 'bundle') {
    const container = findCompatibleInstance(dependent, primary, Role.Unknown, false);
    if (container !== null) dependent.cmds.applyColocationScore(dependent, container, c, true);
    else if (c.score >= INFINITY) assignResource(dependent, null, true);
    return;
  }
  const hosts: Node[] = [];
  for (const r of bundleData(primary).replicas) {
    if (c.score < INFINITY) {
      r.container.cmds.applyColocationScore(dependent, r.container, c, false);
      continue;
    }
    const chosen = locationOf(r.container, false);
    if (chosen === null || anyHasFlag(r.container, RscFlag.Block)) continue;
    if (c.primaryRole >= Role.Promoted && (r.child === null || r.child.nextRole < Role.Promoted)) continue;
    hosts.unshift(chosen);
  }
  if (c.score >= INFINITY) excludeNodes(dependent, hosts, false);
}

/** pcmk__bundle_rsc_location: the bundle's, its containers' and addresses' scores; role-specific ones for the bundled clone. */
function bundleApplyLocation(rsc: Resource, loc: Location): void {
  const data = bundleData(rsc);
  applyLocation(rsc, loc);
  for (const r of data.replicas) {
    r.container.cmds.applyLocation(r.container, loc);
    if (r.ip !== null) r.ip.cmds.applyLocation(r.ip, loc);
  }
  if (data.child !== null && (loc.roleFilter === Role.Unpromoted || loc.roleFilter === Role.Promoted)) {
    data.child.cmds.applyLocation(data.child, loc);
    data.child.locations.unshift(loc);
  }
}

function bundleActionFlags(action: Action, node: Node | null): number {
  const child = bundleData(action.rsc!).child;
  if (child !== null) {
    switch (complexTask(child, action.task, true)) {
      case Task.None:
      case Task.Notify:
      case Task.Notified:
      case Task.Promote:
      case Task.Promoted:
      case Task.Demote:
      case Task.Demoted:
        return summaryActionFlags(action, child.children, node);
      default:
        break;
    }
  }
  return summaryActionFlags(action, instancesOf(action.rsc!), node);
}

/**
 * pcmk__bundle_create_probe: each replica's members on the node; with one
 * replica per host, no other container starts before this one's probe (they
 * would share ports); a connection is probed once its container is up.
 */
function bundleCreateProbe(rsc: Resource, node: Node): boolean {
  const data = bundleData(rsc);
  let any = false;
  for (const r of data.replicas) {
    if (r.ip !== null && r.ip.cmds.createProbe(r.ip, node)) any = true;
    if (r.child !== null && r.node === node && r.child.cmds.createProbe(r.child, node)) any = true;
    if (r.container.cmds.createProbe(r.container, node)) {
      any = true;
      if (data.replicasPerHost === 1) {
        for (const other of data.replicas) {
          if (other === r) continue;
          newOrdering(
            rsc.cluster,
            r.container,
            opKey(r.container.id, 'monitor', 0),
            null,
            other.container,
            opKey(other.container.id, 'start', 0),
            null,
            Order.Optional | Order.SameNode,
          );
        }
      }
    }
    if (r.remote !== null && r.remote.cmds.createProbe(r.remote, node)) {
      const probe = resourceActions(r.remote, node, 'monitor', true).at(-1) ?? null;
      if (probe !== null) {
        any = true;
        newOrdering(rsc.cluster, r.container, opKey(r.container.id, 'start', 0), null, r.remote, null, probe, Order.Probe);
      }
    }
  }
  return any;
}

function bundleOutputActions(rsc: Resource): void {
  for (const r of bundleData(rsc).replicas) {
    if (r.ip !== null) r.ip.cmds.outputActions(r.ip);
    r.container.cmds.outputActions(r.container);
    if (r.remote !== null) r.remote.cmds.outputActions(r.remote);
    if (r.child !== null) r.child.cmds.outputActions(r.child);
  }
}

function bundleAddActionsToGraph(rsc: Resource): void {
  const data = bundleData(rsc);
  if (data.child !== null) data.child.cmds.addActionsToGraph(data.child);
  for (const r of data.replicas) {
    if (r.remote !== null) setHostAddress(r.remote);
    if (r.ip !== null) r.ip.cmds.addActionsToGraph(r.ip);
    r.container.cmds.addActionsToGraph(r.container);
    if (r.remote !== null) r.remote.cmds.addActionsToGraph(r.remote);
  }
}

export const bundleCmds: SchedulingMethods = {
  assign: bundleAssign,
  createActions: bundleCreateActions,
  createProbe: bundleCreateProbe,
  internalConstraints: bundleInternalConstraints,
  applyColocationScore: bundleApplyColocationScore,
  colocatedResources,
  applyLocation: bundleApplyLocation,
  actionFlags: bundleActionFlags,
  updateOrderedActions: collectiveUpdateOrderedActions,
  outputActions: bundleOutputActions,
  addActionsToGraph: bundleAddActionsToGraph,
  addGraphMeta: () => undefined,
  addUtilization(rsc, orig, all, utilization) {
    if (!rsc.is(RscFlag.Provisional)) return;
    // replicas are alike, and only containers carry utilization
    const first = bundleData(rsc).replicas[0];
    if (first !== undefined) first.container.cmds.addUtilization(first.container, orig, all, utilization);
  },
  // bundles take no shutdown locks
  shutdownLock: () => undefined,
};
