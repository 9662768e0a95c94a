/** The whole status display in text (crm_mon's and crm_simulate's "cluster-status"). */
import type { Cluster } from '../../scheduler/model/cluster.js';
import { Section, type StatusView } from '../options.js';
import type { TextOutput } from '../text-output.js';
import { printNodeAttributes } from './attributes.js';
import { printNodeList } from './nodes.js';
import { printResourceList } from './resources.js';

/** The maintenance-mode banner; true if printed. */
export function printMaintenanceMode(out: TextOutput, cluster: Cluster): boolean {
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

/** Prints the sections the view asks for; true if anything was printed. */
export function printClusterStatus(out: TextOutput, cluster: Cluster, view: StatusView): boolean {
  let printed = false;
  const unsupported = Section.Stack | Section.Dc | Section.Times | Section.Counts | Section.Options;
  if (view.sections & unsupported) throw new Error('cluster summary sections are not supported yet');
  if (view.sections & Section.MaintMode && printMaintenanceMode(out, cluster)) printed = true;
  if (view.sections & Section.Nodes && view.onlyNodes.length > 0) {
    if (printNodeList(out, cluster, view, printed)) printed = true;
  }
  if (view.sections & Section.Resources) {
    if (printResourceList(out, cluster, view, true, printed)) printed = true;
  }
  if (view.sections & Section.Attributes) {
    if (printNodeAttributes(out, cluster, view, printed)) printed = true;
  }
  const later = Section.Operations | Section.Failcounts | Section.Failures | Section.Tickets | Section.Bans;
  if (view.sections & later) throw new Error('failure, ticket and ban sections are not supported yet');
  return printed;
}
