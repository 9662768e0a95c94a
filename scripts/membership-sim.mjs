#!/usr/bin/env node
// Runs the membership simulator: one seed (--seed N, with --trace to see every
// view and fault), or a range (--from A --to B). A failing seed replays exactly.
import { simulate } from '../dist/src/daemon/membership/sim/simulation.js';

const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seed = value('--seed', undefined);
const from = seed ?? value('--from', 1);
const to = seed ?? value('--to', 2000);
const trace = args.includes('--trace');
const chaos = value('--chaos', undefined);
let failed = 0;
const started = Date.now();
for (let s = from; s <= to; s++) {
  const r = simulate({ seed: s, chaos, trace: trace ? (line) => console.log(line) : undefined });
  if (!r.ok) {
    failed++;
    console.log(`seed ${s} (${r.nodes} nodes, ${r.quorum}): ${r.failure}`);
  } else if (seed !== undefined) console.log(JSON.stringify(r));
}
console.log(`${to - from + 1} seeds, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = failed ? 1 : 0;
