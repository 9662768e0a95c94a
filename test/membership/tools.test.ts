import test from 'ava';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, runInProcess } from '../helpers.js';
import { parseClusterConfig } from '../../src/daemon/membership/config/cluster-config.js';

const REFERENCE = join(FIXTURES, '..', '..', '..', 'shared', 'reference', 'pacemaker-2.1.5-outputs');

function root(): string {
  return mkdtempSync(join(tmpdir(), 'pacer-tools-'));
}

test('cluster setup --local writes the golden corosync.conf and a root-only authkey', async (t) => {
  const dir = root();
  const r = await runInProcess('pacer', ['cluster', 'setup', 'web', 'n1', 'addr=10.0.0.1', 'n2', 'addr=10.0.0.2', 'n3', 'addr=10.0.0.3', 'totem', 'token=800', 'quorum', 'wait_for_all=1', '--local'], {
    env: { PACER_ROOT: dir },
  });
  t.is(r.code, 0, r.stderr);
  const conf = readFileSync(join(dir, 'etc/pacer/corosync.conf'), 'utf8');
  t.is(conf, readFileSync(join(FIXTURES, '..', 'golden', 'membership', 'setup-3-nodes.conf'), 'utf8'));
  const key = statSync(join(dir, 'etc/pacer/authkey'));
  t.is(key.size, 256);
  t.is(key.mode & 0o777, 0o400);
  t.is(parseClusterConfig(conf).totem.token, 800);
});

test('cluster setup gives two nodes two_node and uses names as addresses', async (t) => {
  const dir = root();
  const out = join(dir, 'c.conf');
  const r = await runInProcess('pacer', ['cluster', 'setup', 'pair', 'a', 'b', '--corosync_conf', out], { env: {} });
  t.is(r.code, 0, r.stderr);
  const c = parseClusterConfig(readFileSync(out, 'utf8'));
  t.true(c.quorum!.twoNode);
  t.true(c.quorum!.waitForAll);
  t.deepEqual(c.nodes.map((n) => n.addr), ['a', 'b']);
  t.false(existsSync(join(dir, 'etc')), 'no authkey is written for --corosync_conf');
});

test('cluster setup keeps an existing file unless --overwrite', async (t) => {
  const dir = root();
  const out = join(dir, 'c.conf');
  writeFileSync(out, 'old');
  const r = await runInProcess('pacer', ['cluster', 'setup', 'x', 'a', '--corosync_conf', out], { env: {} });
  t.is(r.code, 108);
  t.regex(r.stderr, /already exists, use --overwrite/);
  t.is(readFileSync(out, 'utf8'), 'old');
  t.is((await runInProcess('pacer', ['cluster', 'setup', 'x', 'a', '--corosync_conf', out, '--overwrite'], { env: {} })).code, 0);
});

test('cluster setup refuses bad arguments and remote setup', async (t) => {
  const env = { PACER_ROOT: root() };
  t.is((await runInProcess('pacer', ['cluster', 'setup', 'x', 'a', 'addr=1', 'addr=2', '--local'], { env })).code, 64);
  t.is((await runInProcess('pacer', ['cluster', 'setup', 'x', 'a', 'totem', 'tokn=5', '--local'], { env })).code, 64);
  t.is((await runInProcess('pacer', ['cluster', 'setup', 'x', 'a', 'b', 'addr=a', '--local'], { env })).code, 64);
  const remote = await runInProcess('pacer', ['cluster', 'setup', 'x', 'a'], { env });
  t.is(remote.code, 3);
  t.regex(remote.stderr, /--local/);
});

test('corosync-keygen writes a key of the requested size', async (t) => {
  const dir = root();
  const r = await runInProcess('pacer', ['corosync-keygen', '-s', '512', '-k', join(dir, 'k')], { env: {} });
  t.is(r.code, 0, r.stderr);
  t.is(statSync(join(dir, 'k')).size, 512);
  t.is((await runInProcess('pacer', ['corosync-keygen', '-s', '64', '-k', join(dir, 'k2')], { env: {} })).code, 64);
});

/** The reference files end with "[rc=N]"; the rest is what the tool printed. */
function reference(name: string): { text: string; rc: number } {
  const raw = readFileSync(join(REFERENCE, name), 'utf8');
  const m = /\[rc=(\d+)\]\n?$/.exec(raw)!;
  return { text: raw.slice(0, m.index), rc: Number(m[1]) };
}

for (const [file, args] of [
  ['crm_node-l.txt', ['-l']],
  ['crm_node-n.txt', ['-n']],
  ['crm_node-name.txt', ['--name']],
  ['crm_node-p.txt', ['-p']],
  ['crm_node-q.txt', ['-q']],
] as const) {
  test(`crm_node ${args[0]} without a daemon answers as Pacemaker does (${file})`, async (t) => {
    const r = await runInProcess('crm_node', [...args], { env: { PACER_ROOT: root() } });
    const ref = reference(file);
    t.is(r.stdout + r.stderr, ref.text);
    t.is(r.code, ref.rc);
  });
}

test('crm_node --output-as=xml reports a missing daemon in the status element', async (t) => {
  const r = await runInProcess('crm_node', ['-l', '--output-as=xml'], { env: { PACER_ROOT: root() } });
  t.is(r.code, 102);
  t.is(
    r.stdout,
    '<pacemaker-result api-version="2.25" request="crm_node -l --output-as=xml">\n' +
      '  <status code="102" message="Not connected">\n' +
      '    <errors>\n' +
      '      <error>crm_node: Could not connect to controller: Connection refused</error>\n' +
      '    </errors>\n' +
      '  </status>\n' +
      '</pacemaker-result>\n',
  );
});

test('crm_node -n takes the name from a resource agent environment', async (t) => {
  const r = await runInProcess('crm_node', ['-n'], { env: { OCF_RESKEY_CRM_meta_on_node: 'node7', PACER_ROOT: root() } });
  t.is(r.code, 0);
  t.is(r.stdout, 'node7\n');
});

test('crm_node --remove needs --force', async (t) => {
  const r = await runInProcess('crm_node', ['-R', 'n4'], { env: { PACER_ROOT: root() } });
  t.is(r.code, 64);
  t.regex(r.stderr, /--force flag is required/);
});

test('crm_node without a command prints its help to stderr', async (t) => {
  const r = await runInProcess('crm_node', [], { env: {} });
  t.is(r.code, 64);
  t.regex(r.stderr, /--partition/);
  t.is(r.stdout, '');
});

test('quorum and membership status say when no daemon answers', async (t) => {
  const env = { PACER_ROOT: root() };
  const q = await runInProcess('pacer', ['quorum', 'status'], { env });
  t.is(q.code, 102);
  t.is(q.stderr, 'pacer quorum status: could not connect to the pacer daemon: Connection refused\n');
  const m = await runInProcess('pacer', ['membership', 'status', '--output-as=json'], { env });
  t.is(m.code, 102);
  t.deepEqual(JSON.parse(m.stdout).status, {
    code: 102,
    message: 'Not connected',
    errors: ['could not connect to the pacer daemon: Connection refused'],
  });
});
