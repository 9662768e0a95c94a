import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers.js';
import { xmlResult } from '../../src/cli/output.js';
import { membershipText, membershipXml, quorumText, quorumXml } from '../../src/daemon/membership/status/render.js';
import type { MembershipReport, QuorumReport } from '../../src/daemon/membership/status/types.js';

const golden = (name: string) => readFileSync(join(FIXTURES, '..', 'golden', 'membership', name), 'utf8');

const QUORUM: QuorumReport = {
  provider: 'corosync_votequorum',
  nodeId: 2,
  ring: { rep: 1, seq: 26 },
  quorate: false,
  expectedVotes: 5,
  highestExpected: 5,
  totalVotes: 2,
  quorum: 3,
  flags: ['WaitForAll'],
  members: [
    { id: 1, name: 'alpha', votes: 1 },
    { id: 2, name: 'beta', votes: 1 },
  ],
};

const MEMBERSHIP: MembershipReport = {
  clusterName: 'web',
  local: { id: 1, name: 'alpha', addr: '10.0.0.1', port: 5405, incarnation: 1700000000000 },
  ring: { rep: 1, seq: 26 },
  state: 'operational',
  members: [
    { id: 1, name: 'alpha', incarnation: 1700000000000 },
    { id: 3, name: 'gamma', incarnation: 1700000000500 },
  ],
  links: [
    { id: 1, name: 'alpha', addr: '10.0.0.1', status: 'localhost', lastHeardMs: null },
    { id: 2, name: 'beta', addr: '10.0.0.2', status: 'disconnected', lastHeardMs: 5012 },
    { id: 3, name: 'gamma', addr: '10.0.0.3', status: 'connected', lastHeardMs: 40 },
  ],
  counters: { received: 120, sent: 130, retransmitted: 2, viewChanges: 3, delivered: 17, dropped: { malformed: 1, forged: 2, replayed: 3, stale: 4, foreign: 5, filtered: 0 } },
  timeouts: { token: 1000, consensus: 1200, join: 50, heartbeat: 100 },
};

test('quorum status text has corosync-quorumtool -s lines', (t) => {
  const text = quorumText(QUORUM, 0).replace(/^Date: .*$/m, 'Date:             (now)');
  t.is(text, golden('quorum-status.txt'));
});

test('quorum status XML', (t) => {
  t.is(xmlResult('pacer quorum status --output-as=xml', [quorumXml(QUORUM)], 0), golden('quorum-status.xml'));
});

test('membership status text', (t) => {
  t.is(membershipText(MEMBERSHIP), golden('membership-status.txt'));
});

test('membership status XML', (t) => {
  t.is(xmlResult('pacer membership status --output-as=xml', [membershipXml(MEMBERSHIP)], 0), golden('membership-status.xml'));
});
