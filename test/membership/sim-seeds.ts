/**
 * Runs a range of simulator seeds and reports every failure with the
 * command that replays it.
 */
import type { ExecutionContext } from 'ava';
import { simulate } from '../../src/daemon/membership/sim/simulation.js';

export function checkSeeds(t: ExecutionContext, from: number, to: number): void {
  const failures: string[] = [];
  let views = 0;
  let deliveries = 0;
  for (let seed = from; seed <= to; seed++) {
    const r = simulate({ seed });
    views += r.views;
    deliveries += r.deliveries;
    if (!r.ok) failures.push(`seed ${seed} (${r.nodes} nodes, ${r.quorum}): ${r.failure}\n  replay: npm run sim -- --seed ${seed} --trace`);
  }
  t.log(`${to - from + 1} seeds: ${views} views installed, ${deliveries} deliveries checked`);
  t.deepEqual(failures, [], failures.join('\n'));
}
