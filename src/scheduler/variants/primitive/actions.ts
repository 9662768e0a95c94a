/**
 * A primitive's actions: from its current role on its current node to its
 * next role on its assigned node, through the role state machine (stop,
 * start, promote, demote), with restarts for recovery, recurring monitors
 * and migration.
 */
import { abortDanglingMigration, canMigrate, createMigrationActions } from '../../actions/migration.js';
import { scheduleCleanup } from '../../actions/cleanup.js';
import { demoteAction, promoteAction, resourceActions, startAction, stopAction } from '../../actions/create.js';
import { fenceOp } from '../../actions/fencing.js';
import { nodeUnfenced, orderVsUnfence } from '../../actions/fencing-order.js';
import { createRecurringActions } from '../../actions/recurring.js';
import { ActionFlag, Order, RscFlag } from '../../model/flags.js';
import type { Node } from '../../model/node.js';
import { Recovery, type Resource, findActiveOn } from '../../model/resource.js';
import { Role } from '../../model/role.js';
import { addOrdering } from '../../ordering/links.js';

type TransitionFn = (rsc: Resource, node: Node | null, optional: boolean) => void;

const U = Role.Unknown;
const S = Role.Stopped;
const T = Role.Started;
const UP = Role.Unpromoted;
const P = Role.Promoted;

/** The next role on the way from a role (row) to a target role (column). */
const STATE_MATRIX: Role[][] = [
  /* Unknown */ [U, S, S, S, S],
  /* Stopped */ [S, S, T, UP, UP],
  /* Started */ [S, S, T, UP, P],
  /* Unpromoted */ [S, S, S, UP, P],
  /* Promoted */ [S, UP, UP, UP, P],
];

function roleError(): void {
  throw new Error('invalid role transition');
}

function isExpectedNode(rsc: Resource, node: Node | null): boolean {
  return (
    rsc.is(RscFlag.StopUnexpected) &&
    rsc.is(RscFlag.Restarting) &&
    rsc.nextRole > Role.Stopped &&
    rsc.allocatedTo !== null &&
    node !== null &&
    rsc.allocatedTo.node === node
  );
}

function stopResource(rsc: Resource, _node: Node | null, optionalIn: boolean): void {
  for (const current of [...rsc.runningOn]) {
    let optional = optionalIn;
    if (isExpectedNode(rsc, current)) continue;
    if (rsc.partialMigrationTarget !== null) {
      if (current === rsc.partialMigrationTarget && rsc.allocatedTo !== null && current === rsc.allocatedTo.node) continue;
      optional = false;
    }
    const stop = stopAction(rsc, current, optional);
    if (rsc.allocatedTo === null) stop.setReason('node availability', true);
    else if (rsc.is(RscFlag.Restarting) && rsc.is(RscFlag.StopUnexpected)) stop.setReason('being multiply active', true);
    if (!rsc.is(RscFlag.Managed)) stop.clear(ActionFlag.Runnable);
    if (rsc.cluster.removeAfterStop) scheduleCleanup(rsc, current, optional);
    if (rsc.is(RscFlag.NeedsUnfencing)) {
      const unfence = fenceOp(rsc.cluster, current, 'on', true, null, false);
      addOrdering(stop, unfence, Order.ImpliesFirst);
      if (!nodeUnfenced(current)) {
        rsc.cluster.configError(`Stopping ${rsc.id} until ${current.uname} can be unfenced`);
      }
    }
  }
}

function startResource(rsc: Resource, node: Node | null, optional: boolean): void {
  const start = startAction(rsc, node!, true);
  orderVsUnfence(rsc, node!, start, Order.ImpliesThen);
  if (start.runnable && !optional) start.clear(ActionFlag.Optional);
  if (isExpectedNode(rsc, node)) start.set(ActionFlag.Pseudo);
}

function promoteResource(rsc: Resource, node: Node | null, optional: boolean): void {
  let runnable = true;
  for (const start of resourceActions(rsc, node, 'start', true)) if (!start.runnable) runnable = false;
  if (runnable) {
    const promote = promoteAction(rsc, node, optional);
    if (isExpectedNode(rsc, node)) promote.set(ActionFlag.Pseudo);
  } else {
    for (const promote of resourceActions(rsc, node, 'promote', true)) promote.clear(ActionFlag.Runnable);
  }
}

function demoteResource(rsc: Resource, _node: Node | null, optional: boolean): void {
  for (const current of [...rsc.runningOn]) {
    if (isExpectedNode(rsc, current)) continue;
    demoteAction(rsc, current, optional);
  }
}

/** The function that goes directly from a role (row) to the next (column); null: nothing to do. */
const ACTION_MATRIX: (TransitionFn | null)[][] = [
  /* Unknown */ [roleError, stopResource, roleError, roleError, roleError],
  /* Stopped */ [roleError, null, startResource, startResource, roleError],
  /* Started */ [roleError, stopResource, null, null, promoteResource],
  /* Unpromoted */ [roleError, stopResource, stopResource, null, promoteResource],
  /* Promoted */ [roleError, demoteResource, demoteResource, demoteResource, null],
];

