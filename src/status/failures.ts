/**
 * Failed resource actions: which are shown, and their descriptions in
 * plain words (the default) or with the technical details (--show-detail).
 */
import type { XmlElement } from '../cib/xml/node.js';
import { ctime } from '../cli/ctime.js';
import { parseOpKey } from '../scheduler/actions/operation.js';
import type { Cluster } from '../scheduler/model/cluster.js';
import { Exec, execStatusName, ocfName } from '../scheduler/model/results.js';
import { maskableProbeFailure } from '../scheduler/unpack/history.js';
import { parseLeadingInt } from '../scheduler/util/score.js';
import { type StatusView, inList } from './options.js';

export function leadingInt(text: string | undefined, dflt: number): number {
  return parseLeadingInt(text) ?? dflt;
}

/** pcmk__scan_min_int: a number no smaller than `min` (which is also the default). */
export function scanMinInt(text: string | undefined, min: number): number {
  return Math.max(min, parseLeadingInt(text) ?? min);
}

/** The key an operation is recorded under (its id in old CIBs). */
export function historyKey(op: XmlElement): string | undefined {
  return op.attrs['operation_key'] ?? op.attrs['id'];
}

/** The failed operations to show, in the order they were found. */
export function shownFailures(cluster: Cluster, view: StatusView): XmlElement[] {
  return cluster.failed.elements().filter((op) => {
    if (!inList(op.attrs['uname'], view.onlyNodes, true)) return false;
    if (maskableProbeFailure(op)) return false;
    const parsed = parseOpKey(historyKey(op) ?? '');
    return parsed !== null && inList(parsed.rsc, view.onlyRscs);
  });
}

/** An interval the way people say it: "1m30s", "35.560s", "300ms" (pcmk__readable_interval). */
export function readableInterval(ms: number): string {
  const S = 1000;
  const M = 60 * S;
  const H = 60 * M;
  const D = 24 * H;
  let rest = ms;
  let s = '';
  for (const [unit, suffix] of [
    [D, 'd'],
    [H, 'h'],
    [M, 'm'],
  ] as const) {
    if (rest > unit) {
      s += `${Math.floor(rest / unit)}${suffix}`;
      rest -= Math.floor(rest / unit) * unit;
    }
  }
  if (rest > S) {
    s += String(Math.floor(rest / S));
    rest -= Math.floor(rest / S) * S;
    if (rest > 0) s += '.' + String(rest).padStart(3, '0');
    s += 's';
  } else if (rest > 0) s += `${rest}ms`;
  else if (s === '') s = '0s';
  return s;
}

/** The epoch of last-rc-change, when the attribute is there. */
function lastChange(op: XmlElement): number | undefined {
  const v = op.attrs['last-rc-change'];
  if (v === undefined) return undefined;
  return leadingInt(v, 0);
}

/** "rsc 10s-interval monitor on node returned 'error' (reason) at DATE after 2s". */
export function friendlyFailure(op: XmlElement): string {
  const parsed = parseOpKey(historyKey(op) ?? '');
  const rsc = parsed?.rsc ?? 'unknown resource';
  const task = parsed?.task ?? 'unknown action';
  const interval = parsed?.interval ?? 0;
  const node = op.attrs['uname'] || 'unknown node';
  const rc = scanMinInt(op.attrs['rc-code'], 0);
  const status = scanMinInt(op.attrs['op-status'], 0);
  const reason = op.attrs['exit-reason'];
  let s = `${rsc} `;
  if (interval !== 0) s += `${readableInterval(interval)}-interval `;
  s += `${interval === 0 && task === 'monitor' ? 'probe' : task} on ${node}`;
  if (status === Exec.Done) {
    s += ` returned '${ocfName(rc)}'`;
    if (reason) s += ` (${reason})`;
  } else {
    s += ` could not be executed (${execStatusName(status)}`;
    if (reason) s += `: ${reason}`;
    s += ')';
  }
  const last = lastChange(op);
  if (last !== undefined) s += ` at ${ctime(last)}`;
  const exec = op.attrs['exec-time'];
  if (exec) {
    const ms = leadingInt(exec, 0);
    if (ms > 0) s += ` after ${readableInterval(ms)}`;
  }
  return s;
}

/** "key on node 'error' (1): call=N, status='complete', ..." */
export function technicalFailure(op: XmlElement): string {
  const key = historyKey(op) || 'unknown operation';
  const node = op.attrs['uname'] || 'unknown node';
  const rc = scanMinInt(op.attrs['rc-code'], 0);
  const status = scanMinInt(op.attrs['op-status'], 0);
  const call = op.attrs['call-id'] || 'unknown';
  let s = `${key} on ${node} '${ocfName(rc)}' (${rc}): call=${call}, status='${execStatusName(status)}'`;
  const reason = op.attrs['exit-reason'];
  if (reason) s += `, exitreason='${reason}'`;
  const last = lastChange(op);
  if (last !== undefined) s += `, last-rc-change='${ctime(last)}'`;
  const queued = op.attrs['queue-time'];
  if (queued) s += `, queued=${queued}ms`;
  const exec = op.attrs['exec-time'];
  if (exec) s += `, exec=${exec}ms`;
  return s;
}
