import { runCrmAttribute } from '../attributes/run-crm-attribute.js';
import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';

/** Options passed on to crm_attribute as they are, by long name. */
const PASSED_SWITCHES: Record<string, string> = { verbose: '--verbose', quiet: '--quiet', query: '--query', delete: '--delete', 'get-value': '--query', 'delete-attr': '--delete', 'quiet-legacy': '--quiet' };
const PASSED_VALUES: Record<string, string> = { update: '--update', node: '--node', lifetime: '--lifetime', id: '--id', uname: '--node', 'attr-value': '--update', 'attr-id': '--id' };

export default class CrmMaster extends PacerCommand {
  static override id = 'crm_master';
  static override summary = "crm_master - query, update or delete a resource's promotion score";
  static override synopsis = '<command> [options]';
  static override optionStyle = 'getopt' as const;
  static override description =
    'Kept for resource agents written for older Pacemaker releases: it works on the node attribute\n' +
    'master-<resource> through crm_attribute, permanently unless --lifetime reboot is given. The\n' +
    'resource is the one named by -r, else $OCF_RESOURCE_INSTANCE. New agents use\n' +
    'crm_attribute --promotion instead.';
  static override flags = {
    quiet: sw('q', 'Print only the value (queries)'),
    'quiet-legacy': sw('Q', 'Same as --quiet', { hidden: true }),
    query: sw('G', 'Print the promotion score (the default command)', { group: 'Commands' }),
    update: opt('v', 'VALUE', 'Set the promotion score', { group: 'Commands' }),
    delete: sw('D', 'Remove the promotion score', { group: 'Commands' }),
    resource: opt('r', 'RESOURCE', 'The resource (default: $OCF_RESOURCE_INSTANCE)', { group: 'Additional Options' }),
    node: opt('N', 'NODE', 'Work on this node instead of the local one', { group: 'Additional Options' }),
    lifetime: opt('l', 'LIFETIME', 'How long the score lasts: reboot or forever (the default)', { group: 'Additional Options' }),
    id: opt('i', 'VALUE', '(Advanced) XML id of the attribute', { group: 'Additional Options' }),
    uname: opt('U', 'NODE', 'Old name of --node', { hidden: true }),
    'get-value': sw(undefined, 'Old name of --query', { hidden: true }),
    'delete-attr': sw(undefined, 'Old name of --delete', { hidden: true }),
    'attr-value': opt(undefined, 'VALUE', 'Old name of --update', { hidden: true }),
    'attr-id': opt(undefined, 'VALUE', 'Old name of --id', { hidden: true }),
  };
  static override exitCodes = [ExitCode.NOSUCH];
  static override pacerExamples = [
    { description: 'In a resource agent, prefer this node for promotion:', command: 'crm_master -l reboot -v 100' },
    { description: 'Read the score of resource db on node1:', command: 'crm_master -r db -N node1 -G' },
  ];
  static override seeAlso = ['crm_attribute(8)'];

  async exec(): Promise<number> {
    const { flags } = await this.parse(CrmMaster, this.argv);
    const resource = flags.resource ?? this.ctx.env['OCF_RESOURCE_INSTANCE'];
    if (!resource) throw new ToolError(ExitCode.ERROR, 'error: No resource specified (give -r or set OCF_RESOURCE_INSTANCE)', true);
    // permanent unless the caller says otherwise
    const args = flags.lifetime === undefined ? ['--lifetime', 'forever'] : [];
    // passed on once each, in the order given
    for (const o of new Set(this.order)) {
      if (o in PASSED_SWITCHES) args.push(PASSED_SWITCHES[o]!);
      else if (o in PASSED_VALUES) args.push(PASSED_VALUES[o]!, (flags as Record<string, string>)[o]!);
    }
    return runCrmAttribute(this, ['-n', `master-${resource}`, ...args]);
  }
}
