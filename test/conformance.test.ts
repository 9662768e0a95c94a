/**
 * Every case listed in conformance/*.passing must still pass: one test per
 * tool of the CLI corpus and per tier of the scheduler corpus, run one after
 * the other, so that each reports on its own and none outlasts ava's timeout
 * on a loaded machine.
 */
import test from 'ava';
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

type Corpus = 'cli' | 'scheduler';

function listed(corpus: Corpus): string[] {
  return readFileSync(join(ROOT, 'conformance', `${corpus}.passing`), 'utf8').split('\n').filter(Boolean);
}

/** A test's worth of cases: a short run even on a loaded machine. */
const CHUNK = 80;

/** The listed cases grouped by the part of the corpus they belong to, in chunks. */
function groups(corpus: Corpus, groupOf: (c: string) => string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const c of listed(corpus)) {
    const g = groupOf(c);
    const cases = map.get(g);
    if (cases) cases.push(c);
    else map.set(g, [c]);
  }
  const chunks = new Map<string, string[]>();
  for (const [g, cases] of map) {
    const n = Math.ceil(cases.length / CHUNK);
    for (let i = 0; i < n; i++) chunks.set(n > 1 ? `${g} (${i + 1}/${n})` : g, cases.slice(i * CHUNK, (i + 1) * CHUNK));
  }
  return chunks;
}

async function regressions(corpus: Corpus, cases: string[]): Promise<string[]> {
  const filter = `^(${cases.map((c) => c.replace(/[.+*?()[\]{}|^$\\]/g, '\\$&')).join('|')})$`;
  const r = await execa(join(ROOT, 'scripts', 'conformance'), [corpus, '-f', filter], { reject: false, maxBuffer: 1 << 26 });
  const failed = new Set(
    r.stdout
      .split('\n')
      .filter((l) => l.startsWith('FAIL '))
      .map((l) => l.split(' ')[1]!),
  );
  return cases.filter((c) => failed.has(c));
}

const tiers = new Map(
  readFileSync(join(ROOT, '..', 'shared', 'conformance', 'scheduler', 'TIERS.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t') as [string, string]),
);

for (const [tool, cases] of groups('cli', (c) => c.slice(0, c.indexOf('.')))) {
  test.serial(`every listed CLI conformance case of ${tool} still passes`, async (t) => {
    t.deepEqual(await regressions('cli', cases), []);
  });
}

for (const [tier, cases] of groups('scheduler', (c) => tiers.get(c) ?? 'untiered')) {
  test.serial(`every listed scheduler conformance case of tier ${tier} still passes`, async (t) => {
    t.deepEqual(await regressions('scheduler', cases), []);
  });
}
