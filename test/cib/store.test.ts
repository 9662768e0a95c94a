/**
 * The store on a real file system: damaged input, compressed files and
 * pipes, concurrent writers, writers killed mid-write.
 */
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectCib } from '../../src/cib/client.js';
import { CibError } from '../../src/cib/errors.js';
import { loadCibFile } from '../../src/cib/store/file.js';
import { loadNodeCib, NoUsableCib, writeNodeCib } from '../../src/cib/store/node-cib.js';
import { parseXml } from '../../src/cib/xml/parse.js';
import { serialize } from '../../src/cib/xml/serialize.js';
import { FIXTURES, PACER, ROOT } from '../helpers.js';

const SMALL = readFileSync(join(FIXTURES, 'cib', 'small.xml'), 'utf8');
const tmp = () => mkdtempSync(join(tmpdir(), 'pacer-store-'));
const WRITER = join(ROOT, 'dist', 'test', 'cib', 'writer-process.js');

test('a truncated CIB file is refused as not conforming to the schema', (t) => {
  const dir = tmp();
  writeFileSync(join(dir, 'cib.xml'), SMALL.slice(0, SMALL.length / 2));
  const e = t.throws(() => loadCibFile(join(dir, 'cib.xml')), { instanceOf: CibError }) as CibError;
  t.is(e.code, 78);
  t.regex(e.details.notes?.[0] ?? '', /cib\.xml:\d+:\d+: /);
});

test('a missing CIB file is "No such device or address"', (t) => {
  const e = t.throws(() => loadCibFile(join(tmp(), 'none.xml')), { instanceOf: CibError }) as CibError;
  t.is(e.code, 105);
});

test('a CIB without a status section gets one on loading', (t) => {
  const dir = tmp();
  writeFileSync(join(dir, 'cib.xml'), '<cib><configuration/></cib>');
  t.is(serialize(loadCibFile(join(dir, 'cib.xml')).cib, { pretty: false }), '<cib><configuration/><status/></cib>');
});

test('a bzip2-compressed CIB is read, and written back compressed', async (t) => {
  const dir = tmp();
  const path = join(dir, 'cib.xml.bz2');
  writeFileSync(path, spawnSync('bzip2', ['-c'], { input: SMALL }).stdout);
  const cib = await connectCib({ env: { CIB_file: path }, cwd: dir });
  t.is(serialize(cib.current()), SMALL);
  await cib.request({ op: 'bump' });
  const raw = readFileSync(path);
  t.is(raw.subarray(0, 3).toString(), 'BZh');
  t.is(parseXml(spawnSync('bzip2', ['-dc'], { input: raw }).stdout.toString()).attr('epoch'), '13');
});

test('a CIB is read from a pipe (/dev/fd/N)', (t) => {
  const r = spawnSync('bash', ['-c', `CIB_file=/dev/fd/3 ${process.execPath} ${PACER} cibadmin -Q 3< <(cat ${join(FIXTURES, 'cib', 'small.xml')})`], {
    encoding: 'utf8',
  });
  t.is(r.stderr, '');
  t.is(r.stdout, SMALL);
});

test("the node's CIB: a damaged cib.xml is reported and the last good backup taken", (t) => {
  const dir = tmp();
  const v1 = parseXml(SMALL);
  const v2 = parseXml(SMALL.replace('epoch="12"', 'epoch="13"'));
  writeNodeCib(dir, v1);
  writeNodeCib(dir, v2);
  // a flipped character that still parses: only the digest can tell
  writeFileSync(join(dir, 'cib.xml'), readFileSync(join(dir, 'cib.xml'), 'utf8').replace('192.0.2.10', '192.0.2.11'));
  const loaded = loadNodeCib(dir)!;
  t.is(loaded.file, 'cib-1.raw');
  t.is(serialize(loaded.cib), serialize(v1));
  t.deepEqual(loaded.problems, [
    `cib.xml does not match its digest (${loaded.problems[0]!.match(/\((\w+),/)![1]}, expected ${readFileSync(join(dir, 'cib.xml.sig'), 'utf8')})`,
    'using backup cib-1.raw (version 0.12.4) instead',
  ]);
});

