import { runCrmAttribute } from '../attributes/run-crm-attribute.js';
import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { opt } from '../cli/flags.js';
import { wrapperFlags } from '../attributes/wrapper-flags.js';

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
    ...wrapperFlags({
      query: 'Print the promotion score (the default command)',
      update: 'Set the promotion score',
      delete: 'Remove the promotion score',
      lifetime: 'How long the score lasts: reboot or forever (the default)',
      id: '(Advanced) XML id of the attribute',
    }),
    resource: opt('r', 'RESOURCE', 'The resource (default: $OCF_RESOURCE_INSTANCE)', { group: 'Additional Options' }),
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
