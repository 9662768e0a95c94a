import test from 'ava';
import { DropReport } from '../../src/daemon/membership/wire/drop-report.js';

test('the first hostile datagram of a kind is logged at once, with its source', (t) => {
  const r = new DropReport(10000);
  t.is(r.note(0, 'forged', '127.0.0.9:4000'), 'dropped a datagram from 127.0.0.9:4000 that failed authentication (forged, or signed with another authkey)');
  t.is(r.note(1, 'malformed', '127.0.0.9:4000'), 'dropped a malformed datagram from 127.0.0.9:4000');
  t.is(r.deadline(), 10000);
});

test('a flood is summed up once per interval, then the report goes quiet', (t) => {
  const r = new DropReport(10000);
  r.note(0, 'malformed', '10.0.0.1:1');
  for (let i = 1; i <= 500; i++) t.is(r.note(i, 'malformed', `10.0.0.${i % 7}:1`), null);
  t.deepEqual(r.expire(9999), []);
  t.deepEqual(r.expire(10000), ['500 more malformed datagrams dropped in the last 10 s, the latest from 10.0.0.3:1']);
  r.note(12000, 'malformed', '10.0.0.2:1');
  t.deepEqual(r.expire(20000), ['1 more malformed datagram dropped in the last 10 s, the latest from 10.0.0.2:1']);
  t.deepEqual(r.expire(30000), []);
  t.is(r.deadline(), Infinity);
  t.is(r.note(30001, 'malformed', '10.0.0.4:1'), 'dropped a malformed datagram from 10.0.0.4:1');
});

test('drops of normal operation are counted elsewhere but not logged', (t) => {
  const r = new DropReport(10000);
  t.is(r.note(0, 'stale', '127.0.0.12:5405'), null);
  t.is(r.note(0, 'filtered', '127.0.0.12:5405'), null);
  t.is(r.deadline(), Infinity);
});