function scheduleRestartActions(rsc: Resource, current: Node | null, needStop: boolean, needPromote: boolean): void {
  let role = rsc.role;
  rsc.set(RscFlag.Restarting);
  while (role !== Role.Stopped) {
    const next = STATE_MATRIX[role]![Role.Stopped]!;
    const fn = ACTION_MATRIX[role]![next];
    if (!fn) break;
    fn(rsc, current, !needStop);
    role = next;
  }
  while (rsc.role <= rsc.nextRole && role !== rsc.role && !rsc.is(RscFlag.Block)) {
    let required = needStop;
    const next = STATE_MATRIX[role]![rsc.role]!;
    if (next === Role.Promoted && needPromote) required = true;
    const fn = ACTION_MATRIX[role]![next];
    if (!fn) break;
    fn(rsc, rsc.allocatedTo?.node ?? null, !required);
    role = next;
  }
  rsc.clear(RscFlag.Restarting);
}

function scheduleRoleTransitionActions(rsc: Resource): void {
  let role = rsc.role;
  while (role !== rsc.nextRole) {
    const next = STATE_MATRIX[role]![rsc.nextRole]!;
    const fn = ACTION_MATRIX[role]![next];
    if (!fn) break;
    fn(rsc, rsc.allocatedTo?.node ?? null, false);
    role = next;
  }
}

/** pcmk__primitive_create_actions */
export function primitiveCreateActions(rsc: Resource): void {
  let needStop = false;
  let needPromote = false;
  let isMoving = false;
  let allowMigrate = false;
  let multiplyActive = false;

  if (rsc.nextRole === Role.Unknown) rsc.setNextRole(rsc.allocatedTo === null ? Role.Stopped : Role.Started);
  const active = findActiveOn(rsc, true);
  const current = active.node;
  const assigned = rsc.allocatedTo?.node ?? null;

  for (const source of rsc.danglingMigrations) abortDanglingMigration(rsc, source, scheduleCleanup);

  if (current !== null && assigned !== null && current !== assigned && rsc.nextRole >= Role.Started) {
    isMoving = true;
    allowMigrate = canMigrate(rsc, current);
    needStop = true;
  }

  if (
    rsc.partialMigrationSource !== null &&
    rsc.partialMigrationTarget !== null &&
    allowMigrate &&
    active.all === 2 &&
    current === rsc.partialMigrationSource &&
    assigned === rsc.partialMigrationTarget
  ) {
    // the partial migration continues
  } else if (rsc.partialMigrationSource !== null || rsc.partialMigrationTarget !== null) {
    needStop = true;
    rsc.partialMigrationSource = null;
    rsc.partialMigrationTarget = null;
    allowMigrate = false;
  } else if (rsc.is(RscFlag.NeedsFencing)) {
    multiplyActive = active.all > 1;
  } else {
    multiplyActive = active.clean > 1;
  }

  if (multiplyActive) {
    rsc.cluster.configError(
      `${rsc.standard ?? 'Untyped'} resource ${rsc.id} might be active on ${active.all} nodes (${recoveryText(rsc.recovery)})`,
    );
    switch (rsc.recovery) {
      case Recovery.StopStart:
        needStop = true;
        break;
      case Recovery.StopUnexpected:
        needStop = true;
        rsc.set(RscFlag.StopUnexpected);
        break;
      default:
        break;
    }
  } else {
    rsc.clear(RscFlag.StopUnexpected);
  }

  if (rsc.is(RscFlag.StartPending)) {
    const start = startAction(rsc, assigned, true);
    start.set(ActionFlag.PrintAlways);
  }

  if (isMoving) {
    // the rest is for resources staying where they are
  } else if (rsc.is(RscFlag.Failed)) {
    if (rsc.is(RscFlag.Stop)) needStop = true;
    else if (rsc.nextRole === Role.Promoted) needPromote = true;
  } else if (rsc.is(RscFlag.Block)) {
    needStop = true;
  } else if (rsc.role > Role.Started && current !== null && assigned !== null) {
    const start = startAction(rsc, assigned, true);
    if (!start.optional) needStop = true;
  }

  scheduleRestartActions(rsc, current, needStop, needPromote);
  scheduleRoleTransitionActions(rsc);
  createRecurringActions(rsc);
  if (allowMigrate && current !== null) createMigrationActions(rsc, current);
}

function recoveryText(r: Recovery): string {
  switch (r) {
    case Recovery.StopStart:
      return 'stop_start';
    case Recovery.StopOnly:
      return 'stop_only';
    case Recovery.Block:
      return 'block';
    default:
      return 'stop_unexpected';
  }
}
