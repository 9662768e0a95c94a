/**
 * The whole of crm_simulate -S (status, transition summary, executed
 * transition, revised status) through the library, for corpus inputs that
 * each exercise one area of the scheduler.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '../../src/cib/xml/parse.js';
import { noInjections, simulate } from '../../src/scheduler/simulate/index.js';
import { SHARED } from '../helpers.js';

const CORPUS = join(SHARED, 'conformance', 'scheduler');

function run(name: string): string {
  const cib = parseXml(readFileSync(join(CORPUS, 'xml', `${name}.xml`), 'utf8'));
  const result = simulate(cib, {
    process: true,
    simulate: true,
    showScores: false,
    showUtilization: false,
    showPending: true,
    sections: 0,
    quiet: false,
    useDate: null,
    localOffset: 0,
    wallClock: 0,
    sanitized: true,
    injections: noInjections(),
    wantGraph: false,
    wantInput: false,
    wantDot: false,
    dotAllActions: false,
    dotVerbose: false,
  });
  return result.stdout.replace(/ocf::/g, 'ocf:');
}

const cases: [string, string][] = [
  ['placement of a group', 'group1'],
  ['colocation with a group', 'coloc-group'],
  ['mandatory orderings', 'order-mandatory'],
  ['a move with stickiness', 'migrate-1'],
  ['live migrations', '3-am-then-bm-both-migrate'],
  ['recovery of a failed resource', 'rec-rsc-0'],
  ['fencing of unclean nodes', 'stonith-4'],
  ['a node shutdown', 'shutdown-lock'],
  ['utilization', 'utilization-order3'],
  ['a revoked ticket', 'ticket-primitive-2'],
  ['resource sets', 'rsc-sets-seq-true'],
  ['a parameter change (reload)', 'params-2'],
  ['node health', 'systemhealthp1'],
];

for (const [what, name] of cases) {
  test(`crm_simulate -S matches Pacemaker for ${what} (${name})`, (t) => {
    t.is(run(name), readFileSync(join(CORPUS, 'summary', `${name}.summary`), 'utf8'));
  });
}
