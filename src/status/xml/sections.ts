/** crm_mon's XML sections after the resources: attributes, history, failures, tickets, bans. */
import type { XmlElement } from '../../cib/xml/node.js';
import { ctime } from '../../cli/ctime.js';
import type { Cluster } from '../../scheduler/model/cluster.js';
import { ocfName, execStatusName } from '../../scheduler/model/results.js';
import { Role } from '../../scheduler/model/role.js';
import { bans, shownTickets } from '../constraints.js';
import { historyKey, leadingInt, scanMinInt, shownFailures } from '../failures.js';
import { type ResourceHistory, displayTask, nodeHistories } from '../history.js';
import { Section, Show, type StatusView } from '../options.js';
import { attributeShown, expectedPingScore } from '../text/attributes.js';
import { escapeAttr } from '../../cib/xml/serialize.js';
import { element } from './element.js';
import { isoTime } from './time.js';

export function nodeAttributesXml(cluster: Cluster, view: StatusView): XmlElement | null {
  let list: XmlElement | null = null;
  for (const { node, names } of attributeShown(cluster, view)) {
    list ??= element('node_attributes');
    const n = list.appendChild(element('node', [['name', node.uname]]));
    for (const name of names) {
      const expected = expectedPingScore(node, node.runningRsc, name);
      n.appendChild(element('attribute', [['name', name], ['value', node.attrs.get(name)], ['expected', expected ?? undefined]]));
    }
  }
  return list;
}

function resourceHistoryXml(h: ResourceHistory, id: string, all: boolean): XmlElement {
  const e = element('resource_history', [['id', id]]);
  if (h.rsc === null) e.setAttr('orphan', 'true');
  else if (all || h.failcount > 0 || h.lastFailure > 0) {
    e.setAttr('orphan', 'false');
    e.setAttr('migration-threshold', String(h.rsc.migrationThreshold));
    if (h.failcount > 0) e.setAttr('fail-count', String(h.failcount));
    if (h.lastFailure > 0) e.setAttr('last-failure', ctime(h.lastFailure));
  }
  return e;
}

function operationXml(op: XmlElement, timing: boolean): XmlElement {
  const rc = scanMinInt(op.attrs['rc-code'], 0);
  const interval = op.attrs['interval'];
  const e = element('operation_history', [
    ['call', op.attrs['call-id']],
    ['task', displayTask(op)],
    ['rc', rc],
    ['rc_text', ocfName(rc)],
    ['interval', interval !== undefined && interval !== '0' ? `${interval}ms` : undefined],
  ]);
  if (timing) {
    const last = leadingInt(op.attrs['last-rc-change'], 0);
    if (op.attrs['last-rc-change'] !== undefined && last > 0) e.setAttr('last-rc-change', ctime(last));
    const exec = op.attrs['exec-time'];
    if (exec !== undefined) e.setAttr('exec-time', `${exec}ms`);
    const queue = op.attrs['queue-time'];
    if (queue !== undefined) e.setAttr('queue-time', `${queue}ms`);
  }
  return e;
}

export function nodeHistoryXml(cluster: Cluster, view: StatusView): XmlElement | null {
  const operations = (view.sections & Section.Operations) !== 0;
  const timing = (view.show & Show.Timing) !== 0;
  let list: XmlElement | null = null;
  for (const { node, resources } of nodeHistories(cluster, view)) {
    list ??= element('node_history');
    if (resources.length === 0) continue;
    const n = list.appendChild(element('node', [['name', node.uname]]));
    for (const h of resources) {
      if (!operations) {
        n.appendChild(resourceHistoryXml(h, h.id, false));
        continue;
      }
      const r = n.appendChild(resourceHistoryXml(h, h.rsc?.printableId ?? h.id, true));
      for (const op of h.ops) r.appendChild(operationXml(op, timing));
    }
  }
  return list;
}

export function failuresXml(cluster: Cluster, view: StatusView): XmlElement | null {
  const failures = shownFailures(cluster, view);
  if (failures.length === 0) return null;
  const list = element('failures');
  for (const op of failures) {
    const rc = scanMinInt(op.attrs['rc-code'], 0);
    const status = scanMinInt(op.attrs['op-status'], 0);
    const e = list.appendChild(
      element('failure', [
        [op.attrs['operation_key'] !== undefined ? 'op_key' : 'id', historyKey(op)],
        ['node', op.attrs['uname']],
        ['exitstatus', ocfName(rc)],
        // escaped once more than other values, as Pacemaker does
        ['exitreason', escapeAttr(op.attrs['exit-reason'] ?? 'none')],
        ['exitcode', rc],
        ['call', op.attrs['call-id']],
        ['status', execStatusName(status)],
      ]),
    );
    const last = leadingInt(op.attrs['last-rc-change'], 0);
    if (op.attrs['last-rc-change'] !== undefined && last > 0) {
      e.setAttr('last-rc-change', isoTime(last));
      for (const [k, v] of [
        ['queued', op.attrs['queue-time']],
        ['exec', op.attrs['exec-time']],
        ['interval', String(Math.max(0, leadingInt(op.attrs['interval'], 0)))],
        ['task', op.attrs['operation']],
      ] as const) {
        if (v !== undefined) e.setAttr(k, v);
      }
    }
  }
  return list;
}

export function ticketsXml(cluster: Cluster): XmlElement | null {
  const tickets = shownTickets(cluster);
  if (tickets.length === 0) return null;
  const list = element('tickets');
  for (const t of tickets) {
    list.appendChild(
      element('ticket', [
        ['id', t.id],
        ['status', t.granted ? 'granted' : 'revoked'],
        ['standby', t.standby],
        ['last-granted', t.lastGranted > -1 ? ctime(t.lastGranted) : undefined],
      ]),
    );
  }
  return list;
}

export function bansXml(cluster: Cluster, view: StatusView): XmlElement | null {
  const list = bans(cluster, view);
  if (list.length === 0) return null;
  const e = element('bans');
  for (const { location, node, weight } of list) {
    const promoted = location.roleFilter === Role.Promoted;
    e.appendChild(
      element('ban', [
        ['id', location.id],
        ['resource', location.rsc.id],
        ['node', node.uname],
        ['weight', weight],
        ['promoted-only', promoted],
        ['master_only', promoted],
      ]),
    );
  }
  return e;
}
