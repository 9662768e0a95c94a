import { PacerCommand } from '../cli/command.js';
import { ExitCode } from '../cli/exit-codes.js';
import { outputFlags } from '../cli/output.js';
import { membershipText, membershipXml } from '../daemon/membership/status/render.js';
import { printReport } from '../daemon/membership/status/report-tool.js';
import type { MembershipReport } from '../daemon/membership/status/types.js';

export default class MembershipStatus extends PacerCommand {
  static override id = 'membership status';
  static override summary = 'pacer membership status - show the membership view, links and traffic counters';
  static override description =
    'Asks the local daemon for the current view (ring id and members), the state of the link\n' +
    'to every configured node, and the counters of datagrams sent, received and dropped\n' +
    '(malformed, failed authentication, replayed, from an old incarnation, from strangers).';
  static override synopsis = '[--output-as=FORMAT]';
  static override flags = { ...outputFlags() };
  static override exitCodes = [ExitCode.DISCONNECT];
  static override pacerExamples = [{ description: 'Show the membership as JSON:', command: 'pacer membership status --output-as=json' }];

  async exec(): Promise<number> {
    const { flags } = await this.parse(MembershipStatus, this.argv);
    return printReport(this, flags, 'status', (m: MembershipReport) => ({ text: membershipText(m), xml: membershipXml(m) }));
  }
}
