/** Linking two actions in order (order_actions). */
import { type Action, type ActionLink, LinkState } from '../model/action.js';
import { Order } from '../model/flags.js';

/**
 * Past this many links an action indexes them by target: a fencing action
 * or a cluster-wide pseudo-action is ordered before thousands of others, and
 * scanning its links for each new one would be quadratic.
 */
const INDEX_FROM = 16;

/** Whether `first` is already ordered before `then` with a link sharing a bit of `type`. */
function alreadyLinked(first: Action, then: Action, type: number): boolean {
  let links: readonly ActionLink[] = first.after;
  if (links.length >= INDEX_FROM) {
    if (first.afterByAction === null) {
      first.afterByAction = new Map();
      for (const l of first.after) indexLink(first.afterByAction, l);
    }
    links = first.afterByAction.get(then) ?? [];
  }
  for (const l of links) if (l.action === then && (l.type & type) !== 0) return true;
  return false;
}

function indexLink(index: Map<Action, ActionLink[]>, link: ActionLink): void {
  const list = index.get(link.action);
  if (list) list.push(link);
  else index.set(link.action, [link]);
}

/** first before then; false if no link was added (none, or already there). */
export function addOrdering(first: Action | null, then: Action | null, type: number): boolean {
  if (type === Order.None || !first || !then) return false;
  if (first === then) throw new Error(`ordering ${first.uuid} before itself`);
  if (alreadyLinked(first, then, type)) return false;
  const link = { action: then, type, state: LinkState.NotDumped };
  first.after.push(link);
  if (first.afterByAction !== null) indexLink(first.afterByAction, link);
  then.before.push({ action: first, type, state: LinkState.NotDumped });
  return true;
}
