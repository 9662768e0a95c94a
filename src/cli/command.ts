/**
 * The base of every tool: Pacemaker's command-line syntax in front of oclif's
 * parser, help and version handled the way Pacemaker's tools do, failures
 * turned into Pacemaker's exit codes.
 */
import { Command } from '@oclif/core/command';
import type { Config } from '@oclif/core/config';
import type * as Interfaces from '@oclif/core/interfaces';
import { GETOPT_STYLE, GLIB_STYLE, normalizeArgv, type Normalized } from './argv.js';
import type { ToolContext } from './context.js';
import { ExitCode, ToolError, UsageError } from './exit-codes.js';
import { COMMON_OPTIONS, describeFlags, toOptionInfo, type OptionDoc } from './flags.js';
import { renderHelp } from './help.js';
import { PACEMAKER_VERSION, versionText } from './version.js';

export interface Example {
  description: string;
  command: string;
}

export abstract class PacerCommand extends Command {
  /** Usage line after the tool name, e.g. "<command> [options]". */
  static synopsis = '[OPTION?]';
  static pacerExamples: Example[] = [];
  /** Exit codes worth listing in the man page, besides 0, 1 and 64. */
  static exitCodes: number[] = [];
  /** GLib tools and getopt tools word option errors differently. */
  static optionStyle: 'glib' | 'getopt' = 'glib';
  /** Further man page sections: [heading, text]. */
  static manSections: [string, string][] = [];
  static seeAlso: string[] = [];
  static override strict = false;

  ctx!: ToolContext;
  /** How often each counting option (-V) was given. */
  counts: Record<string, number> = {};
  /** Options in command-line order, by long name. */
  order: string[] = [];
  /** The arguments exactly as given, for the `request` of --output-as=xml results. */
  rawArgs: string[] = [];

  get verbosity(): number {
    return this.counts['verbose'] ?? 0;
  }

  /** The tool's work; returns the exit code. */
  abstract exec(): Promise<number | void>;

  /**
   * oclif reads a command's settings by spreading the class, which copies
   * its own static fields only: pass on `strict`, which tools inherit from
   * here, so that positional arguments reach them.
   */
  protected override parse<F extends Record<string, any>, B extends Record<string, any>, A extends Record<string, any>>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    const strict = ((options ?? this.constructor) as { strict?: boolean }).strict;
    return super.parse<F, B, A>(options && { ...options, strict }, argv);
  }

  override async run(): Promise<number> {
    return (await this.exec()) ?? ExitCode.OK;
  }
}

export type PacerCommandClass = (new (argv: string[], config: Config) => PacerCommand) &
  Omit<typeof PacerCommand, 'prototype'>;

/** All options of a tool, common ones included, for parsing and documentation. */
export function optionsOf(Cmd: PacerCommandClass): OptionDoc[] {
  const own = describeFlags(Cmd.flags ?? {});
  const taken = new Set(own.map((o) => o.short).filter(Boolean));
  const common = COMMON_OPTIONS.filter((c) => !own.some((o) => o.name === c.name)).map((c) =>
    c.short && taken.has(c.short) ? { ...c, short: undefined } : c,
  );
  // GLib answers -h with help unless the tool uses -h for something else.
  const help = common.find((c) => c.name === 'help');
  const extra: OptionDoc[] =
    help && !taken.has('h') ? [{ ...help, name: 'help', short: 'h', hidden: true }] : [];
  return [...common, ...extra, ...own];
}

/**
 * Runs one tool invocation to completion and returns its exit code. Output
 * goes through ctx; nothing here calls process.exit.
 */
export async function runTool(Cmd: PacerCommandClass, args: readonly string[], ctx: ToolContext, config: Config): Promise<number> {
  const docs = optionsOf(Cmd);
  const style = Cmd.optionStyle === 'getopt' ? GETOPT_STYLE : GLIB_STYLE;
  let normalized: Normalized;
  try {
    normalized = normalizeArgv(args, toOptionInfo(docs), style);
  } catch (e) {
    return reportError(Cmd, ctx, e);
  }
  if (normalized.order.includes('help') || normalized.order.includes('help-all')) {
    ctx.out(renderHelp(Cmd, docs, normalized.order.includes('help-all')));
    return ExitCode.OK;
  }
  if (normalized.order.includes('version')) {
    ctx.out(versionText());
    return ExitCode.OK;
  }
  const argv = normalized.argv.filter((a) => !/^--(help|help-all|version)$/.test(a));
  try {
    const cmd = new Cmd(argv, config);
    cmd.ctx = ctx;
    cmd.counts = normalized.counts;
    cmd.order = normalized.order;
    cmd.rawArgs = [...args];
    return await cmd.run();
  } catch (e) {
    return reportError(Cmd, ctx, e);
  }
}

function reportError(Cmd: PacerCommandClass, ctx: ToolContext, e: unknown): number {
  if (e instanceof ToolError) {
    if (e.message) ctx.err(e.bare ? `${e.message}\n` : `${ctx.tool}: ${e.message}\n`);
    if (e instanceof UsageError && Cmd.optionStyle === 'getopt') {
      ctx.err(renderHelp(Cmd, optionsOf(Cmd), false));
    }
    return e.code;
  }
  // oclif's own parse failures (bad choice of an option value and the like)
  const oclif = e as { oclif?: { exit?: number }; message?: string };
  if (oclif && oclif.oclif && typeof oclif.message === 'string') {
    ctx.err(`${ctx.tool}: ${oclif.message.split('\n')[0]}\n`);
    return ExitCode.USAGE;
  }
  const err = e as Error;
  ctx.err(`${ctx.tool}: internal error: ${err?.stack ?? String(e)}\n`);
  return ExitCode.SOFTWARE;
}

export { PACEMAKER_VERSION };
