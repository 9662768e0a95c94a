/**
 * What differs between primitives, groups, clones and bundles, at every
 * stage. Each kind of resource provides one implementation (see
 * ../variants/); the stages call through `rsc.methods`.
 */
import type { Action } from './action.js';
import type { Colocation, Location } from './constraints.js';
import type { Node } from './node.js';
import type { Resource } from './resource.js';
import type { Role } from './role.js';

/** What unpacking and status display need. */
export interface StatusMethods {
  /** Builds children and variant data after the common unpacking. */
  unpack(rsc: Resource): boolean;
  /** Whether active: `all` requires every member to be active. */
  active(rsc: Resource, all: boolean): boolean;
  /** Current (or next) role. */
  state(rsc: Resource, current: boolean): Role;
  /** Adds to the instance counts (ninstances, disabled, blocked). */
  count(rsc: Resource): void;
}

/** What scheduling needs. */
export interface SchedulingMethods {
  /** Chooses a node (or none) for the resource; returns it. */
  assign(rsc: Resource, prefer: Node | null): Node | null;
  createActions(rsc: Resource): void;
  /** Schedules a probe on the node if needed; true if one was. */
  createProbe(rsc: Resource, node: Node): boolean;
  internalConstraints(rsc: Resource): void;
  applyColocationScore(dependent: Resource, primary: Resource, colocation: Colocation, forDependent: boolean): void;
  /** Resources colocated with this one, transitively. */
  colocatedResources(rsc: Resource, orig: Resource | null, list: Resource[]): Resource[];
  applyLocation(rsc: Resource, location: Location): void;
  /** The action's flags as seen from the node (for collective actions). */
  actionFlags(action: Action, node: Node | null): number;
  updateOrderedActions(first: Action, then: Action, node: Node | null, flags: number, filter: number, type: number): number;
  /** Transition summary lines for this resource. */
  outputActions(rsc: Resource): void;
  addActionsToGraph(rsc: Resource): void;
  /** Extra meta-attributes for the resource's graph actions. */
  addGraphMeta(rsc: Resource, meta: Map<string, string>): void;
  addUtilization(rsc: Resource, orig: Resource, all: Resource[], utilization: Map<string, string>): void;
  shutdownLock(rsc: Resource): void;
}
