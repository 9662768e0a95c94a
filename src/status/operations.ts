/** One recorded operation with its resource's state ("node-and-op"), in text and XML. */
import type { XmlElement } from '../cib/xml/node.js';
import { ctime } from '../cli/ctime.js';
import type { Cluster } from '../scheduler/model/cluster.js';
import { currentNode } from '../scheduler/model/resource.js';
import { Exec, execStatusName } from '../scheduler/model/results.js';
import { RaCap, raCaps, lookupResource } from '../scheduler/unpack/resources.js';
import { parseLeadingInt } from '../scheduler/util/score.js';
import { historyKey, scanMinInt } from './failures.js';
import { Show } from './options.js';
import { primitiveDescription } from './text/resources.js';
import { element } from './xml/element.js';

export interface RecordedOperation {
  op: XmlElement;
  /** The history's resource id. */
  rscId: string;
  /** The node the history is on. */
  node: string;
}

function lastChange(op: XmlElement): number | undefined {
  return parseLeadingInt(op.attrs['last-rc-change']);
}

function status(op: XmlElement): string {
  return execStatusName(scanMinInt(op.attrs['op-status'], Exec.Unknown));
}

export function operationDescription(cluster: Cluster, e: RecordedOperation): string {
  const rsc = lookupResource(cluster, e.rscId);
  let what: string;
  if (rsc) {
    const node = currentNode(rsc) ?? rsc.pendingNode;
    what = primitiveDescription(rsc, rsc.printableId, node, Show.RscOnly | Show.Pending, rsc.meta.get('target-role'), false);
  } else {
    what = `Unknown resource ${e.rscId}`;
  }
  const a = e.op.attrs;
  const last = lastChange(e.op);
  const timing = last !== undefined ? `, last-rc-change='${ctime(last)}', exec=${a['exec-time'] ?? '(null)'}ms` : '';
  return `${what}: ${historyKey(e.op) ?? '(null)'} (node=${e.node}, call=${a['call-id'] ?? '(null)'}, rc=${a['rc-code'] ?? '(null)'}${timing}): ${status(e.op)}`;
}

export function operationXml(cluster: Cluster, e: RecordedOperation): XmlElement {
  const a = e.op.attrs;
  const x = element('operation', [
    ['op', historyKey(e.op)],
    ['node', e.node],
    ['call', a['call-id']],
    ['rc', a['rc-code']],
    ['status', status(e.op)],
  ]);
  const rsc = lookupResource(cluster, e.rscId);
  if (rsc) {
    const provider = raCaps(rsc.standard) & RaCap.Provider ? (rsc.provider ?? '') : '';
    x.setAttr('rsc', rsc.printableId);
    x.setAttr('agent', `${rsc.standard ?? '(null)'}:${provider}:${rsc.agentType ?? '(null)'}`);
  }
  const last = lastChange(e.op);
  if (last !== undefined) {
    x.setAttr('last-rc-change', ctime(last));
    if (a['exec-time'] !== undefined) x.setAttr('exec-time', a['exec-time']);
  }
  return x;
}
