import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { opt } from '../cli/flags.js';
import { DaemonError, startDaemon } from '../daemon/daemon.js';

export default class Daemon extends PacerCommand {
  static override id = 'daemon';
  static override summary = 'pacer daemon - run the cluster node daemon in the foreground';
  static override description =
    'Runs this node of the cluster described by $PACER_ROOT/etc/pacer/corosync.conf: membership,\n' +
    'quorum and ordered messaging over UDP (authenticated with $PACER_ROOT/etc/pacer/authkey),\n' +
    'and the IPC socket in $PACER_ROOT/run/pacer/ that the tools talk to. The daemon finds its\n' +
    "node by address, as Corosync does; --node chooses when several nodes' addresses are on this\n" +
    'machine. It logs to stderr (and to logging.logfile when to_logfile is set) and stops\n' +
    'cleanly on SIGTERM or SIGINT, telling its peers so they need not wait for the token timeout.';
  static override synopsis = '[--node NAME]';
  static override flags = {
    node: opt(undefined, 'NAME', 'Run as this node of the nodelist'),
  };
  static override exitCodes = [ExitCode.NOT_CONFIGURED, ExitCode.CONFIG, ExitCode.OSERR];
  static override pacerExamples = [
    { description: 'Run node2 of a cluster whose nodes share this machine:', command: 'PACER_ROOT=/srv/node2 pacer daemon --node node2' },
  ];

  async exec(): Promise<number> {
    const { flags } = await this.parse(Daemon, this.argv);
    let daemon;
    try {
      daemon = await startDaemon({ env: this.ctx.env, nodeName: flags.node });
    } catch (e) {
      if (e instanceof DaemonError) throw new ToolError(e.code, e.message);
      throw e;
    }
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        void daemon.stop().then(resolve);
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
    return ExitCode.OK;
  }
}
