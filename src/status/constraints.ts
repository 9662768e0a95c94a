/** Tickets and negative location constraints ("bans"), as the status shows them. */
import type { Cluster } from '../scheduler/model/cluster.js';
import type { Location, Ticket } from '../scheduler/model/constraints.js';
import type { Node } from '../scheduler/model/node.js';
import { Role } from '../scheduler/model/role.js';
import { type StatusView, inList } from './options.js';

export function shownTickets(cluster: Cluster): Ticket[] {
  return [...cluster.tickets.values()];
}

export interface Ban {
  location: Location;
  node: Node;
  weight: number;
}

/** Location constraints that keep resources away from nodes, newest first as Pacemaker lists them. */
export function bans(cluster: Cluster, view: StatusView): Ban[] {
  const result: Ban[] = [];
  for (const location of [...cluster.locations].reverse()) {
    if (view.banPrefix !== undefined && !location.id.startsWith(view.banPrefix)) continue;
    const rsc = location.rsc;
    if (!inList(rsc.printableId, view.onlyRscs) && !inList(rsc.top.printableId, view.onlyRscs)) continue;
    for (const score of location.nodes) {
      if (score.weight < 0) result.push({ location, node: score.node, weight: score.weight });
    }
  }
  return result;
}

/** "in Promoted role " for bans of the promoted role only. */
export function roleDescription(role: Role): string {
  return role === Role.Promoted ? 'in Promoted role ' : '';
}
