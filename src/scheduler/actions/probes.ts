/**
 * Probes: one-time monitors that find out whether a resource is already
 * active on a node where its state is unknown.
 */
import type { Action } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { ActionFlag, Order, RscFlag } from '../model/flags.js';
import { Discover, type Node, sameNodeId } from '../model/node.js';
import { type Resource, isClone } from '../model/resource.js';
import { Role } from '../model/role.js';
import { newOrdering } from '../ordering/new-ordering.js';
import { isTrue } from '../util/text.js';
import { addExpectedResult, customAction } from './create.js';
import { fenceNode } from './fencing.js';
import { orderVsUnfence } from './fencing-order.js';
import { isFailedRemoteNode } from '../schedule/remote.js';
import { opKey } from './operation.js';

function addProbeExpectedResult(probe: Action, rsc: Resource, node: Node): void {
  const running = rsc.runningOn.some((n) => sameNodeId(n, node));
  if (!running) addExpectedResult(probe, 7);
  else if (rsc.role === Role.Promoted) addExpectedResult(probe, 8);
}

function probeThenStart(rsc1: Resource, rsc2: Resource): void {
  if (rsc1.allocatedTo !== null && !rsc1.knownOn.has(rsc1.allocatedTo.node.id)) {
    newOrdering(rsc1.cluster, rsc1, opKey(rsc1.id, 'monitor', 0), null, rsc2, opKey(rsc2.id, 'start', 0), null, Order.Optional);
  }
}

function guestResourceWillStop(node: Node): boolean {
  const guest = node.remoteRsc!.container!;
  return (
    node.remoteRequiresReset ||
    node.unclean ||
    guest.is(RscFlag.Failed) ||
    guest.nextRole === Role.Stopped ||
    (guest.role > Role.Stopped &&
      guest.allocatedTo !== null &&
      !guest.runningOn.some((n) => n.uname.toLowerCase() === guest.allocatedTo!.node.uname.toLowerCase()))
  );
}

function probeAction(rsc: Resource, node: Node): Action {
  const probe = customAction(rsc, opKey(rsc.id, 'monitor', 0), 'monitor', node, false, true, rsc.cluster);
  probe.clear(ActionFlag.Optional);
  orderVsUnfence(rsc, node, probe, Order.Optional);
  addProbeExpectedResult(probe, rsc, node);
  return probe;
}

/** A guest or bundle connection among a container's fillers. */
function containsGuestNode(cluster: Cluster, rsc: Resource): boolean {
  if (!cluster.haveRemoteNodes) return false;
  return rsc.fillers.some((f) => f.isRemoteNode);
}

/** pcmk__probe_rsc_on_node */
export function createProbe(rsc: Resource, node: Node): boolean {
  const cluster = rsc.cluster;
  let top = rsc.top;
  if (!cluster.startupProbes) return false;
  if (node.type === 'remote') {
    if (rsc.standard === 'stonith') return false;
    if (node.isGuest && containsGuestNode(cluster, rsc)) return false;
    if (rsc.isRemoteNode) return false;
  }
  if (rsc.children.length > 0) return probeResourceList(rsc.children, node);
  if (rsc.container !== null && !rsc.isRemoteNode) return false;
  if (rsc.is(RscFlag.Orphan)) return false;
  if (rsc.knownOn.has(node.id)) return false;
  const allowed = rsc.allowedNodes.get(node.id) ?? null;
  if (rsc.exclusiveDiscover || top.exclusiveDiscover) {
    if (allowed === null) return false;
    if (allowed.discover !== Discover.Exclusive) return false;
  }
  const discover = (allowed ?? node).discover;
  if (discover === Discover.Never) return false;
  if (node.isGuest) {
    const guest = node.remoteRsc!.container!;
    if (guest.role === Role.Stopped) {
      probeThenStart(guest, top);
      return false;
    } else if (guestResourceWillStop(node)) {
      newOrdering(cluster, guest, opKey(guest.id, 'stop', 0), null, top, opKey(top.id, 'start', 0), null, Order.Optional);
      return false;
    }
  }
  const probe = probeAction(rsc, node);
  if ((rsc.is(RscFlag.FenceDevice) && cluster.enableUnfencing) || !isClone(top)) top = rsc;
  let flags: number = Order.Optional;
  if (!probe.runnable && rsc.runningOn.length === 0) flags |= Order.RunnableLeft;
  newOrdering(cluster, rsc, null, probe, top, opKey(top.id, 'start', 0), null, flags);
  newOrdering(cluster, rsc, null, probe, top, opKey(rsc.id, 'reload', 0), null, Order.Optional);
  return true;
}

export function probeResourceList(rscs: Resource[], node: Node): boolean {
  let any = false;
  for (const rsc of rscs) if (rsc.cmds.createProbe(rsc, node)) any = true;
  return any;
}

/** pcmk__schedule_probes */
export function scheduleProbes(cluster: Cluster): void {
  for (const node of cluster.nodes) {
    if (!node.online) {
      if (isFailedRemoteNode(node)) fenceNode(cluster, node, 'the connection is unrecoverable', false);
      continue;
    }
    if (node.unclean) continue;
    if (!node.rscDiscoveryEnabled) continue;
    const probed = node.attrs.get('probe_complete');
    if (probed !== undefined && !isTrue(probed)) {
      const op = customAction(null, `probe_again-${node.uname}`, 'probe_again', node, false, true, cluster);
      if (!op.meta.has('op_no_wait')) op.meta.set('op_no_wait', 'true');
      continue;
    }
    probeResourceList(cluster.resources, node);
  }
}
