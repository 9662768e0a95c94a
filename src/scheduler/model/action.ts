/**
 * A scheduled action: an operation on a resource on a node (start, stop,
 * monitor...), a pseudo-action that only orders others (a group's "running"),
 * or a cluster action (fencing, shutdown). Orderings link actions both ways.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import { ActionFlag } from './flags.js';
import type { Node } from './node.js';
import type { Resource } from './resource.js';
import { Role } from './role.js';

/** What an action needs before it may run (start and promote only). */
export enum Needs {
  Nothing = 0,
  Quorum = 1,
  Fencing = 2,
}

/** On-fail policies, with Pacemaker's numbering (severity comparisons use it). */
export enum OnFail {
  Ignore = 0,
  Recover = 1,
  Migrate = 2,
  Block = 3,
  Stop = 4,
  Standby = 5,
  Fence = 6,
  RestartContainer = 7,
  ResetRemote = 8,
  Demote = 9,
}

export enum LinkState {
  NotDumped = 0,
  Dumped = 1,
}

/** One side of an ordering between two actions. */
export interface ActionLink {
  type: number;
  state: LinkState;
  action: Action;
}

export class Action {
  id = 0;
  priority = 0;
  opEntry: XmlElement | null = null;
  cancelTask: string | null = null;
  reason: string | null = null;
  flags = 0;
  needs = Needs.Nothing;
  onFail = OnFail.Ignore;
  failRole = Role.Unknown;
  /** Meta-attributes (CRM_meta_* in the graph). */
  meta = new Map<string, string>();
  /** Operation instance attributes. */
  extra = new Map<string, string>();
  runnableBefore = 0;
  requiredRunnableBefore = 0;
  /** Orderings, oldest first (Pacemaker prepends: iterate backwards for its order). */
  before: ActionLink[] = [];
  after: ActionLink[] = [];
  /** `after` by the action it leads to, once it is long (see addOrdering). */
  afterByAction: Map<Action, ActionLink[]> | null = null;

  constructor(
    readonly rsc: Resource | null,
    public node: Node | null,
    public task: string,
    /** The action key, e.g. rsc1_monitor_10000. */
    readonly uuid: string,
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

  get optional(): boolean {
    return this.is(ActionFlag.Optional);
  }
  get runnable(): boolean {
    return this.is(ActionFlag.Runnable);
  }
  get pseudo(): boolean {
    return this.is(ActionFlag.Pseudo);
  }

  /** Sets the reason unless one is already set (or when overwriting). */
  setReason(reason: string | null, overwrite: boolean): void {
    if (this.reason !== null && !overwrite) return;
    this.reason = reason;
  }
}
