import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';

export default class Pacemakerd extends PacerCommand {
  static override id = 'pacemakerd';
  static override summary = 'pacemakerd - Pacemaker\'s launcher; under pacer, a version probe';
  static override description =
    'Clients run "pacemakerd -$" to learn the Pacemaker version, which pacer answers (2.1.5, the\n' +
    'release it is compatible with). Starting and stopping the node is done with "pacer daemon"\n' +
    'instead: the other options fail with exit code 3.';
  static override flags = {
    features: sw('F', 'Print the version and the optional features (not available)'),
    foreground: sw('f', 'Ignored by Pacemaker as well'),
    'pid-file': opt('p', 'FILE', 'Ignored by Pacemaker as well'),
    shutdown: sw('S', 'Stop the cluster on this machine (use pacer\'s service manager instead)'),
    standby: sw('s', 'Start this node in standby (use pacer daemon and crm_standby instead)'),
  };
  static override exitCodes = [ExitCode.UNIMPLEMENT_FEATURE];
  static override pacerExamples = [{ description: 'Which Pacemaker release do the tools behave like?', command: 'pacemakerd -$' }];
  static override seeAlso = ['pacer-daemon(8)'];

  async exec(): Promise<number> {
    await this.parse(Pacemakerd, this.argv);
    throw new ToolError(ExitCode.UNIMPLEMENT_FEATURE, 'pacer runs the node with "pacer daemon"; pacemakerd only answers -$/--version');
  }
}
