/** Linking two actions in order (order_actions). */
import { type Action, LinkState } from '../model/action.js';
import { Order } from '../model/flags.js';

/** first before then; false if no link was added (none, or already there). */
export function addOrdering(first: Action | null, then: Action | null, type: number): boolean {
  if (type === Order.None || !first || !then) return false;
  if (first === then) throw new Error(`ordering ${first.uuid} before itself`);
  for (const after of first.after) {
    if (after.action === then && (after.type & type) !== 0) return false;
  }
  first.after.push({ action: then, type, state: LinkState.NotDumped });
  then.before.push({ action: first, type, state: LinkState.NotDumped });
  return true;
}
