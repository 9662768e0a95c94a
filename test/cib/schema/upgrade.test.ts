/**
 * upgradeCib and acceptCib against Pacemaker: `cibadmin --upgrade --force`
 * run on the same CIB must give the same document (its version counters
 * aside, which the CIB store keeps).
 */
import test from 'ava';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptCib, upgradeCib } from '../../../src/cib/schema/upgrade.js';
import { parseXml } from '../../../src/cib/xml/parse.js';
import { serialize } from '../../../src/cib/xml/serialize.js';
import { FIXTURES, requireReference, runReference, SCHEDULER_XML } from '../../helpers.js';

const BOOKKEEPING = / (admin_epoch|epoch|num_updates|cib-last-written|update-origin|update-client|update-user)="[^"]*"/g;

/** What Pacemaker's `cibadmin --upgrade --force` leaves in the file, counters aside. */
function referenceUpgrade(path: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pacer-upgrade-'));
  try {
    copyFileSync(path, join(dir, 'cib.xml'));
    const env = { CIB_file: 'cib.xml' };
    const up = runReference('cibadmin', ['--upgrade', '--force'], { env, cwd: dir });
    if (up.code !== 0) throw new Error(`reference upgrade failed: ${up.stderr}`);
    return runReference('cibadmin', ['-Q'], { env, cwd: dir }).stdout.replace(BOOKKEEPING, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ourUpgrade(path: string): string {
  const cib = parseXml(readFileSync(path, 'utf8'));
  const r = upgradeCib(cib);
  if (!r.ok) throw new Error(`upgrade failed: ${r.errors.map((e) => e.message).join('; ')}`);
  return serialize(r.cib).replace(BOOKKEEPING, '');
}

const oldCorpus = readdirSync(SCHEDULER_XML)
  .filter((f) => f.endsWith('.xml'))
  .filter((f) => /validate-with="(pacemaker-[12]\.[0-9]+|none)"/.test(readFileSync(join(SCHEDULER_XML, f), 'utf8')))
  .sort();

test('corpus CIBs of older schemas (and none) upgrade as cibadmin --upgrade --force upgrades them', (t) => {
  requireReference();
  t.true(oldCorpus.length >= 12);
  for (const f of oldCorpus) {
    const path = join(SCHEDULER_XML, f);
    t.is(ourUpgrade(path), referenceUpgrade(path), f);
  }
});

test('pacemaker-1.x ACLs become targets, roles and permissions on the way to 2.0', (t) => {
  requireReference();
  const path = join(FIXTURES, 'cib', 'acls-1.3.xml');
  const ours = ourUpgrade(path);
  t.is(ours, referenceUpgrade(path));
  t.regex(ours, /<acl_role id="auto-bob">/);
});

test('the stylesheet is skipped when the CIB is already valid in the next series', (t) => {
  const cib = parseXml(readFileSync(join(SCHEDULER_XML, 'priority-fencing-delay.xml'), 'utf8'));
  const r = upgradeCib(cib);
  t.true(r.ok);
  t.is(r.cib.attr('validate-with'), 'pacemaker-3.9');
  t.false(r.log.some((l) => /Transformation/.test(l.text)));
  t.is(cib.attr('validate-with'), 'pacemaker-1.3', 'the CIB given is left alone');
});

test('an upgrade can be limited to a schema', (t) => {
  const cib = parseXml(readFileSync(join(SCHEDULER_XML, 'multiply-active-stonith.xml'), 'utf8'));
  t.is(upgradeCib(cib, { max: 'pacemaker-3.2' }).cib.attr('validate-with'), 'pacemaker-3.2');
});

test('a CIB that is not valid for its own schema does not move', (t) => {
  const cib = parseXml(
    '<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-2.5"><configuration><crm_config/><nodes/><resources><primitive id="x"/></resources><constraints/></configuration></cib>',
  );
  const r = upgradeCib(cib);
  t.false(r.ok);
  t.is(r.failure, 'invalid');
  t.is(r.cib, cib);
  t.true(r.errors.length > 0);
});

test('tools accept a CIB older than 3.0 by upgrading it in memory', (t) => {
  const cib = parseXml(readFileSync(join(SCHEDULER_XML, 'multiply-active-stonith.xml'), 'utf8'));
  const r = acceptCib(cib, true);
  t.true(r.ok);
  t.is(r.cib.attr('validate-with'), 'pacemaker-3.9');
  t.deepEqual(
    r.log.filter((l) => l.fn === 'cli_config_update').map((l) => l.text),
    ['Configuration with schema pacemaker-2.3 was internally upgraded to latest version pacemaker-3.9'],
  );
  t.deepEqual(acceptCib(cib).printed, [], 'nothing is printed about a successful upgrade');
});

test('tools refuse a CIB too old to upgrade, and warn about a CIB without validation', (t) => {
  const bad = parseXml(
    '<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-2.5"><configuration><crm_config/><nodes/><resources><primitive id="x"/></resources><constraints/></configuration></cib>',
  );
  const refused = acceptCib(bad);
  t.false(refused.ok);
  t.deepEqual(refused.printed, [
    'Cannot upgrade configuration (claiming schema pacemaker-2.5) to at least pacemaker-3.0 because it does not validate with any schema from pacemaker-2.5 to pacemaker-3.9',
  ]);
  const none = parseXml('<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="none"><configuration/></cib>');
  t.deepEqual(acceptCib(none).printed, [
    'Schema validation of configuration is disabled (enabling is encouraged and prevents common misconfigurations)',
  ]);
});
