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

/** Median, quartiles and extremes of a list of times (ms). */
function summary(times) {
  const v = [...times].sort((a, b) => a - b);
  const at = (q) => {
    const i = (v.length - 1) * q;
    const lo = Math.floor(i);
    return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (i - lo);
  };
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), min: v[0], max: v[v.length - 1], runs: v.length };
}

/**
 * Wall time of a command in milliseconds: median and quartiles over `runs`
 * runs after `warmup` unmeasured ones, and the mean CPU time (user + system)
 * when hyperfine measures it. `command` is an argv array; env is added to a
 * minimal environment; ignoreFailure for tools whose non-zero exit is an
 * answer (crm_diff: 1 means "different").
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
    return { ...summary(r.times.map((x) => x * 1000)), cpu: (r.user + r.system) * 1000, tool: 'hyperfine' };
  }
  for (let i = 0; i < warmup; i++) spawnSync(command[0], command.slice(1), { env: fullEnv });
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(command[0], command.slice(1), { env: fullEnv, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ...summary(times), tool: 'loop' };
}

/**
 * Time of an in-process function in milliseconds: median and quartiles of
 * the wall time over `runs` calls after `warmup` unmeasured ones, and the
 * median CPU time of this process (which includes the garbage collector's
 * threads).
 */
export function timeFunction(fn, { runs = 15, warmup = 3 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return { ...summary(times), cpu: summary(cpus).median, tool: 'in process' };
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;

/**
 * Prints rows [label, time] with the ratio of medians to the first row.
 * Spread is the middle half of the runs (first to third quartile); CPU time
 * (user + system) is steadier than wall time on a busy machine.
 */
export function table(rows) {
  const width = Math.max(...rows.map((r) => r[0].length));
  const base = rows[0][1].median;
  console.log(`  ${''.padEnd(width)}  ${'median'.padStart(10)}  ${'middle half of runs'.padStart(21)}  ${'ratio'.padStart(7)}  ${'cpu'.padStart(10)}  runs`);
  for (const [label, t] of rows) {
    const cpu = t.cpu === undefined ? ''.padStart(10) : fmt(t.cpu).padStart(10);
    const spread = `${t.q1.toFixed(1)} - ${t.q3.toFixed(1)} ms`;
    console.log(`  ${label.padEnd(width)}  ${fmt(t.median).padStart(10)}  ${spread.padStart(21)}  ${(t.median / base).toFixed(2).padStart(6)}x  ${cpu}  ${t.runs}`);
  }
}

/**
 * Prints the aims of a section and whether the figures meet them: rows
 * [aim, measured (text), met (boolean)].
 */
export function aims(rows) {
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`  ${'aim'.padEnd(width)}  ${'measured'.padEnd(30)}  verdict`);
  for (const [aim, measured, met] of rows) console.log(`  ${aim.padEnd(width)}  ${measured.padEnd(30)}  ${met ? 'met' : 'NOT MET'}`);
}
