/**
 * The facts of the cluster summary, whatever the output format: the cluster
 * stack, the DC and its version, the CIB's last change, counts and options.
 */
import { type Cluster, NoQuorumPolicy } from '../scheduler/model/cluster.js';
import type { Node } from '../scheduler/model/node.js';
import { featureSet, nodeDisplayName } from './text/nodes.js';
import { isTrue } from '../scheduler/util/text.js';

/** The value of the first nvpair of that name anywhere in the CIB ("//nvpair[@name=...]"). */
export function cibNvpair(cluster: Cluster, name: string): string | undefined {
  for (const el of cluster.input.walk()) {
    if (el.name === 'nvpair' && el.attrs['name'] === name) return el.attrs['value'];
  }
  return undefined;
}

export function clusterStack(cluster: Cluster): string {
  return cibNvpair(cluster, 'cluster-infrastructure') ?? 'unknown';
}

export interface DcInfo {
  node: Node | null;
  name: string;
  version: string | undefined;
  quorum: boolean;
}

export function dcInfo(cluster: Cluster, showNodeId: boolean): DcInfo {
  const node = cluster.dcNode;
  return {
    node,
    name: node ? nodeDisplayName(node, showNodeId) : '',
    version: cibNvpair(cluster, 'dc-version'),
    quorum: isTrue(cluster.input.attrs['have-quorum']),
  };
}

/** "DATE by USER via CLIENT on ORIGIN", each part only when recorded. */
export function lastChange(cluster: Cluster): string {
  const a = cluster.input.attrs;
  const written = a['cib-last-written'];
  const user = a['update-user'];
  const client = a['update-client'];
  const origin = a['update-origin'];
  return (
    (written ?? '') +
    (user !== undefined ? ` by ${user}` : '') +
    (client !== undefined ? ` via ${client}` : '') +
    (origin !== undefined ? ` on ${origin}` : '')
  );
}

export function noQuorumPolicyText(policy: NoQuorumPolicy): string {
  switch (policy) {
    case NoQuorumPolicy.Freeze:
      return 'Freeze resources';
    case NoQuorumPolicy.Stop:
      return 'Stop ALL resources';
    case NoQuorumPolicy.Demote:
      return 'Demote promotable resources and stop all other resources';
    case NoQuorumPolicy.Ignore:
      return 'Ignore';
    case NoQuorumPolicy.Suicide:
      return 'Suicide';
  }
}

/** The value of no-quorum-policy in XML results. */
export function noQuorumPolicyValue(policy: NoQuorumPolicy): string {
  switch (policy) {
    case NoQuorumPolicy.Freeze:
      return 'freeze';
    case NoQuorumPolicy.Stop:
      return 'stop';
    case NoQuorumPolicy.Demote:
      return 'demote';
    case NoQuorumPolicy.Ignore:
      return 'ignore';
    case NoQuorumPolicy.Suicide:
      return 'suicide';
  }
}

/** Whether online cluster nodes report different feature sets. */
export function mixedVersions(cluster: Cluster): boolean {
  let seen: string | undefined;
  for (const node of cluster.nodes) {
    const fs = featureSet(node);
    if (fs === undefined) continue;
    if (seen === undefined) seen = fs;
    else if (seen !== fs) return true;
  }
  return false;
}
