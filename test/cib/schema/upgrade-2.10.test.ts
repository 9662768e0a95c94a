/**
 * The 2.x → 3.0 upgrade (upgrade-2.10 enter/main/leave) against Pacemaker's
 * `cibadmin --upgrade --force`: the same document (version counters aside)
 * and the same stylesheet messages in the same order. When the reference's
 * result does not validate, it logs the rejected document ("transform:bad"),
 * which is compared with what our transform produced.
 */
import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFor } from '../../../src/cib/schema/transforms/index.js';
import { stylesheetMessageOutput, upgradeCib } from '../../../src/cib/schema/upgrade.js';
import { schemaIndex } from '../../../src/cib/schema/versions.js';
import { parseXml } from '../../../src/cib/xml/parse.js';
import { serialize } from '../../../src/cib/xml/serialize.js';
import { FIXTURES, requireReference, runReference } from '../../helpers.js';
import { generate2x } from './gen-2x.js';

const BOOKKEEPING = / (admin_epoch|epoch|num_updates|cib-last-written|update-origin|update-client|update-user)="[^"]*"/g;
const MESSAGE = /^(DEBUG|INFO|WARNING|INTERNAL)/;
const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l)
    .join('\n');

interface Outcome {
  /** the upgraded document, or "rejected" + the transform's invalid result, or "invalid input" */
  document: string;
  messages: string;
}

function reference(xml: string): Outcome {
  const dir = mkdtempSync(join(tmpdir(), 'pacer-upgrade210-'));
  try {
    writeFileSync(join(dir, 'cib.xml'), xml);
    const env = { CIB_file: 'cib.xml' };
    const up = runReference('cibadmin', ['--upgrade', '--force', '-VVVVV'], { env, cwd: dir });
    const log = up.stderr.split('\n').filter((l) => !l.includes('trace:'));
    const end = log.findIndex((l) => l.includes('Transformation upgrade-2.10.xsl'));
    const messages = log
      .slice(0, end < 0 ? log.length : end)
      .filter((l) => MESSAGE.test(l))
      .join('\n');
    if (up.code === 0) return { document: lines(runReference('cibadmin', ['-Q'], { env, cwd: dir }).stdout.replace(BOOKKEEPING, '')), messages };
    const from = log.findIndex((l) => l.includes('transform:bad'));
    if (from < 0) return { document: 'invalid input', messages };
    let to = from;
    while (to < log.length && log[to]!.includes('transform:bad')) to++;
    const bad = log.slice(from, to).map((l) => l.replace(/^.*transform:bad/, ''));
    return { document: 'rejected\n' + lines(bad.join('\n').replace(BOOKKEEPING, '')), messages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ours(xml: string): Outcome {
  const r = upgradeCib(parseXml(xml));
  const messages = r.log
    .map((e) => stylesheetMessageOutput(e, 'debug'))
    .filter((x) => x !== null)
    .join('')
    .split('\n')
    .filter((l) => MESSAGE.test(l))
    .join('\n');
  if (r.ok) return { document: lines(serialize(r.cib).replace(BOOKKEEPING, '')), messages };
  if (!r.log.some((e) => e.text.includes('did not produce a valid configuration'))) return { document: 'invalid input', messages };
  const produced = transformFor(schemaIndex('pacemaker-2.10'))(parseXml(xml), []);
  return { document: 'rejected\n' + lines(produced ? serialize(produced).replace(BOOKKEEPING, '') : 'null'), messages };
}

const FIXTURE_DIR = join(FIXTURES, 'cib', 'upgrade-2.10');

for (const f of readdirSync(FIXTURE_DIR).filter((n) => n.endsWith('.xml'))) {
  test(`upgrade-2.10: ${f} as cibadmin --upgrade --force upgrades it`, (t) => {
    requireReference();
    const xml = readFileSync(join(FIXTURE_DIR, f), 'utf8');
    t.deepEqual(ours(xml), reference(xml));
  });
}

test('upgrade-2.10: 60 seeded random 2.x CIBs as cibadmin --upgrade --force upgrades them', (t) => {
  requireReference();
  const kinds = { upgraded: 0, rejected: 0, invalid: 0 };
  for (let seed = 1; seed <= 60; seed++) {
    const xml = generate2x(seed);
    const want = reference(xml);
    t.deepEqual(ours(xml), want, `seed ${seed}:\n${xml}`);
    if (want.document === 'invalid input') kinds.invalid++;
    else if (want.document.startsWith('rejected')) kinds.rejected++;
    else kinds.upgraded++;
  }
  t.true(kinds.upgraded >= 40, JSON.stringify(kinds));
  t.log(JSON.stringify(kinds));
});

test('upgrade-2.10: what moves where, in short', (t) => {
  const xml = readFileSync(join(FIXTURE_DIR, 'options-resources-colocation.xml'), 'utf8');
  const r = upgradeCib(parseXml(xml));
  t.true(r.ok);
  const out = serialize(r.cib);
  t.regex(out, /<rsc_defaults>\s*<meta_attributes id="_2TO3_-rsc-defaults">\s*<!-- a comment -->\s*<nvpair id="o2" name="resource-stickiness" value="100"\/>/);
  t.regex(out, /<meta_attributes id="_2TO3_r1-meta">\s*<nvpair id="_2TO3_r1-start-meta-requires" name="requires" value="quorum"\/>/);
  t.regex(out, /<node id="n1" uname="node1" type="member"\/>/);
  t.regex(out, /<instance_attributes id-ref="r1-ia"\/>/, 'a reference copied for the upgrade goes back to being a reference');
  t.notRegex(out, /score-attribute|requires="|expected-quorum-votes/);
  const shown = r.log.map((e) => stylesheetMessageOutput(e, 'info')).join('');
  t.true(shown.startsWith('\n\nINFO: Cluster properties: o3: dropping expected-quorum-votes\n'), 'hidden messages leave empty lines');
});
