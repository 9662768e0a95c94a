/**
 * The names of Pacemaker's daemons (pacemaker-based, -controld,
 * -schedulerd, -fenced). Clients run them for facts, not to start them:
 * `metadata` prints the options the daemon owns, and the controller answers
 * `version`. Running them as daemons is pacer's node daemon's job.
 */
import { daemonMetadata } from '../cluster-options/metadata.js';
import { DAEMON_OPTIONS } from '../cluster-options/definitions.js';
import { PacerCommand, type PacerCommandClass } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { PACEMAKER_VERSION } from '../cli/version.js';

/** The build Pacemaker 2.1.5 reports; clients only check the version before it. */
const BUILD = 'a3f44794f94';

export function daemonCommand(name: string): PacerCommandClass {
  return class extends PacerCommand {
    static override id = name;
    static override summary = `${name} - Pacemaker daemon name, answering queries about it`;
    static override synopsis = 'metadata' + (name === 'pacemaker-controld' ? '|version' : '');
    static override optionStyle = 'getopt' as const;
    static override description =
      `pacer answers to this name for the clients that query it: "${name} metadata" prints, in OCF 1.1\n` +
      'form, the cluster options it owns with their types and defaults' +
      (name === 'pacemaker-controld' ? ', and "version" prints the version.' : '.') +
      '\nThe daemon itself is part of pacer\'s node daemon (pacer daemon).';
    static override flags = {};
    static override exitCodes = [ExitCode.UNIMPLEMENT_FEATURE];
    static override pacerExamples = [{ description: 'The options it owns, as OCF metadata:', command: `${name} metadata` }];
    static override seeAlso = ['pacer-daemon(8)'];

    async exec(): Promise<number> {
      const { argv } = await this.parse(this.constructor as PacerCommandClass, this.argv);
      const what = (argv as string[])[0];
      if (what === 'metadata') {
        this.ctx.out(daemonMetadata(name, DAEMON_OPTIONS[name]!));
        return ExitCode.OK;
      }
      if (what === 'version' && name === 'pacemaker-controld') {
        this.ctx.out(`CRM Version: ${PACEMAKER_VERSION} (${BUILD})\n`);
        return ExitCode.OK;
      }
      throw new ToolError(
        ExitCode.UNIMPLEMENT_FEATURE,
        `${name} runs inside pacer's node daemon ("pacer daemon"); under this name pacer only answers "metadata"` +
          (name === 'pacemaker-controld' ? ' and "version"' : ''),
      );
    }
  } as unknown as PacerCommandClass;
}
