import type { Interfaces } from '@oclif/core';
import { connectCib, type CibConnection } from '../cib/client.js';
import { CibError } from '../cib/errors.js';
import type { XmlElement } from '../cib/xml/node.js';
import { serialize } from '../cib/xml/serialize.js';
import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { opt, optMany, sw } from '../cli/flags.js';
import type { Ticket } from '../scheduler/model/constraints.js';
import { UnsupportedFeature } from '../scheduler/unpack/unsupported.js';
import { timeFromEpoch } from '../scheduler/util/iso8601.js';
import { ticketChangeRequest, ticketWarning, type TicketChange } from '../tickets/change.js';
import { siteTickets, ticketLine } from '../tickets/list.js';

/** Options that choose what to do, by long name; the last one given counts. */
const COMMANDS: Record<string, string> = {
  info: 'info',
  details: 'details',
  raw: 'raw',
  'query-xml': 'query-xml',
  constraints: 'constraints',
  'get-attr': 'get-attr',
  cleanup: 'cleanup',
};

export default class CrmTicket extends PacerCommand {
  static override id = 'crm_ticket';
  static override summary = 'crm_ticket - perform tasks related to cluster tickets';
  static override description =
    'Shows and changes the tickets of this cluster site. A ticket granted to the site lets the\n' +
    'resources that depend on it (rsc_ticket constraints) run here; revoking it applies their\n' +
    'loss-policy, and a ticket in standby stops or demotes them gently. Granting and revoking need\n' +
    '--force, since this tool cannot know whether another site holds the ticket. With CIB_file or\n' +
    'CIB_shadow set, it works on that CIB.';
  static override flags = {
    info: sw('l', 'Print each ticket (or --ticket) with its state', { group: 'Queries' }),
    details: sw('L', 'Print each ticket (or --ticket) with all its state attributes', { group: 'Queries' }),
    raw: sw('w', 'Print the ticket ids only', { group: 'Queries' }),
    'query-xml': sw('q', 'Print the XML state of the ticket (or of all tickets)', { group: 'Queries' }),
    constraints: sw('c', 'Print the rsc_ticket constraints that depend on the ticket (or on any ticket)', { group: 'Queries' }),
    grant: sw('g', 'Grant the ticket to this site (needs --force)', { group: 'Commands' }),
    revoke: sw('r', 'Revoke the ticket from this site (needs --force)', { group: 'Commands' }),
    standby: sw('s', 'Put the ticket in standby at this site', { group: 'Commands' }),
    activate: sw('a', 'Take the ticket out of standby at this site', { group: 'Commands' }),
    'get-attr': opt('G', 'ATTRIBUTE', 'Print one attribute of the ticket state', { group: 'Advanced Options' }),
    'set-attr': optMany('S', 'ATTRIBUTE', 'Set an attribute of the ticket state to the value of the --attr-value paired with it', {
      group: 'Advanced Options',
    }),
    'delete-attr': optMany('D', 'ATTRIBUTE', 'Remove an attribute of the ticket state (removing granted needs --force)', { group: 'Advanced Options' }),
    cleanup: sw('C', 'Forget the whole state of the ticket at this site (needs --force when granted)', { group: 'Advanced Options' }),
    'attr-value': optMany('v', 'VALUE', 'The value for --set-attr', { group: 'Additional Options' }),
    default: opt('d', 'VALUE', '(Advanced) With --get-attr, the value to print when the attribute is not set', { group: 'Additional Options' }),
    force: sw('f', '(Advanced) Go ahead with grant, revoke and clean-up', { group: 'Additional Options' }),
    ticket: opt('t', 'ID', 'The ticket to work on', { group: 'Additional Options' }),
    'set-name': opt('n', 'ID', '(Advanced) Accepted for compatibility; ignored', { group: 'Deprecated Options' }),
    nvpair: opt('i', 'ID', '(Advanced) Accepted for compatibility; ignored', { group: 'Deprecated Options' }),
    quiet: sw('Q', 'Accepted for compatibility; ignored', { group: 'Deprecated Options' }),
  };
  static override exitCodes = [ExitCode.INSUFFICIENT_PRIV, ExitCode.NOSUCH];
  static override pacerExamples = [
    { description: 'List the tickets and their state:', command: 'crm_ticket --info' },
    { description: 'With every state attribute:', command: 'crm_ticket --details' },
    { description: 'Show the constraints that depend on ticketA:', command: 'crm_ticket --ticket ticketA --constraints' },
    { description: 'Grant ticketA to this site:', command: 'crm_ticket --ticket ticketA --grant --force' },
    { description: 'Let its resources stop gently before revoking it:', command: 'crm_ticket --ticket ticketA --standby' },
    { description: "Read ticketA's granted attribute:", command: 'crm_ticket --ticket ticketA --get-attr granted' },
    { description: 'Set an attribute of its state:', command: 'crm_ticket --ticket ticketA --set-attr owner --attr-value site-a' },
    { description: 'Forget ticketA at this site:', command: 'crm_ticket --ticket ticketA --cleanup --force' },
  ];
  static override seeAlso = ['crm_mon(8)', 'cibadmin(8)'];

