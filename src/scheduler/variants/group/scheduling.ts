/**
 * A group's scheduling methods: members are placed one after the other
 * (each colocated with the previous), started in order and stopped in
 * reverse; the group's own actions are pseudo-actions that order them.
 */
import { customAction } from '../../actions/create.js';
import { findFirstAction } from '../../actions/create.js';
import { opKey } from '../../actions/operation.js';
import { createProbe } from '../../actions/probes.js';
import { Task, complexTask, taskToText } from '../../actions/tasks.js';
import { addThisWith, addWithThis, newColocation } from '../../constraints/colocation.js';
import { applyLocation } from '../../constraints/location.js';
import { addResourceActionsToGraph } from '../../graph/build.js';
import type { Action } from '../../model/action.js';
import type { Colocation, Location } from '../../model/constraints.js';
import { ActionFlag, Order, RscFlag } from '../../model/flags.js';
import type { Node } from '../../model/node.js';
import { type Resource, isClone } from '../../model/resource.js';
import type { SchedulingMethods } from '../../model/variant.js';
import { orderResourceActions, orderStarts, orderStops } from '../../ordering/new-ordering.js';
import { updateOrderedActions } from '../../ordering/update.js';
import { colocatedResources } from '../../placement/colocated-resources.js';
import { showScores } from '../../placement/show-scores.js';
import { outputResourceActions } from '../../summary/resource-actions.js';
import { INFINITY } from '../../util/score.js';
import { isTrue } from '../../util/text.js';
import { groupData } from './status.js';

function expandGroupColocations(rsc: Resource): void {
  if (rsc.children.length === 0) return;
  let member = rsc.children[0]!;
  for (const c of rsc.thisWith) addThisWith(member, c);
  let anyUnmanaged = !member.is(RscFlag.Managed);
  for (let i = 1; i < rsc.children.length; i++) {
    member = rsc.children[i]!;
    if (anyUnmanaged) {
      for (const c of rsc.thisWith) if (c.score === INFINITY) addThisWith(member, c);
    } else if (!member.is(RscFlag.Managed)) {
      anyUnmanaged = true;
    }
  }
  rsc.thisWith = [];
  const last = groupData(rsc).lastChild!;
  for (const c of rsc.withThis) addWithThis(last, c);
  rsc.withThis = [];
}

function groupAssign(rsc: Resource, prefer: Node | null): Node | null {
  if (!rsc.is(RscFlag.Provisional)) return rsc.allocatedTo?.node ?? null;
  if (rsc.is(RscFlag.Allocating)) return null;
  if (rsc.children.length === 0) {
    rsc.clear(RscFlag.Provisional);
    return null;
  }
  rsc.set(RscFlag.Allocating);
  const first = rsc.children[0]!;
  rsc.role = first.role;
  expandGroupColocations(rsc);
  showScores(rsc.cluster, rsc, 'pcmk__group_assign', rsc.allowedNodes);
  let firstAssigned: Node | null = null;
  for (const member of rsc.children) {
    const node = member.cmds.assign(member, prefer);
    if (firstAssigned === null) firstAssigned = node;
  }
  rsc.setNextRole(first.nextRole);
  rsc.clear(RscFlag.Allocating | RscFlag.Provisional);
  if (!groupData(rsc).colocated) return null;
  return firstAssigned;
}

function pseudoOp(group: Resource, task: string): Action {
  const op = customAction(group, opKey(group.id, task, 0), task, null, true, true, group.cluster);
  op.set(ActionFlag.Pseudo | ActionFlag.Runnable);
  return op;
}

function groupCreateActions(rsc: Resource): void {
  for (const member of rsc.children) member.cmds.createActions(member);
  pseudoOp(rsc, 'start');
  pseudoOp(rsc, 'running');
  pseudoOp(rsc, 'stop');
  pseudoOp(rsc, 'stopped');
  if (isTrue(rsc.meta.get('promotable'))) {
    pseudoOp(rsc, 'demote');
    pseudoOp(rsc, 'demoted');
    pseudoOp(rsc, 'promote');
    pseudoOp(rsc, 'promoted');
  }
}

interface MemberData {
  ordered: boolean;
  colocated: boolean;
  promotable: boolean;
  lastActive: Resource | null;
  previous: Resource | null;
}

