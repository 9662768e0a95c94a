import { hostname } from 'node:os';
import { failCount, failureRecords } from '../attributes/fail-counts.js';
import { agentTargetNode } from '../attributes/node-target.js';
import { nodeUuid } from '../attributes/node-uuid.js';
import { connectCib } from '../cib/client.js';
import { CibError } from '../cib/errors.js';
import { XmlElement } from '../cib/xml/node.js';
import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError, UsageError } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';
import { intervalIsValid, parseInterval } from '../scheduler/util/interval.js';

export default class CrmFailcount extends PacerCommand {
  static override id = 'crm_failcount';
  static override summary = 'crm_failcount - query or clear the fail counts of a resource';
  static override synopsis = '<command> [options]';
  static override optionStyle = 'getopt' as const;
  static override description =
    'Each failed operation of a resource raises its fail count on the node (a transient node\n' +
    'attribute). This prints the count, of one operation or of all together, or removes the\n' +
    'failure records so that the resource may run on the node again.';
  static override flags = {
    quiet: sw('q', 'Print only the value (queries)'),
    'quiet-legacy': sw('Q', 'Same as --quiet', { hidden: true }),
    query: sw('G', 'Print the fail count of the resource', { group: 'Commands' }),
    delete: sw('D', 'Remove the failure records of the resource', { group: 'Commands' }),
    resource: opt('r', 'VALUE', 'The resource (required)', { group: 'Additional Options' }),
    operation: opt('n', 'VALUE', 'Only this operation (e.g. monitor), with --interval', { group: 'Additional Options' }),
    interval: opt('I', 'VALUE', 'The interval of --operation (e.g. 10s; default 0)', { group: 'Additional Options' }),
    node: opt('N', 'VALUE', 'The node (default: the local node)', { group: 'Additional Options' }),
    'resource-id': opt(undefined, 'VALUE', 'Old name of --resource', { hidden: true }),
    uname: opt('U', 'VALUE', 'Old name of --node', { hidden: true }),
    'get-value': sw(undefined, 'Old name of --query', { hidden: true }),
    'delete-attr': sw(undefined, 'Old name of --delete', { hidden: true }),
    'attr-value': opt('v', 'VALUE', 'Old: with 0, the same as --delete; ignored otherwise', { hidden: true }),
    'attr-id': opt('i', 'VALUE', 'Old option, ignored', { hidden: true }),
    lifetime: opt('l', 'VALUE', 'Old option, ignored', { hidden: true }),
  };
  static override exitCodes = [ExitCode.NOSUCH];
  static override pacerExamples = [
    { description: 'How often has db failed on node1?', command: 'crm_failcount -r db -N node1 -G' },
    { description: 'Only its 10-second monitor:', command: 'crm_failcount -r db -N node1 -G -n monitor -I 10s' },
    { description: 'Forget its failures on node1:', command: 'crm_failcount -r db -N node1 -D' },
  ];
  static override seeAlso = ['crm_resource(8)', 'crm_attribute(8)'];

  async exec(): Promise<number> {
    const { flags } = await this.parse(CrmFailcount, this.argv);
    let command: 'query' | 'delete' | undefined;
    for (const o of this.order) {
      if (o === 'query' || o === 'get-value') command = 'query';
      else if (o === 'delete' || o === 'delete-attr') command = 'delete';
      else if (o === 'attr-value') {
        if (flags['attr-value'] === '0') command = 'delete';
        else this.ctx.err(`warning: ignoring deprecated option '--attr-value' with nonzero value\n`);
      } else if (o === 'attr-id' || o === 'lifetime') this.ctx.err(`warning: ignoring deprecated option '--${o}'\n`);
    }
    const resource = flags.resource ?? flags['resource-id'];
    if (!command) throw new UsageError('error: must specify a command', true);
    if (!resource) throw new UsageError('error: resource name required', true);
    const nodeName = flags.node ?? flags.uname ?? agentTargetNode(undefined, this.ctx.env) ?? (this.ctx.env['CIB_file'] !== undefined ? hostname() : undefined);
    if (!nodeName) throw new UsageError('error: node name required', true);
    let intervalMs = 0;
    if (flags.interval !== undefined) {
      if (!intervalIsValid(flags.interval)) this.ctx.err('warning: Unrecognized interval, using 0\n');
      else intervalMs = parseInterval(flags.interval);
    }
    const op = flags.operation !== undefined ? { name: flags.operation, intervalMs } : undefined;

    const cib = await connectCib(this.ctx).catch((e) => {
      throw e instanceof CibError ? new ToolError(e.code, `Could not connect to the CIB: ${e.reason}`) : e;
    });
    const node = nodeUuid(cib.current(), nodeName);
    if (!node) throw new ToolError(ExitCode.NOSUCH, `Could not map name=${nodeName} to a UUID`);
    const quiet = flags.quiet || flags['quiet-legacy'];
    if (command === 'query') {
      const count = failCount(cib.current(), node.uuid, resource, op);
      this.ctx.out(quiet ? `${count.value}\n` : `scope=status  name=${count.name} value=${count.value}\n`);
      return ExitCode.OK;
    }
    for (const record of failureRecords(cib.current(), node.uuid, resource, op)) {
      await cib.request({ op: 'delete', scope: 'status', input: new XmlElement('nvpair', { id: record.id!, name: record.attr('name')! }) });
    }
    if (!quiet) this.ctx.out(`Cleaned up ${resource} on ${nodeName}\n`);
    return ExitCode.OK;
  }
}
