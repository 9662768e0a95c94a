/** Nodes in text: healthy nodes summarised by state, others one per line. */
import { healthStrategy } from '../../scheduler/unpack/config.js';
import type { Cluster } from '../../scheduler/model/cluster.js';
import type { Node } from '../../scheduler/model/node.js';
import { currentNode } from '../../scheduler/model/resource.js';
import { parseScore } from '../../scheduler/util/score.js';
import { Show, type StatusView, inList } from '../options.js';
import type { ListOutput } from '../text-output.js';
import { filterResources, printBrief, printResource } from './resources.js';

/** "name", with "@host" for guests and " (id)" when asked for details. */
export function nodeDisplayName(node: Node, detail: boolean): string {
  let name = node.uname;
  if (detail && node.isGuest) {
    const host = currentNode(node.remoteRsc!.container!);
    name += '@' + (host?.uname ?? '');
  }
  if (detail && node.uname.toLowerCase() !== node.id.toLowerCase()) name += ` (${node.id})`;
  return name;
}

/** pe__node_health: negative if any health attribute is red, 0 if yellow, else positive. */
export function nodeHealth(cluster: Cluster, node: Node): number {
  if (healthStrategy(cluster) === 'none') return 1;
  let rc = 1;
  const colours = cluster.healthColours;
  for (const [name, value] of node.attrs) {
    if (!name.startsWith('#health')) continue;
    const v = value.toLowerCase();
    if (v === 'red') return -1;
    if (v === 'yellow') {
      rc = 0;
      continue;
    }
    const score = parseScore(value, colours);
    if (score <= colours.red) return -1;
    if (score <= colours.yellow && colours.yellow !== colours.green) rc = 0;
  }
  return rc;
}

export function nodeTextStatus(node: Node): string {
  if (node.unclean) {
    if (node.online) return 'UNCLEAN (online)';
    if (node.pending) return 'UNCLEAN (pending)';
    return 'UNCLEAN (offline)';
  }
  if (node.pending) return 'pending';
  if (node.standbyOnFail && node.online) return 'standby (on-fail)';
  if (node.standby) {
    if (node.online) return node.runningRsc.length > 0 ? 'standby (with active resources)' : 'standby';
    return 'OFFLINE (standby)';
  }
  if (node.maintenance) return node.online ? 'maintenance' : 'OFFLINE (maintenance)';
  if (node.online) return 'online';
  return 'OFFLINE';
}

function printNode(out: ListOutput, cluster: Cluster, node: Node, view: StatusView, showIn: number): void {
  let show = showIn;
  const name = nodeDisplayName(node, (show & Show.NodeId) !== 0);
  const kind = node.isGuest ? 'GuestNode' : node.isRemoteOnly ? 'RemoteNode' : 'Node';
  let line = `${kind} ${name}: ${nodeTextStatus(node)}`;
  const health = nodeHealth(cluster, node);
  if (health < 0) line += ' (health is RED)';
  else if (health === 0) line += ' (health is YELLOW)';
  if (show & Show.FeatureSet) {
    const fs = featureSet(node);
    if (fs !== undefined) line += `, feature set ${fs}`;
  }
  if (show & Show.RscsByNode && show & Show.Brief) {
    const rscs = filterResources(node.runningRsc, view.onlyRscs);
    if (rscs.length > 0) {
      out.beginList(line);
      out.beginList('Resources');
      printBrief(out, rscs, (show | Show.RscOnly) & ~Show.InactiveRscs);
      out.endList();
      out.endList();
    }
  } else if (show & Show.RscsByNode) {
    out.beginList(line);
    out.beginList('Resources');
    for (const rsc of node.runningRsc) {
      show |= Show.RscOnly;
      printResource(out, rsc, view, show);
    }
    out.endList();
    out.endList();
  } else {
    out.item(line);
  }
}

/** The feature set an online cluster node's controller reported. */
export function featureSet(node: Node): string | undefined {
  if (!node.online || node.type === 'remote') return undefined;
  return node.attrs.get('#feature-set') ?? '<3.15.1';
}

/** The node list section; true if printed. */
export function printNodeList(out: ListOutput, cluster: Cluster, view: StatusView, spacer: boolean): boolean {
  const show = view.show;
  const online: string[] = [];
  const onlineRemote: string[] = [];
  const onlineGuest: string[] = [];
  const offline: string[] = [];
  const offlineRemote: string[] = [];
  let printed = false;
  for (const node of cluster.nodes) {
    const name = nodeDisplayName(node, (show & Show.NodeId) !== 0);
    if (!inList(node.uname, view.onlyNodes, true)) continue;
    if (!printed) {
      if (spacer) out.spacer();
      out.beginList('Node List');
      printed = true;
    }
    if (
      node.unclean ||
      node.pending ||
      (node.standbyOnFail && node.online) ||
      node.standby ||
      node.maintenance ||
      show & Show.RscsByNode ||
      show & Show.FeatureSet ||
      nodeHealth(cluster, node) <= 0
    ) {
      printNode(out, cluster, node, view, show);
    } else if (node.online) {
      if (node.isGuest) onlineGuest.push(name);
      else if (node.isRemoteOnly) onlineRemote.push(name);
      else online.push(name);
    } else if (node.isRemoteOnly) offlineRemote.push(name);
    else if (!node.isGuest) offline.push(name);
  }
  const list = (names: string[], id: string) => {
    if (names.length > 0) out.item(`[ ${names.join(' ')} ]`, id);
  };
  list(online, 'Online');
  list(offline, 'OFFLINE');
  list(onlineRemote, 'RemoteOnline');
  list(offlineRemote, 'RemoteOFFLINE');
  list(onlineGuest, 'GuestOnline');
  if (printed) out.endList();
  return printed;
}