function memberInternalConstraints(member: Resource, d: MemberData): void {
  let downFlags: number = Order.ImpliesFirstPrinted;
  let postDownFlags: number = Order.ImpliesThenPrinted;
  const parent = member.parent!;
  member.cmds.internalConstraints(member);
  if (d.previous === null) {
    if (d.ordered) {
      downFlags |= Order.Optional;
      postDownFlags = Order.ImpliesThen;
    }
  } else if (d.colocated) {
    newColocation(
      member.cluster,
      'group:internal_colocation',
      undefined,
      INFINITY,
      member,
      d.previous,
      undefined,
      undefined,
      member.is(RscFlag.Critical),
    );
  }
  if (d.promotable) {
    orderResourceActions(parent, 'demote', member, 'demote', downFlags);
    orderResourceActions(member, 'demote', parent, 'demoted', postDownFlags);
    orderResourceActions(member, 'promote', parent, 'promoted', Order.RunnableLeft | Order.ImpliesThen | Order.ImpliesThenPrinted);
    orderResourceActions(parent, 'promote', member, 'promote', Order.ImpliesFirstPrinted);
  }
  orderStops(parent, member, downFlags);
  orderResourceActions(member, 'stop', parent, 'stopped', postDownFlags);
  orderStarts(parent, member, Order.ImpliesFirstPrinted);
  orderResourceActions(member, 'start', parent, 'running', Order.RunnableLeft | Order.ImpliesThen | Order.ImpliesThenPrinted);
  if (!d.ordered) {
    orderStarts(parent, member, Order.ImpliesThen | Order.RunnableLeft | Order.ImpliesFirstPrinted);
    if (d.promotable) {
      orderResourceActions(parent, 'promote', member, 'promote', Order.ImpliesThen | Order.RunnableLeft | Order.ImpliesFirstPrinted);
    }
  } else if (d.previous === null) {
    orderStarts(parent, member, Order.None);
    if (d.promotable) orderResourceActions(parent, 'promote', member, 'promote', Order.None);
  } else {
    orderStarts(d.previous, member, Order.ImpliesThen | Order.RunnableLeft);
    orderStops(member, d.previous, Order.Optional | Order.Restart);
    if (d.promotable) {
      orderResourceActions(d.previous, 'promote', member, 'promote', Order.ImpliesThen | Order.RunnableLeft);
      orderResourceActions(member, 'demote', d.previous, 'demote', Order.Optional);
    }
  }
  if (member.runningOn.length > 0) {
    if (d.ordered && d.previous !== null && d.previous.runningOn.length === 0 && d.lastActive !== null && d.lastActive.runningOn.length > 0) {
      orderStops(member, d.lastActive, Order.Optional);
    }
    d.lastActive = member;
  }
  d.previous = member;
}

function groupInternalConstraints(rsc: Resource): void {
  orderResourceActions(rsc, 'stop', rsc, 'stopped', Order.RunnableLeft);
  orderResourceActions(rsc, 'stopped', rsc, 'start', Order.Optional);
  orderResourceActions(rsc, 'start', rsc, 'running', Order.RunnableLeft);
  const data = groupData(rsc);
  const d: MemberData = {
    ordered: data.ordered,
    colocated: data.colocated,
    promotable: rsc.top.is(RscFlag.Promotable),
    lastActive: null,
    previous: null,
  };
  for (const member of rsc.children) memberInternalConstraints(member, d);
}

function groupApplyColocationScore(dependent: Resource, primary: Resource, c: Colocation, forDependent: boolean): void {
  if (forDependent) {
    if (dependent.children.length === 0) return;
    if (groupData(dependent).colocated) {
      const member = dependent.children[0]!;
      member.cmds.applyColocationScore(member, primary, c, true);
      return;
    }
    if (c.score >= INFINITY) {
      dependent.cluster.configError(
        `${dependent.id}: Cannot perform mandatory colocation between non-colocated group and ${primary.id}`,
      );
      return;
    }
    for (const member of dependent.children) member.cmds.applyColocationScore(member, primary, c, true);
    return;
  }
  if (primary.is(RscFlag.Provisional)) return;
  if (groupData(primary).colocated) {
    let member: Resource | null = null;
    if (c.score >= INFINITY) member = groupData(primary).lastChild;
    else if (primary.children.length > 0) member = primary.children[0]!;
    if (member === null) return;
    member.cmds.applyColocationScore(dependent, member, c, false);
    return;
  }
  if (c.score >= INFINITY) {
    dependent.cluster.configError(`${dependent.id}: Cannot perform mandatory colocation with non-colocated group ${primary.id}`);
    return;
  }
  for (const member of primary.children) member.cmds.applyColocationScore(dependent, member, c, false);
}

