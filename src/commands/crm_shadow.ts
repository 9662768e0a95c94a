import { existsSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { connectCib, storeCib, type CibConnection } from '../cib/client.js';
import { createEmptyCib } from '../cib/empty.js';
import { CibError } from '../cib/errors.js';
import { createPatchset, IncomparableError } from '../cib/patchset/index.js';
import { showPatchset } from '../cib/show-patchset.js';
import { shadowDir, shadowFile } from '../cib/store/shadow.js';
import { parseXml } from '../cib/xml/parse.js';
import { serialize } from '../cib/xml/serialize.js';
import { readCibText } from '../cib/store/read.js';
import { PacerCommand } from '../cli/command.js';
import { DANGEROUS_COMMAND, ExitCode, ToolError, UsageError } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';

/** Commands and the long option that selects each; the last one given counts. */
const COMMANDS = ['which', 'display', 'edit', 'diff', 'file', 'create', 'create-empty', 'commit', 'delete', 'reset', 'switch'] as const;
type Command = (typeof COMMANDS)[number];

/** Commands that work on the active shadow (CIB_shadow) rather than a named one. */
const ON_ACTIVE = new Set<Command>(['display', 'edit', 'diff', 'file']);


/** New shadow files are readable by the owner's group only (Pacemaker's umask). */
const SHADOW_MODE = 0o640;

export default class CrmShadow extends PacerCommand {
  static override id = 'crm_shadow';
  static override summary = 'crm_shadow - try out configuration changes on a copy of the CIB';
  static override synopsis = '<query>|<command> [options]';
  static override optionStyle = 'getopt' as const;
  static override description =
    'Makes and manages shadow CIBs: copies of the configuration that the CIB tools (cibadmin,\n' +
    'crm_resource, ...) change instead of the cluster\'s while CIB_shadow names one. Changes can be\n' +
    'reviewed (--diff) and then committed to the cluster, or thrown away.\n\n' +
    'Without --batch, creating or switching to a shadow starts a new shell with CIB_shadow set;\n' +
    'leave it with Ctrl-D.';
  static override flags = {
    which: sw('w', 'Print the name of the active shadow CIB', { group: 'Queries' }),
    display: sw('p', 'Print the active shadow CIB', { group: 'Queries' }),
    edit: sw('E', 'Open the active shadow CIB in $EDITOR', { group: 'Queries' }),
    diff: sw('d', 'Print what the active shadow CIB changes compared with the cluster\'s', { group: 'Queries' }),
    file: sw('F', 'Print the path of the active shadow CIB', { group: 'Queries' }),
    create: opt('c', 'value', 'Make a shadow CIB with this name from the cluster\'s CIB', { group: 'Commands' }),
    'create-empty': opt('e', 'value', 'Make a shadow CIB with this name and an empty configuration', {
      group: 'Commands',
      description: 'Its schema is the newest, or the one given with --validate-with.',
    }),
    commit: opt('C', 'value', 'Copy the configuration of this shadow CIB to the cluster (needs --force)', { group: 'Commands' }),
    delete: opt('D', 'value', 'Remove this shadow CIB (needs --force)', { group: 'Commands' }),
    reset: opt('r', 'value', 'Make this shadow CIB a fresh copy of the cluster\'s CIB', { group: 'Commands' }),
    switch: opt('s', 'value', '(Advanced) Make this shadow CIB the active one', { group: 'Commands' }),
    force: sw('f', '(Advanced) Go ahead even when that destroys something', { group: 'Additional Options' }),
    batch: sw('b', '(Advanced) Do not start a new shell', { group: 'Additional Options' }),
    all: sw('a', '(Advanced) With --commit, copy the whole CIB, status included', { group: 'Additional Options' }),
    'validate-with': opt('v', 'value', '(Advanced) Schema of an empty shadow CIB, e.g. pacemaker-2.0', { group: 'Additional Options' }),
  };
  static override exitCodes = [ExitCode.NOT_CONFIGURED, ExitCode.CANTCREAT, ExitCode.DISCONNECT, ExitCode.NOSUCH];
  static override pacerExamples = [
    { description: 'Make a shadow CIB with an empty configuration:', command: 'crm_shadow --batch --create-empty myShadow' },
    { description: 'Make a shadow CIB from the cluster\'s CIB and work in it:', command: 'crm_shadow --create myShadow' },
    { description: 'Show the active shadow CIB:', command: 'crm_shadow --display' },
    { description: 'See what it would change:', command: 'crm_shadow --diff' },
    { description: 'Throw the shadow CIB myShadow away:', command: 'crm_shadow --delete myShadow --force' },
    { description: 'Apply myShadow\'s configuration to the cluster:', command: 'crm_shadow --commit myShadow --force' },
  ];
  static override seeAlso = ['cibadmin(8)', 'crm_diff(8)'];

  async exec(): Promise<number> {
    const { flags, argv } = await this.parse(CrmShadow, this.argv);
    if ((argv as string[]).length > 0) {
      this.ctx.out(`non-option ARGV-elements: ${(argv as string[]).map((a) => `${a} `).join('')}\n`);
      throw new UsageError('');
    }
    const active = this.ctx.env['CIB_shadow'];
    const command = this.lastCommand();
    if (command === 'which') {
      if (!active) throw new ToolError(ExitCode.NOSUCH, 'No active shadow configuration defined', true);
      this.ctx.out(`${active}\n`);
      return ExitCode.OK;
    }
    if (command && ON_ACTIVE.has(command) && !active) throw new ToolError(ExitCode.NOSUCH, 'No active shadow configuration defined', true);
    const name = command === undefined ? undefined : ON_ACTIVE.has(command) ? active : (flags[command as keyof typeof flags] as string);
    if (name === undefined || command === undefined) throw new ToolError(ExitCode.NOSUCH, 'No shadow instance provided', true);
    if (command !== 'switch' && command !== 'create' && active && active.toLowerCase() !== name.toLowerCase() && !flags.force) {
      this.ctx.err(`The supplied shadow instance (${name}) is not the same as the active one (${active}).\n`);
      throw new UsageError('  To prevent accidental destruction of the shadow file, the --force flag is required in order to proceed.', true);
    }
    if ((command === 'commit' || command === 'delete') && !flags.force) throw new UsageError(DANGEROUS_COMMAND, true);

    const { dir, warning } = shadowDir(this.ctx.env);
    if (warning) this.ctx.err(`${warning}\n`);
    const path = shadowFile(dir, name);
    const absolute = resolve(this.ctx.cwd, path);
    if (command === 'delete') return this.remove(name, absolute);
    if (command === 'file') {
      this.ctx.out(`${path}\n`);
      return ExitCode.OK;
    }

    const real = ['diff', 'reset', 'create', 'commit'].includes(command) ? await this.connectReal() : undefined;
    const exists = existsSync(absolute);
    if ((command === 'create' || command === 'create-empty') && exists && !flags.force) {
      throw new ToolError(
        ExitCode.CANTCREAT,
        `A shadow instance '${name}' already exists.\n  To prevent accidental destruction of the cluster, the --force flag is required in order to proceed.`,
        true,
      );
    }
    if (command !== 'create' && command !== 'create-empty' && !exists) {
      throw new ToolError(ExitCode.NOSUCH, `Could not access shadow instance '${name}': No such file or directory`, true);
    }

    switch (command) {
      case 'create':
      case 'reset':
      case 'create-empty': {
        let cib = real?.current();
        if (command === 'create-empty') {
          cib = createEmptyCib(0, flags['validate-with']);
          this.ctx.out(`Created new ${cib.attr('validate-with')} configuration\n`);
        }
        await storeCib(this.ctx, path, cib!, { mode: SHADOW_MODE });
        return this.setup(name, false, flags.batch);
      }
      case 'switch':
        return this.setup(name, true, flags.batch);
      case 'display':
        this.ctx.out(serialize(parseXml(readCibText(absolute))));
        return ExitCode.OK;
      case 'edit':
        return this.edit(path, absolute);
      case 'diff':
        return this.diff(absolute, real!);
      case 'commit':
        return this.commit(name, absolute, real!, flags.all);
    }
    return ExitCode.OK;
  }

  private lastCommand(): Command | undefined {
    for (let i = this.order.length - 1; i >= 0; i--) {
      const o = this.order[i] as Command;
      if (COMMANDS.includes(o)) return o;
    }
    return undefined;
  }

  /** The cluster's CIB (CIB_file, or the daemon), never a shadow. */
  private async connectReal(): Promise<CibConnection> {
    try {
      return await connectCib(this.ctx, { ignoreShadow: true });
    } catch (e) {
      if (e instanceof CibError) throw new ToolError(e.code, `Could not connect to CIB: ${e.reason}`, true);
      throw e;
    }
  }

  /** The changes the shadow makes to the real CIB; exits 1 when there are some, as diff does. */
  private diff(absolute: string, real: CibConnection): number {
    let patch;
    try {
      patch = createPatchset(real.current(), parseXml(readCibText(absolute)));
    } catch (e) {
      if (e instanceof IncomparableError) throw new ToolError(ExitCode.DATAERR, `Could not compare with the shadow: ${e.message}`, true);
      throw e;
    }
    if (!patch) return ExitCode.OK;
    patch.removeAttr('digest'); // Pacemaker's comparison here computes none
    for (const line of showPatchset(patch)) this.ctx.out(`${line}\n`);
    return ExitCode.ERROR;
  }

  private remove(name: string, absolute: string): number {
    let code: number = ExitCode.OK;
    try {
      unlinkSync(absolute);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code !== 'ENOENT') {
        this.ctx.err(`Could not remove shadow instance '${name}': ${err.message}\n`);
        code = ExitCode.ERROR;
      }
    }
    this.teardown(name);
    return code;
  }

  private async commit(name: string, absolute: string, real: CibConnection, all: boolean): Promise<number> {
    const shadow = parseXml(readCibText(absolute));
    const input = all ? shadow : shadow.findChild('configuration');
    let code: number = ExitCode.OK;
    try {
      await real.request({ op: 'replace', scope: all ? undefined : 'configuration', input });
    } catch (e) {
      if (!(e instanceof CibError)) throw e;
      this.ctx.err(`Could not commit shadow instance '${name}' to the CIB: ${e.reason}\n`);
      code = e.code;
    }
    this.teardown(name);
    return code;
  }

  /** Tells how to use the shadow, or starts a shell that uses it. */
  private async setup(name: string, switching: boolean, batch: boolean): Promise<number> {
    const prompt = `shadow[${name.slice(0, 40)}] # `;
    const shell = this.ctx.env['SHELL'];
    this.ctx.out('Setting up shadow instance\n');
    if (this.ctx.env['PS1']?.toLowerCase() === prompt.toLowerCase()) return ExitCode.OK;
    if (!batch && shell) {
      this.ctx.out('Type Ctrl-D to exit the crm_shadow shell\n');
      const args = shell.includes('bash') ? ['--norc', '--noprofile'] : [];
      return this.interactive(shell, args, { PS1: prompt, CIB_shadow: name });
    }
    this.ctx.out(
      switching
        ? 'To switch to the named shadow instance, paste the following into your shell:\n'
        : 'A new shadow instance was created.  To begin using it paste the following into your shell:\n',
    );
    this.ctx.out(`  CIB_shadow=${name} ; export CIB_shadow\n`);
    return ExitCode.OK;
  }

  private teardown(name: string): void {
    if (this.ctx.env['PS1']?.includes(`shadow[${name.slice(0, 40)}] # `)) {
      this.ctx.out('Now type Ctrl-D to exit the crm_shadow shell\n');
    } else {
      this.ctx.out('Please remember to unset the CIB_shadow variable by pasting the following into your shell:\n  unset CIB_shadow\n');
    }
  }

  private async edit(path: string, absolute: string): Promise<number> {
    const editor = this.ctx.env['EDITOR'];
    if (!editor) throw new ToolError(ExitCode.NOT_CONFIGURED, 'No value for EDITOR defined', true);
    return this.interactive(editor, [absolute], {}, `Could not invoke EDITOR (${editor} ${path})`);
  }

  /** Runs a program on this terminal and passes on its exit status. */
  private async interactive(program: string, args: string[], env: Record<string, string>, failure = `Could not run ${program}`): Promise<number> {
    const { execa } = await import('execa');
    const r = await execa(program, args, { stdio: 'inherit', env: { ...this.ctx.env, ...env }, extendEnv: false, reject: false, cwd: this.ctx.cwd });
    if (r.exitCode === undefined) throw new ToolError(ExitCode.OSFILE, `${failure}: ${errnoText(r.cause)}`, true);
    return r.exitCode;
  }
}

/** The C library's words for the errors that starting a program commonly meets. */
function errnoText(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = { ENOENT: 'No such file or directory', EACCES: 'Permission denied', ENOEXEC: 'Exec format error' };
  return (code && words[code]) ?? (cause instanceof Error ? cause.message : String(cause));
}
