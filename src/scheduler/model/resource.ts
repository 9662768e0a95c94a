/**
 * A resource as the scheduler sees it: configuration (meta-attributes,
 * operations), what the status says (role, where it runs, failures) and what
 * scheduling decides (allowed nodes and their scores, assigned node, next
 * role, actions). Collective resources (groups, clones, bundles) hold their
 * members in `children`; what differs per kind lives in `methods`.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import type { OpDefinition } from '../actions/operation.js';
import type { Action } from './action.js';
import type { Cluster } from './cluster.js';
import type { Colocation, Location, TicketConstraint } from './constraints.js';
import { RscFlag } from './flags.js';
import type { Node, NodeScore, NodeTable } from './node.js';
import { Role } from './role.js';
import type { SchedulingMethods, StatusMethods } from './variant.js';

export type Variant = 'primitive' | 'group' | 'clone' | 'bundle';

export enum Recovery {
  StopStart = 0,
  StopOnly = 1,
  Block = 2,
  StopUnexpected = 3,
}

export class Resource {
  clone_name: string | null = null;
  origXml: XmlElement | null = null;
  opsXml: XmlElement | null = null;
  /** The <op> definitions of opsXml, read once (see opDefinitions). */
  opDefs: OpDefinition[] | null = null;
  parent: Resource | null = null;
  children: Resource[] = [];
  /** Status-side behaviour of this kind of resource. */
  fns!: StatusMethods;
  /** Scheduling behaviour of this kind of resource. */
  cmds!: SchedulingMethods;
  /** Per-variant data (group members' order, clone counts, bundle replicas). */
  variantData: unknown = null;

  flags = 0;
  recovery = Recovery.StopStart;
  restartTypeRestart = false;
  priority = 0;
  stickiness = 0;
  sortIndex = 0;
  failureTimeout = 0;
  migrationThreshold = 1000000;
  remoteReconnectMs = 0;
  pendingTask: string | null = null;
  pendingNode: Node | null = null;
  isRemoteNode = false;
  exclusiveDiscover = false;

  /** Colocations where this resource is the dependent ("this with"). */
  thisWith: Colocation[] = [];
  /** Colocations where this resource is the primary ("with this"). */
  withThis: Colocation[] = [];
  locations: Location[] = [];
  tickets: TicketConstraint[] = [];
  /** Actions in creation order (Pacemaker keeps them newest first). */
  actions: Action[] = [];
  /** Actions by key, for lookups by key and node. */
  actionsByKey = new Map<string, Action[]>();
  /** Actions by task (lower case), in creation order, for lookups by task. */
  actionsByTask = new Map<string, Action[]>();
  /** Action keys at interval 0 by task (see resourceActions). */
  taskKeys = new Map<string, { key: string; lower: string }>();

  allocatedTo: NodeScore | null = null;
  partialMigrationTarget: Node | null = null;
  partialMigrationSource: Node | null = null;
  runningOn: Node[] = [];
  knownOn = new Map<string, Node>();
  allowedNodes: NodeTable = new Map();

  role = Role.Stopped;
  nextRole = Role.Unknown;

  meta = new Map<string, string>();
  utilization = new Map<string, string>();
  danglingMigrations: Node[] = [];
  container: Resource | null = null;
  fillers: Resource[] = [];
  lockNode: Node | null = null;
  lockTime = 0;
  /** Instance parameters, evaluated per node name ("" for no node). */
  parameterCache = new Map<string, Map<string, string>>();

  constructor(
    readonly id: string,
    /** The configuration (expanded from its template, if any). */
    readonly xml: XmlElement,
    readonly variant: Variant,
    readonly cluster: Cluster,
  ) {}

  is(flag: number): boolean {
    return (this.flags & flag) !== 0;
  }

  set(flag: number): void {
    this.flags |= flag;
  }

  clear(flag: number): void {
    this.flags &= ~flag;
  }

  setRecursive(flag: number): void {
    this.set(flag);
    for (const c of this.children) c.setRecursive(flag);
  }

  clearRecursive(flag: number): void {
    this.clear(flag);
    for (const c of this.children) c.clearRecursive(flag);
  }

  /** The resource's agent class, provider and type, from its XML. */
  get standard(): string | undefined {
    return this.xml.attrs['class'];
  }
  get provider(): string | undefined {
    return this.xml.attrs['provider'];
  }
  get agentType(): string | undefined {
    return this.xml.attrs['type'];
  }

  /** The topmost ancestor below any bundle (uber_parent). */
  get top(): Resource {
    let r: Resource = this;
    while (r.parent && r.parent.variant !== 'bundle') r = r.parent;
    return r;
  }

  /** ID without a clone instance suffix where the resource is anonymous. */
  get printableId(): string {
    return this.is(RscFlag.Unique) ? this.id : (this.xml.attrs['id'] ?? this.id);
  }

  get isClone(): boolean {
    return this.variant === 'clone';
  }

  setNextRole(role: Role): void {
    this.nextRole = role;
  }
}

