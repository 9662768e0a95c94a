import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PacerCommand } from '../cli/command.js';
import { ExitCode } from '../cli/exit-codes.js';
import { sw } from '../cli/flags.js';
import { WALKTHROUGH } from '../demo/walkthrough.js';
import { packageRoot } from '../paths.js';
import { COMMANDS } from './index.js';

export default class Demo extends PacerCommand {
  static override id = 'demo';
  static override summary = 'Walk through a sample cluster configuration with the tools';
  static override description =
    'Builds a small configuration in a scratch folder, step by step, with the same tool calls a user\n' +
    'would type (crm_shadow, cibadmin, crm_diff, crm_verify), printing each command and its output.';
  static override flags = {
    keep: sw(undefined, 'Keep the scratch folder and print where it is'),
  };
  static override pacerExamples = [{ description: 'Run the walk-through:', command: 'pacer demo' }];

  async exec(): Promise<number> {
    const { flags } = await this.parse(Demo, this.argv);
    const { execa } = await import('execa');
    const dir = mkdtempSync(join(tmpdir(), 'pacer-demo-'));
    const base = { CIB_file: 'cib.xml', CIB_shadow_dir: dir, LC_ALL: 'C', PATH: this.ctx.env['PATH'] ?? '/usr/bin:/bin' };
    let failed = false;
    for (const step of WALKTHROUGH) {
      if (!(step.argv[0]! in COMMANDS)) continue;
      if (step.say) this.ctx.out(`\n# ${step.say}\n`);
      const env = { ...base, ...step.env };
      const shown = Object.entries(step.env ?? {}).map(([k, v]) => `${k}=${v} `).join('');
      this.ctx.out(`$ ${shown}${step.argv.map(quote).join(' ')}${step.stdoutTo ? ` > ${step.stdoutTo}` : ''}\n`);
      const r = await execa(process.execPath, [join(packageRoot(), 'bin', 'pacer'), ...step.argv], {
        cwd: dir,
        env,
        extendEnv: false,
        reject: false,
        all: true,
      });
      if (r.exitCode === ExitCode.UNIMPLEMENT_FEATURE) {
        this.ctx.out('(not built yet: skipped)\n');
        continue;
      }
      if (step.stdoutTo) writeFileSync(join(dir, step.stdoutTo), r.stdout + '\n');
      else if (r.all) this.ctx.out(`${r.all}\n`);
      if (!(step.expect ?? [0]).includes(r.exitCode ?? -1)) {
        this.ctx.err(`pacer demo: step failed with exit code ${r.exitCode}\n`);
        failed = true;
        break;
      }
    }
    if (flags.keep) this.ctx.out(`\nThe files are in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
    return failed ? ExitCode.ERROR : ExitCode.OK;
  }
}

function quote(arg: string): string {
  return /^[\w./=:,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
