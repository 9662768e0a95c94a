/**
 * crm_resource's commands that change the CIB, side by side with
 * Pacemaker's: each runs on its own copy of a scheduler CIB, and the outputs,
 * the exit code and the CIB left behind must match.
 */
import test from 'ava';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEDULER_XML, requireReference } from '../helpers.js';
import { reference, runAt } from './run.js';

const CHANGES: [string, string, string[]][] = [
  ['sets a meta-attribute', 'anti-colocation-order', ['-r', 'group1', '--meta', '--set-parameter', 'target-role', '--parameter-value', 'Stopped']],
  ['sets an instance attribute where the resource has one', 'novell-239087', ['-r', 'fs_1', '-p', 'device', '-v', 'changed']],
  ['sets a clone member attribute on the clone', 'migrate-fail-6', ['-r', 'dlm', '-z', '-p', 'memory', '-v', '2']],
  ['lists the nvpairs of the same name', 'cloned-group', ['-r', 'apache2', '-m', '-p', 'target-role', '-v', 'Stopped']],
  ['refuses an instance attribute named like a meta-attribute', 'comments', ['-r', 'rsc1', '-p', 'priority', '-v', '1']],
  ['deletes a meta-attribute', 'orphan-2', ['-r', 'DcIPaddr', '--meta', '--delete-parameter', 'is-managed']],
  ['refuses to delete one of several nvpairs', 'cluster-specific-params', ['-r', 'rsc1', '-d', 'state']],
  ['asks for a value', 'base-score', ['-r', 'Dummy', '--set-parameter', 'p']],
  ['deletes a resource', 'mon-rsc-4', ['--delete', '-r', 'rsc1', '-t', 'primitive']],
  ['asks for the type of the resource to delete', 'migrate-fail-6', ['--delete', '-r', 'test-vm']],
  ['bans a resource from a node', 'group15', ['--ban', '-r', 'bar', '-N', 'node2']],
  ['bans a resource from where it runs', 'cluster-specific-params', ['--ban', '-r', 'rsc_stonith']],
  ['bans the promoted role', 'ticket-promoted-14', ['--ban', '--promoted', '-r', 'ms1', '-N', 'node1']],
  ['asks where to ban a stopped resource', 'concurrent-fencing', ['--ban', '-r', 'lsb_dummy']],
  ['moves a resource', 'cluster-specific-params', ['--move', '-r', 'rsc_stonith', '-N', 'node2']],
  ['leaves a resource where it is', 'migrate-stop_start', ['--move', '-r', 'domU-test01', '-N', 'dom0-02']],
  ['clears the constraints of --ban and --move', 'bundle-probe-order-1', ['--clear', '-r', 'galera-bundle']],
  ['reports an unknown node', 'suicide-needed-inquorate', ['--ban', '-r', 'Fencing', '-N', 'no-such-node']],
];

/** Runs `body` with a scratch folder that is removed afterwards. */
async function inScratch(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-resource-'));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CIB as written, without what only the writer and the clock decide. */
function written(path: string): string {
  return readFileSync(path, 'utf8').replace(/ (cib-last-written|update-origin|update-client|update-user)="[^"]*"/g, '');
}

for (const [what, cib, args] of CHANGES) {
  test(`crm_resource ${what} as Pacemaker's does (${cib}: ${args.join(' ')})`, async (t) => {
    requireReference();
    await inScratch(async (dir) => {
      const ours = join(dir, 'ours.xml');
      const theirs = join(dir, 'theirs.xml');
      copyFileSync(join(SCHEDULER_XML, `${cib}.xml`), ours);
      copyFileSync(join(SCHEDULER_XML, `${cib}.xml`), theirs);
      const a = await runAt('crm_resource', args, { CIB_file: ours, TZ: 'UTC' });
      const b = reference('crm_resource', args, { CIB_file: theirs, TZ: 'UTC' });
      t.is(a.stdout, b.stdout);
      t.is(a.stderr.replaceAll(ours, theirs), b.stderr);
      t.is(a.code, b.code);
      t.is(written(ours), written(theirs));
    });
  });
}

test('crm_resource --ban --lifetime makes a rule that ends after the lifetime', async (t) => {
  await inScratch(async (dir) => {
    const file = join(dir, 'cib.xml');
    copyFileSync(join(SCHEDULER_XML, 'order-wrong-kind.xml'), file);
    const r = await runAt('crm_resource', ['--ban', '-r', 'rsc4', '-N', 'node1', '--lifetime', 'P1D'], { CIB_file: file });
    t.is(r.code, 0);
    // runAt's moment is 2026-01-02 03:04:05 UTC
    t.true(r.stdout.startsWith('Migration will take effect until: 2026-01-03 03:04:05Z\n'));
    t.regex(written(file), /<date_expression id="cli-ban-rsc4-on-node1-lifetime" operation="lt" end="2026-01-03 03:04:05Z"\/>/);
  });
});

test('crm_resource --ban refuses a lifetime that is not a duration', async (t) => {
  await inScratch(async (dir) => {
    const file = join(dir, 'cib.xml');
    copyFileSync(join(SCHEDULER_XML, 'order-wrong-kind.xml'), file);
    const before = readFileSync(file, 'utf8');
    const r = await runAt('crm_resource', ['--ban', '-r', 'rsc4', '-N', 'node1', '--lifetime', 'tomorrow'], { CIB_file: file });
    t.is(r.code, 64);
    t.regex(r.stderr, /^Invalid duration specified: tomorrow\n/m);
    t.is(readFileSync(file, 'utf8'), before);
  });
});

/** A CIB with two bans made by --ban --lifetime: one ended in 2020, one ends in 2099. */
function withLifetimes(): string {
  const ban = (node: string, end: string) =>
    `<rsc_location id="cli-ban-bar-on-${node}" rsc="bar" role="Started">` +
    `<rule id="cli-ban-bar-on-${node}-rule" score="-INFINITY" boolean-op="and">` +
    `<expression id="cli-ban-bar-on-${node}-expr" attribute="#uname" operation="eq" value="${node}" type="string"/>` +
    `<date_expression id="cli-ban-bar-on-${node}-lifetime" operation="lt" end="${end}"/></rule></rsc_location>`;
  const cib = readFileSync(join(SCHEDULER_XML, 'group15.xml'), 'utf8');
  return cib.replace(/<constraints>|<constraints\/>/, (m) => `<constraints>${ban('node1', '2020-01-01 00:00:00Z')}${ban('node2', '2099-01-01 00:00:00Z')}${m.endsWith('/>') ? '</constraints>' : ''}`);
}

for (const args of [['--clear', '--expired', '-r', 'bar'], ['--clear', '-r', 'bar', '-N', 'node2'], ['--clear', '-Q', '-r', 'bar']]) {
  test(`crm_resource ${args.join(' ')} removes what Pacemaker's removes`, async (t) => {
    requireReference();
    await inScratch(async (dir) => {
      const ours = join(dir, 'ours.xml');
      const theirs = join(dir, 'theirs.xml');
      writeFileSync(ours, withLifetimes());
      writeFileSync(theirs, withLifetimes());
      const a = await runAt('crm_resource', args, { CIB_file: ours, TZ: 'UTC' });
      const b = reference('crm_resource', args, { CIB_file: theirs, TZ: 'UTC' });
      t.is(a.stdout, b.stdout);
      t.is(a.code, b.code);
      t.is(written(ours), written(theirs));
    });
  });
}
