/**
 * crm_shadow side by side with the reference on copies of the same CIB, and
 * what pacer does where the reference falls short.
 */
import test from 'ava';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, requireReference, runInProcess, runReference, SCHEDULER_XML } from '../helpers.js';

const SMALL = join(FIXTURES, 'cib', 'small.xml');
type Step = [Record<string, string>, ...string[]];
const active: Record<string, string> = { CIB_shadow: 's1' };

/** Each scenario runs step by step in a fresh folder under both implementations. */
const SCENARIOS: Record<string, Step[]> = {
  'create, then which, display and file': [[{}, '-b', '-c', 's1'], [active, '-w'], [active, '-p'], [active, '-F']],
  'create twice needs --force': [[{}, '-b', '-c', 's1'], [{}, '-b', '-c', 's1'], [{}, '-b', '-c', 's1', '--force']],
  'create-empty, with and without a schema': [[{}, '-b', '-e', 's1'], [{}, '-b', '-e', 's2', '-v', 'pacemaker-2.0'], [{ CIB_shadow: 's2' }, '-p']],
  'reset needs an existing shadow': [[{}, '-b', '-r', 's1'], [{}, '-b', '-c', 's1'], [{}, '-b', '-r', 's1']],
  'switch to a shadow': [[{}, '-b', '-s', 's1'], [{}, '-b', '-c', 's1'], [{}, '-b', '-s', 's1']],
  'delete needs --force and forgets the file': [[{}, '-b', '-c', 's1'], [{}, '-b', '-D', 's1'], [{}, '-D', 's1', '--force'], [{}, '-D', 'none', '--force']],
  'queries need an active shadow': [[{}, '-w'], [{}, '-p'], [{}, '-F'], [{ CIB_shadow: 'none' }, '-p'], [{ CIB_shadow: 'none' }, '-d']],
  'commands need a name': [[{}, '-b']],
  'the last command given counts': [[{}, '-b', '-c', 's1', '-w']],
  'a named shadow other than the active one needs --force': [[{}, '-b', '-c', 's1'], [active, '-b', '-e', 's2'], [active, '-b', '-e', 's2', '--force']],
  'editing needs EDITOR': [[{}, '-b', '-c', 's1'], [active, '-E'], [{ ...active, EDITOR: '/nonexistent' }, '-E'], [{ ...active, EDITOR: 'true' }, '-E']],
  'a missing real CIB': [[{ CIB_file: 'none.xml' }, '-b', '-c', 's1']],
  'diff without changes': [[{}, '-b', '-c', 's1'], [active, '-d']],
  'diff after changes': [
    [{}, '-b', '-c', 's1'],
    [active, 'cibadmin', '-C', '-o', 'resources', '-X', '<group id="g"><primitive id="g1" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="g1-m"><nvpair id="g1-m-t" name="target-role" value="Stopped"/></meta_attributes></primitive></group>'],
    [active, 'cibadmin', '-M', '-X', '<primitive id="web-ip" description="d&quot;&lt;x"/>'],
    [active, 'cibadmin', '-D', '-X', '<node id="2"/>'],
    [active, 'cibadmin', '-D', '-X', '<nvpair id="cib-bootstrap-options-cluster-name"/>'],
    [active, 'cibadmin', '-M', '-X', '<cib dc-uuid="2"/>'],
    [active, '-d'],
  ],
};
const OLD_CIB = join(SCHEDULER_XML, 'cloned-group.xml'); // an old feature set: format 1 patchsets

test('as the reference: diff of a CIB with an old feature set', async (t) => {
  requireReference();
  const dir = { ref: mkdtempSync(join(tmpdir(), 'shadow-ref-')), ours: mkdtempSync(join(tmpdir(), 'shadow-ours-')) };
  copyFileSync(OLD_CIB, join(dir.ref, 'cib.xml'));
  copyFileSync(OLD_CIB, join(dir.ours, 'cib.xml'));
  const steps: Step[] = [
    [{}, '-b', '-c', 's1'],
    [active, 'cibadmin', '-M', '-X', '<cluster_property_set id="cib-bootstrap-options"><nvpair id="bl" name="batch-limit" value="3"/></cluster_property_set>'],
    [active, '-d'],
  ];
  for (const step of steps) {
    const { ref, ours } = await both(dir, step);
    t.is(ours.code, ref.code);
    t.is(ours.stdout, ref.stdout);
  }
});

