/** Shutting a node down cleanly: its resources stop first. */
import type { Action } from '../model/action.js';
import { ActionFlag, Order, RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import type { Cluster } from '../model/cluster.js';
import { newOrdering } from '../ordering/new-ordering.js';
import { customAction } from './create.js';

/** pcmk__order_stops_before_shutdown */
function orderStopsBeforeShutdown(cluster: Cluster, node: Node, shutdown: Action): void {
  for (let i = cluster.actions.length - 1; i >= 0; i--) {
    const action = cluster.actions[i]!;
    if (action.rsc === null || action.node === null || action.node !== node || action.task.toLowerCase() !== 'stop') continue;
    if (action.rsc.is(RscFlag.Maintenance)) continue;
    if (node.maintenance) continue;
    if (!action.rsc.is(RscFlag.Managed) && !action.rsc.is(RscFlag.Block)) continue;
    action.clear(ActionFlag.Optional);
    newOrdering(cluster, action.rsc, null, action, null, 'do_shutdown', shutdown, Order.Optional | Order.RunnableLeft);
  }
}

/** pcmk__new_shutdown_action */
export function newShutdownAction(cluster: Cluster, node: Node): Action {
  const op = customAction(null, `do_shutdown-${node.uname}`, 'do_shutdown', node, false, true, cluster);
  orderStopsBeforeShutdown(cluster, node, op);
  if (!op.meta.has('op_no_wait')) op.meta.set('op_no_wait', 'true');
  return op;
}
