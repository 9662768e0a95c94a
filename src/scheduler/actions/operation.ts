/**
 * What an action takes from its resource's operation definitions and the
 * operation defaults: timeout, interval, failure policy, requirements, start
 * delay (unpack_operation).
 */
import type { XmlElement } from '../../cib/xml/node.js';
import { type Action, Needs, OnFail } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { RscFlag } from '../model/flags.js';
import type { Resource } from '../model/resource.js';
import { Role, parseRole } from '../model/role.js';
import { parseDateTime } from '../util/iso8601.js';
import { parseInterval, parseMsec } from '../util/interval.js';
import { parseBoolean } from '../util/text.js';
import { RaCap, raCaps, resourceParams } from '../unpack/resources.js';
import { unpackSets } from '../unpack/sets.js';

/** rsc_task_interval */
export function opKey(rscId: string, task: string, intervalMs: number): string {
  return `${rscId}_${task}_${intervalMs}`;
}

/** The interval of an action key (0 when it has none). */
export function keyInterval(key: string): number {
  const first = key.indexOf('_');
  if (first < 0 || key.indexOf('_', first + 1) < 0) return 0;
  const m = /^\s*\+?(\d+)/.exec(key.slice(key.lastIndexOf('_') + 1));
  return m ? Number(m[1]) : 0;
}

/** Splits an action key into resource, task and interval (parse_op_key); null if malformed. */
export function parseOpKey(key: string): { rsc: string; task: string; interval: number } | null {
  const first = key.indexOf('_');
  if (first < 0) return null;
  const second = key.indexOf('_', first + 1);
  if (second < 0) return null;
  const num = (s: string) => {
    const m = /^\s*\+?(\d+)/.exec(s);
    return m ? Number(m[1]) : 0;
  };
  if (key.indexOf('_', second + 1) < 0) {
    return { rsc: key.slice(0, first), task: key.slice(first + 1, second), interval: num(key.slice(second + 1)) };
  }
  const m = /^(.*)_(migrate_(from|to)|(pre|post)_notify_([a-z]+|migrate_(from|to)))_([0-9]+)$/.exec(key);
  if (m) return { rsc: m[1]!, task: m[2]!, interval: Number(m[7]) };
  const last = key.lastIndexOf('_');
  const interval = num(key.slice(last + 1));
  const typeSep = key.lastIndexOf('_', last - 1);
  if (typeSep < 0) return null;
  return { rsc: key.slice(0, typeSep), task: key.slice(typeSep + 1, last), interval };
}

/** A probe is a monitor with no interval. */
export function isProbe(task: string, intervalMs: number): boolean {
  return task === 'monitor' && intervalMs === 0;
}

function opEnabled(op: XmlElement): boolean {
  return parseBoolean(op.attrs['enabled']) !== false;
}

/** An <op> of a resource, with what lookups compare already worked out. */
export interface OpDefinition {
  op: XmlElement;
  name: string;
  intervalMs: number;
  enabled: boolean;
  /** The key it defines for the resource's own id, in lower case. */
  lowerKey: string;
}

/** A resource's <op> definitions, in order (read once: actions look them up all the time). */
export function opDefinitions(rsc: Resource): OpDefinition[] {
  if (rsc.opDefs === null) {
    rsc.opDefs = (rsc.opsXml?.elements('op') ?? []).map((op) => {
      const name = op.attrs['name'] ?? '';
      const intervalMs = parseInterval(op.attrs['interval']);
      return { op, name, intervalMs, enabled: opEnabled(op), lowerKey: opKey(rsc.id, name, intervalMs).toLowerCase() };
    });
  }
  return rsc.opDefs;
}

/** The <op> that defines an action key (find_rsc_op_entry). */
export function findOpEntry(rsc: Resource, key: string, includeDisabled: boolean): XmlElement | null {
  const lower = (s: string) => s.toLowerCase();
  let wanted = lower(key);
  const defs = opDefinitions(rsc);
  for (let retry = 0; retry < 2; retry++) {
    for (const def of defs) {
      if (!includeDisabled && !def.enabled) continue;
      if (def.lowerKey === wanted) return def.op;
      if (rsc.clone_name && lower(opKey(rsc.clone_name, def.name, def.intervalMs)) === wanted) return def.op;
    }
    if (retry === 1) break;
    if (key.includes('migrate_to') || key.includes('migrate_from')) wanted = lower(opKey(rsc.id, 'migrate', 0));
    else if (key.includes('_notify_')) wanted = lower(opKey(rsc.id, 'notify', 0));
    else break;
  }
  return null;
}

