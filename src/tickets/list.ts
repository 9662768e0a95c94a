/**
 * The tickets a site knows, as crm_ticket lists them: those with a state in
 * the status section and those only named by rsc_ticket constraints, in
 * the order Pacemaker's hash table of tickets yields them.
 */
import type { XmlElement } from '../cib/xml/node.js';
import { ctime } from '../cli/ctime.js';
import { unpackConstraints } from '../scheduler/constraints/index.js';
import type { Ticket } from '../scheduler/model/constraints.js';
import { unpackCluster } from '../scheduler/unpack/index.js';
import { glibHashOrder } from '../scheduler/util/glib.js';
import type { CrmTime } from '../scheduler/util/iso8601.js';

export function siteTickets(cib: XmlElement, now: CrmTime, localOffset: number): Ticket[] {
  const cluster = unpackCluster(cib, { now, localOffset });
  unpackConstraints(cluster);
  return glibHashOrder([...cluster.tickets.keys()]).map((id) => cluster.tickets.get(id)!);
}

const TIMES = new Set(['last-granted', 'expires']);

/** One ticket as --info, --details or --raw print it. */
export function ticketLine(ticket: Ticket, style: 'info' | 'details' | 'raw'): string {
  if (style === 'raw') return `${ticket.id}\n`;
  let line = `${ticket.id}\t${ticket.granted ? 'granted' : 'revoked'} ${ticket.standby ? '[standby]' : '         '}`;
  if (style === 'details' && ticket.state.size > 0) {
    const shown = glibHashOrder([...ticket.state.keys()]).map((k) => {
      const v = ticket.state.get(k)!;
      return `${k}=${TIMES.has(k) ? `'${ctime(Number.parseInt(v, 10) || 0)}'` : v}`;
    });
    return `${line} (${shown.join(', ')})\n`;
  }
  if (ticket.lastGranted > -1) line += ` last-granted='${ctime(ticket.lastGranted)}'`;
  return `${line}\n`;
}