  async exec(): Promise<number> {
    const { flags } = await this.parse(CrmTicket, this.argv);
    return this.work(flags);
  }

  /** Grant, revoke, standby, activate and -S/-v pairs and -D, as given. */
  private change(flags: { 'set-attr'?: string[]; 'attr-value'?: string[]; 'delete-attr'?: string[] }): { change: TicketChange; modified: number; name?: string; value?: string } {
    const set = new Map<string, string>();
    const remove: string[] = [];
    let modified = 0;
    let name: string | undefined;
    let value: string | undefined;
    const used = { 'set-attr': 0, 'attr-value': 0, 'delete-attr': 0 };
    const fixed: Record<string, [string, string]> = { grant: ['granted', 'true'], revoke: ['granted', 'false'], standby: ['standby', 'true'], activate: ['standby', 'false'] };
    for (const o of this.order) {
      if (o in fixed) {
        set.set(...fixed[o]!);
        modified++;
      } else if (o === 'set-attr' || o === 'attr-value') {
        const v = flags[o]![used[o]++]!;
        if (o === 'set-attr') name = v;
        else value = v;
        if (name && value) {
          set.set(name, value);
          name = value = undefined;
          modified++;
        }
      } else if (o === 'delete-attr') {
        remove.push(flags['delete-attr']![used['delete-attr']++]!);
        modified++;
      }
    }
    return { change: { set, remove }, modified, name, value };
  }

