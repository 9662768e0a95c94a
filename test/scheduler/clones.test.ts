/**
 * Clones and promotable clones through the library: the transition summary
 * and the transition graph, against Pacemaker's for corpus inputs that each
 * exercise one part of clone scheduling. Graphs are compared without action
 * ids, batch-limit and the feature set, as the corpus's expected graphs are
 * normalised.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, simulateCorpusCase } from './corpus.js';


/** The corpus's graphs leave out batch-limit and the feature set; action ids are not compared. */
function normaliseGraph(xml: string): string {
  return xml
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) =>
      l
        .replace(/ crm_feature_set="[^"]*"/g, '')
        .replace(/ batch-limit="[^"]*"/g, '')
        .replace(/<(rsc_op|pseudo_event|crm_event) id="[0-9]+"/g, '<$1')
        .replace(/ +/g, ' ')
        .replace(/ \/>/g, '/>')
        .trim(),
    )
    .join('\n');
}

/** The summary as cts-scheduler normalises role names. */
function normaliseSummary(text: string): string {
  return text
    .replace(/Masters:/g, 'Promoted:')
    .replace(/Slaves:/g, 'Unpromoted:')
    .replace(/ Master( |\[|$)/gm, ' Promoted$1')
    .replace(/ Slave /g, ' Unpromoted ');
}

const cases: [string, string][] = [
  ['placing anonymous instances and probing one per node', 'clone-anon-probe-1'],
  ['clone-max below the number of nodes', 'inc2'],
  ['an ordered clone', 'clone-order-16instances'],
  ['interleaved clones', 'interleave-1'],
  ['a clone that needs one instance of another (clone-min)', 'clone_min_start_two'],
  ['a globally unique clone with notifications', 'bug-n-387749'],
  ['notifications around stops and starts', 'notify-2'],
  ['promotion by promotion scores', 'promoted-1'],
  ['promotion with notifications', 'promoted-notify'],
  ['colocation with the promoted role', 'promoted-colocation'],
  ['location constraints for one role', 'promoted-stop'],
  ['demotion before a move', 'promoted-move'],
];

for (const [what, name] of cases) {
  test(`clone scheduling matches Pacemaker for ${what} (${name})`, (t) => {
    const { summary, graph } = simulateCorpusCase(name);
    t.is(normaliseSummary(summary), readFileSync(join(CORPUS, 'summary', `${name}.summary`), 'utf8'));
    t.is(normaliseGraph(graph), normaliseGraph(readFileSync(join(CORPUS, 'exp', `${name}.exp`), 'utf8')));
  });
}
