/**
 * One scheduler run (pcmk__schedule_actions): from the unpacked cluster to
 * actions, orderings and the transition graph. The stages, in order:
 *
 * 1. node health and constraints (constraints/)
 * 2. node criteria: locations, stickiness, failure thresholds (placement/criteria)
 * 3. implicit constraints of each resource (variants/.../internalConstraints)
 * 4. configuration changes seen in the history (actions/config-changes)
 * 5. placement (placement/allocate, variants/.../assign)
 * 6. actions: probes, orphan clean-up, each resource's actions (actions/, variants/)
 * 7. remote connections, fencing and shutdowns (schedule/fencing)
 * 8. orderings applied and flags propagated (ordering/)
 * 9. transition summary (summary/) and graph (graph/)
 */
import { handleConfigChanges, runParamChecks } from '../actions/config-changes.js';
import { clearFailcount, getFailcount, Failcount } from '../unpack/failcounts.js';
import { scheduleProbes } from '../actions/probes.js';
import { unpackConstraints } from '../constraints/index.js';
import { type TransitionGraph, createGraph } from '../graph/build.js';
import type { Cluster } from '../model/cluster.js';
import { Order, RscFlag } from '../model/flags.js';
import type { Resource } from '../model/resource.js';
import { applyOrderings } from '../ordering/apply.js';
import { newOrdering } from '../ordering/new-ordering.js';
import { opKey } from '../actions/operation.js';
import { allocateResources } from '../placement/allocate.js';
import { applyNodeCriteria, applyNodeHealth } from '../placement/criteria.js';
import { transitionSummaryLines } from '../summary/resource-actions.js';
import { orderRemoteConnectionActions } from './remote.js';
import { scheduleFencingAndShutdowns } from './fencing.js';

function clearFailcountsIfOrphaned(cluster: Cluster, rsc: Resource): void {
  if (!rsc.is(RscFlag.Orphan)) return;
  for (const node of cluster.nodes) {
    if (!node.online) continue;
    if (getFailcount(node, rsc, Failcount.Effective, null) === 0) continue;
    const clear = clearFailcount(rsc, node);
    newOrdering(cluster, clear.rsc, null, clear, rsc, opKey(rsc.id, 'stop', 0), null, Order.Optional);
  }
}

function scheduleResourceActions(cluster: Cluster): void {
  runParamChecks(cluster);
  if (cluster.startupProbes) scheduleProbes(cluster);
  if (cluster.stopRscOrphans) for (const rsc of cluster.resources) clearFailcountsIfOrphaned(cluster, rsc);
  for (const rsc of cluster.resources) rsc.cmds.createActions(rsc);
}

export interface ScheduleResult {
  graph: TransitionGraph;
}

/** Runs every stage on an unpacked cluster. */
export function scheduleActions(cluster: Cluster): ScheduleResult {
  applyNodeHealth(cluster);
  unpackConstraints(cluster);
  applyNodeCriteria(cluster);
  for (const rsc of cluster.resources) rsc.cmds.internalConstraints(rsc);
  handleConfigChanges(cluster);
  allocateResources(cluster);
  scheduleResourceActions(cluster);
  orderRemoteConnectionActions(cluster);
  scheduleFencingAndShutdowns(cluster);
  applyOrderings(cluster);
  // Pacemaker logs the summary once here; that pass updates roles and widths.
  transitionSummaryLines(cluster);
  const graph = createGraph(cluster);
  return { graph };
}
