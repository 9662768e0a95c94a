/** Fencing unclean nodes and shutting down nodes that asked to (schedule_fencing_and_shutdowns). */
import { canFence } from '../actions/create.js';
import { fenceOp } from '../actions/fencing.js';
import { fenceGuest, orderVsFence } from '../actions/fencing-order.js';
import { newShutdownAction } from '../actions/shutdown.js';
import type { Action } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { Order, RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { orderAfterEach } from '../ordering/apply.js';
import { addOrdering } from '../ordering/links.js';

function isManaged(rsc: Resource): boolean {
  if (rsc.is(RscFlag.Managed)) return true;
  return rsc.children.some(isManaged);
}

function scheduleFencing(cluster: Cluster, node: Node): Action {
  const fencing = fenceOp(cluster, node, null, false, 'node is unclean', false);
  orderVsFence(fencing, cluster);
  return fencing;
}

export function scheduleFencingAndShutdowns(cluster: Cluster): void {
  let dcDown: Action | null = null;
  const haveManaged = cluster.resources.some(isManaged);
  // Newest first, as Pacemaker prepends to these lists.
  const fencingOps: Action[] = [];
  const shutdownOps: Action[] = [];
  for (const node of cluster.nodes) {
    let fencing: Action | null = null;
    if (node.isGuest) {
      if (node.remoteRequiresReset && haveManaged && canFence(cluster, node)) fenceGuest(cluster, node);
      continue;
    }
    if (haveManaged && node.unclean && canFence(cluster, node)) {
      fencing = scheduleFencing(cluster, node);
      if (node.isDc) dcDown = fencing;
      else {
        if (!cluster.concurrentFencing && fencingOps.length > 0) addOrdering(fencingOps[0]!, fencing, Order.Optional);
        fencingOps.unshift(fencing);
      }
    } else if (node.type !== 'remote' && node.online && node.shutdown) {
      const down = newShutdownAction(cluster, node);
      if (node.isDc) dcDown = down;
      else shutdownOps.unshift(down);
    }
  }
  if (dcDown !== null) {
    if (dcDown.task === 'do_shutdown') orderAfterEach(dcDown, shutdownOps);
    if (cluster.concurrentFencing) orderAfterEach(dcDown, fencingOps);
    else if (fencingOps.length > 0) addOrdering(fencingOps[0]!, dcDown, Order.Optional);
  }
}
