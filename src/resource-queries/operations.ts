/**
 * crm_resource --list-operations and --list-all-operations: operation
 * history entries by node, optionally only those still in effect.
 */
import type { XmlElement } from '../cib/xml/node.js';
import type { Cluster } from '../scheduler/model/cluster.js';
import { activeOpRange } from '../scheduler/unpack/history.js';
import { sortOpsByAge } from '../scheduler/unpack/op-order.js';
import type { RecordedOperation } from '../status/operations.js';


function forResource(node: string, rscId: string, entry: XmlElement, activeOnly: boolean): RecordedOperation[] {
  const sorted = sortOpsByAge(entry.elements('lrm_rsc_op'));
  let shown = sorted;
  if (activeOnly) {
    const { start, stop } = activeOpRange(sorted);
    shown = start < stop ? [] : sorted.slice(Math.max(0, start));
  }
  return shown.map((op) => ({ op, rscId, node }));
}

/** find_operations: nodes in status order, their histories in order. */
export function findOperations(cluster: Cluster, rscId: string | undefined, nodeName: string | undefined, activeOnly: boolean): RecordedOperation[] {
  const result: RecordedOperation[] = [];
  for (const state of cluster.input.firstElement('status')?.elements('node_state') ?? []) {
    const uname = state.attrs['uname'];
    if (nodeName !== undefined && uname?.toLowerCase() !== nodeName.toLowerCase()) continue;
    const node = cluster.findNode(uname);
    if (!node) continue;
    if (!node.online && !cluster.stonithEnabled) continue;
    const list = state.firstElement('lrm')?.firstElement('lrm_resources');
    for (const entry of list?.elements('lrm_resource') ?? []) {
      const id = entry.attrs['id'] ?? '';
      if (rscId !== undefined && id.toLowerCase() !== rscId.toLowerCase()) continue;
      result.push(...forResource(uname!, id, entry, activeOnly));
    }
  }
  return result;
}
