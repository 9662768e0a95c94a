/**
 * Every case listed in conformance/*.passing must still pass.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

function listed(corpus: string): string[] {
  return readFileSync(join(ROOT, 'conformance', `${corpus}.passing`), 'utf8').split('\n').filter(Boolean);
}

function regressions(corpus: 'cli' | 'scheduler'): string[] {
  const cases = listed(corpus);
  if (cases.length === 0) return [];
  const filter = `^(${cases.map((c) => c.replace(/[.+*?()[\]{}|^$\\]/g, '\\$&')).join('|')})$`;
  const r = spawnSync(join(ROOT, 'scripts', 'conformance'), [corpus, '-f', filter], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const failed = new Set(
    r.stdout
      .split('\n')
      .filter((l) => l.startsWith('FAIL '))
      .map((l) => l.split(' ')[1]!),
  );
  return cases.filter((c) => failed.has(c));
}

test('every listed CLI conformance case still passes', (t) => {
  t.deepEqual(regressions('cli'), []);
});

test('every listed scheduler conformance case still passes', (t) => {
  t.deepEqual(regressions('scheduler'), []);
});
