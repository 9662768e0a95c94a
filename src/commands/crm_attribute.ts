import { hostname } from 'node:os';
import type { Interfaces } from '@oclif/core';
import { connectCib, type CibConnection } from '../cib/client.js';
import { CibError } from '../cib/errors.js';
import type { XmlElement } from '../cib/xml/node.js';
import { PacerCommand } from '../cli/command.js';
import { ExitCode } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';
import { el, jsonFromXml, jsonResult, outputFlags, outputFormat, outputSink, requestLine, xmlResult } from '../cli/output.js';
import { agentTargetNode } from '../attributes/node-target.js';
import { nodeUuid } from '../attributes/node-uuid.js';
import {
  type AttributeTarget,
  deletePlan,
  findAttributes,
  MultipleMatches,
  multipleMatchLines,
  noSuchAttribute,
  updateRequest,
} from '../attributes/nvpairs.js';

type Command = 'query' | 'update' | 'delete';
/** Options that pick the command, by long name (the last one given counts). */
const COMMAND_OPTIONS: Record<string, Command> = {
  query: 'query',
  'get-value': 'query',
  update: 'update',
  'attr-value': 'update',
  delete: 'delete',
  'delete-attr': 'delete',
};

/** A failure with Pacemaker's exit code and the message after "crm_attribute: ". */
class Failure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export default class CrmAttribute extends PacerCommand {
  static override id = 'crm_attribute';
  static override summary = 'crm_attribute - query and update Pacemaker cluster options and node attributes';
  static override description =
    'Reads, sets and removes cluster options (crm_config), resource and operation defaults, and node\n' +
    'attributes, permanent (in the node\'s entry of the configuration) or transient (in the status\n' +
    'section, gone when the node restarts). Without a command it queries. With CIB_file or CIB_shadow\n' +
    'set, it works on that CIB.';
  static override flags = {
    ...outputFlags(),
    quiet: sw('q', 'Print only the value (queries); print nothing on success otherwise'),
    'quiet-legacy': sw('Q', 'Same as --quiet', { hidden: true }),
    id: opt('i', 'XML_ID', '(Advanced) Work on the attribute with this XML id', { group: 'Selecting attributes' }),
    name: opt('n', 'NAME', 'Work on the attribute or option with this name (queries without it list every attribute of the place)', {
      group: 'Selecting attributes',
    }),
    pattern: opt('P', 'PATTERN', 'Work on every attribute whose name matches this regular expression (with --query, or with --update/--delete and --lifetime reboot)', {
      group: 'Selecting attributes',
    }),
    promotion: opt('p', 'RESOURCE', "Work on the promotion score of this resource (default: $OCF_RESOURCE_INSTANCE), a transient attribute unless --lifetime says otherwise", {
      group: 'Selecting attributes',
      optional: true,
      implicit: '',
      valueMayFollow: true,
    }),
    'set-name': opt('s', 'NAME', '(Advanced) Work on the attribute inside the set with this XML id (created when missing)', {
      group: 'Selecting attributes',
    }),
    delete: sw('D', 'Remove the attribute or option', { group: 'Commands' }),
    query: sw('G', 'Print the value of the attribute or option (the default command)', { group: 'Commands' }),
    update: opt('v', 'VALUE', 'Set the attribute or option to this value (printing nothing on success)', { group: 'Commands' }),
    default: opt('d', 'VALUE', '(Advanced) With --query, the value to print when the attribute is not set', { group: 'Additional options' }),
    lifetime: opt('l', 'LIFETIME', 'How long a node attribute lasts: reboot (transient) or forever', { group: 'Additional options' }),
    node: opt('N', 'NODE', 'Work on an attribute of this node rather than a cluster option (default node: this host)', {
      group: 'Additional options',
    }),
    type: opt('t', 'SECTION', 'Where the option lives: crm_config (default), rsc_defaults, op_defaults, tickets, nodes or status', {
      group: 'Additional options',
    }),
    utilization: sw('z', "Work on the node's utilization attributes instead of its plain attributes", { group: 'Additional options' }),
    'inhibit-policy-engine': sw('!', 'Accepted for compatibility; has no effect', { hidden: true }),
    'attr-id': opt(undefined, 'XML_ID', 'Old name of --id', { hidden: true }),
    'attr-name': opt(undefined, 'NAME', 'Old name of --name', { hidden: true }),
    'attr-value': opt(undefined, 'VALUE', 'Old name of --update', { hidden: true }),
    'delete-attr': sw(undefined, 'Old name of --delete', { hidden: true }),
    'get-value': sw(undefined, 'Old name of --query', { hidden: true }),
    'node-uname': opt('U', 'NODE', 'Old name of --node', { hidden: true }),
  };
  static override exitCodes = [ExitCode.NOSUCH, ExitCode.MULTIPLE, ExitCode.DISCONNECT];
  static override pacerExamples = [
    { description: "Give node myhost an attribute 'location' with the value 'office':", command: 'crm_attribute --node myhost --name location --update office' },
    { description: 'Read it back:', command: 'crm_attribute --node myhost --name location --query' },
    { description: 'Remove it:', command: 'crm_attribute --node myhost --name location --delete' },
    { description: 'Set a transient attribute, forgotten when the node restarts:', command: 'crm_attribute -N myhost -n pingd -v 100 -l reboot' },
    { description: 'Print just the value of the cluster-delay option:', command: 'crm_attribute --type crm_config --name cluster-delay --query --quiet' },
    { description: 'Set a default resource stickiness:', command: 'crm_attribute --type rsc_defaults --name resource-stickiness --update 100' },
    { description: 'From a resource agent, set its promotion score on this node:', command: 'crm_attribute --promotion -v 10' },
  ];
  static override seeAlso = ['crm_standby(8)', 'crm_failcount(8)', 'cibadmin(8)'];

