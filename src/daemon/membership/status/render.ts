/**
 * Text and XML renderings of the membership and quorum reports. The quorum
 * text is laid out as `corosync-quorumtool -s` prints it, so people and
 * scripts used to that tool find the same lines.
 */
import { ctime } from '../../../cli/ctime.js';
import { el } from '../../../cli/output.js';
import type { XmlElement } from '../../../cib/xml/node.js';
import { ringIdText, type MembershipReport, type QuorumReport } from './types.js';

/** corosync-quorumtool's right-aligned column of ten characters plus a space. */
function col(value: string | number): string {
  return String(value).padStart(10, ' ') + ' ';
}

export function quorumText(q: QuorumReport, nowSeconds: number): string {
  const lines = [
    'Quorum information',
    '------------------',
    `Date:             ${ctime(nowSeconds)}`,
    `Quorum provider:  ${q.provider ?? 'Not configured'}`,
    `Nodes:            ${q.members.length}`,
    `Node ID:          ${q.nodeId}`,
    `Ring ID:          ${ringIdText(q.ring)}`,
    `Quorate:          ${q.quorate ? 'Yes' : 'No'}`,
  ];
  if (q.provider) {
    lines.push(
      '',
      'Votequorum information',
      '----------------------',
      `Expected votes:   ${q.expectedVotes}`,
      `Highest expected: ${q.highestExpected}`,
      `Total votes:      ${q.totalVotes}`,
      `Quorum:           ${q.quorum} ${q.quorate ? ' ' : 'Activity blocked'}`,
      `Flags:            ${q.flags.map((f) => f + ' ').join('')}`,
    );
  }
  lines.push('', 'Membership information', '----------------------', col('Nodeid') + (q.provider ? col('Votes') : '') + 'Name');
  for (const m of q.members) {
    lines.push(col(m.id) + (q.provider ? col(m.votes) : '') + m.name + (m.id === q.nodeId ? ' (local)' : ''));
  }
  return lines.join('\n') + '\n';
}

export function quorumXml(q: QuorumReport): XmlElement {
  const root = el('quorum', {
    provider: q.provider ?? 'none',
    quorate: q.quorate,
    'node-id': q.nodeId,
    'ring-id': ringIdText(q.ring),
    'expected-votes': q.expectedVotes,
    'highest-expected': q.highestExpected,
    'total-votes': q.totalVotes,
    quorum: q.quorum,
    flags: q.flags.join(' '),
  });
  const nodes = root.add('nodes');
  for (const m of q.members) nodes.appendChild(el('node', { id: m.id, name: m.name, votes: m.votes, local: m.id === q.nodeId }));
  return root;
}

const DROP_LABELS: [keyof MembershipReport['counters']['dropped'], string][] = [
  ['malformed', 'malformed'],
  ['forged', 'forged (failed authentication)'],
  ['replayed', 'replayed'],
  ['stale', 'stale (from an old incarnation of the sender)'],
  ['foreign', 'foreign (unknown sender or another cluster)'],
  ['filtered', 'filtered (test fault filter)'],
];

export function membershipText(m: MembershipReport): string {
  const lines = [
    'Membership information',
    '----------------------',
    `Cluster name:     ${m.clusterName}`,
    `Node ID:          ${m.local.id} (${m.local.name})`,
    `Ring ID:          ${ringIdText(m.ring)}`,
    `State:            ${m.state}`,
    `Members:          ${m.members.map((x) => x.name).join(' ')}`,
    `Token timeout:    ${m.timeouts.token} ms`,
    '',
    'Links',
    '-----',
  ];
  const nameWidth = Math.max(4, ...m.links.map((l) => l.name.length));
  const addrWidth = Math.max(7, ...m.links.map((l) => l.addr.length));
  lines.push(`${col('Nodeid')}${'Name'.padEnd(nameWidth)} ${'Address'.padEnd(addrWidth)} Status`);
  for (const l of m.links) {
    const heard = l.lastHeardMs === null || l.status === 'localhost' ? '' : ` (last heard ${l.lastHeardMs} ms ago)`;
    lines.push(`${col(l.id)}${l.name.padEnd(nameWidth)} ${l.addr.padEnd(addrWidth)} ${l.status}${heard}`);
  }
  const c = m.counters;
  const rows: [string, number][] = [
    ['Datagrams received', c.received],
    ['Datagrams sent', c.sent],
    ['Retransmitted messages', c.retransmitted],
    ['Delivered messages', c.delivered],
    ['View changes', c.viewChanges],
    ...DROP_LABELS.map(([k, label]): [string, number] => [`Dropped ${label}`, c.dropped[k]]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  lines.push('', 'Counters', '--------', ...rows.map(([label, n]) => `${(label + ':').padEnd(width)}${n}`));
  return lines.join('\n') + '\n';
}

export function membershipXml(m: MembershipReport): XmlElement {
  const root = el('membership', {
    'cluster-name': m.clusterName,
    'node-id': m.local.id,
    'node-name': m.local.name,
    'ring-id': ringIdText(m.ring),
    state: m.state,
  });
  const members = root.add('members');
  for (const x of m.members) members.appendChild(el('member', { id: x.id, name: x.name, incarnation: x.incarnation }));
  const links = root.add('links');
  for (const l of m.links) {
    links.appendChild(el('link', { id: l.id, name: l.name, address: l.addr, status: l.status, 'last-heard-ms': l.lastHeardMs ?? undefined }));
  }
  const c = m.counters;
  const counters = root.add('counters');
  counters.appendChild(
    el('datagrams', { received: c.received, sent: c.sent, retransmitted: c.retransmitted, delivered: c.delivered, 'view-changes': c.viewChanges }),
  );
  const dropped = counters.add('dropped');
  for (const [k] of DROP_LABELS) dropped.appendChild(el('reason', { name: k, count: c.dropped[k] }));
  return root;
}
