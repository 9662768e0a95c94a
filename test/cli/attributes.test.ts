/**
 * crm_attribute, crm_standby and crm_master side by side with the reference
 * on copies of the same CIB (cases the conformance corpus does not cover),
 * and crm_failcount where pacer goes beyond the reference.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, requireReference, runInProcess, runReference } from '../helpers.js';

const SMALL = join(FIXTURES, 'cib', 'small.xml');
/** small.xml with both nodes in the status section, where transient attributes go. */
const WITH_STATUS = readFileSync(SMALL, 'utf8').replace(
  '<status/>',
  '<status>\n    <node_state id="1" uname="alpha" in_ccm="true" crmd="online" join="member" expected="member"/>\n' +
    '    <node_state id="2" uname="beta" in_ccm="true" crmd="online" join="member" expected="member"/>\n  </status>',
);
type Step = [string, ...string[]];

/** A CIB as compared: without the bookkeeping that depends on the clock and the writer. */
const cibText = (path: string) => readFileSync(path, 'utf8').replace(/ (cib-last-written|update-origin|update-client|update-user)="[^"]*"/g, '');

const SCENARIOS: Record<string, Step[]> = {
  'an option set in two places is ambiguous': [
    ['crm_attribute', '-n', 'batch-limit', '-v', '5', '-s', 'one'],
    ['crm_attribute', '-n', 'batch-limit', '-v', '7', '-s', 'two'],
    ['crm_attribute', '-n', 'batch-limit', '-v', '8'],
    ['crm_attribute', '-n', 'batch-limit', '-G'],
    ['crm_attribute', '-n', 'batch-limit', '-G', '--output-as=xml'],
    ['crm_attribute', '-n', 'batch-limit', '-D'],
    ['crm_attribute', '-n', 'batch-limit', '-v', '9', '-i', 'two-batch-limit'],
    ['crm_attribute', '-n', 'batch-limit', '-G', '-i', 'two-batch-limit'],
    ['crm_attribute', '-n', 'batch-limit', '-D', '-i', 'one-batch-limit'],
    ['crm_attribute', '-n', 'batch-limit', '-G', '-q'],
  ],
  'transient and utilization attributes of a node': [
    ['crm_attribute', '-N', 'alpha', '-n', 'pingd', '-v', '10', '-l', 'reboot'],
    ['crm_attribute', '-N', 'ALPHA', '-n', 'cpu', '-v', '4', '-z'],
    ['crm_attribute', '-N', 'alpha', '-n', 'cpu', '-v', '2', '-z', '-l', 'reboot'],
    ['crm_attribute', '-N', 'alpha', '-n', 'cpu', '-G', '-z'],
    ['crm_attribute', '-N', 'alpha', '-P', '^p', '-G', '-l', 'reboot'],
    ['crm_attribute', '-N', 'alpha', '-P', '^p', '-D', '-l', 'reboot'],
    ['crm_attribute', '-N', 'alpha', '-P', '^p', '-D'],
    ['crm_attribute', '-N', 'alpha', '-n', 'nothing', '-G', '-d', 'dflt', '--output-as=xml'],
  ],
  'defaults sections and unknown places': [
    ['crm_attribute', '-t', 'rsc_defaults', '-N', 'beta', '-n', 'resource-stickiness', '-v', '100'],
    ['crm_attribute', '-t', 'rsc_defaults', '-N', 'beta', '-n', 'resource-stickiness', '-G'],
    ['crm_attribute', '-t', 'op_defaults', '-N', 'beta', '-n', 'timeout', '-G'],
    ['crm_attribute', '-t', 'bogus', '-N', 'beta', '-n', 'x', '-G'],
    ['crm_attribute', '-t', 'crm_config', '-D'],
  ],
  'promotion scores': [
    ['crm_attribute', '-N', 'beta', '-p', 'db', '-v', '10'],
    ['crm_attribute', '-N', 'beta', '--promotion=db', '-G'],
    ['crm_attribute', '-N', 'beta', '-p', '-G'],
    ['crm_master', '-N', 'beta', '-r', 'db', '-v', '5'],
    ['crm_master', '-N', 'beta', '-r', 'db', '-G', '-l', 'reboot'],
    ['crm_master', '-N', 'beta', '-r', 'db', '-D'],
  ],
  'standby, permanent and transient': [
    ['crm_standby', '-N', 'alpha', '-G'],
    ['crm_standby', '-N', 'alpha', '-v', 'on', '-l', 'reboot'],
    ['crm_standby', '-N', 'alpha', '-G'],
    ['crm_standby', '-N', 'alpha', '-v', 'off'],
    ['crm_standby', '-N', 'alpha', '-G', '-q'],
    ['crm_standby', '-N', 'alpha', '-D'],
    ['crm_standby', '-N', 'nosuch', '-G'],
  ],
};

for (const [name, steps] of Object.entries(SCENARIOS)) sideBySide(name, WITH_STATUS, steps);
sideBySide('a transient attribute of a node without a status entry', readFileSync(SMALL, 'utf8'), [
  ['crm_attribute', '-N', 'alpha', '-n', 'pingd', '-v', '10', '-l', 'reboot'],
]);

