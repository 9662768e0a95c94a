/** crm_mon's XML result body: the elements inside <pacemaker-result>, in Pacemaker's order. */
import type { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../../scheduler/model/cluster.js';
import { Section, type StatusView } from '../options.js';
import type { Moment } from '../text/summary.js';
import { nodeListXml } from './nodes.js';
import { resourceListXml } from './resources.js';
import { bansXml, failuresXml, nodeAttributesXml, nodeHistoryXml, ticketsXml } from './sections.js';
import { summaryXml } from './summary.js';

export function clusterStatusXml(cluster: Cluster, view: StatusView, moment: Moment): XmlElement[] {
  const s = view.sections;
  const parts: (XmlElement | null)[] = [summaryXml(cluster, view, moment)];
  if (s & Section.Nodes) parts.push(nodeListXml(cluster, view));
  if (s & Section.Resources) parts.push(resourceListXml(cluster, view));
  if (s & Section.Attributes) parts.push(nodeAttributesXml(cluster, view));
  if (s & (Section.Operations | Section.Failcounts)) parts.push(nodeHistoryXml(cluster, view));
  if (s & Section.Failures) parts.push(failuresXml(cluster, view));
  if (s & Section.Tickets) parts.push(ticketsXml(cluster));
  if (s & Section.Bans) parts.push(bansXml(cluster, view));
  return parts.filter((p): p is XmlElement => p !== null);
}
