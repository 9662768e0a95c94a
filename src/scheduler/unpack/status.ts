/**
 * The status section: tickets, each node's state (online, standby,
 * maintenance, shutting down, needing fencing) and then, in as many passes
 * as remote and guest connections require, each node's resource history.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import { stopAction } from '../actions/create.js';
import { fenceNode } from '../actions/fencing.js';
import { type Cluster, NoQuorumPolicy } from '../model/cluster.js';
import { RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import { currentNode } from '../model/resource.js';
import { Role } from '../model/role.js';
import { INFINITY } from '../util/score.js';
import { isTrue } from '../util/text.js';
import { unpackNodeHistory } from './history.js';
import { addNodeAttributes } from './nodes.js';

function unpackTicketState(cluster: Cluster, xml: XmlElement): void {
  const id = xml.attrs['id'];
  if (!id) return;
  let ticket = cluster.tickets.get(id);
  if (!ticket) {
    ticket = { id, granted: false, lastGranted: -1, standby: false, state: new Map() };
    cluster.tickets.set(id, ticket);
  }
  for (const [k, v] of Object.entries(xml.attrs)) if (k !== 'id') ticket.state.set(k, v);
  ticket.granted = isTrue(ticket.state.get('granted'));
  const last = ticket.state.get('last-granted');
  if (last !== undefined) ticket.lastGranted = Number.parseInt(last, 10) || 0;
  ticket.standby = isTrue(ticket.state.get('standby'));
}

/** Whether a node has asked to shut down (a non-zero "shutdown" attribute). */
export function shutdownRequested(node: Node): boolean {
  const v = node.attr('shutdown');
  return v !== undefined && v !== '0';
}

function onlineWithoutFencing(cluster: Cluster, state: XmlElement, node: Node): boolean {
  const join = state.attrs['join'];
  const peer = state.attrs['crmd'];
  const inCluster = state.attrs['in_ccm'];
  if (!isTrue(inCluster)) return false;
  if (peer?.toLowerCase() === 'online') return join?.toLowerCase() === 'member';
  if (!node.expectedUp) return false;
  fenceNode(cluster, node, 'peer is unexpectedly down', false);
  return false;
}

function onlineWithFencing(cluster: Cluster, state: XmlElement, node: Node): boolean {
  const join = state.attrs['join']?.toLowerCase();
  const peer = state.attrs['crmd'];
  const inCluster = state.attrs['in_ccm'];
  const terminate = node.attr('terminate');
  let doTerminate = false;
  if (isTrue(terminate)) doTerminate = true;
  else if (terminate !== undefined && terminate.length > 0) {
    const t = terminate[0]!;
    if (t !== '0' && /[0-9]/.test(t)) doTerminate = true;
  }
  let online = isTrue(inCluster);
  const peerOnline = peer?.toLowerCase() === 'online';
  const expected = (state.attrs['expected'] ?? 'down').toLowerCase();

  if (node.shutdown) {
    online = peerOnline;
  } else if (inCluster === undefined) {
    fenceNode(cluster, node, 'peer has not been seen by the cluster', false);
  } else if (join === 'banned') {
    fenceNode(cluster, node, 'peer failed Pacemaker membership criteria', false);
  } else if (!doTerminate && expected === 'down') {
    if (isTrue(inCluster) || peerOnline) {
      node.standby = true;
      node.pending = true;
    }
  } else if (doTerminate && join === 'down' && !isTrue(inCluster) && !peerOnline) {
    online = false;
  } else if (!isTrue(inCluster)) {
    fenceNode(cluster, node, 'peer is no longer part of the cluster', true);
  } else if (!peerOnline) {
    fenceNode(cluster, node, 'peer process is no longer available', false);
  } else if (doTerminate) {
    fenceNode(cluster, node, 'termination was requested', false);
  } else if (join === 'member') {
    // active
  } else if (join === 'pending' || join === 'down') {
    node.standby = true;
    node.pending = true;
  } else {
    fenceNode(cluster, node, 'peer was in an unknown state', false);
  }
  return online;
}

/** determine_online_status */
export function determineOnlineStatus(cluster: Cluster, state: XmlElement, node: Node): void {
  node.shutdown = false;
  node.expectedUp = false;
  if (shutdownRequested(node)) node.shutdown = true;
  else if (state.attrs['expected']?.toLowerCase() === 'member') node.expectedUp = true;

  let online: boolean;
  if (node.type === 'ping') {
    node.unclean = false;
    online = false;
  } else if (!cluster.stonithEnabled) online = onlineWithoutFencing(cluster, state, node);
  else online = onlineWithFencing(cluster, state, node);

  if (online) node.online = true;
  else {
    node.fixed = true;
    node.weight = -INFINITY;
  }
  if (online && node.shutdown) {
    node.fixed = true;
    node.weight = -INFINITY;
  }
}

/** determine_remote_online_status */
export function determineRemoteOnlineStatus(node: Node): void {
  const rsc = node.remoteRsc;
  if (!rsc) {
    node.online = false;
    return;
  }
  const container = rsc.container;
  const host = container && rsc.runningOn.length === 1 ? rsc.runningOn[0]! : null;
  if (rsc.role === Role.Started) node.online = true;
  if (rsc.role === Role.Started && rsc.nextRole === Role.Stopped) node.shutdown = true;
  if (container && container.is(RscFlag.Failed)) {
    node.online = false;
    node.remoteRequiresReset = true;
  } else if (rsc.is(RscFlag.Failed)) {
    node.online = false;
  } else if (rsc.role === Role.Stopped || (container && container.role === Role.Stopped)) {
    node.online = false;
    node.remoteRequiresReset = false;
  } else if (host && !host.online && host.unclean) {
    node.online = false;
    node.remoteRequiresReset = true;
  }
}

