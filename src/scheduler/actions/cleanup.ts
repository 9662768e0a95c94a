/** Cleaning up a resource's history on a node (the "delete" action). */
import { Order, RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { orderResourceActions } from '../ordering/new-ordering.js';
import { customAction } from './create.js';
import { opKey } from './operation.js';

/** pcmk__schedule_cleanup: stop, then clean up, then start. */
export function scheduleCleanup(rsc: Resource, node: Node, optional: boolean): void {
  const flag = optional ? Order.ImpliesThen : Order.Optional;
  if (rsc.is(RscFlag.Failed)) return;
  if (node.unclean || !node.online) return;
  customAction(rsc, opKey(rsc.id, 'delete', 0), 'delete', node, optional, true, rsc.cluster);
  orderResourceActions(rsc, 'stop', rsc, 'delete', flag);
  orderResourceActions(rsc, 'delete', rsc, 'start', flag);
}
