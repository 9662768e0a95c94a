/**
 * The validator against libxml2 on the scheduler corpus: every CIB against
 * the schema it names, and a sample of them against each older series
 * (where most are invalid, which exercises the error paths and the model of
 * each version).
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEDULER_XML } from '../../helpers.js';
import { disagreements, requireXmllint } from './oracle.js';

const files = readdirSync(SCHEDULER_XML).filter((f) => f.endsWith('.xml')).sort();

function byVersion(): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const f of files) {
    const v = /validate-with="pacemaker-([0-9.]+)"/.exec(readFileSync(join(SCHEDULER_XML, f), 'utf8'))?.[1];
    if (!v) continue;
    m.set(v, [...(m.get(v) ?? []), f]);
  }
  return m;
}

test('every corpus CIB gets libxml2 verdict and messages for the schema it names', (t) => {
  requireXmllint();
  for (const [version, group] of byVersion()) {
    t.deepEqual(disagreements(SCHEDULER_XML, group, version), [], `pacemaker-${version}`);
  }
});

const sample = files.filter((_, i) => i % 10 === 0);

for (const version of ['1.0', '1.2', '1.3', '2.0', '2.3', '2.6', '2.9', '2.10', '3.2', '3.4', '3.9', 'next']) {
  test(`a sample of corpus CIBs gets libxml2 verdict and messages against pacemaker-${version}`, (t) => {
    requireXmllint();
    t.deepEqual(disagreements(SCHEDULER_XML, sample, version), []);
  });
}
