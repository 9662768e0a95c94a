/** A clone's scheduling methods. */
import { findFirstAction } from '../../actions/create.js';
import { probeResourceList } from '../../actions/probes.js';
import { taskToText } from '../../actions/tasks.js';
import { applyLocation } from '../../constraints/location.js';
import { addResourceActionsToGraph } from '../../graph/build.js';
import type { Action } from '../../model/action.js';
import type { Colocation, Location } from '../../model/constraints.js';
import { ActionFlag, Order, RscFlag } from '../../model/flags.js';
import { Discover, type Node } from '../../model/node.js';
import type { Resource } from '../../model/resource.js';
import { Role } from '../../model/role.js';
import type { SchedulingMethods } from '../../model/variant.js';
import { addOrdering } from '../../ordering/links.js';
import { Updated, updateActionForOrderings, updateOrderedActions } from '../../ordering/update.js';
import { assignResource } from '../../placement/assignment.js';
import { colocatedResources } from '../../placement/colocated-resources.js';
import { outputResourceActions } from '../../summary/resource-actions.js';
import { INFINITY } from '../../util/score.js';
import { isTrue } from '../../util/text.js';
import { cloneCreateActions, cloneInternalConstraints, instanceTask, summaryActionFlags } from './actions.js';
import { cloneAssign, compareInstanceNumbers } from './assign.js';
import { createCloneNotifications } from './notify.js';
import { anyHasFlag, copiesPerNode, findCompatibleInstance, locationOf, instancesOf } from './pairing.js';
import { colocateWithPromotable } from './promotable.js';
import { excludeNodes } from './exclude.js';
import { cloneData } from './status.js';
import { bundledInstanceIn } from '../bundle/status.js';

/** pcmk__clone_apply_coloc_score (clone_rsc_colocation_rh): a clone as the primary. */
function cloneApplyColocationScore(dependent: Resource, primary: Resource, c: Colocation, forDependent: boolean): void {
  if (forDependent) return; // a clone's own colocations are handed to its instances
  if (primary.is(RscFlag.Promotable)) {
    if (primary.is(RscFlag.Provisional)) return;
    if (c.primaryRole !== Role.Unknown) {
      colocateWithPromotable(dependent, primary, c);
      return;
    }
  }
  let interleave = false;
  if (isTrue(c.dependent.meta.get('interleave')) && (c.dependent.variant === 'clone' || c.dependent.variant === 'bundle')) {
    if (copiesPerNode(c.dependent) !== copiesPerNode(c.primary)) {
      dependent.cluster.configError(
        `Cannot interleave ${c.dependent.id} and ${c.primary.id} because they do not support the same number of instances per node`,
      );
    } else {
      interleave = true;
    }
  }
  if (primary.is(RscFlag.Provisional)) return;
  if (interleave) {
    const instance = findCompatibleInstance(dependent, primary, Role.Unknown, false);
    if (instance !== null) dependent.cmds.applyColocationScore(dependent, instance, c, true);
    else if (c.score >= INFINITY) assignResource(dependent, null, true);
    return;
  }
  if (c.score >= INFINITY) {
    const allowed: Node[] = [];
    for (const child of primary.children) {
      const chosen = locationOf(child, false);
      if (chosen !== null && !anyHasFlag(child, RscFlag.Block)) allowed.unshift(chosen);
    }
    excludeNodes(dependent, allowed, false);
    return;
  }
  for (const child of primary.children) child.cmds.applyColocationScore(dependent, child, c, false);
}

function cloneApplyLocation(rsc: Resource, loc: Location): void {
  applyLocation(rsc, loc);
  for (const child of rsc.children) child.cmds.applyLocation(child, loc);
}

function knownOnNode(rsc: Resource, node: Node): boolean {
  if (rsc.children.length > 0) return rsc.children.some((c) => knownOnNode(c, node));
  return rsc.knownOn.has(node.id);
}

/** clone_create_probe: every instance of a unique clone; one instance of an anonymous one. */
function cloneCreateProbe(rsc: Resource, node: Node): boolean {
  rsc.children = [...rsc.children].sort(compareInstanceNumbers);
  if (rsc.children.length === 0) return false;
  if (rsc.exclusiveDiscover) {
    const allowed = rsc.allowedNodes.get(node.id);
    if (allowed !== undefined && allowed.discover !== Discover.Exclusive) {
      rsc.allowedNodes.delete(node.id);
      return false;
    }
  }
  if (rsc.is(RscFlag.Unique)) return probeResourceList(rsc.children, node);
  let child = rsc.children.find((c) => knownOnNode(c, node)) ?? null;
  if (child === null) child = rsc.children.find((c) => locationOf(c, false) === node) ?? null;
  if (child === null) child = rsc.children[0]!;
  return child.cmds.createProbe(child, node);
}

function canInterleaveActions(first: Action, then: Action): boolean {
  if (first.rsc === null || then.rsc === null || first.rsc === then.rsc) return false;
  const collective = (r: Resource) => r.variant === 'clone' || r.variant === 'bundle';
  if (!collective(first.rsc) || !collective(then.rsc)) return false;
  const rsc = then.uuid.endsWith('_stop_0') || then.uuid.endsWith('_demote_0') ? first.rsc : then.rsc;
  return isTrue(rsc.meta.get('interleave'));
}

