/**
 * cibadmin side by side with the reference (Pacemaker 2.1.5's cibadmin) on
 * copies of the same CIB: same standard output, standard error, exit code
 * and resulting file, command line by command line.
 */
import test from 'ava';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, requireReference, runInProcess, runReference, SCHEDULER_XML } from '../helpers.js';

const SMALL = join(FIXTURES, 'cib', 'small.xml');
const GROUPS = join(SCHEDULER_XML, 'group15.xml'); // older schema, groups, status history
const STATUS = join(SCHEDULER_XML, 'migrate-fail-6.xml'); // failed operations in the status
const OLD_SCHEMA = join(SCHEDULER_XML, 'order-first-probes.xml'); // pacemaker-2.5
const NO_SCHEMA = join(FIXTURES, 'cib', 'no-schema.xml');

/** [cib, ...argv]: each one runs on a fresh copy of the CIB under both implementations. */
const CASES: [string, ...string[]][] = [
  [SMALL, '-Q', '-o', 'no-such-section'],
  [SMALL, '-Q', '-o', 'all'],
  [SMALL, '-Q', '-o', 'cib', '-n'],
  [SMALL, '-Q', '-o', 'tags'],
  [SMALL, '-Q', '-l', '-o', 'status'],
  [SMALL, '-Ql', '-oresources'],
  [SMALL, '-Q', '--xpath', '//nvpair', '-n'],
  [SMALL, '-Q', '--xpath', '//nvpair/@name'],
  [SMALL, '-Q', '--xpath', 'count(//nvpair)'],
  [SMALL, '-Q', '--xpath', '//nvpair[', '-e'],
  [SMALL, '-Q', '--xpath', '//nvpair', '-e', '-n'],
  [SMALL, '-Q', '-o', 'nodes', '--xpath', '//node'],
  [SMALL, '-Q', '--xpath', '//node', '-o', 'nodes'],
  [SMALL, '-M', '-X', '<nvpair id="web-ip-params-ip" value="192.0.2.99"/>'],
  [SMALL, '-M', '-X', '<primitive id="web-ip"><meta_attributes id="m"><nvpair id="m-t" name="target-role" value="Stopped"/></meta_attributes></primitive>'],
  [SMALL, '-M', '-X', '<primitive id="web-ip" type="IPaddr2"/>'],
  [SMALL, '-M', '-o', 'constraints', '-X', '<primitive id="web-ip" description="x"/>'],
  [SMALL, '-M', '-c', '-o', 'resources', '-X', '<primitive id="new" class="ocf" provider="pacemaker" type="Dummy"/>'],
  [SMALL, '-M', '-c', '-o', 'alerts', '-X', '<alerts/>'],
  [SMALL, '-M', '-o', 'tags', '-X', '<tag id="t1"><obj_ref id="web-ip"/></tag>'],
  [SMALL, '-M', '-X', '<cib admin_epoch="admin_epoch++"/>'],
  [SMALL, '-M', '-X', '<cib epoch="epoch+=5"/>'],
  [SMALL, '-M', '-X', '<cib epoch="3"/>'],
  [SMALL, '-M', '-o', 'status', '-c', '-X', '<node_state id="1" uname="alpha"/>'],
  [SMALL, '-M', '--xpath', "//primitive[@id='web-ip']", '-X', '<op id="web-ip-monitor-10s" timeout="30s"/>'],
  [SMALL, '-M', '--xpath', '//nothing', '-X', '<op id="web-ip-monitor-10s" timeout="30s"/>'],
  [SMALL, '-C', '-o', 'resources', '-X', '<resources><primitive id="n1" class="ocf" provider="pacemaker" type="Dummy"/></resources>'],
  [SMALL, '-C', '-o', 'configuration', '-X', '<tags><tag id="t1"><obj_ref id="web-ip"/></tag></tags>'],
  [SMALL, '-C', '-o', 'tags', '-X', '<tag id="t1"><obj_ref id="web-ip"/></tag>'],
  [SMALL, '-C', '-X', '<primitive id="new" class="ocf" provider="pacemaker" type="Dummy"/>'],
  [SMALL, '-C', '-o', 'resources', '-X', '<primitive id="n3" class="ocf" provider="pacemaker" type="Dummy" description="description++"/>'],
  [SMALL, '-C', '-o', 'resources', '-X', '<primitive id="web-ip" class="ocf" provider="pacemaker" type="Dummy"/>'],
  [SMALL, '-C', '-o', 'resources'],
  [SMALL, '-D', '-X', '<nvpair id="web-ip-params-ip" name="IP"/>'],
  [SMALL, '-D', '-X', '<nvpair id="web-ip-params-ip" name="other"/>'],
  [SMALL, '-D', '-X', '<nvpair name="ip"/>'],
  [SMALL, '-D', '-o', 'tags', '-X', '<primitive id="web-ip"/>'],
  [SMALL, '-D', '-X', '<cib/>'],
  [SMALL, '-D', '-o', 'status', '-X', '<node_state id="1"/>'],
  [SMALL, '-D', '--xpath', '/cib'],
  [SMALL, '-D', '--xpath', '//nosuch'],
  [SMALL, '-D', '--xpath', '//nvpair'],
  [SMALL, '-d', '--xpath', '//nvpair'],
  [SMALL, '-d', '--force', '--xpath', "//nvpair[@name='stonith-enabled'] | //cluster_property_set"],
  [SMALL, '-R', '-o', 'resources', '-X', '<primitive id="web-ip" class="ocf" provider="heartbeat" type="IPaddr"/>'],
  [SMALL, '-R', '-o', 'resources', '-X', '<primitive id="nope" class="ocf" provider="heartbeat" type="IPaddr"/>'],
  [SMALL, '-R', '-X', '<cib epoch="12" num_updates="3" admin_epoch="0"><configuration><crm_config/><nodes/><resources/><constraints/></configuration></cib>'],
  [SMALL, '-R', '-X', '<cib epoch="30" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.9"><configuration><crm_config/><nodes/><resources/><constraints/></configuration></cib>'],
  [SMALL, '-R', '--xpath', "//rsc_location[@id='prefer-alpha']", '-X', '<rsc_location id="prefer-beta" rsc="web-ip" node="beta" score="50"/>'],
  [SMALL, '-R', '--xpath', '//nothing', '-X', '<rsc_location id="prefer-beta" rsc="web-ip" node="beta" score="50"/>'],
  [SMALL, '-C', '-o', 'resources', '-X', '<primitive id="bad"/>'],
  [SMALL, '-C', '-o', 'no-such-section', '-X', '<primitive id="n4" class="ocf" provider="pacemaker" type="Dummy"/>'],
  [SMALL, '-C', '-o', 'resources', '-X', '<group id="g"><primitive id="web-ip" class="ocf" provider="pacemaker" type="Dummy"/></group>'],
  [SMALL, '-M', '-c', '-X', '<primitive id="new" class="ocf" provider="pacemaker" type="Dummy"/>'],
  [SMALL, '-u', '--force'],
  [OLD_SCHEMA, '-u', '--force'],
  [OLD_SCHEMA, '-Q', '-o', 'resources'],
  [NO_SCHEMA, '-Q'],
  [NO_SCHEMA, '-B'],
  [SMALL, '-B'],
  [SMALL, '-E'],
  [SMALL, '-E', '-f'],
  [SMALL, '-u'],
  [SMALL, '-a'],
  [SMALL, '-a', 'pacemaker-2.0'],
  [SMALL, '-5', '-x', SMALL],
  [SMALL, '-6', '-X', '<cib crm_feature_set="3.0.1"><configuration/></cib>'],
  [SMALL, '-6'],
  [SMALL, '-Q', 'extra'],
  [SMALL, '-Q', '-S', 'bogus'],
  [SMALL, '-Q', '--bogus'],
  [SMALL, '-Q', '-o'],
  [GROUPS, '-Q', '--xpath', '//group', '-e'],
  [GROUPS, '-M', '-X', '<group id="group1" description="d"/>'],
  [GROUPS, '-D', '-X', '<primitive id="rsc3"/>'],
  [GROUPS, '-E', '--force'],
  [GROUPS, '-B'],
  [STATUS, '-Q', '--xpath', "//lrm_rsc_op[@rc-code!='0']", '-n'],
  [STATUS, '-d', '--force', '--xpath', '//lrm_rsc_op'],
  [STATUS, '-R', '-o', 'status', '-X', '<status/>'],
];

