/** "Tickets" and "Negative Location Constraints" in text. */
import { ctime } from '../../cli/ctime.js';
import type { Cluster } from '../../scheduler/model/cluster.js';
import { bans, roleDescription, shownTickets } from '../constraints.js';
import { Show, type StatusView } from '../options.js';
import type { ListOutput } from '../text-output.js';
import { nodeDisplayName } from './nodes.js';

export function printTickets(out: ListOutput, cluster: Cluster, spacer: boolean): boolean {
  const tickets = shownTickets(cluster);
  if (tickets.length === 0) return false;
  if (spacer) out.spacer();
  out.beginList('Tickets');
  for (const t of tickets) {
    let s = `${t.granted ? 'granted' : 'revoked'}${t.standby ? ' [standby]' : ''}`;
    if (t.lastGranted > -1) s += ` last-granted="${ctime(t.lastGranted)}"`;
    out.item(s, t.id);
  }
  out.endList();
  return true;
}

export function printBans(out: ListOutput, cluster: Cluster, view: StatusView, spacer: boolean): boolean {
  const list = bans(cluster, view);
  if (list.length === 0) return false;
  if (spacer) out.spacer();
  out.beginList('Negative Location Constraints');
  for (const { location, node } of list) {
    const name = nodeDisplayName(node, (view.show & Show.NodeId) !== 0);
    out.item(`${location.id}\tprevents ${location.rsc.id} from running ${roleDescription(location.roleFilter)}on ${name}`);
  }
  out.endList();
  return true;
}
