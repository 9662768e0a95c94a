/**
 * Changing a ticket's state at this site: the request that sets and removes
 * attributes of its <ticket_state>, and the warning shown when granting or
 * revoking without --force.
 */
import type { CibRequest } from '../cib/ops/request.js';
import { XmlElement } from '../cib/xml/node.js';
import { glibHashOrder } from '../scheduler/util/glib.js';
import { isTrue } from '../scheduler/util/text.js';

export interface TicketChange {
  /** Attributes to set, in the order given (a repeated name keeps its first place). */
  set: Map<string, string>;
  /** Attributes to remove. */
  remove: string[];
}

/**
 * The request for a change, or undefined when there is nothing to do (only
 * removals from a ticket without state). `wasGranted` says whether the
 * ticket is granted now: granting it afresh records the time.
 */
export function ticketChangeRequest(current: XmlElement | undefined, id: string, change: TicketChange, wasGranted: boolean, now: number): CibRequest | undefined {
  let top: XmlElement;
  let state: XmlElement;
  if (current) {
    state = top = current.clone();
  } else {
    if (change.set.size === 0) return undefined;
    top = new XmlElement('status');
    state = top.add('tickets').add('ticket_state', { id });
  }
  for (const name of change.remove) state.removeAttr(name);
  for (const name of glibHashOrder([...change.set.keys()])) {
    const value = change.set.get(name)!;
    state.setAttr(name, value);
    if (name.toLowerCase() === 'granted' && !wasGranted && isTrue(value)) state.setAttr('last-granted', String(Math.trunc(now)));
  }
  if (current && change.remove.length > 0) return { op: 'replace', scope: 'status', input: state };
  return { op: 'modify', scope: 'status', input: top };
}

/** Why granting or revoking needs --force (printed on stdout). */
export function ticketWarning(id: string, action: 'grant' | 'revoke'): string {
  let text: string;
  let word: string;
  if (action === 'grant') {
    text = `This command cannot help you verify whether '${id}' has been already granted elsewhere.\n`;
    word = 'to';
  } else {
    text =
      `Revoking '${id}' can trigger the specified 'loss-policy'(s) relating to '${id}'.\n\n` +
      `You can check that with:\ncrm_ticket --ticket ${id} --constraints\n\n` +
      `Otherwise before revoking '${id}', you may want to make '${id}' standby with:\ncrm_ticket --ticket ${id} --standby\n\n`;
    word = 'from';
  }
  return `${text}If you really want to ${action} '${id}' ${word} this site now, and you know what you are doing,\nplease specify --force.\n`;
}