test("the node's CIB: a truncated cib.xml falls back to the backup", (t) => {
  const dir = tmp();
  writeNodeCib(dir, parseXml(SMALL));
  writeNodeCib(dir, parseXml(SMALL.replace('epoch="12"', 'epoch="13"')));
  writeFileSync(join(dir, 'cib.xml'), readFileSync(join(dir, 'cib.xml')).subarray(0, 300));
  const loaded = loadNodeCib(dir)!;
  t.is(loaded.cib.attr('epoch'), '12');
  t.regex(loaded.problems[0]!, /^cib\.xml cannot be read/);
});

test("the node's CIB: when every copy is damaged, loading fails and says why", (t) => {
  const dir = tmp();
  writeNodeCib(dir, parseXml(SMALL));
  writeNodeCib(dir, parseXml(SMALL.replace('epoch="12"', 'epoch="13"')));
  writeFileSync(join(dir, 'cib.xml'), 'garbage');
  writeFileSync(join(dir, 'cib-1.raw'), 'garbage');
  const e = t.throws(() => loadNodeCib(dir), { instanceOf: NoUsableCib }) as NoUsableCib;
  t.is(e.problems.length, 2);
});

test("the node's CIB keeps a bounded number of numbered backups", (t) => {
  const dir = tmp();
  for (let epoch = 1; epoch <= 6; epoch++) writeNodeCib(dir, parseXml(SMALL.replace('epoch="12"', `epoch="${epoch}"`)), { maxBackups: 3 });
  const names = spawnSync('ls', [dir], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  t.deepEqual(names, ['cib-3.raw', 'cib-3.raw.sig', 'cib-4.raw', 'cib-4.raw.sig', 'cib-5.raw', 'cib-5.raw.sig', 'cib.last', 'cib.xml', 'cib.xml.sig']);
  t.is(readFileSync(join(dir, 'cib.last'), 'utf8'), '5');
  t.is(parseXml(readFileSync(join(dir, 'cib-5.raw'), 'utf8')).attr('epoch'), '5');
});

function runWriter(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

test('two writers making hundreds of updates each at the same time lose none', async (t) => {
  const dir = tmp();
  const path = join(dir, 'cib.xml');
  writeFileSync(path, SMALL);
  const n = 250;
  const codes = await Promise.all([runWriter([path, 'a', String(n)]), runWriter([path, 'b', String(n)])]);
  t.deepEqual(codes, [0, 0]);
  const cib = parseXml(readFileSync(path, 'utf8'));
  const ids = new Set(cib.findChild('configuration')!.findChild('crm_config')!.elements().map((e) => e.id));
  for (const p of ['a', 'b']) for (let i = 0; i < n; i++) t.true(ids.has(`${p}-${i}`), `${p}-${i} was lost`);
  t.is(cib.attr('epoch'), String(12 + 2 * n));
});

test('a writer killed at any moment leaves a complete CIB behind', async (t) => {
  const dir = tmp();
  const path = join(dir, 'cib.xml');
  writeFileSync(path, SMALL);
  let last = 12;
  for (let round = 0; round < 15; round++) {
    const child = spawn(process.execPath, [WRITER, path, 'bump'], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((r) => child.stdout.once('data', r)); // it is writing now
    await new Promise((r) => setTimeout(r, (round * 7) % 23));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const epoch = Number(parseXml(readFileSync(path, 'utf8')).attr('epoch'));
    t.true(epoch >= last, `epoch went from ${last} to ${epoch}`);
    last = epoch;
  }
  t.true(last > 12);
});

test('a CIB file reached through a symbolic link is updated in place; the link stays', async (t) => {
  const dir = tmp();
  writeFileSync(join(dir, 'real.xml'), SMALL);
  symlinkSync('real.xml', join(dir, 'cib.xml'));
  const cib = await connectCib({ env: { CIB_file: 'cib.xml' }, cwd: dir });
  await cib.request({ op: 'bump' });
  t.true(lstatSync(join(dir, 'cib.xml')).isSymbolicLink());
  t.is(parseXml(readFileSync(join(dir, 'real.xml'), 'utf8')).attr('epoch'), '13');
});
