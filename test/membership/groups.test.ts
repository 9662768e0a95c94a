import test from 'ava';
import { ProcessGroups, type GroupEvent } from '../../src/daemon/membership/cpg/groups.js';

const a = { id: 1, inc: 1 };
const b = { id: 2, inc: 1 };
const text = (s: string) => new Uint8Array(Buffer.from(s));

/** Both nodes see the same ordered payloads. */
function deliverAll(nodes: ProcessGroups[], sender: typeof a, payload: Uint8Array): GroupEvent[][] {
  return nodes.map((n) => n.onDelivery(sender, payload));
}

test('members receive group messages after their join, in order; others do not', (t) => {
  const ga = new ProcessGroups(a);
  const gb = new ProcessGroups(b);
  deliverAll([ga, gb], a, ga.joinPayload('cib'));
  const [toA, toB] = deliverAll([ga, gb], a, ga.messagePayload('cib', text('x')));
  t.deepEqual(toA, [{ kind: 'message', group: 'cib', sender: a, payload: text('x') }]);
  t.deepEqual(toB, []);
  const joined = deliverAll([ga, gb], b, gb.joinPayload('cib'));
  t.deepEqual(joined[1], [{ kind: 'confchg', change: { group: 'cib', members: [a, b], joined: [b], left: [] } }]);
  t.deepEqual(gb.members('cib'), [a, b]);
});

test('a view change rebuilds groups from the announced states and reports who left', (t) => {
  const ga = new ProcessGroups(a);
  const gb = new ProcessGroups(b);
  deliverAll([ga, gb], a, ga.joinPayload('cib'));
  deliverAll([ga, gb], b, gb.joinPayload('cib'));
  const events = ga.onView([a], [ga.syncState([])]);
  t.deepEqual(events, [{ kind: 'confchg', change: { group: 'cib', members: [a], joined: [], left: [b] } }]);
});

test('the announced state includes joins and leaves still to be delivered by the flush', (t) => {
  const ga = new ProcessGroups(a);
  t.deepEqual(ga.syncState([{ sender: a, payload: ga.joinPayload('attrd') }, { sender: b, payload: ga.joinPayload('other') }]), ['attrd']);
});

test('a restarted node is a new group member', (t) => {
  const ga = new ProcessGroups(a);
  deliverAll([ga], a, ga.joinPayload('cib'));
  ga.onView([a, b], [['cib'], ['cib']]);
  const b2 = { id: 2, inc: 2 };
  const events = ga.onView([a, b2], [['cib'], ['cib']]);
  t.deepEqual(events, [{ kind: 'confchg', change: { group: 'cib', members: [a, b2], joined: [b2], left: [b] } }]);
});

test('group names must be 1 to 255 bytes', (t) => {
  const g = new ProcessGroups(a);
  t.throws(() => g.joinPayload(''));
  t.throws(() => g.joinPayload('x'.repeat(256)));
});