function unpackTransientAttributes(cluster: Cluster, state: XmlElement, node: Node): void {
  addNodeAttributes(cluster, state.firstElement('transient_attributes'), node, true);
  if (isTrue(node.attr('standby'))) node.standby = true;
  if (isTrue(node.attr('maintenance'))) node.maintenance = true;
  const discovery = node.attr('resource-discovery-enabled');
  if (discovery !== undefined && !isTrue(discovery)) {
    cluster.configWarning(
      `Ignoring resource-discovery-enabled attribute for ${node.uname} because disabling resource discovery is not allowed for cluster nodes`,
    );
  }
}

/** unpack_handle_remote_attrs */
function unpackRemoteAttributes(cluster: Cluster, node: Node, state: XmlElement): void {
  node.remoteMaintenance = Number.parseInt(state.attrs['node_in_maintenance'] ?? '0', 10) || 0;
  const rsc = node.remoteRsc;
  if (!node.remoteRequiresReset) {
    node.unclean = false;
    node.unseen = false;
  }
  addNodeAttributes(cluster, state.firstElement('transient_attributes'), node, true);
  if (shutdownRequested(node)) node.shutdown = true;
  if (isTrue(node.attr('standby'))) node.standby = true;
  if (isTrue(node.attr('maintenance')) || (rsc && !rsc.is(RscFlag.Managed))) node.maintenance = true;
  const discovery = node.attr('resource-discovery-enabled');
  if (discovery !== undefined && !isTrue(discovery)) {
    if (node.isRemoteOnly && !cluster.stonithEnabled) {
      cluster.configWarning(
        `Ignoring resource-discovery-enabled attribute on Pacemaker Remote node ${node.uname} because fencing is disabled`,
      );
    } else {
      node.rscDiscoveryEnabled = false;
    }
  }
}

/** unpack_node_state: the node_state element itself (first pass). */
function unpackNodeState(cluster: Cluster, state: XmlElement): void {
  const id = state.attrs['id'];
  const uname = state.attrs['uname'];
  if (id === undefined || uname === undefined) return;
  const node = cluster.findNodeAny(id, uname);
  if (!node) {
    cluster.configWarning(`Ignoring recorded node state for '${uname}' because it is no longer in the configuration`);
    return;
  }
  if (node.type === 'remote') {
    node.remoteWasFenced = Number.parseInt(state.attrs['node_fenced'] ?? '0', 10) || 0;
    return;
  }
  unpackTransientAttributes(cluster, state, node);
  node.unclean = false;
  node.unseen = false;
  determineOnlineStatus(cluster, state, node);
  if (!cluster.haveQuorum && node.online && cluster.noQuorumPolicy === NoQuorumPolicy.Suicide) {
    fenceNode(cluster, node, 'cluster does not have quorum', false);
  }
}

/** One pass over the nodes' histories; true if any was unpacked. */
function unpackHistoriesPass(cluster: Cluster, states: XmlElement[], fence: boolean): boolean {
  let progress = false;
  for (const state of states) {
    const id = state.attrs['id'];
    const uname = state.attrs['uname'];
    if (id === undefined || uname === undefined) continue;
    const node = cluster.findNodeAny(id, uname);
    if (!node || node.unpacked) continue;
    if (fence) {
      // every remaining node
    } else if (node.isGuest) {
      const rsc = node.remoteRsc;
      if (!rsc || rsc.role !== Role.Started || rsc.container!.role !== Role.Started) continue;
    } else if (node.isRemoteOnly) {
      const rsc = node.remoteRsc;
      if (!rsc || (!cluster.shutdownLockEnabled && rsc.role !== Role.Started)) continue;
    } else if (!cluster.stonithEnabled && !cluster.shutdownLockEnabled && !node.online) {
      continue;
    }
    if (node.type === 'remote') {
      determineRemoteOnlineStatus(node);
      unpackRemoteAttributes(cluster, node, state);
    }
    node.unpacked = true;
    unpackNodeHistory(cluster, node, state);
    progress = true;
  }
  return progress;
}

export function unpackStatus(cluster: Cluster, status: XmlElement | undefined): void {
  const states: XmlElement[] = [];
  for (const el of status?.elements() ?? []) {
    if (el.name === 'tickets') {
      for (const t of el.elements('ticket_state')) unpackTicketState(cluster, t);
    } else if (el.name === 'node_state') {
      unpackNodeState(cluster, el);
      states.push(el);
    }
  }
  while (unpackHistoriesPass(cluster, states, false)) {
    // Remote connections found active may let more histories be unpacked.
  }
  unpackHistoriesPass(cluster, states, cluster.stonithEnabled);

  for (const container of cluster.stopNeeded) {
    const node = currentNode(container);
    if (node) stopAction(container, node, false);
  }
  cluster.stopNeeded = [];

  for (const node of cluster.nodes) {
    if (node.type !== 'remote') continue;
    if (node.shutdown && node.remoteRsc) node.remoteRsc.setNextRole(Role.Stopped);
    if (!node.unpacked) determineRemoteOnlineStatus(node);
  }
}
