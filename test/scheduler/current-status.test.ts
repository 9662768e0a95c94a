/**
 * The status part of crm_simulate's output ("Current cluster status") for
 * inputs of the scheduler corpus, each chosen for one kind of state.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '../../src/cib/xml/parse.js';
import { unpackCluster } from '../../src/scheduler/unpack/index.js';
import { timeFromEpoch } from '../../src/scheduler/util/iso8601.js';
import { Section, Show } from '../../src/status/options.js';
import { TextOutput } from '../../src/status/text-output.js';
import { printClusterStatus } from '../../src/status/text/cluster.js';
import { SHARED } from '../helpers.js';

const CORPUS = join(SHARED, 'conformance', 'scheduler');

function expectedStatus(name: string): string {
  const summary = readFileSync(join(CORPUS, 'summary', `${name}.summary`), 'utf8');
  return /^(Current cluster status:\n[\s\S]*?\n)\nTransition Summary:/m.exec(summary)![1]!;
}

function currentStatus(name: string): string {
  const cib = parseXml(readFileSync(join(CORPUS, 'xml', `${name}.xml`), 'utf8'));
  const date = cib.attrs['execution-date'];
  const now = timeFromEpoch(date !== undefined ? Number(date) : 0);
  const cluster = unpackCluster(cib, { now, localOffset: 0, sanitized: true });
  const out = new TextOutput(true);
  out.beginList('Current cluster status');
  printClusterStatus(out, cluster, {
    sections: Section.Nodes | Section.Resources,
    show: Show.InactiveRscs | Show.FailedDetail | Show.Pending,
    onlyNodes: ['*'],
    onlyRscs: ['*'],
  });
  out.endList();
  // the corpus normalises agent names as cts-scheduler does
  return out.toString().replace(/ocf::/g, 'ocf:');
}

const cases: [string, string][] = [
  ['an offline node and a stopped resource', 'simple1'],
  ['a group of stopped members', 'group1'],
  ['unclean nodes', 'concurrent-fencing'],
  ['a standby node', 'anti-colocation-order'],
  ['a failed resource', '1484'],
  ['an orphaned resource', 'orphan-1'],
  ['blocked resources', 'bug-5014-A-stopped-B-stopped'],
  ['unmanaged resources', 'bug-5028-detach'],
  ['disabled and shutdown-locked resources', '8-am-then-bm-a-migrating-b-stopping'],
  ['a node in maintenance', 'shutdown-maintenance-node'],
  ['a pending start', 'mon-rsc-3'],
  ['an ignored failure', 'bug-5069-op-disabled'],
];

for (const [what, name] of cases) {
  test(`status text shows ${what} as Pacemaker does (${name})`, (t) => {
    t.is(currentStatus(name), expectedStatus(name));
  });
}
