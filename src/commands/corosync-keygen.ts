import { resolve } from 'node:path';
import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';
import { AUTHKEY_DEFAULT, AUTHKEY_MAX, AUTHKEY_MIN, writeAuthkey } from '../daemon/membership/authkey.js';
import { nodePaths } from '../paths.js';

export default class CorosyncKeygen extends PacerCommand {
  static override id = 'corosync-keygen';
  static override summary = 'pacer corosync-keygen - generate the key that authenticates cluster traffic';
  static override description =
    'Writes a new random key to $PACER_ROOT/etc/pacer/authkey (or the file given with -k),\n' +
    'readable by root only. Every node of the cluster needs the same key: copy it to the\n' +
    'others, then restart their daemons.';
  static override synopsis = '[-k FILE] [-s SIZE]';
  static override optionStyle = 'getopt' as const;
  static override flags = {
    'key-file': opt('k', 'FILE', 'Write the key to FILE'),
    size: opt('s', 'SIZE', `Key length in bytes, ${AUTHKEY_MIN} to ${AUTHKEY_MAX} (default ${AUTHKEY_DEFAULT})`),
    'random-file': opt('r', 'FILE', 'Accepted for compatibility; the key always comes from the system random source', { hidden: true }),
    less: sw('l', 'Accepted for compatibility; has no effect', { hidden: true }),
  };
  static override exitCodes = [ExitCode.CANTCREAT];
  static override pacerExamples = [
    { description: 'Write a 512-byte key to a file to copy to the nodes:', command: 'pacer corosync-keygen -s 512 -k /tmp/authkey' },
  ];

  async exec(): Promise<number> {
    const { flags } = await this.parse(CorosyncKeygen, this.argv);
    const size = flags.size === undefined ? AUTHKEY_DEFAULT : Number(flags.size);
    if (!/^\d+$/.test(flags.size ?? '256') || size < AUTHKEY_MIN || size > AUTHKEY_MAX) {
      throw new ToolError(ExitCode.USAGE, `key size must be a number of bytes from ${AUTHKEY_MIN} to ${AUTHKEY_MAX}`);
    }
    const path = flags['key-file'] ? resolve(this.ctx.cwd, flags['key-file']) : nodePaths(this.ctx.env).authkey;
    this.ctx.out(`Gathering ${size * 8} bits for the key from the system random source.\n`);
    try {
      writeAuthkey(path, size);
    } catch (e) {
      throw new ToolError(ExitCode.CANTCREAT, `could not write ${path}: ${(e as Error).message}`);
    }
    this.ctx.out(`Writing the key to ${path}.\n`);
    return ExitCode.OK;
  }
}