  private async work(flags: Interfaces.InferredFlags<typeof CrmTicket.flags>): Promise<number> {
    const command = [...this.order].reverse().find((o) => o in COMMANDS) ?? 'set';
    const { change, modified, name, value } = this.change(flags);
    const id: string | undefined = flags.ticket;
    const cib = await connectCib(this.ctx).catch((e) => {
      throw e instanceof CibError ? new ToolError(e.code, `Could not connect to the CIB: ${e.reason}`) : e;
    });
    const tickets = new Map(this.tickets(cib.current()).map((t) => [t.id, t]));
    const find = (ticketId: string) => tickets.get(ticketId);

    switch (command) {
      case 'info':
      case 'details':
      case 'raw': {
        const style = command === 'details' ? 'details' : command === 'raw' ? 'raw' : 'info';
        if (id !== undefined) {
          const ticket = find(id);
          if (!ticket) throw new ToolError(ExitCode.NOSUCH, `No such ticket '${id}'`);
          this.ctx.out(ticketLine(ticket, style));
        } else for (const t of tickets.values()) this.ctx.out(ticketLine(t, style));
        return ExitCode.OK;
      }
      case 'query-xml': {
        const found = await this.query(cib, id === undefined ? '/cib/status/tickets' : `/cib/status/tickets/ticket_state[@id="${id}"]`, 'Could not query ticket XML');
        if (id !== undefined && found.name === 'xpath-query') this.ctx.out(`Multiple ticket_states match ticket_id=${id}\n`);
        this.ctx.out(`State XML:\n\n${serialize(found).trimEnd()}\n`);
        return ExitCode.OK;
      }
      case 'constraints': {
        const found = await this.query(
          cib,
          `/cib/configuration/constraints/rsc_ticket${id === undefined ? '' : `[@ticket="${id}"]`}`,
          'Could not show ticket constraints',
        );
        this.ctx.out(`Constraints XML:\n\n${serialize(found).trimEnd()}\n`);
        return ExitCode.OK;
      }
      case 'get-attr': {
        if (id === undefined) throw new ToolError(ExitCode.NOSUCH, 'Must supply ticket ID with -t');
        const got = find(id)?.state.get(flags['get-attr'] ?? '');
        if (got === undefined && flags.default === undefined) return ExitCode.NOSUCH;
        this.ctx.out(`${got ?? flags.default}\n`);
        return ExitCode.OK;
      }
      case 'cleanup': {
        if (id === undefined) throw new ToolError(ExitCode.USAGE, 'Must supply ticket ID with -t');
        if (!flags.force) {
          const ticket = find(id);
          if (!ticket) throw new ToolError(ExitCode.NOSUCH, `No such ticket '${id}'`);
          if (ticket.granted) {
            this.ctx.out(ticketWarning(id, 'revoke'));
            return ExitCode.INSUFFICIENT_PRIV;
          }
        }
        const state = this.state(cib, id);
        if (!state) return ExitCode.OK;
        await this.request(cib, { op: 'delete', scope: 'status', input: state }, 'Could not clean up ticket');
        this.ctx.out(`Cleaned up ${id}\n`);
        return ExitCode.OK;
      }
    }
    if (modified > 0) {
      if (id === undefined) throw new ToolError(ExitCode.USAGE, 'Must supply ticket ID with -t');
      if (value !== undefined && !name) throw new ToolError(ExitCode.USAGE, `Must supply attribute name with -S for -v ${value}`);
      if (name !== undefined && !value) throw new ToolError(ExitCode.USAGE, `Must supply attribute value with -v for -S ${value ?? '(null)'}`);
      if (!flags.force) {
        const granted = change.set.get('granted');
        const action = granted !== undefined ? (/^(true|yes|on|y|1)$/i.test(granted) ? 'grant' : 'revoke') : change.remove.some((r) => r.toLowerCase() === 'granted') ? 'revoke' : undefined;
        if (action) {
          this.ctx.out(ticketWarning(id, action));
          throw new ToolError(ExitCode.INSUFFICIENT_PRIV, 'Ticket modification not allowed');
        }
      }
      const request = ticketChangeRequest(this.state(cib, id), id, change, find(id)?.granted ?? false, this.ctx.now());
      if (request) await this.request(cib, request, 'Could not modify ticket');
      return ExitCode.OK;
    }
    if (!name) throw new ToolError(ExitCode.USAGE, 'Must supply a command');
    if (id === undefined) throw new ToolError(ExitCode.USAGE, 'Must supply ticket ID with -t');
    throw new ToolError(ExitCode.USAGE, `Must supply value with -v for -S ${name}`);
  }

  private tickets(cib: XmlElement): Ticket[] {
    const now = Math.trunc(this.ctx.now());
    const offset = -new Date(now * 1000).getTimezoneOffset() * 60;
    try {
      return siteTickets(cib, timeFromEpoch(now, offset), offset);
    } catch (e) {
      if (e instanceof UnsupportedFeature) throw new ToolError(ExitCode.UNIMPLEMENT_FEATURE, `Cannot work on this CIB yet: ${e.message}`);
      throw e;
    }
  }

  /** The ticket's <ticket_state>, if it has one. */
  private state(cib: CibConnection, id: string): XmlElement | undefined {
    return cib
      .current()
      .findChild('status')
      ?.elements('tickets')
      .flatMap((t) => t.elements('ticket_state'))
      .find((s) => s.id === id);
  }

  private async query(cib: CibConnection, xpath: string, what: string): Promise<XmlElement> {
    const reply = await this.request(cib, { op: 'query', xpath }, what);
    return reply.output!;
  }

  private async request(cib: CibConnection, req: Parameters<CibConnection['request']>[0], what: string) {
    try {
      return await cib.request(req);
    } catch (e) {
      if (e instanceof CibError) throw new ToolError(e.code, `${what}: ${e.reason}`);
      throw e;
    }
  }
}
