import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseXml } from '../../src/cib/xml/parse.js';
import { serialize } from '../../src/cib/xml/serialize.js';
import { mutate } from '../cib/mutate.js';
import { requireReference, runInProcess, runReference, SCHEDULER_XML } from '../helpers.js';

const A = '<cib crm_feature_set="3.16.1" epoch="1" num_updates="1" admin_epoch="0"><configuration><a id="1" x="1"/></configuration></cib>';
const B = '<cib crm_feature_set="3.16.1" epoch="2" num_updates="0" admin_epoch="0"><configuration><a id="1" x="2"/></configuration></cib>';

function scratch(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-diff-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

test('identical inputs: nothing printed, exit 0', async (t) => {
  const r = await runInProcess('crm_diff', ['-O', A, '-N', A]);
  t.deepEqual(r, { stdout: '', stderr: '', code: 0 });
});

test('different inputs: the patchset printed, exit 1', async (t) => {
  const r = await runInProcess('crm_diff', ['-O', A, '-N', B]);
  t.is(r.code, 1);
  t.regex(r.stdout, /^<diff format="2">\n  <version>/);
});

test('--cib adds the digest; --no-version drops the version section', async (t) => {
  t.regex((await runInProcess('crm_diff', ['--cib', '-O', A, '-N', B])).stdout, /^<diff format="2" digest="[0-9a-f]{32}">/);
  t.notRegex((await runInProcess('crm_diff', ['-u', '-O', A, '-N', B])).stdout, /<version>/);
});

test('--no-version with --cib is a usage error', async (t) => {
  const r = await runInProcess('crm_diff', ['-u', '-c', '-O', A, '-N', B]);
  t.deepEqual(r, { stdout: '', stderr: 'error: -u/--no-version incompatible with -c/--cib\n', code: 64 });
});

test('--no-version with --patch is ignored with a warning', async (t) => {
  const dir = scratch({ 'p.xml': '<diff format="2"/>' });
  const r = await runInProcess('crm_diff', ['-u', '-O', A, '-p', 'p.xml'], { cwd: dir });
  t.is(r.stderr, 'warning: -u/--no-version ignored with -p/--patch\n');
  t.is(r.code, 0);
});

test('an unreadable or malformed input is exit 65, naming which', async (t) => {
  t.deepEqual(await runInProcess('crm_diff', ['-o', '/nonexistent.xml', '-N', A]), {
    stdout: '',
    stderr: 'Could not parse the first XML fragment\n',
    code: 65,
  });
  t.deepEqual(await runInProcess('crm_diff', ['-O', A, '-N', '<a']), { stdout: '', stderr: 'Could not parse the second XML fragment\n', code: 65 });
  t.is((await runInProcess('crm_diff', [])).code, 65);
});

test('inputs with different roots are not compared (exit 0), with Pacemaker\'s assertion message', async (t) => {
  const r = await runInProcess('crm_diff', ['-O', '<cib/>', '-N', '<resources/>']);
  t.is(r.code, 0);
  t.is(r.stdout, '');
  t.regex(r.stderr, /^\(log_assertion_as\) \terror: xml_calculate_changes: Triggered fatal assertion at xml\.c:2514 : /);
});

test('-p applies a patch and prints the result', async (t) => {
  const dir = scratch();
  const diff = await runInProcess('crm_diff', ['--cib', '-O', A, '-N', B]);
  writeFileSync(join(dir, 'p.xml'), diff.stdout);
  const r = await runInProcess('crm_diff', ['--cib', '-O', A, '-p', 'p.xml'], { cwd: dir });
  t.is(r.code, 0);
  t.is(r.stdout, serialize(parseXml(B)));
});

test('-p with --cib refuses a patch for another version: exit 103', async (t) => {
  const dir = scratch();
  writeFileSync(join(dir, 'p.xml'), (await runInProcess('crm_diff', ['--cib', '-O', A, '-N', B])).stdout);
  const r = await runInProcess('crm_diff', ['--cib', '-O', B, '-p', 'p.xml'], { cwd: dir });
  t.deepEqual(r, { stdout: '', stderr: 'Could not apply patch: Update was older than existing configuration\n', code: 103 });
});

test('a later -n, -N or -p replaces the second input, but a string stays a string', async (t) => {
  const dir = scratch({ 'b.xml': B });
  t.is((await runInProcess('crm_diff', ['-O', A, '-N', A, '-n', 'b.xml'], { cwd: dir })).stderr, 'Could not parse the second XML fragment\n');
  t.is((await runInProcess('crm_diff', ['-O', A, '-n', 'nosuch.xml', '-N', B], { cwd: dir })).code, 1);
});

test('--stdin reads the original, then the second input, from standard input', async (t) => {
  const r = await runInProcess('crm_diff', ['-s', '-N', B], { stdin: A });
  t.is(r.code, 1);
  t.is(r.stderr, 'Input first XML fragment:');
  const both = await runInProcess('crm_diff', ['-s'], { stdin: A });
  t.is(both.stderr, 'Input first XML fragment:Input second XML fragment:Could not parse the second XML fragment\n');
  t.is(both.code, 65);
});

test('"-" as a file name is standard input', async (t) => {
  const r = await runInProcess('crm_diff', ['-o', '-', '-N', B], { stdin: A });
  t.is(r.code, 1);
});

interface Case {
  label: string;
  args: string[];
}

/** Runs our crm_diff and the reference side by side; returns the cases that differ. */
async function compare(dir: string, cases: Case[]): Promise<string[]> {
  const differing: string[] = [];
  for (const c of cases) {
    const ref = runReference('crm_diff', c.args, { cwd: dir });
    const ours = await runInProcess('crm_diff', c.args, { cwd: dir });
    if (ours.stdout !== ref.stdout || ours.code !== ref.code || ours.stderr !== ref.stderr) {
      differing.push(`${c.label}: exit ${ours.code} (reference ${ref.code})`);
    }
  }
  return differing;
}

const MODES = [[], ['--cib'], ['-u']];

test('crm_diff matches the reference on pairs of corpus CIBs, comparing and patching', async (t) => {
  requireReference();
  const files = readdirSync(SCHEDULER_XML)
    .filter((f) => f.endsWith('.xml'))
    .sort();
  const dir = scratch();
  const differing: string[] = [];
  let cases = 0;
  for (let i = 0; i + 1 < files.length; i += 29) {
    const a = join(SCHEDULER_XML, files[i]!);
    const b = join(SCHEDULER_XML, files[i + 1]!);
    for (const mode of MODES) {
      const label = `${files[i]} ${files[i + 1]} ${mode.join(' ')}`;
      differing.push(...(await compare(dir, [{ label, args: [...mode, '-o', a, '-n', b] }])));
      writeFileSync(join(dir, 'patch.xml'), runReference('crm_diff', [...mode, '-o', a, '-n', b]).stdout);
      differing.push(...(await compare(dir, [{ label: `${label} -p`, args: ['-o', a, '-p', 'patch.xml'] }])));
      differing.push(...(await compare(dir, [{ label: `${label} --cib -p`, args: ['--cib', '-o', a, '-p', 'patch.xml'] }])));
      cases += 3;
    }
  }
  t.true(cases > 60);
  t.deepEqual(differing, []);
});

test('crm_diff matches the reference on seeded edits of corpus CIBs, in both formats', async (t) => {
  requireReference();
  const files = readdirSync(SCHEDULER_XML)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .filter((_, i) => i % 31 === 0);
  const dir = scratch();
  const differing: string[] = [];
  let cases = 0;
  for (const [i, f] of files.entries()) {
    const original = parseXml(readFileSync(join(SCHEDULER_XML, f), 'utf8'));
    for (const featureSet of ['3.0.1', '3.16.1']) {
      original.attrs['crm_feature_set'] = featureSet;
      const seed = i * 2 + (featureSet === '3.0.1' ? 0 : 1);
      writeFileSync(join(dir, 'a.xml'), serialize(original));
      writeFileSync(join(dir, 'b.xml'), serialize(mutate(original, seed, 20)));
      for (const mode of MODES) {
        const label = `${f} seed ${seed} ${mode.join(' ')}`;
        differing.push(...(await compare(dir, [{ label, args: [...mode, '-o', 'a.xml', '-n', 'b.xml'] }])));
        writeFileSync(join(dir, 'patch.xml'), runReference('crm_diff', [...mode, '-o', 'a.xml', '-n', 'b.xml'], { cwd: dir }).stdout);
        differing.push(...(await compare(dir, [{ label: `${label} -p`, args: ['-o', 'a.xml', '-p', 'patch.xml'] }])));
        cases += 2;
      }
    }
  }
  t.true(cases > 200);
  t.deepEqual(differing, []);
});
