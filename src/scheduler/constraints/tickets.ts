/**
 * Ticket constraints (rsc_ticket): resources that may run (or be promoted)
 * only while a ticket is granted, and what losing the ticket does to them.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import { fenceNode } from '../actions/fencing.js';
import type { Cluster } from '../model/cluster.js';
import { LossPolicy, type Ticket, type TicketConstraint } from '../model/constraints.js';
import { RscFlag } from '../model/flags.js';
import type { Resource } from '../model/resource.js';
import { Role, parseRole } from '../model/role.js';
import { resourceLocation } from '../placement/resource-location.js';
import { INFINITY } from '../util/score.js';
import { UnsupportedFeature } from '../unpack/unsupported.js';
import { constraintResource, expandRscTags, setResource } from './tags.js';

export function newTicket(cluster: Cluster, id: string): Ticket {
  let t = cluster.tickets.get(id);
  if (!t) {
    t = { id, granted: false, lastGranted: -1, standby: false, state: new Map() };
    cluster.tickets.set(id, t);
  }
  return t;
}

function roleMatches(rsc: Resource, c: TicketConstraint): boolean {
  return c.role === Role.Unknown || c.role === rsc.role;
}

/** What a revoked (or standby) ticket does to a resource. */
function applyTicketLoss(cluster: Cluster, rsc: Resource, c: TicketConstraint): void {
  if (c.ticket.granted && !c.ticket.standby) return;
  if (rsc.children.length > 0) {
    for (const child of rsc.children) applyTicketLoss(cluster, child, c);
    return;
  }
  if (!c.ticket.granted && rsc.runningOn.length > 0) {
    switch (c.lossPolicy) {
      case LossPolicy.Stop:
        resourceLocation(rsc, null, -INFINITY, '__loss_of_ticket__', cluster);
        break;
      case LossPolicy.Demote:
        if (c.role !== Role.Promoted) resourceLocation(rsc, null, -INFINITY, '__loss_of_ticket__', cluster);
        break;
      case LossPolicy.Fence:
        if (!roleMatches(rsc, c)) return;
        resourceLocation(rsc, null, -INFINITY, '__loss_of_ticket__', cluster);
        for (const node of rsc.runningOn) fenceNode(cluster, node, 'deadman ticket was lost', false);
        break;
      case LossPolicy.Freeze:
        if (!roleMatches(rsc, c)) return;
        if (rsc.runningOn.length > 0) {
          rsc.clear(RscFlag.Managed);
          rsc.set(RscFlag.Block);
        }
        break;
    }
  } else if (!c.ticket.granted) {
    if (c.role !== Role.Promoted || c.lossPolicy === LossPolicy.Stop) {
      resourceLocation(rsc, null, -INFINITY, '__no_ticket__', cluster);
    }
  } else if (c.ticket.standby) {
    if (c.role !== Role.Promoted || c.lossPolicy === LossPolicy.Stop) {
      resourceLocation(rsc, null, -INFINITY, '__ticket_standby__', cluster);
    }
  }
}

function newTicketConstraint(
  cluster: Cluster,
  id: string,
  rsc: Resource | undefined,
  ticket: Ticket,
  state: string | undefined,
  lossPolicyIn: string | undefined,
): void {
  if (!rsc) {
    cluster.configError(`Ignoring ticket '${id}' because resource does not exist`);
    return;
  }
  const role = state === undefined || state.toLowerCase() === 'started' ? Role.Unknown : parseRole(state);
  let lossPolicy = lossPolicyIn?.toLowerCase();
  let policy = LossPolicy.Stop;
  let fence = false;
  if (lossPolicy === 'fence') {
    if (cluster.stonithEnabled) fence = true;
    else {
      cluster.configError(`Resetting 'loss-policy' for ticket '${ticket.id}' to 'stop' because fencing is not configured`);
      lossPolicy = 'stop';
    }
  }
  if (fence) policy = LossPolicy.Fence;
  else if (lossPolicy === 'freeze') policy = LossPolicy.Freeze;
  else if (lossPolicy === 'demote') policy = LossPolicy.Demote;
  else if (lossPolicy === 'stop') policy = LossPolicy.Stop;
  else policy = role === Role.Promoted ? LossPolicy.Demote : LossPolicy.Stop;
  const c: TicketConstraint = { id, rsc, ticket, lossPolicy: policy, role };
  rsc.tickets.push(c);
  cluster.ticketConstraints.push(c);
  if (!ticket.granted || ticket.standby) applyTicketLoss(cluster, rsc, c);
}

function unpackTicketSet(cluster: Cluster, set: XmlElement, ticket: Ticket, lossPolicy: string | undefined): boolean {
  const setId = set.attrs['id'];
  if (setId === undefined) {
    cluster.configError('Ignoring <resource_set> without id');
    return false;
  }
  const role = set.attrs['role'];
  for (const ref of set.elements('resource_ref')) {
    const rsc = setResource(cluster, setId, ref);
    if (!rsc) return false;
    newTicketConstraint(cluster, setId, rsc, ticket, role, lossPolicy);
  }
  return true;
}

function unpackSimpleTicket(cluster: Cluster, xml: XmlElement): void {
  const id = xml.attrs['id']!;
  const ticketId = xml.attrs['ticket'];
  if (ticketId === undefined) {
    cluster.configError(`Ignoring constraint '${id}' without ticket specified`);
    return;
  }
  const ticket = cluster.tickets.get(ticketId);
  if (!ticket) {
    cluster.configError(`Ignoring constraint '${id}' because ticket '${ticketId}' does not exist`);
    return;
  }
  const rscId = xml.attrs['rsc'];
  if (rscId === undefined) {
    cluster.configError(`Ignoring constraint '${id}' without resource`);
    return;
  }
  const rsc = constraintResource(cluster, rscId);
  if (!rsc) {
    cluster.configError(`Ignoring constraint '${id}' because resource '${rscId}' does not exist`);
    return;
  }
  if (xml.attrs['rsc-instance'] !== undefined) {
    throw new UnsupportedFeature(`clone instance references in ticket constraint '${id}' are not supported yet`);
  }
  newTicketConstraint(cluster, id, rsc, ticket, xml.attrs['rsc-role'], xml.attrs['loss-policy']);
}

export function unpackTicketConstraint(cluster: Cluster, xmlIn: XmlElement): void {
  const id = xmlIn.attrs['id']!;
  const ticketId = xmlIn.attrs['ticket'];
  const lossPolicy = xmlIn.attrs['loss-policy'];
  if (ticketId === undefined) {
    cluster.configError(`Ignoring constraint '${id}' without ticket`);
    return;
  }
  const ticket = newTicket(cluster, ticketId);
  const expanded = expandRscTags(cluster, xmlIn);
  if (expanded === 'error') return;
  const xml = expanded ?? xmlIn;
  let anySets = false;
  for (const setIn of xml.elements('resource_set')) {
    anySets = true;
    const set = cluster.ids.expand(setIn);
    if (!set || !unpackTicketSet(cluster, set, ticket, lossPolicy)) return;
  }
  if (!anySets) unpackSimpleTicket(cluster, xmlIn);
}

/** Promotion needs its tickets too (pcmk__require_promotion_tickets). */
export function requirePromotionTickets(rsc: Resource): void {
  for (const c of rsc.tickets) {
    if (c.role === Role.Promoted && (!c.ticket.granted || c.ticket.standby)) {
      resourceLocation(rsc, null, -INFINITY, '__stateful_without_ticket__', rsc.cluster);
    }
  }
}
