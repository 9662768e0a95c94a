/**
 * Nodes. `Node` holds what is known of a node (Pacemaker's shared node
 * details); `NodeScore` is one resource's view of a node: the node plus a
 * score, as found in a resource's allowed nodes or a constraint's node list.
 */
import type { Resource } from './resource.js';

export type NodeType = 'member' | 'remote' | 'ping';

/** How resource discovery (probing) treats a node, from rsc_location. */
export enum Discover {
  Always = 0,
  Never = 1,
  Exclusive = 2,
}

export class Node {
  online = false;
  standby = false;
  standbyOnFail = false;
  pending = false;
  unclean = false;
  /** No node_state entry seen yet. */
  unseen = false;
  shutdown = false;
  expectedUp = false;
  isDc = false;
  maintenance = false;
  remoteMaintenance = 0;
  rscDiscoveryEnabled = true;
  remoteRequiresReset = false;
  remoteWasFenced = 0;
  unpacked = false;
  /** Number of resources assigned here so far (placement tie-breaks). */
  numResources = 0;
  /** Sum of the priorities of resources active here (priority-fencing-delay). */
  priority = 0;
  runningRsc: Resource[] = [];
  allocatedRsc: Resource[] = [];
  /** The connection resource of a remote or guest node. */
  remoteRsc: Resource | null = null;
  attrs = new Map<string, string>();
  /** Capacity, from the node's utilization sets. */
  utilization = new Map<string, string>();
  /** Digests computed for resource operations here, by operation key. */
  digestCache = new Map<string, unknown>();
  /** This node's fail-count attributes, parsed on first use. */
  failureIndex: unknown = null;
  /** The node's own score in the cluster's node list (offline: -INFINITY). */
  weight: number;
  fixed = false;
  /** Whether resources may be probed here (bundle nodes: never). */
  discover = Discover.Always;

  constructor(
    readonly id: string,
    readonly uname: string,
    readonly type: NodeType,
    weight: number,
  ) {
    this.weight = weight;
  }

  get isRemote(): boolean {
    return this.type === 'remote';
  }

  /** A guest node: a remote node whose connection lives in a container resource. */
  get isGuest(): boolean {
    return this.type === 'remote' && this.remoteRsc?.container != null;
  }

  /** A Pacemaker Remote node proper (not a guest). */
  get isRemoteOnly(): boolean {
    return this.type === 'remote' && !(this.remoteRsc?.container != null);
  }

  attr(name: string): string | undefined {
    return this.attrs.get(name);
  }
}

/** The same node, by object or by id compared without case (as Pacemaker compares node ids). */
export function sameNodeId(a: Node, b: Node): boolean {
  return a === b || (a.id.length === b.id.length && a.id.toLowerCase() === b.id.toLowerCase());
}

/** One resource's (or constraint's) score for a node. */
export class NodeScore {
  weight: number;
  fixed: boolean;
  discover: Discover;
  /** Instances counted here (clones). */
  count = 0;

  constructor(
    readonly node: Node,
    weight: number,
    fixed = false,
    discover: Discover = Discover.Always,
  ) {
    this.weight = weight;
    this.fixed = fixed;
    this.discover = discover;
  }

  /** pe__copy_node: same node, same score and flags. */
  copy(): NodeScore {
    return new NodeScore(this.node, this.weight, this.fixed, this.discover);
  }

  static of(node: Node): NodeScore {
    return new NodeScore(node, node.weight, node.fixed, node.discover);
  }
}

/** Node scores by node id, in insertion order. */
export type NodeTable = Map<string, NodeScore>;

export function copyNodeTable(table: NodeTable): NodeTable {
  const out: NodeTable = new Map();
  for (const [id, n] of table) out.set(id, n.copy());
  return out;
}
