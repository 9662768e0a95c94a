/**
 * crm_rule and iso8601 side by side with the reference, on the scheduler
 * corpus' CIBs with date rules and on dates, durations and periods.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireReference, runInProcess, runReference, SCHEDULER_XML } from '../helpers.js';

const env = { TZ: 'UTC' };

const RULE_CASES: [string, string[]][] = [
  ['date-1.xml', ['-c', '-r', 'rule.auto-1', '-d', '2004-06-01']],
  ['date-1.xml', ['-c', '-r', 'rule.auto-1', '-d', '2019-07-01']],
  ['date-1.xml', ['-c', '-r', 'no-such', '-r', 'rule.auto-1', '-d', '2019-07-01', '--output-as=xml']],
  ['date-2.xml', ['-c', '-r', 'test_failback_rule', '-d', '2006-06-01']],
  ['location-date-rules-1.xml', ['-c', '-r', 'rule-1-2', '-r', 'rule-2-2', '-d', '2019-07-01']],
  ['nvpair-date-rules-1.xml', ['-c', '-r', 'rhel7-1-rule2', '-d', '2019-07-01']],
  ['date-1.xml', ['-c', '-r', 'rule.auto-1', '-d', 'bogus']],
  ['date-1.xml', ['-c']],
  ['date-1.xml', ['-r', 'rule.auto-1']],
];

for (const [cib, args] of RULE_CASES) {
  test(`crm_rule as the reference: ${cib} ${args.join(' ')}`, async (t) => {
    requireReference();
    const file = join(SCHEDULER_XML, cib);
    const ref = runReference('crm_rule', args, { env: { ...env, CIB_file: file } });
    const ours = await runInProcess('crm_rule', args, { env: { ...env, CIB_file: file } });
    t.is(ours.code, ref.code);
    t.is(ours.stdout, ref.stdout.replace('request="/usr/sbin/', 'request="'));
    t.is(ours.stderr, ref.stderr);
  });
}

test('crm_rule reads the CIB from standard input with --xml-text -', async (t) => {
  const xml = readFileSync(join(SCHEDULER_XML, 'date-1.xml'), 'utf8');
  const r = await runInProcess('crm_rule', ['-c', '-r', 'rule.auto-1', '-d', '2004-06-01', '--xml-text', '-'], { env, stdin: xml });
  t.is(r.stdout, 'Rule rule.auto-1 is still in effect\n');
  t.is(r.code, 0);
});

const DATE_CASES: string[][] = [
  ['-d', '2019-07-01'],
  ['-d', '2019-07-01 12:00:00 +02:00', '-D', 'P1M'],
  ['-D', 'P1Y2M3DT4H5M6S'],
  ['-D', 'PT90M'],
  ['-D', 'P2W'],
  ['-D', 'PT45S'],
  ['-p', '2019-01-01/P1M'],
  ['-p', '2019-01-01/2019-02-01'],
  ['-p', 'P1M/2019-02-01'],
  ['-d', '2019-07-01', '-s'],
  ['-d', '2019-07-01', '-S'],
  ['-d', '2019-07-01 10:00:00', '-O'],
  ['-d', '2019-12-30', '-W'],
  ['-d', '2019-01-01', '-E', '2019-01-01 00:00:00Z'],
  ['-d', '2019-01-01', '-E', '2019-01-02 00:00:00Z'],
  ['-d', 'bad'],
  ['-D', 'bad'],
  ['-p', 'bad'],
];

for (const args of DATE_CASES) {
  test(`iso8601 as the reference: ${args.join(' ')}`, async (t) => {
    requireReference();
    const ref = runReference('iso8601', args, { env });
    const ours = await runInProcess('iso8601', args, { env });
    t.is(ours.code, ref.code);
    t.is(ours.stdout, ref.stdout);
    t.is(ours.stderr, ref.stderr);
  });
}
