/**
 * Shared test helpers: where things are, running pacer in-process or as a
 * process, and the reference tools (Debian's pacemaker-cli-utils) as oracle.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/main.js';
import { memoryContext } from '../src/cli/context.js';
import { setPackageRoot } from '../src/paths.js';

/** The repository root (tests run from dist/test/...). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = resolve(ROOT, '..', 'shared');
export const SCHEDULER_XML = join(SHARED, 'conformance', 'scheduler', 'xml');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const PACER = join(ROOT, 'bin', 'pacer');

setPackageRoot(ROOT);

export interface Result {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a tool in this process (fast); env replaces the environment entirely. */
export async function runInProcess(
  tool: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; stdin?: string } = {},
): Promise<Result> {
  const ctx = memoryContext(tool, options);
  const code = await main(tool, args, ctx);
  return { stdout: ctx.stdout, stderr: ctx.stderr, code };
}

/** Runs bin/pacer as a process, as a user would. */
export function runPacer(args: string[], options: { env?: Record<string, string>; cwd?: string; input?: string } = {}): Result {
  const r = spawnSync(process.execPath, [PACER, ...args], {
    env: options.env ?? {},
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? 128 };
}

/** The reference tools: present, and Pacemaker 2.1.5? */
export const REFERENCE_DIR = '/usr/sbin';
export function referenceVersion(): string | null {
  const tool = join(REFERENCE_DIR, 'cibadmin');
  if (!existsSync(tool)) return null;
  try {
    return execFileSync(tool, ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? null;
  } catch {
    return null;
  }
}

/** Fails loudly (never skips) when the oracle is missing. */
export function requireReference(): void {
  const v = referenceVersion();
  if (v !== 'Pacemaker 2.1.5') {
    throw new Error(
      `the reference tools (Pacemaker 2.1.5, Debian's pacemaker-cli-utils) are needed by this test; found: ${v ?? 'none'}. ` +
        'Install them with scripts/install-test-deps.',
    );
  }
}

export function runReference(tool: string, args: string[], options: { env?: Record<string, string>; cwd?: string; input?: string } = {}): Result {
  const r = spawnSync(join(REFERENCE_DIR, tool), args, {
    env: { LC_ALL: 'C', TZ: 'UTC', ...options.env },
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? 128 };
}