function groupActionFlags(action: Action, node: Node | null): number {
  let flags: number = ActionFlag.Optional | ActionFlag.Runnable | ActionFlag.Pseudo;
  for (const member of action.rsc!.children) {
    const task = complexTask(member, action.task, true);
    const taskText = taskToText(task);
    const memberAction = findFirstAction(member, taskText, node);
    if (memberAction !== null) {
      const memberFlags = member.cmds.actionFlags(memberAction, node);
      if (flags & ActionFlag.Optional && !(memberFlags & ActionFlag.Optional)) {
        flags &= ~ActionFlag.Optional;
        action.clear(ActionFlag.Optional);
      }
      if (taskText !== action.task && flags & ActionFlag.Runnable && !(memberFlags & ActionFlag.Runnable)) {
        flags &= ~ActionFlag.Runnable;
        action.clear(ActionFlag.Runnable);
      }
    } else if (task !== Task.Stop && task !== Task.Demote) {
      flags &= ~ActionFlag.Runnable;
    }
  }
  return flags;
}

function groupUpdateOrderedActions(
  first: Action,
  then: Action,
  node: Node | null,
  flags: number,
  filter: number,
  type: number,
): number {
  let changed = updateOrderedActions(first, then, node, flags, filter, type);
  for (const member of then.rsc!.children) {
    const memberAction = findFirstAction(member, then.task, node);
    if (memberAction !== null) changed |= member.cmds.updateOrderedActions(first, memberAction, node, flags, filter, type);
  }
  return changed;
}

function groupApplyLocation(rsc: Resource, loc: Location): void {
  const orig = loc.nodes;
  const copy = orig.map((n) => {
    const c = n.copy();
    c.weight = 0;
    return c;
  });
  let reset = groupData(rsc).colocated;
  applyLocation(rsc, loc);
  for (const member of rsc.children) {
    member.cmds.applyLocation(member, loc);
    if (reset) {
      reset = false;
      loc.nodes = copy;
    }
  }
  loc.nodes = orig;
}

function groupColocatedResources(rsc: Resource, origIn: Resource | null, list: Resource[]): Resource[] {
  const orig = origIn ?? rsc;
  if (groupData(rsc).colocated || isClone(rsc.parent)) {
    for (const member of rsc.children) member.cmds.colocatedResources(member, orig, list);
  } else if (rsc.children.length > 0) {
    const member = rsc.children[0]!;
    member.cmds.colocatedResources(member, orig, list);
  }
  return colocatedResources(rsc, orig, list);
}

export const groupCmds: SchedulingMethods = {
  assign: groupAssign,
  createActions: groupCreateActions,
  createProbe,
  internalConstraints: groupInternalConstraints,
  applyColocationScore: groupApplyColocationScore,
  colocatedResources: groupColocatedResources,
  applyLocation: groupApplyLocation,
  actionFlags: groupActionFlags,
  updateOrderedActions: groupUpdateOrderedActions,
  outputActions: outputResourceActions,
  addActionsToGraph: addResourceActionsToGraph,
  addGraphMeta: () => undefined,
  addUtilization(rsc, orig, all, utilization) {
    if (!rsc.is(RscFlag.Provisional)) return;
    if (groupData(rsc).colocated || isClone(rsc.parent)) {
      for (const member of rsc.children) {
        if (member.is(RscFlag.Provisional) && !all.includes(member)) member.cmds.addUtilization(member, orig, all, utilization);
      }
    } else if (rsc.children.length > 0) {
      const member = rsc.children[0]!;
      if (member.is(RscFlag.Provisional) && !all.includes(member)) member.cmds.addUtilization(member, orig, all, utilization);
    }
  },
  shutdownLock(rsc) {
    for (const member of rsc.children) member.cmds.shutdownLock(member);
  },
};
