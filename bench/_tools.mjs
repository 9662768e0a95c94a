// Helpers for the benchmark sections (see scripts/bench.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PACER = join(ROOT, 'bin', 'pacer');
export const NODE = process.execPath;
export const REFERENCE = '/usr/sbin';
export const hasReference = existsSync(join(REFERENCE, 'cibadmin'));
const hyperfine = ['/usr/bin/hyperfine', '/usr/local/bin/hyperfine'].find((p) => existsSync(p));

export function tempDir() {
  return mkdtempSync(join(tmpdir(), 'pacer-bench-'));
}

/** The compiled sources, for in-process measurements. */
export async function load(modulePath) {
  return import(join(ROOT, 'dist', modulePath));
}

/**
 * Mean wall time of a command in milliseconds. `command` is an argv array;
 * env is added to a minimal environment; ignoreFailure for tools whose
 * non-zero exit is an answer (crm_diff: 1 means "different").
 */
export function timeCommand(command, { env = {}, runs = 30, warmup = 3, ignoreFailure = false } = {}) {
  const fullEnv = { PATH: '/usr/bin:/bin', LC_ALL: 'C', ...env };
  if (hyperfine) {
    const dir = tempDir();
    const out = join(dir, 'h.json');
    const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
    execFileSync(
      hyperfine,
      [...(ignoreFailure ? ['-i'] : []), '-N', '--runs', String(runs), '--warmup', String(warmup), '--export-json', out, '--style', 'none', command.map(shellQuote).join(' ')],
      { env: fullEnv, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const r = JSON.parse(readFileSync(out, 'utf8')).results[0];
    return { mean: r.mean * 1000, stddev: r.stddev * 1000, cpu: (r.user + r.system) * 1000, tool: 'hyperfine' };
  }
  for (let i = 0; i < warmup; i++) spawnSync(command[0], command.slice(1), { env: fullEnv });
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(command[0], command.slice(1), { env: fullEnv, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const stddev = Math.sqrt(times.reduce((a, b) => a + (b - mean) ** 2, 0) / times.length);
  return { mean, stddev, tool: 'loop' };
}

/** Median time of an in-process function, in milliseconds. */
export function timeFunction(fn, { runs = 10, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { mean: times[Math.floor(times.length / 2)], stddev: times[times.length - 1] - times[0], tool: 'median' };
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;

/**
 * Prints rows [label, {mean, stddev, cpu?}] with the ratio to the first row;
 * CPU time (user + system) is steadier than wall time on a busy machine.
 */
export function table(rows) {
  const width = Math.max(...rows.map((r) => r[0].length));
  const base = rows[0][1].mean;
  console.log(`  ${''.padEnd(width)}  ${'wall'.padStart(10)}   ${'±'.padStart(8)}  ${'ratio'.padStart(7)}  ${'cpu'.padStart(10)}`);
  for (const [label, t] of rows) {
    const cpu = t.cpu === undefined ? '' : fmt(t.cpu).padStart(10);
    console.log(`  ${label.padEnd(width)}  ${fmt(t.mean).padStart(10)} ± ${fmt(t.stddev).padStart(8)}  ${(t.mean / base).toFixed(2).padStart(6)}x  ${cpu}`);
  }
}