/** The enabled recurring monitor with the shortest interval. */
function minIntervalMonitor(rsc: Resource): XmlElement | null {
  let best: XmlElement | null = null;
  let min = Infinity;
  for (const def of opDefinitions(rsc)) {
    if (!def.enabled) continue;
    if (def.name.toLowerCase() !== 'monitor') continue;
    if (def.intervalMs && def.intervalMs < min) {
      min = def.intervalMs;
      best = def.op;
    }
  }
  return best;
}

const DEFAULT_TIMEOUT_MS = 20000;

function timeoutMs(value: string | undefined): number {
  const ms = parseMsec(value);
  return ms < 0 ? DEFAULT_TIMEOUT_MS : ms;
}

/** The on-fail value that applies, or undefined for the default. */
function configuredOnFail(action: Action): string | undefined {
  const rsc = action.rsc!;
  let value = action.meta.get('on-fail');
  if (action.task === 'stop' && ['standby', 'demote', 'stop'].includes(value?.toLowerCase() ?? '')) {
    rsc.cluster.configError(
      `Resetting 'on-fail' for ${rsc.id} stop action to default value because '${value}' is not allowed for stop`,
    );
    return undefined;
  }
  if (action.task === 'demote' && value === undefined) {
    // A demote fails the way a promoted monitor would.
    for (const op of rsc.opsXml?.elements('op') ?? []) {
      const onFail = op.attrs['on-fail'];
      if (onFail === undefined || !opEnabled(op)) continue;
      if (op.attrs['name']?.toLowerCase() !== 'monitor') continue;
      const role = op.attrs['role']?.toLowerCase();
      if (role !== 'promoted' && role !== 'master') continue;
      if (parseInterval(op.attrs['interval']) === 0) continue;
      if (onFail.toLowerCase() === 'demote') continue;
      return onFail;
    }
    return undefined;
  }
  if (action.task === 'lrm_delete') return 'ignore';
  if (value?.toLowerCase() === 'demote') {
    const entry = action.opEntry;
    const name = entry?.attrs['name']?.toLowerCase();
    const role = entry?.attrs['role']?.toLowerCase();
    const interval = parseInterval(entry?.attrs['interval']);
    if (name !== 'promote' && (name !== 'monitor' || (role !== 'promoted' && role !== 'master') || interval === 0)) {
      rsc.cluster.configError(
        `Resetting 'on-fail' for ${rsc.id} ${entry?.attrs['name']} action to default value because 'demote' is not allowed for it`,
      );
      value = undefined;
    }
  }
  return value;
}

export function isRemoteConnection(rsc: Resource): boolean {
  if (!rsc.isRemoteNode) return false;
  const node = rsc.cluster.findNode(rsc.id);
  return node !== undefined && node.type === 'remote' && (node.remoteRsc === null || node.remoteRsc.container === null);
}

