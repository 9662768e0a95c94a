/** Orderings for actions on Pacemaker Remote and guest nodes (being written). */
import type { Cluster } from '../model/cluster.js';
import { UnsupportedFeature } from '../unpack/unsupported.js';

export function orderRemoteConnectionActions(cluster: Cluster): void {
  if (!cluster.haveRemoteNodes) return;
  throw new UnsupportedFeature('scheduling for Pacemaker Remote and guest nodes');
}
