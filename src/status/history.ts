/**
 * The per-node resource history behind "Migration Summary" (fail counts)
 * and "Operations" (operation history), whatever the output format: which
 * nodes, resources and operations are shown, in Pacemaker's order.
 */
import type { XmlElement } from '../cib/xml/node.js';
import type { Cluster } from '../scheduler/model/cluster.js';
import type { Node } from '../scheduler/model/node.js';
import type { Resource } from '../scheduler/model/resource.js';
import { getFailcount } from '../scheduler/unpack/failcounts.js';
import { compareOpAge } from '../scheduler/unpack/op-order.js';
import { findResource } from '../scheduler/unpack/resources.js';
import { glibSort } from '../scheduler/util/glib.js';
import { scanMinInt } from './failures.js';
import { Section, type StatusView, inList } from './options.js';
import { isFiltered } from './text/resources.js';

export interface ResourceHistory {
  /** The resource, or null for an orphan the unpacking did not keep. */
  rsc: Resource | null;
  /** The id the history is recorded under. */
  id: string;
  failcount: number;
  /** Epoch seconds of the last failure, 0 if none. */
  lastFailure: number;
  /** Operations shown (only with the operations section). */
  ops: XmlElement[];
}

export interface NodeHistory {
  node: Node;
  resources: ResourceHistory[];
}

/** The operations worth showing: no notifications, no probes that found nothing; by call id. */
export function shownOperations(entry: XmlElement): XmlElement[] {
  const ops = entry.elements('lrm_rsc_op').filter((op) => {
    const task = displayTask(op);
    if (task === 'notify') return false;
    return !(task === 'probe' && scanMinInt(op.attrs['rc-code'], 0) === 7);
  });
  return glibSort(ops, (a, b) => compareOpAge(a, b, true));
}

/** Zero-interval monitors are shown as probes. */
export function displayTask(op: XmlElement): string {
  const task = op.attrs['operation'] ?? '';
  const interval = op.attrs['interval'];
  if (task.toLowerCase() === 'monitor' && (interval === undefined || interval === '0')) return 'probe';
  return task;
}

function passesFilter(rsc: Resource, only: string[]): boolean {
  const parent = rsc.top;
  if (parent.variant === 'group') return inList(rsc.printableId, only) || inList(parent.printableId, only);
  return !isFiltered(rsc, only, true);
}

/** The history of each online node shown, in the order of the status section. */
export function nodeHistories(cluster: Cluster, view: StatusView): NodeHistory[] {
  const operations = (view.sections & Section.Operations) !== 0;
  const result: NodeHistory[] = [];
  for (const state of cluster.input.firstElement('status')?.elements('node_state') ?? []) {
    const node = cluster.findNodeById(state.attrs['id']);
    if (!node || !node.online) continue;
    if (!inList(node.uname, view.onlyNodes, true)) continue;
    const resources: ResourceHistory[] = [];
    const list = state.firstElement('lrm')?.firstElement('lrm_resources');
    for (const entry of list?.elements('lrm_resource') ?? []) {
      const id = entry.attrs['id'] ?? '';
      const rsc = findResource(cluster.resources, id) ?? null;
      if (rsc && !passesFilter(rsc, view.onlyRscs)) continue;
      const last = { time: 0 };
      const failcount = rsc ? getFailcount(node, rsc, 0, null, last) : 0;
      if (!operations) {
        if (failcount <= 0) continue;
        resources.push({ rsc, id, failcount, lastFailure: last.time, ops: [] });
        continue;
      }
      const ops = shownOperations(entry);
      if (ops.length === 0) continue;
      resources.push({ rsc, id, failcount, lastFailure: last.time, ops });
    }
    result.push({ node, resources });
  }
  return result;
}
