/** The whole status display in text (crm_mon's and crm_simulate's "cluster-status"). */
import type { Cluster } from '../../scheduler/model/cluster.js';
import { Section, SECTION_SUMMARY, type StatusView } from '../options.js';
import type { ListOutput } from '../text-output.js';
import { printNodeAttributes } from './attributes.js';
import { printBans, printTickets } from './constraints.js';
import { printFailures } from './failures.js';
import { printNodeHistory } from './history.js';
import { printNodeList } from './nodes.js';
import { printResourceList } from './resources.js';
import { type Moment, printClusterSummary } from './summary.js';

export { printMaintenanceMode } from './summary.js';

/**
 * Prints the sections the view asks for; true if anything was printed.
 * The summary's times need `moment`.
 */
export function printClusterStatus(out: ListOutput, cluster: Cluster, view: StatusView, moment?: Moment): boolean {
  let printed = false;
  const note = (p: boolean) => {
    if (p) printed = true;
  };
  const summary = view.sections & (SECTION_SUMMARY | Section.Options);
  if (summary) {
    if (view.sections & Section.Times && !moment) throw new Error('the summary needs the time of the display');
    note(printClusterSummary(out, cluster, view, moment ?? { now: '' }));
  }
  if (view.sections & Section.Nodes && view.onlyNodes.length > 0) note(printNodeList(out, cluster, view, printed));
  if (view.sections & Section.Resources) note(printResourceList(out, cluster, view, true, printed));
  if (view.sections & Section.Attributes) note(printNodeAttributes(out, cluster, view, printed));
  if (view.sections & (Section.Operations | Section.Failcounts)) note(printNodeHistory(out, cluster, view, printed));
  if (view.sections & Section.Failures && cluster.failed.elements().length > 0) {
    note(printFailures(out, cluster, view, printed));
  }
  if (view.sections & Section.Tickets) note(printTickets(out, cluster, printed));
  if (view.sections & Section.Bans) note(printBans(out, cluster, view, printed));
  return printed;
}
