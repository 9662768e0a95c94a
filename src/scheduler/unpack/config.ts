/** Cluster options into the run's settings (unpack_config). */
import type { XmlElement } from '../../cib/xml/node.js';
import { Cluster, NoQuorumPolicy } from '../model/cluster.js';
import { unpackSets } from './sets.js';
import { parseInterval } from '../util/interval.js';
import { INFINITY, parseScore } from '../util/score.js';
import { isTrue } from '../util/text.js';
import { clusterOption, verifyOptions } from './options.js';

function flag(cluster: Cluster, name: string): boolean {
  return isTrue(clusterOption(cluster, name));
}

export function unpackConfig(cluster: Cluster, crmConfig: XmlElement | undefined): void {
  unpackSets(cluster, crmConfig, 'cluster_property_set', cluster.config, { firstId: 'cib-bootstrap-options' });
  verifyOptions(cluster);

  cluster.startupProbes = flag(cluster, 'enable-startup-probes');
  if (flag(cluster, 'have-watchdog')) cluster.haveStonithResource = true;
  cluster.enableUnfencing = usesUnfencing(cluster);
  cluster.stonithTimeout = parseInterval(clusterOption(cluster, 'stonith-timeout'));
  cluster.stonithEnabled = flag(cluster, 'stonith-enabled');
  cluster.stonithAction = clusterOption(cluster, 'stonith-action');
  if (cluster.stonithAction === 'poweroff') {
    cluster.configWarning(
      "Support for stonith-action of 'poweroff' is deprecated and will be removed in a future release (use 'off' instead)",
    );
    cluster.stonithAction = 'off';
  }
  cluster.concurrentFencing = flag(cluster, 'concurrent-fencing');
  cluster.priorityFencingDelay = Math.trunc(parseInterval(clusterOption(cluster, 'priority-fencing-delay')) / 1000);
  cluster.stopEverything = flag(cluster, 'stop-all-resources');
  cluster.symmetric = flag(cluster, 'symmetric-cluster');

  const policy = clusterOption(cluster, 'no-quorum-policy').toLowerCase();
  if (policy === 'ignore') cluster.noQuorumPolicy = NoQuorumPolicy.Ignore;
  else if (policy === 'freeze') cluster.noQuorumPolicy = NoQuorumPolicy.Freeze;
  else if (policy === 'demote') cluster.noQuorumPolicy = NoQuorumPolicy.Demote;
  else if (policy === 'suicide') {
    if (cluster.stonithEnabled) {
      const panic = Number.parseInt(cluster.input.attrs['no-quorum-panic'] ?? '0', 10) || 0;
      cluster.noQuorumPolicy = panic || cluster.haveQuorum ? NoQuorumPolicy.Suicide : NoQuorumPolicy.Stop;
    } else {
      cluster.configError("Resetting no-quorum-policy to 'stop' because fencing is disabled");
      cluster.noQuorumPolicy = NoQuorumPolicy.Stop;
    }
  } else cluster.noQuorumPolicy = NoQuorumPolicy.Stop;

  cluster.stopRscOrphans = flag(cluster, 'stop-orphan-resources');
  cluster.stopActionOrphans = flag(cluster, 'stop-orphan-actions');
  cluster.removeAfterStop = flag(cluster, 'remove-after-stop');
  cluster.maintenanceMode = flag(cluster, 'maintenance-mode');
  cluster.startFailureFatal = flag(cluster, 'start-failure-is-fatal');
  cluster.startupFencing = cluster.stonithEnabled ? flag(cluster, 'startup-fencing') : false;

  unpackHealthScores(cluster);
  cluster.placementStrategy = clusterOption(cluster, 'placement-strategy');
  cluster.shutdownLockEnabled = flag(cluster, 'shutdown-lock');
  if (cluster.shutdownLockEnabled) {
    cluster.shutdownLockSeconds = Math.trunc(parseInterval(clusterOption(cluster, 'shutdown-lock-limit')) / 1000);
  }
}

/** Whether any resource (or the resource defaults) asks for unfencing. */
function usesUnfencing(cluster: Cluster): boolean {
  const config = cluster.input.firstElement('configuration');
  if (!config) return false;
  const isUnfencingPair = (nv: XmlElement) =>
    (nv.attrs['name'] === 'provides' || nv.attrs['name'] === 'requires') && nv.attrs['value'] === 'unfencing';
  const resources = config.firstElement('resources');
  if (resources) {
    for (const el of resources.walk()) {
      if (el.name !== 'meta_attributes') continue;
      if (el.elements('nvpair').some(isUnfencingPair)) return true;
    }
  }
  for (const defaults of config.elements('rsc_defaults')) {
    for (const set of defaults.elements('meta_attributes')) {
      if (set.elements('nvpair').some(isUnfencingPair)) return true;
    }
  }
  return false;
}

export type HealthStrategy = 'none' | 'migrate-on-red' | 'only-green' | 'progressive' | 'custom';

export function healthStrategy(cluster: Cluster): HealthStrategy {
  return clusterOption(cluster, 'node-health-strategy').toLowerCase() as HealthStrategy;
}

function healthScore(cluster: Cluster, option: string): number {
  return parseScore(clusterOption(cluster, option));
}

function unpackHealthScores(cluster: Cluster): void {
  switch (healthStrategy(cluster)) {
    case 'none':
      cluster.healthColours = { red: 0, yellow: 0, green: 0 };
      break;
    case 'migrate-on-red':
      cluster.healthColours = { red: -INFINITY, yellow: 0, green: 0 };
      break;
    case 'only-green':
      cluster.healthColours = { red: -INFINITY, yellow: -INFINITY, green: 0 };
      break;
    default:
      cluster.healthColours = {
        red: healthScore(cluster, 'node-health-red'),
        green: healthScore(cluster, 'node-health-green'),
        yellow: healthScore(cluster, 'node-health-yellow'),
      };
  }
}
