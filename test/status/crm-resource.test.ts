/**
 * crm_resource's queries side by side with Pacemaker's: on CIBs of the
 * scheduler corpus for what it tells of resources, and on this machine for
 * the agents installed.
 */
import test from 'ava';
import { join } from 'node:path';
import { SCHEDULER_XML, requireReference } from '../helpers.js';
import { reference, runAt } from './run.js';

const QUERIES: [string, string, string[]][] = [
  ['lists resources', 'bug-cl-5247', ['--list']],
  ['lists resources as XML', 'bundle-connection-with-container', ['--list', '--output-as=xml']],
  ['lists instances', 'bug-pm-11', ['--list-raw']],
  ['lists instances as XML', 'cloned-group', ['--list-raw', '--output-as=xml']],
  ['lists operations in effect', 'migrate-fail-6', ['--list-operations']],
  ['lists operations as XML', 'bug-cl-5247', ['-O', '--output-as=xml']],
  ["lists a resource's operations", 'multiply-active-stonith', ['--list-all-operations', '-r', 'rsc1']],
  ["lists a node's operations", 'anti-colocation-order', ['-O', '-N', 'node2']],
  ['locates a primitive', 'bug-cl-5247', ['--locate', '-r', 'prmDB2']],
  ['locates a group member', 'bug-5028-detach', ['-W', '-r', 'dummy01']],
  ['locates a clone', 'interleave-1', ['-W', '-r', 'clone_storage']],
  ['locates an anonymous instance', 'anon-instance-pending', ['-W', '-r', 'clone1rsc']],
  ['locates a promotable clone', 'asymmetric', ['-W', '-r', 'ms_drbd_poolA']],
  ['locates a bundle', 'bundle-connection-with-container', ['-W', '-r', 'httpd-bundle']],
  ['locates quietly', 'bug-cl-5247', ['-W', '-Q', '-r', 'prmDB2']],
  ['locates as XML', 'asymmetric', ['-W', '-r', 'ms_drbd_poolA', '--output-as=xml']],
  ['says a stopped resource is not running', 'simple1', ['-W', '-r', 'rsc1']],
  ['tells why resources run or not', 'clone-requires-quorum-recovery', ['--why']],
  ['tells why one resource runs or not', 'stop-failure-with-fencing', ['--why', '-r', 'dlm']],
  ['tells why a resource runs on a node', 'failcount', ['--why', '-r', 're-openfire-lv', '-N', 'dresproddns01']],
  ['tells why as XML', 'bug-cl-5247', ['--why', '--output-as=xml']],
  ["shows a resource's configuration", 'a-demote-then-b-migrate', ['--query-xml', '-r', 'rsc2']],
  ['shows a configuration as XML', 'simple4', ['-q', '-r', 'rsc1', '--output-as=xml']],
  ['shows a configuration before its template', 'location-sets-templates', ['--query-xml-raw', '-r', 'rsc4']],
  ["shows a bundle container's generated configuration", 'bundle-connection-with-container', ['-q', '-r', 'httpd-bundle-podman-0']],
  ['gets an instance attribute', 'bug-cl-5247', ['-r', 'prmDB2', '--get-parameter', 'migration_transport']],
  ['gets a meta-attribute', 'comments', ['-r', 'rsc1', '--meta', '-g', 'priority']],
  ['gets a utilization attribute', 'bug-rh-1097457', ['-r', 'VM2', '-z', '-g', 'cpu']],
  ['gets a property', 'bug-cl-5247', ['-r', 'prmDB2', '-G', 'type']],
  ['reports a missing attribute', 'anon-instance-pending', ['-r', 'Fencing', '-g', 'no-such-param']],
  ['reports an unknown resource', 'inc11', ['--locate', '-r', 'no-such-resource']],
  ['reports an unknown resource as XML', 'inc11', ['--locate', '-r', 'no-such-resource', '--output-as=xml']],
  ['reports an unknown node', 'simple4', ['-W', '-r', 'rsc1', '-N', 'no-such-node']],
  ['asks for a resource', 'novell-239087', ['--locate']],
  ['shows the constraints of a resource', 'a-demote-then-b-migrate', ['--constraints', '-r', 'rsc2']],
  ['shows the constraints of a group member', 'bug-rh-1097457', ['-a', '-r', 'FAKE1']],
  ['shows constraints with a role', 'bug-lf-2106', ['--constraints', '-r', 'medomus-cvs']],
  ['shows constraints as XML', 'migrate-fail-6', ['--constraints', '-r', 'c-clusterfs', '--output-as=xml']],
  ['shows the constraint stack', 'bug-pm-11', ['--stack', '-r', 'ms-sf']],
];

