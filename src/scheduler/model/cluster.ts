/**
 * The cluster as one scheduler run sees it (Pacemaker's working set): the
 * input CIB, "now", options, nodes, resources, constraints, and everything
 * the stages add (actions, orderings, the graph). One object per run; stages
 * fill it in order.
 */
import { XmlElement } from '../../cib/xml/node.js';
import { IdIndex } from '../rules/id-index.js';
import { HistoryIndex } from '../unpack/history-index.js';
import { compareVersions, type RuleContext } from '../rules/evaluate.js';
import type { CrmTime } from '../util/iso8601.js';
import type { HealthColours } from '../util/score.js';
import type { Action } from './action.js';
import type { Colocation, Location, Ordering, Tag, Ticket, TicketConstraint } from './constraints.js';
import type { Node } from './node.js';
import type { Resource } from './resource.js';

export enum NoQuorumPolicy {
  Freeze = 0,
  Stop = 1,
  Ignore = 2,
  Suicide = 3,
  Demote = 4,
}

/** A history entry whose parameters must be checked once resources are placed. */
export interface ParamCheck {
  rsc: Resource;
  node: Node;
  op: XmlElement;
  kind: 'active' | 'last-failure';
}

/** Something the scheduler reports: configuration problems and notices. */
export interface Message {
  level: 'error' | 'warning' | 'notice' | 'info';
  text: string;
  /** Pacemaker's function that reports it (crm_verify -V shows it). */
  fn?: string;
}

export class Cluster {
  dcUuid: string | undefined;
  dcNode: Node | null = null;
  stonithAction = 'reboot';
  placementStrategy = 'default';

  haveQuorum = false;
  symmetric = true;
  maintenanceMode = false;
  stonithEnabled = true;
  haveStonithResource = false;
  enableUnfencing = false;
  concurrentFencing = false;
  stopRscOrphans = true;
  stopActionOrphans = true;
  stopEverything = false;
  startFailureFatal = true;
  removeAfterStop = false;
  startupFencing = true;
  shutdownLockEnabled = false;
  startupProbes = true;
  haveRemoteNodes = false;
  sanitized = false;
  showScores = false;
  showUtilization = false;

  stonithTimeout = 60000;
  noQuorumPolicy = NoQuorumPolicy.Stop;
  /** Cluster options after rules, without defaults. */
  config = new Map<string, string>();
  tickets = new Map<string, Ticket>();
  /** Node-independent actions by key (fencing, shutdown, pseudo-actions). */
  singletons = new Map<string, Action>();
  /** Actions without a resource, by lower-cased key. */
  nodelessActionsByKey = new Map<string, Action[]>();

  /** Nodes sorted by name (numbers compare numerically). */
  nodes: Node[] = [];
  private nodesByName = new Map<string, Node>();
  private nodesByIdLower = new Map<string, Node>();
  resources: Resource[] = [];
  /** Every resource (members too) by id. */
  resourceIndex = new Map<string, Resource>();
  /** Names histories gave resources (clone_name), which lookups must also match. */
  historyNames = new Set<string>();
  locations: Location[] = [];
  orderings: Ordering[] = [];
  colocations: Colocation[] = [];
  ticketConstraints: TicketConstraint[] = [];

  /** Actions in creation order. */
  actions: Action[] = [];
  /** Failed operations, for "Failed Resource Actions". */
  failed = new XmlElement('failed-ops');
  /** The operation keys in `failed` by node name, all in lower case (see recordFailedOp). */
  failedKeys = new Map<string, Set<string | undefined>>();
  opDefaults: XmlElement | null = null;
  rscDefaults: XmlElement | null = null;

  numSynapse = 0;
  orderId = 1;
  actionId = 1;

  templateRscSets = new Map<string, Tag | null>();
  tags = new Map<string, Tag>();

  blockedResources = 0;
  disabledResources = 0;
  ninstances = 0;

  paramChecks: ParamCheck[] = [];
  stopNeeded: Resource[] = [];
  recheckBy = 0;
  shutdownLockSeconds = 0;
  priorityFencingDelay = 0;

  /** Scores of node health colours (from the node-health options). */
  healthColours: HealthColours = { red: 0, yellow: 0, green: 0 };
  readonly ids: IdIndex;
  /** Fail counts were named without their operation before feature set 3.0.13. */
  readonly legacyFailcounts: boolean;
  /** The status section's histories by node and resource. */
  readonly history: HistoryIndex;

  messages: Message[] = [];
  /** Lines of allocation scores and utilization, when asked for, in the order produced. */
  scoreLines: string[] = [];
  /** Notices printed by crm_simulate's scheduling run. */
  infoLines: string[] = [];

  constructor(
    readonly input: XmlElement,
    readonly now: CrmTime,
    /** The local zone's offset from UTC, for times written without one. */
    readonly localOffset: number,
  ) {
    this.ids = new IdIndex(input);
    this.legacyFailcounts = compareVersions(input.attrs['crm_feature_set'], '3.0.13') < 0;
    this.history = new HistoryIndex(input.firstElement('status'));
  }

  /** A context for evaluating rules at this run's "now". */
  ruleContext(extra: Partial<RuleContext> = {}): RuleContext {
    return { now: this.now, localOffset: this.localOffset, ids: this.ids, ...extra };
  }

  get nowEpoch(): number {
    return this.now.epochSeconds();
  }

  /** Asks for a scheduler rerun by this time, if earlier than any other (pe__update_recheck_time). */
  noteRecheck(t: CrmTime | number): void {
    const e = typeof t === 'number' ? t : t.epochSeconds();
    if (e > this.nowEpoch && (this.recheckBy === 0 || this.recheckBy > e)) this.recheckBy = e;
  }

  configError(text: string, fn?: string): void {
    this.messages.push({ level: 'error', text, fn });
  }

  configWarning(text: string, fn?: string): void {
    this.messages.push({ level: 'warning', text, fn });
  }

  /** Adds a node, keeping the list in node-name order. */
  addNode(node: Node, compare: (a: Node, b: Node) => number): void {
    let i = this.nodes.length;
    while (i > 0 && compare(this.nodes[i - 1]!, node) > 0) i--;
    this.nodes.splice(i, 0, node);
    const name = node.uname.toLowerCase();
    if (!this.nodesByName.has(name)) this.nodesByName.set(name, node);
    const id = node.id.toLowerCase();
    if (!this.nodesByIdLower.has(id)) this.nodesByIdLower.set(id, node);
  }

  /** pe_find_node: by name, ignoring case. */
  findNode(uname: string | undefined | null): Node | undefined {
    if (uname === undefined || uname === null) return undefined;
    return this.nodesByName.get(uname.toLowerCase());
  }

  /** pe_find_node_id: by id, ignoring case. */
  findNodeById(id: string | undefined | null): Node | undefined {
    if (id === undefined || id === null) return undefined;
    return this.nodesByIdLower.get(id.toLowerCase());
  }

  /** pe_find_node_any: by id, else by name. */
  findNodeAny(id: string | undefined, uname: string | undefined): Node | undefined {
    return this.findNodeById(id) ?? this.findNode(uname);
  }
}