/** multi_update_interleave_actions: the ordering applies between instances on the same node. */
function updateInterleavedActions(first: Action, then: Action, node: Node | null, filter: number, type: number): number {
  let changed = Updated.None as number;
  const current = first.uuid.endsWith('_stopped_0') || first.uuid.endsWith('_demoted_0');
  for (const thenChild of instancesOf(then.rsc!)) {
    const firstChild = findCompatibleInstance(thenChild, first.rsc!, Role.Unknown, current);
    if (firstChild === null) {
      if (current) continue;
      if (type & (Order.RunnableLeft | Order.ImpliesThen)) {
        if (assignResource(thenChild, null, true)) changed |= Updated.Then;
      }
      continue;
    }
    const firstTask = taskToText(instanceTask(first));
    // a bundle's stops are the bundled instance's, which come first; so are its promotes and demotes
    const firstInner = first.task.includes('stop') ? bundledInstanceIn(first.rsc!, firstChild, node) : null;
    const firstAction = findFirstAction(firstInner ?? firstChild, firstTask, node);
    if (firstAction === null) continue;
    const thenInner = then.task.includes('mote') ? bundledInstanceIn(then.rsc!, thenChild, node) : null;
    const thenAction = findFirstAction(thenInner ?? thenChild, then.task, node);
    if (thenAction === null) continue;
    if (addOrdering(firstAction, thenAction, type)) changed |= Updated.First | Updated.Then;
    changed |= thenChild.cmds.updateOrderedActions(
      firstAction,
      thenAction,
      node,
      firstChild.cmds.actionFlags(firstAction, node),
      filter,
      type,
    );
  }
  return changed;
}

/** pcmk__multi_update_actions: how an ordering updates a clone's (or bundle's) actions. */
export function collectiveUpdateOrderedActions(
  first: Action,
  then: Action,
  node: Node | null,
  flags: number,
  filter: number,
  type: number,
): number {
  if (canInterleaveActions(first, then)) return updateInterleavedActions(first, then, node, filter, type);
  let changed = updateOrderedActions(first, then, node, flags, filter, type);
  for (const thenChild of instancesOf(then.rsc!)) {
    const childAction = findFirstAction(thenChild, then.task, node);
    if (childAction === null) continue;
    let childChanged = Updated.None as number;
    if (thenChild.cmds.actionFlags(childAction, node) & ActionFlag.Runnable) {
      childChanged |= thenChild.cmds.updateOrderedActions(first, childAction, node, flags, filter, type);
    }
    changed |= childChanged;
    if (childChanged & Updated.Then) {
      for (let i = childAction.after.length - 1; i >= 0; i--) updateActionForOrderings(childAction.after[i]!.action);
    }
  }
  return changed;
}

function cloneAddGraphMeta(rsc: Resource, meta: Map<string, string>): void {
  const data = cloneData(rsc);
  meta.set('CRM_meta_globally_unique', String(rsc.is(RscFlag.Unique)));
  meta.set('CRM_meta_notify', String(rsc.is(RscFlag.Notify)));
  meta.set('CRM_meta_clone_max', String(data.cloneMax));
  meta.set('CRM_meta_clone_node_max', String(data.cloneNodeMax));
  if (rsc.is(RscFlag.Promotable)) {
    meta.set('CRM_meta_promoted_max', String(data.promotedMax));
    meta.set('CRM_meta_promoted_node_max', String(data.promotedNodeMax));
    meta.set('CRM_meta_master_max', String(data.promotedMax));
    meta.set('CRM_meta_master_node_max', String(data.promotedNodeMax));
  }
}

/** clone_expand */
function cloneAddActionsToGraph(rsc: Resource): void {
  for (let i = rsc.actions.length - 1; i >= 0; i--) rsc.cmds.actionFlags(rsc.actions[i]!, null);
  createCloneNotifications(rsc);
  for (const child of rsc.children) child.cmds.addActionsToGraph(child);
  addResourceActionsToGraph(rsc);
}

export const cloneCmds: SchedulingMethods = {
  assign: cloneAssign,
  createActions: cloneCreateActions,
  createProbe: cloneCreateProbe,
  internalConstraints: cloneInternalConstraints,
  applyColocationScore: cloneApplyColocationScore,
  colocatedResources,
  applyLocation: cloneApplyLocation,
  actionFlags: (action, node) => summaryActionFlags(action, action.rsc!.children, node),
  updateOrderedActions: collectiveUpdateOrderedActions,
  outputActions: outputResourceActions,
  addActionsToGraph: cloneAddActionsToGraph,
  addGraphMeta: cloneAddGraphMeta,
  addUtilization(rsc, orig, all, utilization) {
    if (!rsc.is(RscFlag.Provisional)) return;
    let existing = false;
    for (const child of rsc.children) {
      if (all.includes(child)) {
        existing = true;
      } else if (child.children.some((m) => all.includes(m))) {
        child.cmds.addUtilization(child, orig, all, utilization);
        existing = true;
      }
    }
    if (!existing && rsc.children.length > 0) {
      const child = rsc.children[0]!;
      child.cmds.addUtilization(child, orig, all, utilization);
    }
  },
  shutdownLock: () => undefined,
};
