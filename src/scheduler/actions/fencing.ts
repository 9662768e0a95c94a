/**
 * Fencing: marking a node unclean and scheduling its fence action (guest
 * nodes are "fenced" by recovering their container), with the fencing
 * device digests that decide whether nodes need unfencing.
 */
import type { Action } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { ActionFlag, RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { DigestResult, compareFencingDigest } from '../unpack/digests.js';
import { canFence, customAction } from './create.js';

/** Fencing devices that need or provide unfencing. */
function unfencingDevices(list: Resource[], out: Resource[]): Resource[] {
  for (const rsc of list) {
    if (rsc.children.length > 0) unfencingDevices(rsc.children, out);
    else if (!rsc.is(RscFlag.FenceDevice)) continue;
    else if (rsc.is(RscFlag.NeedsUnfencing)) out.unshift(rsc);
    else if (rsc.meta.get('provides')?.toLowerCase() === 'unfencing') out.unshift(rsc);
  }
  return out;
}

/** The priority-fencing-delay for a lost node (0 if it does not apply). */
function priorityDelay(cluster: Cluster, node: Node): number {
  if (cluster.priorityFencingDelay <= 0 || node.type !== 'member' || node.online) return 0;
  let members = 0;
  let online = 0;
  let top = 0;
  let lowest = 0;
  for (const n of cluster.nodes) {
    if (n.type !== 'member') continue;
    members++;
    if (n.online) online++;
    if (members === 1 || n.priority > top) top = n.priority;
    if (members === 1 || n.priority < lowest) lowest = n.priority;
  }
  if (online > Math.trunc(members / 2)) return 0;
  if (lowest === top) return 0;
  if (node.priority < top) return 0;
  return cluster.priorityFencingDelay;
}

/** pe_fence_op: the fence action of a node, created once. */
export function fenceOp(
  cluster: Cluster,
  node: Node,
  op: string | null,
  optionalIn: boolean,
  reason: string | null,
  withPriorityDelay: boolean,
): Action {
  let optional = optionalIn;
  const task = op ?? cluster.stonithAction;
  const key = `stonith-${node.uname}-${task}`;
  let action = cluster.singletons.get(key);
  if (!action) {
    action = customAction(null, key, 'stonith', node, true, true, cluster);
    action.meta.set('on_node', node.uname);
    action.meta.set('on_node_uuid', node.id);
    action.meta.set('stonith_action', task);
    if (cluster.enableUnfencing) {
      let all = '';
      let secure = '';
      for (const dev of unfencingDevices(cluster.resources, [])) {
        const agent = dev.meta.get('type') ?? '';
        const d = compareFencingDigest(dev, agent, node);
        if (d.rc === DigestResult.All) {
          optional = false;
          cluster.infoLines.push(
            `notice: Unfencing Pacemaker Remote node ${node.uname} because the definition of ${dev.id} changed`,
          );
        }
        all += `${dev.id}:${agent}:${d.all},`;
        secure += `${dev.id}:${agent}:${d.secure},`;
      }
      action.meta.set('digests-all', all);
      action.meta.set('digests-secure', secure);
    }
  }
  if (cluster.priorityFencingDelay > 0 && (withPriorityDelay || action.meta.has('priority-fencing-delay'))) {
    action.meta.set('priority-fencing-delay', String(priorityDelay(cluster, node)));
  }
  if (!optional && canFence(cluster, node)) {
    action.clear(ActionFlag.Optional);
    action.setReason(reason, false);
  } else if (reason !== null && action.reason === null) {
    action.reason = reason;
  }
  return action;
}

/** A remote node whose guest resource vanished along with its history. */
function isDanglingGuest(node: Node): boolean {
  return (
    node.type === 'remote' &&
    node.remoteRsc !== null &&
    node.remoteRsc.container === null &&
    node.remoteRsc.is(RscFlag.OrphanContainerFiller)
  );
}

/** pe_fence_node: mark a node unclean and schedule fencing of it. */
export function fenceNode(cluster: Cluster, node: Node, reason: string, withPriorityDelay: boolean): void {
  if (node.isGuest) {
    const container = node.remoteRsc!.container!;
    if (!container.is(RscFlag.Failed)) {
      if (!container.is(RscFlag.Managed)) {
        cluster.messages.push({
          level: 'notice',
          text: `Not fencing guest node ${node.uname} (otherwise would because ${reason}): its guest resource ${container.id} is unmanaged`,
        });
      } else {
        cluster.messages.push({
          level: 'warning',
          text: `Guest node ${node.uname} will be fenced (by recovering its guest resource ${container.id}): ${reason}`,
        });
        node.remoteRequiresReset = true;
        container.set(RscFlag.Failed | RscFlag.Stop);
      }
    }
  } else if (isDanglingGuest(node)) {
    node.remoteRsc!.set(RscFlag.Failed | RscFlag.Stop);
  } else if (node.isRemoteOnly) {
    const rsc = node.remoteRsc;
    if (rsc && !rsc.is(RscFlag.Managed)) {
      cluster.messages.push({
        level: 'notice',
        text: `Not fencing remote node ${node.uname} (otherwise would because ${reason}): connection is unmanaged`,
      });
    } else if (!node.remoteRequiresReset) {
      node.remoteRequiresReset = true;
      cluster.messages.push({
        level: 'warning',
        text: `Remote node ${node.uname} ${canFence(cluster, node) ? 'will be fenced' : 'is unclean'}: ${reason}`,
      });
    }
    node.unclean = true;
    fenceOp(cluster, node, null, true, reason, false);
  } else if (node.unclean) {
    // already being fenced
  } else {
    cluster.messages.push({
      level: 'warning',
      text: `Cluster node ${node.uname} ${canFence(cluster, node) ? 'will be fenced' : 'is unclean'}: ${reason}`,
    });
    node.unclean = true;
    fenceOp(cluster, node, null, true, reason, withPriorityDelay);
  }
}
