/** shutdown-lock: a resource stopped by a clean node shutdown stays with that node. */
import { clearResourceHistory } from '../../actions/create.js';
import { isRemoteConnection } from '../../actions/operation.js';
import type { Node } from '../../model/node.js';
import type { Resource } from '../../model/resource.js';
import { resourceLocation } from '../../placement/resource-location.js';
import { INFINITY } from '../../util/score.js';

function shutdownTime(node: Node, now: number): number {
  const v = node.attrs.get('shutdown');
  let result = 0;
  if (v !== undefined) {
    const m = /^\s*([+-]?\d+)/.exec(v);
    if (m) result = Number(m[1]);
  }
  return result === 0 ? now : result;
}

export function primitiveShutdownLock(rsc: Resource): void {
  const cls = rsc.standard;
  if (cls === undefined || cls === 'stonith' || isRemoteConnection(rsc)) return;
  const cluster = rsc.cluster;
  if (rsc.lockNode !== null) {
    if (rsc.runningOn.length > 0) {
      clearResourceHistory(rsc, rsc.lockNode);
      rsc.lockNode = null;
      rsc.lockTime = 0;
    }
  } else if (rsc.runningOn.length === 1) {
    const node = rsc.runningOn[0]!;
    if (node.shutdown && !node.unclean) {
      rsc.lockNode = node;
      rsc.lockTime = shutdownTime(node, cluster.nowEpoch);
    }
  }
  if (rsc.lockNode === null) return;
  if (cluster.shutdownLockSeconds > 0) cluster.noteRecheck(rsc.lockTime + cluster.shutdownLockSeconds + 1);
  for (const node of cluster.nodes) {
    if (node.uname !== rsc.lockNode.uname) resourceLocation(rsc, node, -INFINITY, 'shutdown-lock', cluster);
  }
}