for (const [what, cib, args] of QUERIES) {
  test(`crm_resource ${what} as Pacemaker's does (${cib}: ${args.join(' ')})`, async (t) => {
    requireReference();
    const env = { CIB_file: join(SCHEDULER_XML, `${cib}.xml`), TZ: 'UTC' };
    const ours = await runAt('crm_resource', args, env);
    const theirs = reference('crm_resource', args, env);
    t.is(ours.stdout, theirs.stdout);
    t.is(ours.stderr, theirs.stderr);
    t.is(ours.code, theirs.code);
  });
}

const AGENTS: [string, string[]][] = [
  ['lists the agent standards', ['--list-standards']],
  ['lists the standards as XML', ['--list-standards', '--output-as=xml']],
  ['lists the OCF providers', ['--list-ocf-providers']],
  ['lists the OCF providers as XML', ['--list-ocf-providers', '--output-as=xml']],
  ["lists a provider's agents", ['--list-agents', 'ocf:pacemaker']],
  ['lists all OCF agents', ['--list-agents', 'ocf']],
  ['lists the agents as XML', ['--list-agents', 'ocf:heartbeat', '--output-as=xml']],
  ['lists LSB agents', ['--list-agents', 'lsb']],
  ['lists fence agents', ['--list-agents', 'stonith']],
  ['lists the providers of an agent', ['--list-ocf-alternatives', 'Dummy']],
  ['reports an unknown provider', ['--list-agents', 'ocf:nonexist']],
  ['reports an agent nobody provides', ['--list-ocf-alternatives', 'NoSuchAgent']],
  ["shows an OCF agent's metadata", ['--show-metadata', 'ocf:pacemaker:Dummy']],
  ["shows an LSB script's metadata", ['--show-metadata', 'lsb:dbus']],
  ["shows a fence agent's metadata", ['--show-metadata', 'stonith:fence_dummy']],
  ['reports an invalid agent specification', ['--show-metadata', 'ocf:Dummy']],
  ['reports a missing agent', ['--show-metadata', 'ocf:pacemaker:NoSuchAgent']],
];

for (const [what, args] of AGENTS) {
  test(`crm_resource ${what} as Pacemaker's does (${args.join(' ')})`, async (t) => {
    requireReference();
    const ours = await runAt('crm_resource', args, {});
    const theirs = reference('crm_resource', args, {});
    t.is(ours.stdout, theirs.stdout);
    t.is(ours.stderr, theirs.stderr);
    t.is(ours.code, theirs.code);
  });
}

test('crm_resource --help-all mentions --expired and --digests (client probes)', async (t) => {
  const all = (await runAt('crm_resource', ['--help-all'], {})).stdout;
  t.regex(all, /--expired/);
  t.regex(all, /--digests/);
});

test('crm_resource refuses commands it does not implement yet, plainly (exit 3)', async (t) => {
  const r = await runAt('crm_resource', ['--restart', '-r', 'rsc1'], { CIB_file: join(SCHEDULER_XML, 'simple4.xml') });
  t.is(r.code, 3);
  t.regex(r.stderr, /--restart is not implemented yet/);
});

test('crm_resource --wait without a CIB file fails as Pacemaker does with no cluster', async (t) => {
  requireReference();
  const ours = await runAt('crm_resource', ['--wait'], {});
  const theirs = reference('crm_resource', ['--wait'], {});
  t.is(ours.stderr, theirs.stderr);
  t.is(ours.code, theirs.code);
});
