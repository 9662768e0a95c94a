/** Constraints as unpacked from the configuration. */
import type { Action } from './action.js';
import type { Discover, NodeScore } from './node.js';
import type { Resource } from './resource.js';
import type { Role } from './role.js';

export interface Location {
  id: string;
  rsc: Resource;
  /** The role the constraint applies to (Unknown: any). */
  roleFilter: Role;
  discover: Discover;
  nodes: NodeScore[];
}

export interface Colocation {
  id: string;
  /** The node attribute that must match (null: the default for each use). */
  nodeAttribute: string | null;
  dependent: Resource;
  primary: Resource;
  dependentRole: Role;
  primaryRole: Role;
  score: number;
  /** Whether the dependent influences where an active primary goes. */
  influence: boolean;
}

export interface Ordering {
  id: number;
  flags: number;
  firstRsc: Resource | null;
  firstAction: Action | null;
  firstTask: string | null;
  thenRsc: Resource | null;
  thenAction: Action | null;
  thenTask: string | null;
}

export enum LossPolicy {
  Stop = 0,
  Demote = 1,
  Fence = 2,
  Freeze = 3,
}

export interface Ticket {
  id: string;
  granted: boolean;
  lastGranted: number;
  standby: boolean;
  state: Map<string, string>;
}

export interface TicketConstraint {
  id: string;
  rsc: Resource;
  ticket: Ticket;
  lossPolicy: LossPolicy;
  role: Role;
}

export interface Tag {
  id: string;
  refs: string[];
}
