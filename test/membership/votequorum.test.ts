import test from 'ava';
import type { NodeConfig, QuorumConfig } from '../../src/daemon/membership/config/cluster-config.js';
import { Votequorum, type QuorumState } from '../../src/daemon/membership/quorum/votequorum.js';

const nodes = (n: number): NodeConfig[] => Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `n${i + 1}`, addr: `a${i + 1}`, votes: 1 }));
const cfg = (q: Partial<QuorumConfig> = {}): QuorumConfig => ({
  twoNode: false,
  waitForAll: false,
  lastManStanding: false,
  lastManStandingWindow: 10000,
  autoTieBreaker: false,
  autoTieBreakerNode: 'lowest',
  ...q,
});
let seq = 0;
/** One node's verdict on a view, given everyone's announced states (fresh nodes when omitted). */
function view(vq: Votequorum, members: number[], states: (QuorumState | undefined)[] = [], now = 0) {
  return vq.onView({ seq: ++seq, rep: members[0]! }, members, members.map((_, i) => states[i]), now);
}

test('a majority of the expected votes is quorate, half is not', (t) => {
  const vq = new Votequorum(cfg(), nodes(4), 1);
  t.false(view(vq, [1, 2]).quorate);
  const r = view(vq, [1, 2, 3]);
  t.true(r.quorate);
  t.is(r.quorum, 3);
  t.is(r.expectedVotes, 4);
  t.deepEqual(r.flags, ['Quorate']);
});

test('quorum.expected_votes overrides the nodelist count', (t) => {
  const vq = new Votequorum(cfg({ expectedVotes: 5 }), nodes(3), 1);
  t.false(view(vq, [1, 2]).quorate);
  t.true(view(vq, [1, 2, 3]).quorate);
});

test('without a quorum provider every partition is quorate', (t) => {
  const vq = new Votequorum(null, nodes(3), 1);
  t.true(view(vq, [1]).quorate);
});

test('two_node keeps a lone survivor quorate once both nodes were seen', (t) => {
  const vq = new Votequorum(cfg({ twoNode: true, waitForAll: true }), nodes(2), 1);
  t.false(view(vq, [1]).quorate, 'waits for all at start');
  t.true(view(vq, [1, 2]).quorate);
  const alone = view(vq, [1], [vq.syncState([])]);
  t.true(alone.quorate);
  t.is(alone.quorum, 1);
  t.deepEqual(alone.flags, ['2Node', 'Quorate', 'WaitForAll']);
});

test('wait_for_all needs every node once, then a majority; a node joining a quorate partition need not wait', (t) => {
  const a = new Votequorum(cfg({ waitForAll: true }), nodes(3), 1);
  t.false(view(a, [1, 2]).quorate);
  t.true(view(a, [1, 2, 3]).quorate);
  t.true(view(a, [1, 2], [a.syncState([]), a.syncState([])]).quorate);
  const fresh = new Votequorum(cfg({ waitForAll: true }), nodes(3), 3);
  const joined = view(fresh, [1, 2, 3], [a.syncState([]), a.syncState([]), undefined]);
  t.true(joined.quorate);
});

test('auto_tie_breaker gives an even split to the half with the lowest node', (t) => {
  const low = new Votequorum(cfg({ autoTieBreaker: true }), nodes(4), 1);
  const high = new Votequorum(cfg({ autoTieBreaker: true }), nodes(4), 3);
  t.true(view(low, [1, 2]).quorate);
  t.false(view(high, [3, 4]).quorate);
  t.true(view(high, [3, 4]).flags.includes('AutoTieBreaker'));
});

test('auto_tie_breaker is off with an odd number of nodes, as in Corosync', (t) => {
  const vq = new Votequorum(cfg({ autoTieBreaker: true, expectedVotes: 4 }), nodes(3), 1);
  const r = view(vq, [1, 2]);
  t.false(r.quorate);
  t.false(r.flags.includes('AutoTieBreaker'));
});

test('last_man_standing: the lowest member orders expected votes down after the window', (t) => {
  const vq = new Votequorum(cfg({ lastManStanding: true, lastManStandingWindow: 1000 }), nodes(5), 1);
  view(vq, [1, 2, 3, 4, 5], [], 0);
  t.true(view(vq, [1, 2, 3], [vq.syncState([]), vq.syncState([]), vq.syncState([])], 100).quorate);
  t.is(vq.lowerDue(500), null);
  t.is(vq.lowerDeadline(), 1100);
  t.is(vq.lowerDue(1100), 3);
  t.is(vq.lowerDue(1200), null, 'ordered once');
  const r = vq.onLowered(3);
  t.is(r.expectedVotes, 3);
  t.is(r.quorum, 2);
  t.true(view(vq, [1, 2], [vq.syncState([]), vq.syncState([])], 2000).quorate);
});

test('expected votes never fall below the votes present', (t) => {
  const vq = new Votequorum(cfg({ expectedVotes: 1 }), nodes(3), 1);
  const r = view(vq, [1, 2, 3]);
  t.is(r.expectedVotes, 3);
  t.is(r.quorum, 2);
});
