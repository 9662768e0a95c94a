import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';
import { outputFlags } from '../cli/output.js';

/** The commands, by long name; the last one given counts. */
const COMMANDS = ['update', 'update-both', 'update-delay', 'query', 'delete', 'refresh'] as const;
type Command = (typeof COMMANDS)[number];

export default class AttrdUpdater extends PacerCommand {
  static override id = 'attrd_updater';
  static override summary = 'attrd_updater - query and update Pacemaker node attributes';
  static override description =
    'Talks to the node attribute manager, which keeps transient node attributes and writes them to\n' +
    'the CIB. pacer has no attribute manager yet: every command fails as Pacemaker\'s does when the\n' +
    'manager is not running (exit code 102), and nothing is changed. crm_attribute --lifetime reboot\n' +
    'sets transient attributes in the CIB directly.';
  static override flags = {
    ...outputFlags(),
    name: opt('n', 'NAME', 'The attribute', { group: 'Required Arguments' }),
    update: opt('U', 'VALUE', 'Set the value (written to the CIB when it changes)', { group: 'Command' }),
    'update-both': opt('B', 'VALUE', 'Set the value and the dampening (--delay)', { group: 'Command' }),
    'update-delay': sw('Y', 'Set the dampening (--delay) only', { group: 'Command' }),
    query: sw('Q', 'Print the value (the default command)', { group: 'Command' }),
    delete: sw('D', 'Clear the value', { group: 'Command' }),
    refresh: sw('R', '(Advanced) Have the manager write all its values to the CIB again', { group: 'Command' }),
    delay: opt('d', 'SECONDS', 'How long to wait for further changes before writing to the CIB', { group: 'Additional Options' }),
    set: opt('s', 'SET', '(Advanced) The attribute set to put the value in', { group: 'Additional Options' }),
    node: opt('N', 'NODE', 'Work on this node instead of the local one', { group: 'Additional Options' }),
    all: sw('A', 'With --query, print the value on every node', { group: 'Additional Options' }),
    lifetime: opt('l', 'SECTION', 'Accepted and ignored, as by Pacemaker', { group: 'Additional Options' }),
    private: sw('p', 'Never write a new attribute to the CIB', { group: 'Additional Options' }),
  };
  static override exitCodes = [ExitCode.DISCONNECT];
  static override pacerExamples = [
    { description: 'Set this node\'s pingd attribute, waiting 5 seconds for further changes:', command: 'attrd_updater -n pingd -B 100 -d 5' },
    { description: 'Print it on every node:', command: 'attrd_updater -n pingd -Q -A' },
  ];
  static override seeAlso = ['crm_attribute(8)'];

  async exec(): Promise<number> {
    const { flags } = await this.parse(AttrdUpdater, this.argv);
    const command: Command = ([...this.order].reverse().find((o) => (COMMANDS as readonly string[]).includes(o)) as Command | undefined) ?? 'query';
    if (command !== 'refresh' && flags.name === undefined) throw new ToolError(ExitCode.USAGE, 'Command requires --name argument');
    if (command === 'query') throw new ToolError(ExitCode.DISCONNECT, 'Could not connect to attrd: Connection refused');
    const value = command === 'update' ? flags.update : command === 'update-both' ? flags['update-both'] : undefined;
    throw new ToolError(ExitCode.DISCONNECT, `Could not update ${flags.name ?? '(null)'}=${value ?? '(null)'}: Connection refused (111)`);
  }
}
