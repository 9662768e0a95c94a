/**
 * Entry point of the one pacer binary. Invoked under a tool's name (a link
 * called cibadmin) it is that tool; invoked as pacer, the first words name
 * the command.
 */
import type { Config } from '@oclif/core/config';
import { basename } from 'node:path';
import { runTool } from './cli/command.js';
import { processContext, type ToolContext } from './cli/context.js';
import { ExitCode } from './cli/exit-codes.js';
import { PACER_VERSION, versionText } from './cli/version.js';
import { COMMANDS, PACER_ONLY } from './commands/index.js';

/**
 * What oclif's Command asks of its configuration during a call: the binary's
 * name, and the hooks to run before parsing (pacer has none). Config.load
 * would also look for plugins, themes, the user's shell and WSL, on every
 * tool call, for nothing pacer uses.
 */
export function oclifConfig(): Config {
  const config: Pick<Config, 'bin' | 'runHook'> = {
    bin: 'pacer',
    runHook: async () => ({ successes: [], failures: [] }),
  };
  return config as Config;
}

/** Splits argv into a command id and its arguments, or null when none matches. */
export function resolveCommand(invokedAs: string, args: readonly string[]): { id: string; rest: string[] } | null {
  const name = basename(invokedAs).replace(/\.(c?js|mjs)$/, '');
  if (name !== 'pacer' && name in COMMANDS && !PACER_ONLY.has(name)) return { id: name, rest: [...args] };
  // the longest run of leading words that names a command ("cluster setup")
  for (let n = Math.min(3, args.length); n >= 1; n--) {
    const id = args.slice(0, n).join(' ');
    if (id in COMMANDS) return { id, rest: args.slice(n) };
  }
  return null;
}

function usage(): string {
  const names = Object.keys(COMMANDS).sort();
  return [
    `pacer ${PACER_VERSION}: a cluster resource manager compatible with Pacemaker`,
    '',
    'Usage: pacer COMMAND [OPTIONS]   (or run a link named after a tool)',
    '',
    'Commands:',
    ...names.map((n) => `  ${n}`),
    '',
    'Run "pacer COMMAND --help" for the options of a command.',
    '',
  ].join('\n');
}

export async function main(invokedAs: string, args: string[], ctx?: ToolContext): Promise<number> {
  const found = resolveCommand(invokedAs, args);
  if (!found) {
    const c = ctx ?? processContext('pacer');
    const first = args[0];
    if (first === '--version' || first === '-$') {
      c.out(versionText());
      return ExitCode.OK;
    }
    if (first === undefined || first === '--help' || first === '-?' || first === '-h' || first === 'help') {
      c.out(usage());
      return ExitCode.OK;
    }
    c.err(`pacer: unknown command '${first}'\n${usage()}`);
    return ExitCode.USAGE;
  }
  const Cmd = await COMMANDS[found.id]!();
  const c = ctx ?? processContext(found.id);
  return runTool(Cmd, found.rest, c, oclifConfig());
}
