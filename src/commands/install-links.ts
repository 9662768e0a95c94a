import { chmodSync, existsSync, lstatSync, mkdirSync, readlinkSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';
import { toolNames } from './index.js';
import { DAEMON_NAMES } from '../daemon-names.js';
import { packageRoot } from '../paths.js';

export default class InstallLinks extends PacerCommand {
  static override id = 'install-links';
  static override summary = 'Link every tool name to the pacer binary';
  static override description =
    'Writes DIR/pacer, a launcher that runs this installation of pacer with the node interpreter\n' +
    'that ran this command (absolute paths, so tools work with an empty environment), and a\n' +
    'symbolic link to it for every tool pacer provides (cibadmin, crm_mon, ...) and for the\n' +
    "Pacemaker daemon names. Existing links are replaced; other files are left alone unless --force.";
  static override synopsis = '--prefix DIR [--daemon-dir DIR] [--force]';
  static override flags = {
    prefix: opt(undefined, 'DIR', 'Folder for the launcher and the tool links'),
    'daemon-dir': opt(undefined, 'DIR', 'Folder for the daemon names (default: the prefix)'),
    force: sw('f', 'Replace files that are not links'),
  };
  static override pacerExamples = [
    { description: 'Make the tools available in /usr/local/sbin:', command: 'pacer install-links --prefix /usr/local/sbin' },
  ];

  async exec(): Promise<number> {
    const { flags } = await this.parse(InstallLinks, this.argv);
    if (!flags.prefix) throw new ToolError(ExitCode.USAGE, '--prefix DIR is required');
    const prefix = resolve(this.ctx.cwd, flags.prefix);
    const daemonDir = resolve(this.ctx.cwd, flags['daemon-dir'] ?? flags.prefix);
    mkdirSync(prefix, { recursive: true });
    mkdirSync(daemonDir, { recursive: true });
    const launcher = join(prefix, 'pacer');
    const entry = join(packageRoot(), 'bin', 'pacer');
    const text = `#!${process.execPath}\nrequire(${JSON.stringify(entry)});\n`;
    const tmp = `${launcher}.tmp-${process.pid}`;
    writeFileSync(tmp, text);
    chmodSync(tmp, 0o755);
    renameSync(tmp, launcher);
    let n = 0;
    const link = (dir: string, name: string) => {
      const path = join(dir, name);
      if (existsOrLink(path)) {
        const isLink = lstatSync(path).isSymbolicLink();
        if (isLink && readlinkSync(path) === launcher) return;
        if (!isLink && !flags.force) throw new ToolError(ExitCode.CANTCREAT, `${path} exists and is not a link (use --force to replace it)`);
        unlinkSync(path);
      }
      symlinkSync(launcher, path);
      n++;
    };
    for (const name of toolNames()) link(prefix, name);
    for (const name of DAEMON_NAMES) link(daemonDir, name);
    this.ctx.out(`Linked ${toolNames().length + DAEMON_NAMES.length} names to ${launcher} (${n} new)\n`);
    return ExitCode.OK;
  }
}

function existsOrLink(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return existsSync(path);
  }
}
