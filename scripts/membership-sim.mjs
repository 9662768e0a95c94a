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
const converged = [];
const started = Date.now();
for (let s = from; s <= to; s++) {
  const r = simulate({ seed: s, chaos, trace: trace ? (line) => console.log(line) : undefined });
  if (r.converged !== undefined) converged.push(r.converged);
  if (!r.ok) {
    failed++;
    console.log(`seed ${s} (${r.nodes} nodes, ${r.quorum}): ${r.failure}`);
  } else if (seed !== undefined) console.log(JSON.stringify(r));
}
console.log(`${to - from + 1} seeds, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (converged.length > 1) {
  // once the network healed: how long until one view of all nodes (negative: it had formed before the heal)
  converged.sort((a, b) => a - b);
  const ms = (x) => `${Math.max(0, x).toFixed(0)} ms`;
  console.log(`one view after healing: median ${ms(converged[converged.length >> 1])}, 99th percentile ${ms(converged[Math.floor(converged.length * 0.99)])}, worst ${ms(converged[converged.length - 1])}`);
}
process.exitCode = failed ? 1 : 0;