/** Runs a step (crm_shadow, or cibadmin when named first) under both implementations. */
async function both(dir: { ref: string; ours: string }, [env, ...argv]: Step) {
  const [tool, args] = argv[0] === 'cibadmin' ? ['cibadmin', argv.slice(1)] : ['crm_shadow', argv];
  const ref = runReference(tool, args, { env: { CIB_file: 'cib.xml', CIB_shadow_dir: '.', ...env }, cwd: dir.ref });
  const ours = await runInProcess(tool, args, { env: { CIB_file: 'cib.xml', CIB_shadow_dir: '.', ...env }, cwd: dir.ours });
  return { ref, ours };
}

for (const [name, steps] of Object.entries(SCENARIOS)) {
  test(`as the reference: ${name}`, async (t) => {
    requireReference();
    const dir = { ref: mkdtempSync(join(tmpdir(), 'shadow-ref-')), ours: mkdtempSync(join(tmpdir(), 'shadow-ours-')) };
    copyFileSync(SMALL, join(dir.ref, 'cib.xml'));
    copyFileSync(SMALL, join(dir.ours, 'cib.xml'));
    for (const step of steps) {
      const { ref, ours } = await both(dir, step);
      const what = step.slice(1).join(' ');
      t.is(ours.code, ref.code, `${what}: exit code`);
      t.is(ours.stdout, ref.stdout, `${what}: stdout`);
      if (ref.code !== 64) t.is(ours.stderr, ref.stderr, `${what}: stderr`);
    }
    const files = readdirSync(dir.ref).sort();
    t.deepEqual(readdirSync(dir.ours).sort(), files);
    for (const f of files) {
      t.is(readFileSync(join(dir.ours, f), 'utf8'), readFileSync(join(dir.ref, f), 'utf8'), f);
      t.is(statSync(join(dir.ours, f)).mode, statSync(join(dir.ref, f)).mode, `${f}: mode`);
    }
  });
}

test("commit copies the shadow's configuration to the real CIB, bumping its version", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'shadow-ours-'));
  copyFileSync(SMALL, join(dir, 'cib.xml'));
  const env = { CIB_file: 'cib.xml', CIB_shadow_dir: '.' };
  t.is((await runInProcess('crm_shadow', ['-b', '-c', 's1'], { env, cwd: dir })).code, 0);
  const add = ['-C', '-o', 'resources', '-X', '<primitive id="new" class="ocf" provider="pacemaker" type="Dummy"/>'];
  t.is((await runInProcess('cibadmin', add, { env: { ...env, CIB_shadow: 's1' }, cwd: dir })).code, 0);
  t.is((await runInProcess('crm_shadow', ['-C', 's1'], { env, cwd: dir })).code, 64);
  const r = await runInProcess('crm_shadow', ['-C', 's1', '--force'], { env, cwd: dir });
  t.is(r.code, 0);
  t.is(r.stdout, 'Please remember to unset the CIB_shadow variable by pasting the following into your shell:\n  unset CIB_shadow\n');
  const cib = readFileSync(join(dir, 'cib.xml'), 'utf8');
  t.true(cib.includes('<primitive id="new" class="ocf" provider="pacemaker" type="Dummy"/>'));
  t.true(cib.startsWith('<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="13" num_updates="0"'));
});

test('without --batch, a shell is started with CIB_shadow set', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'shadow-ours-'));
  copyFileSync(SMALL, join(dir, 'cib.xml'));
  const probe = join(dir, 'probe.sh');
  (await import('node:fs')).writeFileSync(probe, '#!/bin/sh\necho "$CIB_shadow $PS1" > seen\nexit 7\n', { mode: 0o755 });
  const r = await runInProcess('crm_shadow', ['-c', 's1'], { env: { CIB_file: 'cib.xml', CIB_shadow_dir: '.', SHELL: probe }, cwd: dir });
  t.is(r.code, 7);
  t.is(r.stdout, 'Setting up shadow instance\nType Ctrl-D to exit the crm_shadow shell\n');
  t.is(readFileSync(join(dir, 'seen'), 'utf8'), 's1 shadow[s1] # \n');
});
