/**
 * The whole of crm_simulate -S (status, transition summary, executed
 * transition, revised status) through the library, for corpus inputs that
 * each exercise one area of the scheduler.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, simulateCorpusCase } from './corpus.js';

/** The corpus keeps graphs without batch-limit and crm_feature_set: compare without them. */
function normalGraph(text: string): string {
  return text
    .replace(/ (batch-limit|crm_feature_set)="[^"]*"/g, '')
    .replace(/ +/g, ' ')
    .replace(/ \/>/g, '/>')
    .trim();
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
  ['a remote connection migrating', 'remote-move'],
  ['a remote node fenced while its connection is down', 'remote-fence-unclean'],
  ['a guest node whose container starts', 'whitebox-asymmetric'],
  ['guest nodes when their host is drained', 'whitebox-migrate1'],
];

const graphCases: [string, string][] = [
  ['a remote connection migrating (actions routed through its hosts)', 'remote-move'],
  ['a guest node (actions routed through the container host, physical_host given)', 'whitebox-asymmetric'],
  ['a remote node being fenced', 'remote-fence-unclean'],
];

for (const [what, name] of graphCases) {
  test(`the transition graph matches Pacemaker's for ${what} (${name})`, (t) => {
    t.is(normalGraph(simulateCorpusCase(name).graph), normalGraph(readFileSync(join(CORPUS, 'exp', `${name}.exp`), 'utf8')));
  });
}

for (const [what, name] of cases) {
  test(`crm_simulate -S matches Pacemaker for ${what} (${name})`, (t) => {
    t.is(simulateCorpusCase(name).summary, readFileSync(join(CORPUS, 'summary', `${name}.summary`), 'utf8'));
  });
}
