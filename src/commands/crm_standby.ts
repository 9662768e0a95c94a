import { runCrmAttribute } from '../attributes/run-crm-attribute.js';
import { PacerCommand } from '../cli/command.js';
import { ExitCode } from '../cli/exit-codes.js';
import { wrapperFlags } from '../attributes/wrapper-flags.js';

type Op = 'query' | 'update' | 'delete';
const OPS: Record<string, Op> = { query: 'query', 'get-value': 'query', update: 'update', 'attr-value': 'update', delete: 'delete', 'delete-attr': 'delete' };

export default class CrmStandby extends PacerCommand {
  static override id = 'crm_standby';
  static override summary = 'crm_standby - query, enable or disable standby mode of a node';
  static override synopsis = '<command> [options]';
  static override optionStyle = 'getopt' as const;
  static override description =
    'A node in standby mode keeps no resources. This sets, reads or removes the node\'s "standby"\n' +
    'attribute through crm_attribute: permanently by default, or until the node restarts with\n' +
    '--lifetime reboot. A query without --lifetime reports the permanent setting if there is one,\n' +
    'else the transient one, else "off".';
  static override flags = wrapperFlags({
    query: 'Print whether the node is in standby mode (the default command)',
    update: 'Put the node in standby mode (on) or take it out (off)',
    delete: 'Remove the setting (without --lifetime: both the permanent and the transient one)',
    lifetime: 'How long the setting lasts: reboot or forever',
    id: '(Advanced) XML id of the standby attribute',
  });
  static override exitCodes = [ExitCode.NOSUCH];
  static override pacerExamples = [
    { description: 'Put node1 in standby mode:', command: 'crm_standby --node node1 --update on' },
    { description: 'Until it restarts only:', command: 'crm_standby -N node1 -v on -l reboot' },
    { description: 'Ask whether node1 is in standby mode:', command: 'crm_standby -N node1 -G -q' },
    { description: 'Bring it back:', command: 'crm_standby -N node1 -D' },
  ];
  static override seeAlso = ['crm_attribute(8)'];

  async exec(): Promise<number> {
    const { flags } = await this.parse(CrmStandby, this.argv);
    const last = [...this.order].reverse();
    const opOption = last.find((o) => o in OPS);
    const op: Op = opOption ? OPS[opOption]! : 'query';
    const node = last.find((o) => o === 'node' || o === 'uname') === 'uname' ? flags.uname : flags.node;
    const id = flags.id ?? flags['attr-id'];
    const args = [...(node !== undefined ? ['-N', node] : []), '-n', 'standby'];
    if (flags.quiet || flags['quiet-legacy']) args.push('--quiet');
    for (let i = 0; i < this.verbosity; i++) args.push('--verbose');
    if (op === 'query') args.push('--query');
    else if (op === 'update') args.push('--update', (opOption === 'attr-value' ? flags['attr-value'] : flags.update)!);
    else args.push('--delete');
    if (id !== undefined) args.push('--id', id);
    if (flags.lifetime !== undefined) return runCrmAttribute(this, [...args, '--lifetime', flags.lifetime]);
    switch (op) {
      case 'query': {
        const permanent = await runCrmAttribute(this, [...args, '-l', 'forever'], { silent: true });
        return runCrmAttribute(this, permanent === ExitCode.OK ? [...args, '-l', 'forever'] : [...args, '-l', 'reboot', '-d', 'off']);
      }
      case 'update':
        return runCrmAttribute(this, [...args, '-l', 'forever']);
      case 'delete':
        await runCrmAttribute(this, [...args, '-l', 'forever']);
        await runCrmAttribute(this, [...args, '-l', 'reboot']);
        return ExitCode.OK;
    }
  }
}
