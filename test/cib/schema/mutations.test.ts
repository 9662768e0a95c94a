/**
 * The validator against libxml2 on damaged copies of corpus CIBs (seeded,
 * so every run checks the same ones): the verdict and every message must
 * agree.
 */
import test from 'ava';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from '../../../src/cib/xml/serialize.js';
import { SCHEDULER_XML } from '../../helpers.js';
import { damagedCibs } from './mutate.js';
import { disagreements, requireXmllint } from './oracle.js';

const corpus = readdirSync(SCHEDULER_XML).filter((f) => f.endsWith('.xml')).sort();

function agreeOn(t: import('ava').ExecutionContext, seed: number, count: number, perCib: number): void {
  requireXmllint();
  const dir = mkdtempSync(join(tmpdir(), 'pacer-schema-'));
  try {
    const damaged = damagedCibs(SCHEDULER_XML, corpus, seed, count, perCib);
    const byVersion = new Map<string, string[]>();
    for (const d of damaged) {
      writeFileSync(join(dir, d.name), serialize(d.cib));
      byVersion.set(d.version, [...(byVersion.get(d.version) ?? []), d.name]);
    }
    const differing = [...byVersion].flatMap(([version, files]) => disagreements(dir, files, version));
    const described = differing.map((d) => ({ ...d, damage: damaged.find((x) => x.name === d.file)!.description }));
    t.log(`${damaged.length - differing.length} of ${damaged.length} damaged CIBs agree with libxml2`);
    t.deepEqual(described, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('one mutation per CIB: verdicts and messages agree with libxml2', (t) => agreeOn(t, 20240601, 300, 1));

test('three mutations per CIB: verdicts and messages agree with libxml2', (t) => agreeOn(t, 7, 150, 3));
