import { PacerCommand } from '../cli/command.js';
import { ExitCode } from '../cli/exit-codes.js';
import { outputFlags } from '../cli/output.js';
import { quorumText, quorumXml } from '../daemon/membership/status/render.js';
import { printReport } from '../daemon/membership/status/report-tool.js';
import type { QuorumReport } from '../daemon/membership/status/types.js';

export default class QuorumStatus extends PacerCommand {
  static override id = 'quorum status';
  static override summary = 'pacer quorum status - show the quorum state of this partition';
  static override description =
    'Asks the local daemon for the votes, expected votes and quorum of the partition it is in,\n' +
    'laid out as corosync-quorumtool -s prints them.';
  static override synopsis = '[--output-as=FORMAT]';
  static override flags = { ...outputFlags() };
  static override exitCodes = [ExitCode.DISCONNECT];
  static override pacerExamples = [{ description: 'Show quorum as XML:', command: 'pacer quorum status --output-as=xml' }];

  async exec(): Promise<number> {
    const { flags } = await this.parse(QuorumStatus, this.argv);
    return printReport(this, flags, 'quorum', (q: QuorumReport) => ({ text: quorumText(q, this.ctx.now()), xml: quorumXml(q) }));
  }
}