  async exec(): Promise<number> {
    const { flags } = await this.parse(CrmAttribute, this.argv);
    const format = outputFormat(flags);
    const write = outputSink(this.ctx, flags);
    const out: Output = { quiet: flags.quiet || flags['quiet-legacy'], lines: [], errs: [], xml: [] };
    let error: string | undefined;
    let code: number = ExitCode.OK;
    try {
      await this.work(flags, out);
    } catch (e) {
      if (e instanceof Failure) {
        code = e.code;
        error = e.message;
      } else if (e instanceof CibError) {
        code = e.code;
        error = `Error performing operation: ${e.reason}`;
      } else throw e;
    }
    if (format === 'text') {
      if (out.lines.length) write(out.lines.map((l) => `${l}\n`).join(''));
      const errText = out.errs.map((l) => `${l}\n`).join('') + (error ? `crm_attribute: ${error}\n` : '');
      if (errText) this.ctx.err(errText);
    } else {
      const request = requestLine('crm_attribute', this.rawArgs);
      const errors = [...out.errs, ...(error ? [`crm_attribute: ${error}`] : [])];
      write(format === 'xml' ? xmlResult(request, out.xml, code, errors) : jsonResult(request, jsonFromXml(out.xml), code, errors));
    }
    return code;
  }

  /** The last given of several options that set the same thing. */
  private last(names: readonly string[]): string | undefined {
    for (let i = this.order.length - 1; i >= 0; i--) if (names.includes(this.order[i]!)) return this.order[i];
    return undefined;
  }

  private async work(flags: Flags, out: Output): Promise<void> {
    const commandOption = this.last(Object.keys(COMMAND_OPTIONS));
    const command: Command = commandOption ? COMMAND_OPTIONS[commandOption]! : 'query';
    const value = command === 'update' ? (this.last(['update', 'attr-value']) === 'attr-value' ? flags['attr-value'] : flags.update) : undefined;
    const nameOption = this.last(['name', 'attr-name', 'promotion']);
    let name = nameOption === 'promotion' ? promotionScoreName(flags.promotion, this.ctx.env) : nameOption ? flags[nameOption as 'name'] : undefined;
    const id = flags.id ?? flags['attr-id'];
    let nodeName: string | undefined = this.last(['node', 'node-uname']) === 'node-uname' ? flags['node-uname'] : flags.node;
    const typeOption = this.last(['type', 'lifetime', 'utilization']);
    let section = typeOption === 'utilization' ? 'nodes' : typeOption ? flags[typeOption as 'type'] : undefined;
    const setType = flags.utilization ? 'utilization' : undefined;
    const promotion = this.order.includes('promotion');

    if (promotion && name === undefined) {
      throw new Failure(ExitCode.USAGE, '-p/--promotion must be called from an OCF resource agent or with a resource ID specified');
    }
    const cib = await connectCib(this.ctx).catch((e) => {
      if (e instanceof CibError) throw new Failure(e.code, `Could not connect to the CIB: ${e.reason}`);
      throw e;
    });
    const shown = section;
    if (section === undefined) section = promotion ? 'status' : nodeName !== undefined ? 'nodes' : 'crm_config';
    else if (section.toLowerCase() === 'reboot') section = 'status';
    else if (section.toLowerCase() === 'forever') section = 'nodes';
    const scope = shown === undefined || /^(reboot|forever)$/i.test(shown) ? section : shown;

    let node: { uuid: string; remote: boolean } | undefined;
    if (!['crm_config', 'tickets'].includes(section.toLowerCase())) {
      nodeName = agentTargetNode(nodeName, this.ctx.env) ?? nodeName;
      if (nodeName === undefined && this.ctx.env['CIB_file'] !== undefined) nodeName = hostname();
      if (nodeName === undefined) {
        throw new Failure(ExitCode.DISCONNECT, 'Could not find the local node name: the cluster is not running here (give --node)');
      }
      node = nodeUuid(cib.current(), nodeName);
      if (!node) throw new Failure(ExitCode.NOSUCH, `Could not map name=${nodeName} to a UUID`);
    }
    if (command === 'delete' && name === undefined && flags.pattern === undefined) {
      throw new Failure(ExitCode.USAGE, 'Error: must specify attribute name or pattern to delete');
    }
    let pattern: RegExp | undefined;
    if (flags.pattern !== undefined) {
      if (command !== 'query' && section.toLowerCase() !== 'status') {
        throw new Failure(ExitCode.USAGE, 'Error: pattern can only be used with query, or with till-reboot update or delete');
      }
      pattern = compilePattern(flags.pattern);
      name = flags.pattern;
    }

    const target: AttributeTarget = { section, node: node?.uuid, remoteNode: node?.remote, setType, setName: flags['set-name'], id, name };
    const matching = pattern ? { ...target, id: undefined, name: undefined } : target;
    if (command === 'query') return this.query(cib, pattern ? matching : target, pattern, { scope, id, name, nodeName, fallback: flags.default }, out);
    if (pattern) {
      const names = findAttributes(cib.current(), matching)
        .map((m) => m.attr('name'))
        .filter((n): n is string => n !== undefined && pattern.test(n));
      for (const n of names) await this.change(cib, command, { ...target, name: n }, value, out);
      return;
    }
    await this.change(cib, command, target, value, out);
  }

