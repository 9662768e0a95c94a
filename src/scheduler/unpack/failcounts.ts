/**
 * Fail counts: the sum of a resource's fail-count-* node attributes on a
 * node (one per operation), ignored once older than the failure timeout
 * (unless on-fail=block pins them).
 */
import type { XmlElement } from '../../cib/xml/node.js';
import { customAction } from '../actions/create.js';
import { opKey } from '../actions/operation.js';
import type { Action } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import { type Resource, isBundled } from '../model/resource.js';
import { parseInterval } from '../util/interval.js';
import { addScores, parseScore } from '../util/score.js';
import { cloneStrip } from './resources.js';
import { targetRcOf } from './transition-key.js';

export const Failcount = { Effective: 0x1, Fillers: 0x2 } as const;

interface Entry {
  /** Resource name part of the attribute, instance number included. */
  rsc: string;
  value: string;
}

/**
 * A node's fail-count and last-failure attributes, parsed once, in
 * attribute order by the resource name they hold, and by that name without
 * an instance number (an anonymous clone's instances count for the clone).
 */
interface NodeFailures {
  legacy: boolean;
  failcounts: Map<string, Entry[]>;
  lastFailures: Map<string, Entry[]>;
}

function addEntry(index: Map<string, Entry[]>, entry: Entry): void {
  const add = (key: string) => {
    const l = index.get(key);
    if (l) l.push(entry);
    else index.set(key, [entry]);
  };
  add(entry.rsc);
  const base = /^(.*):[0-9]+$/s.exec(entry.rsc)?.[1];
  if (base !== undefined && base !== entry.rsc) add(base);
}

/** The entries whose resource name matches (nameMatches), in attribute order. */
function entriesFor(index: Map<string, Entry[]>, name: string, unique: boolean): readonly Entry[] {
  const entries = index.get(name);
  return entries === undefined ? NONE : entries.filter((e) => nameMatches(e.rsc, name, unique));
}

/** Most resources have no failures on most nodes. */
const NONE: readonly Entry[] = [];

function nodeFailures(node: Node, legacy: boolean): NodeFailures {
  let f = node.failureIndex as NodeFailures | null;
  if (f && f.legacy === legacy) return f;
  f = { legacy, failcounts: new Map(), lastFailures: new Map() };
  for (const [name, value] of node.attrs) {
    for (const [prefix, list] of [
      ['fail-count-', f.failcounts],
      ['last-failure-', f.lastFailures],
    ] as const) {
      if (!name.startsWith(prefix)) continue;
      let rest = name.slice(prefix.length);
      if (!legacy) {
        // "#<operation>_<interval>" follows the resource name
        const m = /^(.*)#.+_[0-9]+$/s.exec(rest);
        if (!m) continue;
        rest = m[1]!;
      }
      addEntry(list, { rsc: rest, value });
    }
  }
  node.failureIndex = f;
  return f;
}

function nameMatches(entry: string, name: string, unique: boolean): boolean {
  if (entry === name) return true;
  return !unique && entry.startsWith(name + ':') && /^[0-9]+$/.test(entry.slice(name.length + 1));
}

/** The name fail counts are recorded under. */
function failName(rsc: Resource): string {
  const name = rsc.clone_name ?? rsc.id;
  return rsc.is(RscFlag.Unique) ? name : cloneStrip(name);
}

/** Whether a configured operation with on-fail=block matches a failure. */
function matchedFailure(rscId: string, confOp: XmlElement, lrmOp: XmlElement): boolean {
  const confInterval = parseInterval(confOp.attrs['interval']);
  const lrmInterval = Number(lrmOp.attrs['interval'] ?? 0) || 0;
  if (confInterval !== lrmInterval || confOp.attrs['name']?.toLowerCase() !== lrmOp.attrs['operation']?.toLowerCase()) {
    return false;
  }
  const id = lrmOp.attrs['id']?.toLowerCase();
  if (id === opKey(rscId, 'last_failure', 0).toLowerCase()) return true;
  if (id === opKey(rscId, confOp.attrs['name'] ?? '', confInterval).toLowerCase()) {
    const rc = Number.parseInt(lrmOp.attrs['rc-code'] ?? '0', 10) || 0;
    return rc !== targetRcOf(lrmOp);
  }
  return false;
}

function blockFailure(cluster: Cluster, node: Node, rsc: Resource, op: XmlElement | null): boolean {
  const xmlName = cloneStrip(rsc.id);
  const resources = cluster.input.firstElement('configuration')?.firstElement('resources');
  if (!resources) return false;
  for (const prim of resources.walk()) {
    if (prim.name !== 'primitive' || prim.attrs['id'] !== xmlName) continue;
    for (const conf of prim.walk()) {
      if (conf.name !== 'op' || conf.attrs['on-fail'] !== 'block') continue;
      if (op) {
        if (matchedFailure(xmlName, conf, op)) return true;
        continue;
      }
      const interval = parseInterval(conf.attrs['interval']);
      for (const lrmOp of historyOps(cluster, node.uname, xmlName)) {
        if (lrmOp.attrs['operation'] !== conf.attrs['name'] || lrmOp.attrs['interval'] !== String(interval)) continue;
        if (matchedFailure(xmlName, conf, lrmOp)) return true;
      }
    }
  }
  return false;
}

/** Operation history entries of a resource on a node (by node name). */
export function historyOps(cluster: Cluster, uname: string, rscId: string): XmlElement[] {
  return cluster.history.resource(uname, rscId)?.elements('lrm_rsc_op') ?? [];
}

/** pe_get_failcount */
export function getFailcount(
  node: Node,
  rsc: Resource,
  flags: number,
  op: XmlElement | null,
  lastFailure?: { time: number },
): number {
  const cluster = rsc.cluster;
  const failures = nodeFailures(node, cluster.legacyFailcounts);
  const name = failName(rsc);
  const unique = rsc.is(RscFlag.Unique);
  let failcount = 0;
  let last = 0;
  for (const e of entriesFor(failures.failcounts, name, unique)) failcount = addScores(failcount, parseScore(e.value));
  for (const e of entriesFor(failures.lastFailures, name, unique)) {
    const m = /^\s*([+-]?\d+)/.exec(e.value);
    if (m) last = Math.max(last, Number(m[1]));
  }
  if (failcount > 0 && last > 0 && lastFailure) lastFailure.time = last;
  if (failcount > 0 && rsc.failureTimeout && blockFailure(cluster, node, rsc, op)) {
    cluster.configWarning(
      `Ignoring failure timeout ${rsc.failureTimeout} for ${rsc.id} because it conflicts with on-fail=block`,
    );
    rsc.failureTimeout = 0;
  }
  if (flags & Failcount.Effective && failcount > 0 && last > 0 && rsc.failureTimeout) {
    if (cluster.nowEpoch > last + rsc.failureTimeout) failcount = 0;
  }
  if (flags & Failcount.Fillers && rsc.fillers.length > 0 && !isBundled(rsc)) {
    for (const filler of rsc.fillers) {
      const fl = { time: 0 };
      failcount += getFailcount(node, filler, flags, op, fl);
      if (lastFailure && fl.time > lastFailure.time) lastFailure.time = fl.time;
    }
  }
  return failcount;
}

/** pe__clear_failcount: an action to clear a resource's fail count on a node. */
export function clearFailcount(rsc: Resource, node: Node): Action {
  const clear = customAction(rsc, opKey(rsc.id, 'clear_failcount', 0), 'clear_failcount', node, false, true, rsc.cluster);
  if (!clear.meta.has('op_no_wait')) clear.meta.set('op_no_wait', 'true');
  return clear;
}
