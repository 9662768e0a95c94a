/**
 * The CIB operations as pure functions: what each does to a CIB, how the
 * version moves, and the errors Pacemaker gives.
 */
import test from 'ava';
import { CibError } from '../../src/cib/errors.js';
import { performOp } from '../../src/cib/ops/perform.js';
import type { CibRequest } from '../../src/cib/ops/request.js';
import { XmlElement } from '../../src/cib/xml/node.js';
import { parseXml } from '../../src/cib/xml/parse.js';
import { serialize } from '../../src/cib/xml/serialize.js';

const BASE = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="12" num_updates="4" admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="opts">
        <nvpair id="opts-stonith" name="stonith-enabled" value="false"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="alpha"/>
    </nodes>
    <resources>
      <primitive id="web" class="ocf" provider="heartbeat" type="apache">
        <instance_attributes id="web-params">
          <nvpair id="web-params-port" name="port" value="80"/>
        </instance_attributes>
      </primitive>
      <group id="g">
        <primitive id="g1" class="ocf" provider="pacemaker" type="Dummy"/>
      </group>
    </resources>
    <constraints/>
  </configuration>
  <status>
    <node_state id="1" uname="alpha"/>
  </status>
</cib>`;

const xml = (s: string) => parseXml(s);
const base = () => parseXml(BASE);
const run = (req: CibRequest, cib: XmlElement = base()) => performOp(cib, req);
const version = (cib: XmlElement) => [cib.attr('admin_epoch'), cib.attr('epoch'), cib.attr('num_updates')].join('.');

function failure(t: import('ava').ExecutionContext, req: CibRequest, cib?: XmlElement): CibError {
  const e = t.throws(() => run(req, cib), { instanceOf: CibError });
  return e as CibError;
}

test('a configuration change bumps epoch and zeroes num_updates', (t) => {
  const r = run({ op: 'modify', input: xml('<primitive id="web" description="x"/>') });
  t.true(r.changed);
  t.is(version(r.cib), '0.13.0');
});

test('a status change bumps num_updates only', (t) => {
  const r = run({ op: 'modify', scope: 'status', input: xml('<node_state id="1" in_ccm="true"/>') });
  t.is(version(r.cib), '0.12.5');
});

test('an update that changes nothing leaves the CIB and its version alone', (t) => {
  const cib = base();
  const r = run({ op: 'modify', input: xml('<primitive id="web" type="apache"/>') }, cib);
  t.false(r.changed);
  t.is(r.cib, cib);
  t.is(version(r.cib), '0.12.4');
});

test('the input CIB is never changed in place', (t) => {
  const cib = base();
  run({ op: 'delete', input: xml('<primitive id="web"/>') }, cib);
  t.is(serialize(cib), serialize(base()));
});

test('modify finds its target at any depth and merges attributes and children by id', (t) => {
  const r = run({
    op: 'modify',
    input: xml('<instance_attributes id="web-params"><nvpair id="web-params-port" value="8080"/><nvpair id="n2" name="b" value="1"/></instance_attributes>'),
  });
  const params = r.cib.findChild('configuration')!.findChild('resources')!.findChild('primitive', 'web')!.findChild('instance_attributes')!;
  t.deepEqual(
    params.elements().map((e) => serialize(e, { pretty: false })),
    ['<nvpair id="web-params-port" name="port" value="8080"/>', '<nvpair id="n2" name="b" value="1"/>'],
  );
});

test('modify of something missing fails with "No such device or address"', (t) => {
  const e = failure(t, { op: 'modify', input: xml('<primitive id="nope" description="x"/>') });
  t.is(e.code, 105);
  t.is(e.reason, 'No such device or address');
});

test('modify --allow-create appends the object, counted as a status change as Pacemaker counts it', (t) => {
  const r = run({ op: 'modify', scope: 'resources', allowCreate: true, input: xml('<primitive id="new" class="ocf" provider="pacemaker" type="Dummy"/>') });
  t.truthy(r.cib.findChild('configuration')!.findChild('resources')!.findChild('primitive', 'new'));
  t.is(version(r.cib), '0.12.5');
});

test('modify creates a missing section before looking in it', (t) => {
  const r = run({ op: 'modify', scope: 'tags', allowCreate: true, input: xml('<tag id="t"><obj_ref id="web"/></tag>') });
  t.is(serialize(r.cib.findChild('configuration')!.findChild('tags')!, { pretty: false }), '<tags><tag id="t"><obj_ref id="web"/></tag></tags>');
});

test('relative values: name++ adds one, name+=N adds N, on the old value', (t) => {
  t.is(version(run({ op: 'modify', input: xml('<cib admin_epoch="admin_epoch++"/>') }).cib), '1.12.5');
  t.is(version(run({ op: 'modify', input: xml('<cib epoch="epoch+=5"/>') }).cib), '0.17.5');
});

test('a relative value with nothing to add to counts from zero', (t) => {
  const r = run({ op: 'create', scope: 'resources', input: xml('<primitive id="n" class="ocf" provider="pacemaker" type="Dummy" description="description++"/>') });
  t.is(r.cib.findChild('configuration')!.findChild('resources')!.findChild('primitive', 'n')!.attr('description'), '1');
});

test('an update taking epoch backwards is older than the existing configuration', (t) => {
  const e = failure(t, { op: 'modify', input: xml('<cib epoch="3"/>') });
  t.is(e.code, 103);
  t.is(e.reason, 'Update was older than existing configuration');
});

test('an update to a newer feature set than ours is refused', (t) => {
  const e = failure(t, { op: 'modify', input: xml('<cib crm_feature_set="3.99.0"/>') });
  t.is(e.code, 76);
});

test('create adds to the section and refuses a child that is already there', (t) => {
  const r = run({ op: 'create', scope: 'constraints', input: xml('<rsc_location id="loc" rsc="web" node="alpha" score="10"/>') });
  t.is(version(r.cib), '0.13.0');
  const e = failure(t, { op: 'create', scope: 'resources', input: xml('<primitive id="web" class="ocf" provider="pacemaker" type="Dummy"/>') });
  t.is(e.code, 108);
  t.is(
    serialize(e.details.output!, { pretty: false }),
    '<failed><failed_update id="web" object_type="primitive" operation="cib_create" reason="File exists">' +
      '<primitive id="web" class="ocf" provider="pacemaker" type="Dummy"/></failed_update></failed>',
  );
});

test('create into a missing section is an invalid argument', (t) => {
  const e = failure(t, { op: 'create', scope: 'tags', input: xml('<tag id="t"/>') });
  t.is(e.code, 70);
  t.is(e.reason, 'Invalid argument');
  t.is(e.details.output?.name, 'failed');
});

test('create without a section works like modify', (t) => {
  const e = failure(t, { op: 'create', input: xml('<primitive id="new" class="ocf" provider="pacemaker" type="Dummy"/>') });
  t.is(e.code, 105);
});

test('create given the section element adds each of its children', (t) => {
  const r = run({ op: 'create', scope: 'resources', input: xml('<resources><primitive id="a"/><primitive id="b"/></resources>') });
  const ids = r.cib.findChild('configuration')!.findChild('resources')!.elements().map((e) => e.id);
  t.deepEqual(ids, ['web', 'g', 'a', 'b']);
});

test('delete needs the name and every given attribute to match, values in any case', (t) => {
  t.false(run({ op: 'delete', input: xml('<nvpair id="web-params-port" name="other"/>') }).changed);
  const r = run({ op: 'delete', input: xml('<nvpair id="web-params-port" name="PORT"/>') });
  t.true(r.changed);
  t.is(version(r.cib), '0.13.0');
  t.is(r.cib.findChild('configuration')!.findChild('resources')!.findChild('primitive', 'web')!.findChild('instance_attributes')!.children.length, 0);
});

test('deleting something that is not there is not an error', (t) => {
  const r = run({ op: 'delete', input: xml('<primitive id="nope"/>') });
  t.false(r.changed);
});

test('deleting from the status section is a status change', (t) => {
  const r = run({ op: 'delete', scope: 'status', input: xml('<node_state id="1"/>') });
  t.is(version(r.cib), '0.12.5');
});

test('replace swaps the first matching element below the section', (t) => {
  const r = run({ op: 'replace', scope: 'resources', input: xml('<primitive id="g1" class="ocf" provider="heartbeat" type="IPaddr2"/>') });
  t.is(
    serialize(r.cib.findChild('configuration')!.findChild('resources')!.findChild('group')!, { pretty: false }),
    '<group id="g"><primitive id="g1" class="ocf" provider="heartbeat" type="IPaddr2"/></group>',
  );
  t.is(failure(t, { op: 'replace', scope: 'resources', input: xml('<primitive id="nope"/>') }).code, 105);
});

test('replace given the section element replaces the section', (t) => {
  const r = run({ op: 'replace', scope: 'resources', input: xml('<resources/>') });
  t.is(r.cib.findChild('configuration')!.findChild('resources')!.children.length, 0);
  t.is(version(r.cib), '0.13.0');
});

test('replacing the whole CIB with an older one fails (rc 103); a newer one is taken and bumped', (t) => {
  const older = xml('<cib epoch="12" num_updates="3" admin_epoch="0"><configuration/><status/></cib>');
  t.is(failure(t, { op: 'replace', input: older }).code, 103);
  const newer = xml('<cib epoch="20" num_updates="0" admin_epoch="0"><configuration/><status/></cib>');
  t.is(version(run({ op: 'replace', input: newer }).cib), '0.21.0');
});

test('erase keeps the root attributes, empties the rest and raises admin_epoch', (t) => {
  const r = run({ op: 'erase' });
  t.is(
    serialize(r.cib, { pretty: false }),
    '<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="13" num_updates="0" admin_epoch="1">' +
      '<configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>',
  );
});

test('bump raises epoch, and as a change outside the configuration, num_updates too', (t) => {
  t.is(version(run({ op: 'bump' }).cib), '0.13.5');
});

test('bump on a CIB without versions adds them', (t) => {
  const r = run({ op: 'bump' }, xml('<cib><configuration/><status/></cib>'));
  t.is(serialize(r.cib, { pretty: false }).split('>')[0], '<cib epoch="1" num_updates="1"');
});

test('query answers the section, or nothing found (105) when it is missing', (t) => {
  t.is(run({ op: 'query', scope: 'nodes' }).output?.name, 'nodes');
  t.is(run({ op: 'query', scope: 'no-such-section' }).output?.name, 'cib');
  t.is(failure(t, { op: 'query', scope: 'tags' }).code, 105);
  t.deepEqual(run({ op: 'query', scope: 'resources', noChildren: true }).output?.children, []);
});

test('an XPath query answers one match as itself, several wrapped in <xpath-query>', (t) => {
  t.is(run({ op: 'query', xpath: "//primitive[@id='web']" }).output?.id, 'web');
  const several = run({ op: 'query', xpath: '//primitive' }).output!;
  t.is(several.name, 'xpath-query');
  t.deepEqual(several.elements().map((e) => e.id), ['web', 'g1']);
});

test('--node-path answers the paths of the matches', (t) => {
  const out = run({ op: 'query', xpath: '//primitive', nodePath: true }).output!;
  t.deepEqual(
    out.elements().map((e) => e.id),
    ["/cib/configuration/resources/primitive[@id='web']", "/cib/configuration/resources/group[@id='g']/primitive[@id='g1']"],
  );
});

test('an XPath that matches nothing, or is not XPath at all, finds nothing (105)', (t) => {
  t.is(failure(t, { op: 'query', xpath: '//nothing' }).code, 105);
  t.is(failure(t, { op: 'query', xpath: '//primitive[' }).code, 105);
});

test('delete by XPath removes the first match; --delete-all removes all, once each', (t) => {
  const one = run({ op: 'delete', xpath: '//primitive' });
  t.deepEqual(one.cib.findChild('configuration')!.findChild('resources')!.elements().map((e) => e.id), ['g']);
  const all = run({ op: 'delete', xpath: "//group | //primitive[@id='g1'] | //nvpair", all: true });
  t.is(all.cib.findChild('configuration')!.findChild('resources')!.elements().length, 1);
  t.is(all.cib.findChild('configuration')!.findChild('crm_config')!.firstElement()!.children.length, 0);
});

test('delete by XPath may not remove the root', (t) => {
  t.is(failure(t, { op: 'delete', xpath: '/cib' }).code, 70);
});

test('validation failures carry the candidate CIB', (t) => {
  const cib = base();
  const e = t.throws(
    () =>
      performOp(cib, { op: 'bump' }, {
        validate: (c) => ({
          valid: c.attr('epoch') !== '13',
          errors: [{ element: null, line: 0, located: false, kind: 'relaxng', message: 'epoch 13 is unlucky' }],
          schema: 'pacemaker-3.9',
        }),
      }),
    { instanceOf: CibError },
  ) as CibError;
  t.is(e.code, 78);
  t.is(e.reason, 'Update does not conform to the configured schema');
  t.is(e.details.candidate?.attr('epoch'), '13');
  t.deepEqual(e.details.notes, ['Relax-NG validity error : epoch 13 is unlucky']);
});

test('status updates are not validated', (t) => {
  const r = performOp(base(), { op: 'modify', scope: 'status', input: xml('<node_state id="1" crmd="online"/>') }, { validate: () => ({ valid: false, errors: [], schema: 'pacemaker-3.9' }) });
  t.true(r.changed);
});