  private async change(cib: CibConnection, command: Command, target: AttributeTarget, value: string | undefined, out: Output): Promise<void> {
    if (command === 'delete') {
      let plan;
      try {
        plan = deletePlan(cib.current(), target);
      } catch (e) {
        if (e instanceof CibError && e.code === ExitCode.NOSUCH) return; // already gone: what was wanted
        throw e;
      }
      if (plan.multiple) {
        if (!out.quiet) out.lines.push(...multipleMatchLines(plan.multiple, target.name));
        return;
      }
      await cib.request(plan.request!);
      if (!out.quiet) {
        const set = target.setName !== undefined ? ` set=${target.setName}` : '';
        const name = target.name !== undefined ? ` name=${target.name}` : '';
        out.lines.push(`Deleted ${target.section} ${target.node !== undefined ? 'attribute' : 'option'}: id=${plan.foundId ?? '(null)'}${set}${name}`);
      }
      return;
    }
    if (value === undefined || target.name === undefined) throw new CibError(ExitCode.SOFTWARE, 'Invalid argument');
    let update;
    try {
      update = updateRequest(cib.current(), target, value);
      await cib.request(update.request);
    } catch (e) {
      if (e instanceof CibError && update) {
        out.errs.push(`Error setting ${target.name}=${value} (section=${update.request.scope}, set=${update.setName ?? '<null>'}): ${e.reason}`);
      }
      if (e instanceof MultipleMatches) {
        if (!out.quiet) out.lines.push(...multipleMatchLines(e.matches, target.name));
        throw new Failure(ExitCode.MULTIPLE, "Please choose from one of the matches below and supply the 'id' with --attr-id");
      }
      throw e;
    }
  }

  private query(
    cib: CibConnection,
    target: AttributeTarget,
    pattern: RegExp | undefined,
    shown: { scope: string; id?: string; name?: string; nodeName?: string; fallback?: string },
    out: Output,
  ): void {
    const found = findAttributes(cib.current(), target).filter((m) => !pattern || pattern.test(m.attr('name') ?? ''));
    if (found.length === 0) {
      if (shown.fallback === undefined) throw noSuchAttribute();
      show(out, { ...shown, value: shown.fallback, host: shown.nodeName });
      return;
    }
    for (const m of found) show(out, { ...shown, name: m.attr('name'), value: m.attr('value') });
  }
}

type Flags = Interfaces.InferredFlags<typeof CrmAttribute.flags>;

interface Output {
  quiet: boolean;
  lines: string[];
  /** Messages for stderr (in XML, for the status element). */
  errs: string[];
  xml: XmlElement[];
}

/** One attribute, as Pacemaker's "attribute" message shows it. */
function show(out: Output, a: { scope: string; id?: string; name?: string; value?: string; host?: string }): void {
  if (out.quiet) {
    if (a.value !== undefined) out.lines.push(a.value);
  } else {
    out.lines.push(`scope=${a.scope} ${a.id !== undefined ? `id=${a.id}` : ''} ${a.name !== undefined ? `name=${a.name}` : ''} value=${a.value ?? '(null)'}`);
  }
  out.xml.push(el('attribute', { name: a.name, value: a.value, scope: a.scope, id: a.id, host: a.host }));
}

/** The promotion score attribute of a resource (the agent's own when none is given). */
export function promotionScoreName(resource: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const rsc = resource || env['OCF_RESOURCE_INSTANCE'];
  return rsc ? `master-${rsc}` : undefined;
}

function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    throw new Failure(ExitCode.USAGE, `Error: invalid pattern ${pattern}`);
  }
}