export function isClone(rsc: Resource | null | undefined): boolean {
  return rsc?.variant === 'clone';
}

/** A clone whose instances are interchangeable. */
export function isAnonClone(rsc: Resource | null | undefined): boolean {
  return isClone(rsc) && !rsc!.is(RscFlag.Unique);
}

export function isUniqueClone(rsc: Resource | null | undefined): boolean {
  return isClone(rsc) && rsc!.is(RscFlag.Unique);
}

/** A resource inside a bundle. */
export function isBundled(rsc: Resource): boolean {
  return rsc.top.parent !== null;
}

/**
 * pe__find_active_on: the node a resource is active on (a partial
 * migration's source; else, unless it needs fencing, a clean node; else the
 * first), with counts of all and of clean active nodes.
 */
export function findActiveOn(rsc: Resource, counting = false): { node: Node | null; all: number; clean: number } {
  let active: Node | null = null;
  let all = 0;
  let clean = 0;
  for (const node of rsc.runningOn) {
    let keepLooking = false;
    const happy = node.online && !node.unclean;
    all++;
    if (happy) clean++;
    if (counting) keepLooking = true;
    if (rsc.partialMigrationSource !== null) {
      if (node === rsc.partialMigrationSource) active = node;
      else keepLooking = true;
    } else if (!rsc.is(RscFlag.NeedsFencing)) {
      if (happy && (!active || !active.online || active.unclean)) active = node;
      else keepLooking = true;
    }
    if (active === null) active = node;
    if (!keepLooking) break;
  }
  return { node: active, all, clean };
}

/** The node a resource is active on (pe__current_node). */
export function currentNode(rsc: Resource): Node | null {
  return findActiveOn(rsc).node;
}

/** How many nodes a resource counts as active on, given what it requires (pe__find_active_requires). */
export function activeNodeCount(rsc: Resource): number {
  const r = findActiveOn(rsc, true);
  return rsc.is(RscFlag.NeedsFencing) ? r.all : r.clean;
}

/**
 * native_location: the nodes a resource (or its members) is assigned to
 * (when = 'assigned'), running on ('running'), or running or pending on
 * ('running-or-pending'); returns the node when there is exactly one.
 */
export function resourceLocation(rsc: Resource, when: 'assigned' | 'running' | 'running-or-pending', list?: Node[]): Node | null {
  const result: Node[] = [];
  if (rsc.children.length > 0) {
    for (const child of rsc.children) resourceLocation(child, when, result);
  } else if (when !== 'assigned') {
    result.push(...rsc.runningOn);
    if (when === 'running-or-pending' && rsc.pendingNode && !result.some((n) => n.id === rsc.pendingNode!.id)) {
      result.push(rsc.pendingNode);
    }
  } else if (rsc.allocatedTo) {
    result.push(rsc.allocatedTo.node);
  }
  if (list) {
    for (const n of result) if (!list.some((l) => l.id === n.id)) list.push(n);
  }
  return result.length === 1 ? result[0]! : null;
}
