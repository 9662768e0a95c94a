/**
 * Running the status tools in-process at a fixed moment, and Pacemaker's
 * side by side on the same file: outputs compared after taking out the
 * display time, which only the clock decides.
 */
import { main } from '../../src/main.js';
import { memoryContext } from '../../src/cli/context.js';
import { runReference, type Result } from '../helpers.js';

/** 2026-01-02 03:04:05 UTC: the moment of every in-process display. */
export const NOW = 1767323045;

process.env['TZ'] = 'UTC';

export async function runAt(tool: string, args: string[], env: Record<string, string>, cwd?: string): Promise<Result> {
  const ctx = memoryContext(tool, { env: { LC_ALL: 'C', ...env }, cwd, now: NOW });
  const code = await main(tool, args, ctx);
  return { stdout: ctx.stdout, stderr: ctx.stderr, code };
}

/** The display time out of crm_mon's output (text, HTML and XML). */
export function withoutTime(text: string): string {
  return text
    .replace(/(Last updated: <\/span><span>)[^<]*/g, '$1TIME')
    .replace(/^([ *]*Last updated: )[^<\n]*$/gm, '$1TIME')
    .replace(/(<last_update time=")[^"]*"/g, '$1TIME"');
}

/** Pacemaker's tool on the same file; its request attribute names the tool as ours does. */
export function reference(tool: string, args: string[], env: Record<string, string>, cwd?: string): Result {
  const r = runReference(tool, args, { env, cwd });
  return { ...r, stdout: r.stdout.replaceAll(`/usr/sbin/${tool}`, tool) };
}