function sideBySide(name: string, cib: string, steps: Step[]): void {
  test(`as the reference: ${name}`, async (t) => {
    requireReference();
    const dir = { ref: mkdtempSync(join(tmpdir(), 'attr-ref-')), ours: mkdtempSync(join(tmpdir(), 'attr-ours-')) };
    writeFileSync(join(dir.ref, 'cib.xml'), cib);
    writeFileSync(join(dir.ours, 'cib.xml'), cib);
    const env = { CIB_file: 'cib.xml' };
    for (const [tool, ...args] of steps) {
      const ref = runReference(tool, args, { env: { ...env, PATH: '/usr/sbin:/usr/bin:/bin' }, cwd: dir.ref });
      ref.stdout = ref.stdout.replace(`request="/usr/sbin/`, `request="`); // the reference names itself by its path
      const ours = await runInProcess(tool, args, { env, cwd: dir.ours });
      const what = `${tool} ${args.join(' ')}`;
      t.is(ours.code, ref.code, `${what}: exit code`);
      t.is(ours.stdout, ref.stdout, `${what}: stdout`);
      t.is(ours.stderr, ref.stderr, `${what}: stderr`);
      t.is(cibText(join(dir.ours, 'cib.xml')), cibText(join(dir.ref, 'cib.xml')), `${what}: CIB`);
    }
  });
}

const FAILED = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration><crm_config/><nodes><node id="1" uname="alpha"/></nodes><resources/><constraints/></configuration>
  <status>
    <node_state id="1" uname="alpha">
      <transient_attributes id="1">
        <instance_attributes id="status-1">
          <nvpair id="status-1-fc-db-m" name="fail-count-db#monitor_10000" value="3"/>
          <nvpair id="status-1-lf-db-m" name="last-failure-db#monitor_10000" value="1700000000"/>
          <nvpair id="status-1-fc-db-s" name="fail-count-db#start_0" value="999999"/>
          <nvpair id="status-1-fc-web" name="fail-count-web#start_0" value="1"/>
        </instance_attributes>
      </transient_attributes>
    </node_state>
  </status>
</cib>
`;

function failedCib(): { cwd: string; env: Record<string, string> } {
  const cwd = mkdtempSync(join(tmpdir(), 'failcount-'));
  writeFileSync(join(cwd, 'cib.xml'), FAILED);
  return { cwd, env: { CIB_file: 'cib.xml' } };
}

test('crm_failcount sums the fail counts of all operations, INFINITY from a million on', async (t) => {
  const r = await runInProcess('crm_failcount', ['-r', 'db', '-N', 'alpha', '-G'], failedCib());
  t.is(r.stdout, 'scope=status  name=fail-count-db value=INFINITY\n');
  t.is(r.code, 0);
});

test('crm_failcount reads one operation given with its interval', async (t) => {
  const r = await runInProcess('crm_failcount', ['-r', 'db', '-N', 'alpha', '-G', '-n', 'monitor', '-I', '10s', '-q'], failedCib());
  t.is(r.stdout, '3\n');
});

test('crm_failcount -D removes the failure records of one operation and keeps the others', async (t) => {
  const where = failedCib();
  const r = await runInProcess('crm_failcount', ['-r', 'db', '-N', 'alpha', '-D', '-n', 'monitor', '-I', '10000ms'], where);
  t.is(r.code, 0);
  const cib = readFileSync(join(where.cwd, 'cib.xml'), 'utf8');
  t.false(cib.includes('db#monitor_10000'));
  t.true(cib.includes('fail-count-db#start_0'));
  t.true(cib.includes('fail-count-web#start_0'));
});

test('crm_failcount -D without an operation removes all the records of the resource only', async (t) => {
  const where = failedCib();
  await runInProcess('crm_failcount', ['-r', 'db', '-N', 'alpha', '-D'], where);
  const cib = readFileSync(join(where.cwd, 'cib.xml'), 'utf8');
  t.false(cib.includes('-db#'));
  t.true(cib.includes('fail-count-web#start_0'));
});

test('crm_master needs a resource', async (t) => {
  const r = await runInProcess('crm_master', ['-G'], { env: { CIB_file: SMALL } });
  t.is(r.code, 1);
  t.regex(r.stderr, /No resource specified/);
});

test('crm_attribute takes the node from the resource agent environment', async (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'attr-'));
  writeFileSync(join(cwd, 'cib.xml'), WITH_STATUS);
  const env = { CIB_file: 'cib.xml', OCF_RESOURCE_INSTANCE: 'db', OCF_RESKEY_CRM_meta_on_node: 'beta' };
  t.is((await runInProcess('crm_attribute', ['-p', '-v', '3'], { env, cwd })).code, 0);
  const r = await runInProcess('crm_attribute', ['-p', '-G'], { env, cwd });
  t.is(r.stdout, 'scope=status  name=master-db value=3\n');
});
