/** The "Cluster Summary" section in text. */
import type { Cluster } from '../../scheduler/model/cluster.js';
import { plural } from '../../scheduler/util/text.js';
import { Section, Show, type StatusView } from '../options.js';
import { clusterStack, dcInfo, lastChange, mixedVersions, noQuorumPolicyText } from '../summary.js';
import type { ListOutput } from '../text-output.js';

/** Where and when the display was made (the "Last updated" line). */
export interface Moment {
  /** ctime()-style text of "now". */
  now: string;
  /** The local node's name, when known. */
  localNode?: string;
}

export function countsLines(cluster: Cluster): [string, string] {
  const nodes = cluster.nodes.length;
  const n = cluster.ninstances;
  const disabled = cluster.disabledResources;
  const blocked = cluster.blockedResources;
  let rsc = `${n} resource instance${plural(n)} configured`;
  if (disabled && blocked) rsc += ` (${disabled} DISABLED, ${blocked} BLOCKED from further action due to failure)`;
  else if (disabled) rsc += ` (${disabled} DISABLED)`;
  else if (blocked) rsc += ` (${blocked} BLOCKED from further action due to failure)`;
  return [`${nodes} node${plural(nodes)} configured`, rsc];
}

export function optionsLines(cluster: Cluster): string[] {
  return [
    `STONITH of failed nodes ${cluster.stonithEnabled ? 'enabled' : 'disabled'}`,
    `Cluster is ${cluster.symmetric ? 'symmetric' : 'asymmetric'}`,
    `No quorum policy: ${noQuorumPolicyText(cluster.noQuorumPolicy)}`,
  ];
}

/** The summary and the maintenance banner; true if anything was printed. */
export function printClusterSummary(out: ListOutput, cluster: Cluster, view: StatusView, moment: Moment): boolean {
  const sections = view.sections;
  let open = false;
  const header = () => {
    if (!open) out.beginList('Cluster Summary');
    open = true;
  };
  if (sections & Section.Stack) {
    header();
    out.item(clusterStack(cluster), 'Stack');
  }
  if (sections & Section.Dc) {
    header();
    const dc = dcInfo(cluster, (view.show & Show.NodeId) !== 0);
    if (dc.node) {
      const mixed = mixedVersions(cluster) ? 'MIXED-VERSION ' : '';
      out.item(`${dc.name} (version ${dc.version ?? 'unknown'}) - ${mixed}partition ${dc.quorum ? 'with' : 'WITHOUT'} quorum`, 'Current DC');
    } else out.item('NONE', 'Current DC');
  }
  if (sections & Section.Times) {
    header();
    out.item(moment.now + (moment.localNode !== undefined ? ` on ${moment.localNode}` : ''), 'Last updated');
    out.item(' ' + lastChange(cluster), 'Last change');
  }
  if (sections & Section.Counts) {
    header();
    for (const line of countsLines(cluster)) out.item(line);
  }
  if (sections & Section.Options) {
    header();
    for (const line of optionsLines(cluster)) out.item(line);
  }
  if (open) out.endList();
  let printed = open;
  if (sections & Section.MaintMode && printMaintenanceMode(out, cluster)) printed = true;
  return printed;
}

/** The maintenance-mode banner; true if printed. */
export function printMaintenanceMode(out: ListOutput, cluster: Cluster): boolean {
  if (cluster.maintenanceMode) {
    out.raw('\n              *** Resource management is DISABLED ***\n');
    out.raw('  The cluster will not attempt to start, stop or recover services\n');
    return true;
  }
  if (cluster.stopEverything) {
    out.raw('\n    *** Resource management is DISABLED ***\n');
    out.raw('  The cluster will keep all resources stopped\n');
    return true;
  }
  return false;
}