for (const [cib, ...args] of CASES) {
  const name = `${cib.split('/').pop()!.replace('.xml', '')}: cibadmin ${args.join(' ')}`;
  test(name, async (t) => {
    requireReference();
    const refDir = mkdtempSync(join(tmpdir(), 'cibadmin-ref-'));
    const ourDir = mkdtempSync(join(tmpdir(), 'cibadmin-ours-'));
    copyFileSync(cib, join(refDir, 'cib.xml'));
    copyFileSync(cib, join(ourDir, 'cib.xml'));
    const ref = runReference('cibadmin', args, { env: { CIB_file: 'cib.xml' }, cwd: refDir });
    const ours = await runInProcess('cibadmin', args, { env: { CIB_file: 'cib.xml' }, cwd: ourDir });
    t.is(ours.code, ref.code, 'exit code');
    t.is(ours.stdout, ref.stdout, 'stdout');
    // our usage text is our own; every other message must match
    if (ref.code !== 64) t.is(ours.stderr, ref.stderr, 'stderr');
    t.is(readFileSync(join(ourDir, 'cib.xml'), 'utf8'), readFileSync(join(refDir, 'cib.xml'), 'utf8'), 'resulting CIB');
  });
}

test('XML that is not well formed is refused, where Pacemaker would try to repair it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cibadmin-ours-'));
  copyFileSync(SMALL, join(dir, 'cib.xml'));
  const r = await runInProcess('cibadmin', ['-C', '-o', 'resources', '-X', '<primitive id="unclosed">'], { env: { CIB_file: 'cib.xml' }, cwd: dir });
  t.is(r.code, 78);
  t.is(r.stderr, "Couldn't parse input from input string.\n");
  t.is(readFileSync(join(dir, 'cib.xml'), 'utf8'), readFileSync(SMALL, 'utf8'));
});

test('a user that access control lists restrict is refused until pacer enforces them', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cibadmin-ours-'));
  const cib = readFileSync(SMALL, 'utf8').replace(
    '<nvpair id="cib-bootstrap-options-cluster-name"',
    '<nvpair id="acl" name="enable-acl" value="true"/><nvpair id="cib-bootstrap-options-cluster-name"',
  );
  writeFileSync(join(dir, 'cib.xml'), cib);
  const env = { CIB_file: 'cib.xml' };
  const r = await runInProcess('cibadmin', ['-Q', '-U', 'tony'], { env, cwd: dir });
  t.is(r.code, 3);
  t.is(r.stderr, 'Could not connect to the CIB: access control lists apply to tony, and pacer does not enforce them yet\nInit failed, could not perform requested operations\n');
  t.is((await runInProcess('cibadmin', ['-Q', '-U', 'hacluster'], { env, cwd: dir })).code, 0);
  t.is((await runInProcess('cibadmin', ['-Q'], { env: { ...env, CIB_user: 'tony' }, cwd: dir })).code, 3);
});
