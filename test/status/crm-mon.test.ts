/**
 * crm_mon on CIB files: side by side with Pacemaker's crm_mon on CIBs of
 * the scheduler corpus chosen for what they hold, golden outputs for a
 * small CIB, and the behaviours around errors and options.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, ROOT, SCHEDULER_XML, requireReference } from '../helpers.js';
import { reference, runAt, withoutTime } from './run.js';

const CIBS: [string, string][] = [
  ['an offline node and a stopped resource', 'simple1'],
  ['groups', 'group15'],
  ['anonymous clones', 'interleave-1'],
  ['a unique clone', 'bug-n-387749'],
  ['promotable clones', 'novell-239087'],
  ['a cloned group', 'cloned-group'],
  ['bundles', 'bundle-connection-with-container'],
  ['bundles with stopped replicas', 'stop-all-resources'],
  ['guest nodes', 'bug-rh-1097457'],
  ['remote nodes', 'remote-recover-unknown'],
  ['failed actions', 'monitor-recovery'],
  ['pending actions', 'mon-rsc-4'],
  ['unclean nodes', 'concurrent-fencing'],
  ['node health', 'systemhealthp1'],
  ['ping attributes', 'bug-cl-5247'],
  ['orphans', 'orphan-2'],
  ['maintenance mode', 'bug-5028-detach'],
];

const OPTIONS: [string, string[]][] = [
  ['the default display', ['-1']],
  ['inactive resources by node', ['-1', '-r', '-n']],
  ['details', ['-1', '-R', '-r']],
  ['brief lists', ['-1', '-b', '-r']],
  ['fail counts, attributes and operations with timings', ['-1', '-f', '-A', '-t']],
  ['XML', ['-1', '--output-as=xml']],
  ['HTML', ['-1', '--output-as=html', '--include=attributes,failcounts,operations']],
];

for (const [what, cib] of CIBS) {
  for (const [how, args] of OPTIONS) {
    test(`crm_mon shows ${what} as Pacemaker's does: ${how} (${cib})`, async (t) => {
      requireReference();
      const env = { CIB_file: join(SCHEDULER_XML, `${cib}.xml`), TZ: 'UTC' };
      const ours = await runAt('crm_mon', args, env);
      const theirs = reference('crm_mon', args, env);
      t.is(withoutTime(ours.stdout), withoutTime(theirs.stdout));
      t.is(ours.code, theirs.code);
    });
  }
}

const GOLDEN: [string, string[]][] = [
  ['text', ['-1', '-r']],
  ['xml', ['--one-shot', '--inactive', '--output-as=xml']],
  ['json', ['--one-shot', '--inactive', '--output-as=json']],
  ['html', ['-1', '--output-as=html']],
  ['simple', ['-s']],
];

for (const [name, args] of GOLDEN) {
  test(`crm_mon ${args.join(' ')} prints the golden ${name} output`, async (t) => {
    const ours = await runAt('crm_mon', args, { CIB_file: join(FIXTURES, 'cib', 'small.xml') });
    t.is(ours.stdout, readFileSync(join(ROOT, 'test', 'golden', 'crm_mon', `small.${name}`), 'utf8'));
  });
}

test('crm_mon -1 reports a CIB file it cannot read and still exits 0', async (t) => {
  const r = await runAt('crm_mon', ['-1'], { CIB_file: '/nonexistent/cib.xml' });
  t.is(r.code, 0);
  t.is(r.stdout, '');
  t.is(r.stderr, 'Could not connect to the CIB: No such device or address\n');
});

test('crm_mon --output-as=xml reports an unreadable CIB in the status element', async (t) => {
  const r = await runAt('crm_mon', ['-1', '--output-as=xml'], { CIB_file: '/nonexistent/cib.xml' });
  t.is(r.code, 0);
  t.regex(r.stdout, /<status code="0" message="OK">\n {4}<errors>\n {6}<error>Could not connect to the CIB: No such device or address<\/error>/);
});

test('crm_mon without a CIB file or a running cluster fails to connect (exit 102)', async (t) => {
  const r = await runAt('crm_mon', ['-1'], {});
  t.is(r.code, 102);
  t.regex(r.stderr, /Connection to cluster failed/);
});

test('crm_mon --include with an unknown section lists the sections and exits 64', async (t) => {
  const r = await runAt('crm_mon', ['-1', '--include=list'], { CIB_file: join(FIXTURES, 'cib', 'small.xml') });
  t.is(r.code, 64);
  t.regex(r.stderr, /^crm_mon: --include options: all, attributes, bans\[:PREFIX\]/);
});

test('crm_mon --help mentions --pending, and --help-all --fence-history and --output-as= (client probes)', async (t) => {
  t.regex((await runAt('crm_mon', ['--help'], {})).stdout, /--pending/);
  const all = (await runAt('crm_mon', ['--help-all'], {})).stdout;
  t.regex(all, /--fence-history/);
  t.regex(all, /--output-as=/);
});

test('crm_mon --output-as=json maps the summary to records and every other section to lists', async (t) => {
  const r = await runAt('crm_mon', ['-1', '--output-as=json'], { CIB_file: join(FIXTURES, 'cib', 'small.xml') });
  const doc = JSON.parse(r.stdout) as { result: Record<string, unknown>; status: { code: number } };
  t.deepEqual(Object.keys(doc.result), ['summary', 'nodes', 'resources']);
  t.deepEqual((doc.result['summary'] as Record<string, unknown>)['nodes_configured'], { number: '2' });
  t.is((doc.result['nodes'] as { element: string; name: string }[])[0]!.name, 'alpha');
  t.is(doc.status.code, 0);
});

test('crm_mon XML escapes failure reasons once more than other values and writes non-ASCII characters as references, as Pacemaker does', async (t) => {
  requireReference();
  const dir = mkdtempSync(join(tmpdir(), 'crm-mon-'));
  const cib = join(dir, 'cib.xml');
  // the corpus reason holds markup ("<node1>"); add quotes, an apostrophe and accented letters
  const text = readFileSync(join(SCHEDULER_XML, 'guest-host-not-fenceable.xml'), 'utf8');
  writeFileSync(cib, text.replace('is started, but', 'is &quot;started&quot;, isn\'t é 日, but'));
  const env = { CIB_file: cib, TZ: 'UTC' };
  const ours = await runAt('crm_mon', ['--output-as=xml'], env);
  const theirs = reference('crm_mon', ['--output-as=xml'], env);
  t.regex(ours.stdout, /exitreason="local node &amp;lt;node1&amp;gt; is &amp;quot;started&amp;quot;, isn&amp;apos;t &#xE9; &#x65E5;/);
  t.is(withoutTime(ours.stdout), withoutTime(theirs.stdout));
});
