import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { sw, opt } from '../cli/flags.js';
import { readCibFile } from '../cib/store/read.js';
import { serialize } from '../cib/xml/serialize.js';
import { resolve } from 'node:path';

export default class Cibadmin extends PacerCommand {
  static override id = 'cibadmin';
  static override summary = 'cibadmin - read and change the cluster configuration (CIB)';
  static override synopsis = '<command> [options]';
  static override optionStyle = 'getopt' as const;
  static override flags = {
    query: sw('Q', 'Print the CIB, or the part selected by --scope or --xpath', { group: 'Commands' }),
    scope: opt('o', 'value', 'Work on one section of the CIB', { group: 'Data' }),
  };

  async exec(): Promise<number> {
    const { flags } = await this.parse(Cibadmin, this.argv);
    const file = this.ctx.env['CIB_file'];
    if (!file) throw new ToolError(ExitCode.DISCONNECT, 'Could not connect to the CIB: Transport endpoint is not connected', true);
    const cib = readCibFile(resolve(this.ctx.cwd, file));
    if (flags.query) this.ctx.out(serialize(cib));
    return ExitCode.OK;
  }
}