/** Fills an action's meta-attributes and policies from its operation definition. */
export function unpackOperation(action: Action, entry: XmlElement | null, intervalMs: number): void {
  const rsc = action.rsc!;
  const cluster: Cluster = rsc.cluster;
  const container = rsc.container;
  const rule = {
    rsc: { standard: rsc.standard, provider: rsc.provider, agent: rsc.agentType },
    op: { name: action.task, interval: intervalMs },
  };
  const probe = isProbe(action.task, intervalMs);
  unpackSets(cluster, cluster.opDefaults, 'meta_attributes', action.meta, { rule });
  if (probe) {
    const timeout = minIntervalMonitor(rsc)?.attrs['timeout'];
    if (timeout !== undefined) action.meta.set('timeout', timeout);
  }
  if (entry) {
    unpackSets(cluster, entry, 'meta_attributes', action.meta, { rule, overwrite: true });
    for (const k in entry.attrs) action.meta.set(k, entry.attrs[k]!);
  }
  action.meta.delete('id');
  if (intervalMs > 0) action.meta.set('interval', String(intervalMs));
  else action.meta.delete('interval');

  if (raCaps(rsc.standard) & RaCap.FenceParams && (action.task === 'start' || probe)) {
    const t = resourceParams(rsc, action.node?.uname ?? null, action.node?.attrs).get('pcmk_monitor_timeout');
    if (t !== undefined) action.meta.set('timeout', t);
  }
  action.meta.set('timeout', String(timeoutMs(action.meta.get('timeout'))));

  if (action.task !== 'start' && action.task !== 'promote') action.needs = Needs.Nothing;
  else if (rsc.is(RscFlag.NeedsFencing)) action.needs = Needs.Fencing;
  else if (rsc.is(RscFlag.NeedsQuorum)) action.needs = Needs.Quorum;
  else action.needs = Needs.Nothing;

  let value = configuredOnFail(action);
  let chosen = value !== undefined;
  switch (value?.toLowerCase()) {
    case undefined:
      break;
    case 'block':
      action.onFail = OnFail.Block;
      action.meta.set('on-fail', 'block');
      break;
    case 'fence':
      action.onFail = OnFail.Fence;
      if (!cluster.stonithEnabled) {
        cluster.configError(
          `Resetting 'on-fail' for operation '${action.uuid}' to 'stop' because 'fence' is not valid when fencing is disabled`,
        );
        action.onFail = OnFail.Stop;
        action.failRole = Role.Stopped;
      }
      break;
    case 'standby':
      action.onFail = OnFail.Standby;
      break;
    case 'ignore':
    case 'nothing':
      action.onFail = OnFail.Ignore;
      break;
    case 'migrate':
      action.onFail = OnFail.Migrate;
      break;
    case 'stop':
      action.onFail = OnFail.Stop;
      action.failRole = Role.Stopped;
      break;
    case 'restart':
      action.onFail = OnFail.Recover;
      break;
    case 'restart-container':
      if (container) action.onFail = OnFail.RestartContainer;
      else chosen = false;
      break;
    case 'demote':
      action.onFail = OnFail.Demote;
      break;
    default:
      cluster.configError(`Resource ${rsc.id}: Unknown failure type (${value})`);
      chosen = false;
  }
  if (!chosen && container) {
    action.onFail = OnFail.RestartContainer;
  } else if (
    (!chosen || !rsc.is(RscFlag.Managed)) &&
    isRemoteConnection(rsc) &&
    !(action.task === 'monitor' && intervalMs === 0) &&
    action.task !== 'start'
  ) {
    if (!rsc.is(RscFlag.Managed)) {
      action.onFail = OnFail.Stop;
      action.failRole = Role.Stopped;
    } else {
      if (rsc.remoteReconnectMs) action.failRole = Role.Stopped;
      action.onFail = OnFail.ResetRemote;
    }
  } else if (!chosen && action.task === 'stop') {
    action.onFail = cluster.stonithEnabled ? OnFail.Fence : OnFail.Block;
  } else if (!chosen) {
    action.onFail = OnFail.Recover;
  }

  value = entry ? action.meta.get('role_after_failure') : undefined;
  if (value !== undefined && action.failRole === Role.Unknown) action.failRole = parseRole(value);
  if (action.failRole === Role.Unknown) {
    action.failRole = action.task === 'promote' ? Role.Unpromoted : Role.Started;
  }

  const delay = action.meta.get('start-delay');
  if (delay !== undefined) {
    const ms = parseMsec(delay);
    action.meta.set('start-delay', String(ms < 0 ? 0 : ms));
  } else {
    const origin = action.meta.get('interval-origin');
    if (origin !== undefined && intervalMs > 0) {
      const t = parseDateTime(origin, { localOffset: cluster.localOffset, now: cluster.now });
      if (t) {
        const intervalSec = Math.trunc(intervalMs / 1000);
        let result = (cluster.now.totalSeconds() - t.totalSeconds()) % intervalSec;
        result = (result <= 0 ? 0 : intervalSec) - result;
        action.meta.set('start-delay', String(result * 1000));
      } else {
        cluster.configError(
          `Ignoring 'interval-origin' for operation '${entry?.attrs['id'] ?? '(missing ID)'}' because '${origin}' is not valid`,
        );
      }
    }
  }
}
