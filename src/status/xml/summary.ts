/** The <summary> element of crm_mon's XML. */
import type { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../../scheduler/model/cluster.js';
import { Section, Show, type StatusView } from '../options.js';
import { clusterStack, dcInfo, mixedVersions, noQuorumPolicyValue } from '../summary.js';
import type { Moment } from '../text/summary.js';
import { element } from './element.js';

export function summaryXml(cluster: Cluster, view: StatusView, moment: Moment): XmlElement | null {
  const s = view.sections;
  if (!(s & (Section.Stack | Section.Dc | Section.Times | Section.Counts | Section.Options))) return null;
  const summary = element('summary');
  if (s & Section.Stack) summary.appendChild(element('stack', [['type', clusterStack(cluster)]]));
  if (s & Section.Dc) {
    const dc = dcInfo(cluster, (view.show & Show.NodeId) !== 0);
    summary.appendChild(
      dc.node
        ? element('current_dc', [
            ['present', true],
            ['version', dc.version ?? ''],
            ['name', dc.node.uname],
            ['id', dc.node.id],
            ['with_quorum', dc.quorum],
            ['mixed_version', mixedVersions(cluster)],
          ])
        : element('current_dc', [['present', false]]),
    );
  }
  if (s & Section.Times) {
    const a = cluster.input.attrs;
    summary.appendChild(element('last_update', [['time', moment.now], ['origin', moment.localNode]]));
    summary.appendChild(
      element('last_change', [
        ['time', a['cib-last-written'] ?? ''],
        ['user', a['update-user'] ?? ''],
        ['client', a['update-client'] ?? ''],
        ['origin', a['update-origin'] ?? ''],
      ]),
    );
  }
  if (s & Section.Counts) {
    summary.appendChild(element('nodes_configured', [['number', cluster.nodes.length]]));
    summary.appendChild(
      element('resources_configured', [
        ['number', cluster.ninstances],
        ['disabled', cluster.disabledResources],
        ['blocked', cluster.blockedResources],
      ]),
    );
  }
  if (s & Section.Options) {
    summary.appendChild(
      element('cluster_options', [
        ['stonith-enabled', cluster.stonithEnabled],
        ['symmetric-cluster', cluster.symmetric],
        ['no-quorum-policy', noQuorumPolicyValue(cluster.noQuorumPolicy)],
        ['maintenance-mode', cluster.maintenanceMode],
        ['stop-all-resources', cluster.stopEverything],
        ['stonith-timeout-ms', cluster.stonithTimeout],
        ['priority-fencing-delay-ms', cluster.priorityFencingDelay * 1000],
      ]),
    );
  }
  return summary;
}
