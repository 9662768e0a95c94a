/**
 * Unpacking: the CIB snapshot into the cluster model (cluster_status):
 * options, nodes, resources, tags, then the status section, then instance
 * counts.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import { Cluster } from '../model/cluster.js';
import { unpackConfig } from './config.js';
import { unpackNodes } from './nodes.js';
import { unpackRemoteNodes, unpackResources } from './resources.js';
import { unpackStatus } from './status.js';
import { unpackTags } from './tags.js';
import type { CrmTime } from '../util/iso8601.js';
import { isTrue } from '../util/text.js';

export interface UnpackOptions {
  now: CrmTime;
  /** The local zone's offset from UTC in seconds. */
  localOffset: number;
  /** Sanitized input (crm_simulate): secure digests are compared. */
  sanitized?: boolean;
}

/** The first element of that name anywhere in the CIB, as "//name" finds it. */
function section(cib: XmlElement, name: string): XmlElement | undefined {
  for (const el of cib.walk()) if (el.name === name) return el;
  return undefined;
}

export function unpackCluster(cib: XmlElement, options: UnpackOptions): Cluster {
  const cluster = new Cluster(cib, options.now, options.localOffset);
  cluster.sanitized = options.sanitized ?? false;
  cluster.dcUuid = cib.attrs['dc-uuid'];
  cluster.haveQuorum = isTrue(cib.attrs['have-quorum']);
  const config = cib.firstElement('configuration');
  cluster.opDefaults = config ? (section(config, 'op_defaults') ?? null) : null;
  cluster.rscDefaults = config ? (section(config, 'rsc_defaults') ?? null) : null;
  unpackConfig(cluster, config ? section(config, 'crm_config') : undefined);
  const nodes = config?.firstElement('nodes');
  unpackNodes(cluster, nodes);
  const resources = config?.firstElement('resources');
  const connections = unpackRemoteNodes(cluster, resources);
  unpackResources(cluster, resources, connections);
  unpackTags(cluster, config?.firstElement('tags'));
  unpackStatus(cluster, cib.firstElement('status'));
  for (const rsc of cluster.resources) rsc.fns.count(rsc);
  return cluster;
}
