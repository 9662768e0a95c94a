/** "Migration Summary" (fail counts) and "Operations" (operation history) in text. */
import type { XmlElement } from '../../cib/xml/node.js';
import { ctime } from '../../cli/ctime.js';
import type { Cluster } from '../../scheduler/model/cluster.js';
import { ocfName } from '../../scheduler/model/results.js';
import { leadingInt, scanMinInt } from '../failures.js';
import { type ResourceHistory, displayTask, nodeHistories } from '../history.js';
import { Section, Show, type StatusView } from '../options.js';
import type { ListOutput } from '../text-output.js';
import { nodeDisplayName } from './nodes.js';

/** "id: migration-threshold=N fail-count=N last-failure='DATE'" (resource_history_string). */
export function historyLine(h: ResourceHistory, id: string, all: boolean): string {
  if (h.rsc === null) return `${id}: orphan`;
  if (!all && h.failcount === 0 && h.lastFailure <= 0) return `${id}:`;
  let s = `${id}: migration-threshold=${h.rsc.migrationThreshold}`;
  if (h.failcount > 0) s += ` fail-count=${h.failcount}`;
  if (h.lastFailure > 0) s += ` last-failure='${ctime(h.lastFailure)}'`;
  return s;
}

/** "(call) task: interval="Nms"", with the timing details when asked for. */
export function operationLine(op: XmlElement, timing: boolean): string {
  const call = op.attrs['call-id'] ?? '(null)';
  const task = displayTask(op);
  const interval = op.attrs['interval'];
  const intervalText = interval !== undefined && interval !== '0' ? ` interval="${interval}ms"` : '';
  if (!timing) return `(${call}) ${task}${intervalText ? ':' + intervalText : ''}`;
  let s = `(${call}) ${task}:${intervalText}`;
  const last = leadingInt(op.attrs['last-rc-change'], 0);
  if (op.attrs['last-rc-change'] !== undefined && last > 0) s += ` last-rc-change="${ctime(last)}"`;
  const exec = op.attrs['exec-time'];
  if (exec !== undefined) s += ` exec-time="${exec}ms"`;
  const queue = op.attrs['queue-time'];
  if (queue !== undefined) s += ` queue-time="${queue}ms"`;
  const rc = scanMinInt(op.attrs['rc-code'], 0);
  return `${s} rc=${rc} (${ocfName(rc)})`;
}

/** The node summary section; true if printed. */
export function printNodeHistory(out: ListOutput, cluster: Cluster, view: StatusView, spacer: boolean): boolean {
  const operations = (view.sections & Section.Operations) !== 0;
  const timing = (view.show & Show.Timing) !== 0;
  let printed = false;
  for (const { node, resources } of nodeHistories(cluster, view)) {
    if (!printed) {
      if (spacer) out.spacer();
      out.beginList(operations ? 'Operations' : 'Migration Summary');
      printed = true;
    }
    if (resources.length === 0) continue;
    out.nodeHeader(nodeDisplayName(node, (view.show & Show.NodeId) !== 0));
    for (const h of resources) {
      if (!operations) {
        out.item(historyLine(h, h.id, false));
        continue;
      }
      out.beginList(historyLine(h, h.rsc?.printableId ?? h.id, true));
      for (const op of h.ops) out.item(operationLine(op, timing));
      out.endList();
    }
    out.endList();
  }
  if (printed) out.endList();
  return printed;
}
