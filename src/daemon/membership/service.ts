/**
 * The membership layer in the daemon: the pure stack driven by a UDP
 * socket, timers and the clock, with its state kept on disk. Subsystems use
 * it through MembershipApi: views, quorum, and closed process groups.
 */
import type { RemoteInfo } from 'node:dgram';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log.js';
import type { ClusterConfig, NodeConfig } from './config/cluster-config.js';
import type { GroupChange } from './cpg/groups.js';
import type { Member, Message, RingId } from './core/types.js';
import type { QuorumResult } from './quorum/votequorum.js';
import { MembershipStack, type StackEvent } from './stack.js';
import { ringIdText, type DropReason, type MembershipReport, type NodeRef, type NodesReply, type QuorumReport } from './status/types.js';
import { UdpTransport, type Peer } from './udp/transport.js';
import { DropReport } from './wire/drop-report.js';
import { DATAGRAM_OVERHEAD, Envelope } from './wire/envelope.js';
import { nodeFs } from '../../cib/store/fs.js';
import { writeAtomic } from '../../cib/store/atomic-write.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { IpcError } from '../ipc/protocol.js';

export interface ViewInfo {
  ring: RingId;
  members: (Member & { name: string })[];
  joined: Member[];
  left: Member[];
  quorum: QuorumResult;
}

export interface GroupHandlers {
  onMessage?(sender: Member, data: Uint8Array): void;
  onChange?(change: GroupChange): void;
}

export interface GroupHandle {
  send(data: Uint8Array): void;
  leave(): void;
  members(): Member[];
}

/** What the daemon's subsystems see of membership. */
export interface MembershipApi {
  readonly local: NodeRef;
  view(): ViewInfo | null;
  joinGroup(name: string, handlers: GroupHandlers): GroupHandle;
  onView(listener: (view: ViewInfo) => void): () => void;
  onQuorum(listener: (quorum: QuorumResult) => void): () => void;
  /** crm_node --remove: a node that is down is to be forgotten (its CIB entries purged, ...). */
  onNodeRemoved(listener: (node: NodeRef) => void): () => void;
}

export interface ServiceOptions {
  config: ClusterConfig;
  local: NodeConfig;
  /** Resolved addresses of every node, this one included. */
  addresses: Map<number, string>;
  authkey: Buffer;
  stateFile: string;
  log: Logger;
  faultFile?: string;
}

interface SavedState {
  nodeId: number;
  maxSeq: number;
  incarnation: number;
}

const DROPS: DropReason[] = ['malformed', 'forged', 'replayed', 'stale', 'foreign', 'filtered'];
/** Hostile datagrams are logged at most once per this many ms and kind, with a count. */
const DROP_LOG_INTERVAL = 10000;

export class MembershipService implements MembershipApi {
  readonly local: NodeRef;
  private stack!: MembershipStack;
  private envelope!: Envelope;
  private transport!: UdpTransport;
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private flushQueued = false;
  private current: ViewInfo | null = null;
  private incarnation = 0;
  private readonly names = new Map<number, string>();
  private readonly removed = new Set<number>();
  private readonly viewListeners = new Set<(v: ViewInfo) => void>();
  private readonly quorumListeners = new Set<(q: QuorumResult) => void>();
  private readonly removedListeners = new Set<(n: NodeRef) => void>();
  private readonly groups = new Map<string, Set<GroupHandlers>>();
  private readonly counters = { received: 0, sent: 0, dropped: Object.fromEntries(DROPS.map((d) => [d, 0])) as Record<DropReason, number> };
  private readonly dropReport = new DropReport(DROP_LOG_INTERVAL);
  private dropTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly opts: ServiceOptions) {
    this.local = { id: opts.local.id, name: opts.local.name };
    for (const n of opts.config.nodes) this.names.set(n.id, n.name);
  }

  private now(): number {
    return performance.now();
  }

  async start(): Promise<void> {
    const { config, local } = this.opts;
    mkdirSync(dirname(this.opts.stateFile), { recursive: true });
    const saved = this.loadState();
    // Incarnations must grow across restarts, even if the state file is lost: the clock is the fallback.
    this.incarnation = Math.max(saved.incarnation + 1, Date.now());
    this.saveState(saved.maxSeq);
    this.envelope = new Envelope({
      authkey: this.opts.authkey,
      clusterName: config.clusterName,
      encrypt: config.totem.cryptoCipher === 'aes256',
      self: { id: local.id, inc: this.incarnation },
      nodes: config.nodes.map((n) => n.id),
    });
    const peers: Peer[] = config.nodes
      .filter((n) => n.id !== local.id)
      .map((n) => ({ id: n.id, addr: this.opts.addresses.get(n.id)!, port: config.totem.port }));
    this.transport = new UdpTransport({
      bind: { addr: this.opts.addresses.get(local.id)!, port: config.totem.port },
      peers,
      faultFile: this.opts.faultFile,
      onDatagram: (data, from) => this.onDatagram(data, from),
      onFiltered: () => this.counters.dropped.filtered++,
    });
    await this.transport.start();
    this.stack = new MembershipStack({ config, id: local.id, incarnation: this.incarnation, maxSeq: saved.maxSeq, now: this.now() });
    this.opts.log.log('notice', `node ${local.id} (${local.name}) listening on ${this.opts.addresses.get(local.id)}:${config.totem.port}, incarnation ${this.incarnation}`);
    this.stack.tick(this.now());
    this.pump();
  }

  /** Clean shutdown: peers drop this node at once. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.dropTimer) clearTimeout(this.dropTimer);
    this.stack.leave();
    this.pump();
    this.transport.close();
  }

  // ---- MembershipApi ----

  view(): ViewInfo | null {
    return this.current;
  }

  onView(listener: (view: ViewInfo) => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }

  onQuorum(listener: (quorum: QuorumResult) => void): () => void {
    this.quorumListeners.add(listener);
    return () => this.quorumListeners.delete(listener);
  }

  onNodeRemoved(listener: (node: NodeRef) => void): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  }

  joinGroup(name: string, handlers: GroupHandlers): GroupHandle {
    let subs = this.groups.get(name);
    if (!subs) {
      this.groups.set(name, (subs = new Set()));
      this.stack.joinGroup(this.now(), name);
      this.pump();
    }
    subs.add(handlers);
    return {
      send: (data) => {
        this.stack.sendToGroup(this.now(), name, data);
        this.pump();
      },
      leave: () => {
        subs.delete(handlers);
        if (subs.size === 0 && this.groups.get(name) === subs) {
          this.groups.delete(name);
          this.stack.leaveGroup(this.now(), name);
          this.pump();
        }
      },
      members: () => this.stack.groups.members(name),
    };
  }

  // ---- reports for the tools ----

  report(): MembershipReport {
    const node = this.stack.node;
    const now = this.now();
    const v = node.view;
    const { config, local } = this.opts;
    return {
      clusterName: config.clusterName,
      local: { id: local.id, name: local.name, addr: this.opts.addresses.get(local.id)!, port: config.totem.port, incarnation: this.incarnation },
      ring: v?.ring ?? null,
      state: node.phase === 'op' ? 'operational' : node.phase === 'coord' ? 'sync' : node.phase,
      members: (v?.members ?? []).map((m) => ({ id: m.id, name: this.names.get(m.id) ?? String(m.id), incarnation: m.inc })),
      links: config.nodes.map((n) => {
        const heard = node.lastHeard(n.id);
        return {
          id: n.id,
          name: n.name,
          addr: this.opts.addresses.get(n.id) ?? n.addr,
          status: n.id === local.id ? 'localhost' : node.reachable(n.id, now) ? 'connected' : 'disconnected',
          lastHeardMs: n.id === local.id || heard === null ? null : Math.round(now - heard),
        };
      }),
      counters: {
        received: this.counters.received,
        sent: this.counters.sent,
        retransmitted: node.stats.retransmitted + (v?.stream.retransmitted ?? 0),
        viewChanges: node.stats.viewChanges,
        delivered: node.stats.delivered,
        dropped: { ...this.counters.dropped },
      },
      timeouts: { token: node.timing.token, consensus: node.timing.consensus, join: node.timing.join, heartbeat: node.timing.heartbeat },
    };
  }

  quorumReport(): QuorumReport {
    const q = this.stack.quorum.last;
    const v = this.stack.node.view;
    const members = v ? v.members.map((m) => m.id) : [this.local.id];
    return {
      ...q,
      provider: this.stack.quorum.provider,
      nodeId: this.local.id,
      ring: v?.ring ?? null,
      members: members.map((id) => ({ id, name: this.names.get(id) ?? String(id), votes: this.opts.config.nodes.find((n) => n.id === id)?.votes ?? 1 })),
    };
  }

  nodes(): NodesReply {
    const members = new Set(this.stack.node.view?.members.map((m) => m.id) ?? []);
    return {
      local: this.local,
      quorate: this.stack.quorum.last.quorate,
      nodes: this.opts.config.nodes
        .filter((n) => !this.removed.has(n.id) || members.has(n.id))
        .map((n) => ({ id: n.id, name: n.name, state: members.has(n.id) ? ('member' as const) : ('lost' as const) })),
    };
  }

  /** Forgets a node that is down (crm_node --remove); refuses an active member. */
  removeNode(nameOrId: string): NodeRef {
    const node = this.opts.config.nodes.find((n) => n.name === nameOrId || String(n.id) === nameOrId);
    if (!node) throw new IpcError(ExitCode.NOSUCH, `No node named ${nameOrId} is known`);
    if (this.stack.node.view?.members.some((m) => m.id === node.id)) {
      throw new IpcError(ExitCode.UNSAFE, `Node ${node.name} is still an active member of the cluster`);
    }
    this.removed.add(node.id);
    this.opts.log.log('notice', `node ${node.id} (${node.name}) removed from the node cache`);
    const ref = { id: node.id, name: node.name };
    for (const l of this.removedListeners) l(ref);
    return ref;
  }

  // ---- the I/O loop ----

  private onDatagram(data: Buffer, from: RemoteInfo): void {
    if (this.stopped) return;
    this.counters.received++;
    const opened = this.envelope.open(data);
    if (!opened.ok) {
      this.counters.dropped[opened.reason]++;
      const line = this.dropReport.note(this.now(), opened.reason, `${from.address}:${from.port}`);
      if (line) this.opts.log.log('warning', line);
      this.armDropTimer();
      return;
    }
    for (const msg of opened.msgs) {
      if (this.stack.receive(this.now(), opened.from, opened.inc, msg) === 'stale') this.counters.dropped.stale++;
    }
    // acknowledge a whole batch of datagrams at once
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => {
        this.flushQueued = false;
        if (this.stopped) return;
        this.stack.flush(this.now());
        this.pump();
      });
    }
    this.pump();
  }

  private armDropTimer(): void {
    const due = this.dropReport.deadline();
    if (this.dropTimer || due === Infinity) return;
    this.dropTimer = setTimeout(() => {
      this.dropTimer = null;
      for (const line of this.dropReport.expire(this.now())) this.opts.log.log('warning', line);
      this.armDropTimer();
    }, Math.max(0, due - this.now()));
    this.dropTimer.unref();
  }

  private onTimer(): void {
    this.timer = null;
    this.armedFor = Infinity;
    if (this.stopped) return;
    this.stack.tick(this.now());
    this.stack.flush(this.now());
    this.pump();
  }

  /**
   * Acts on the stack's outputs: state reaches the disk first, then messages
   * go out, bundled per set of destinations; then the timer is armed for
   * the stack's next deadline.
   */
  private pump(): void {
    const batches = new Map<string, { to: number[]; msgs: Message[] }>();
    for (const o of this.stack.takeWire()) {
      if (o.kind === 'persist') this.saveState(o.maxSeq);
      else if (o.kind === 'send') {
        const key = o.to.join(',');
        let b = batches.get(key);
        if (!b) batches.set(key, (b = { to: o.to, msgs: [] }));
        b.msgs.push(o.msg);
      }
    }
    for (const { to, msgs } of batches.values()) {
      for (const data of this.envelope.pack(msgs, this.opts.config.totem.netmtu - DATAGRAM_OVERHEAD)) this.counters.sent += this.transport.send(to, data);
    }
    for (const e of this.stack.takeEvents()) this.onEvent(e);
    if (this.stopped) return;
    // keep the armed timer unless the stack now needs an earlier one (an early tick is harmless)
    const due = this.stack.deadline();
    if (this.timer && due >= this.armedFor) return;
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = due;
    this.timer = setTimeout(() => this.onTimer(), Math.max(0, Math.min(due - this.now(), 1000)));
  }

  private onEvent(e: StackEvent): void {
    const log = this.opts.log;
    if (e.kind === 'view') {
      const v = e.view;
      const wasQuorate = this.current?.quorum.quorate;
      this.current = {
        ring: v.ring,
        members: v.members.map((m) => ({ ...m, name: this.names.get(m.id) ?? String(m.id) })),
        joined: v.joined,
        left: v.left,
        quorum: e.quorum,
      };
      log.log('notice', `view ${ringIdText(v.ring)}: members ${v.members.map((m) => m.id).join(' ')}` +
        (v.joined.length ? `; joined ${v.joined.map((m) => m.id).join(' ')}` : '') + (v.left.length ? `; left ${v.left.map((m) => m.id).join(' ')}` : ''));
      if (wasQuorate !== e.quorum.quorate) log.log('notice', e.quorum.quorate ? 'quorum acquired' : 'quorum lost');
      for (const l of this.viewListeners) l(this.current);
      for (const l of this.quorumListeners) l(e.quorum);
    } else if (e.kind === 'quorum') {
      if (this.current) this.current = { ...this.current, quorum: e.quorum };
      log.log('notice', `expected votes lowered to ${e.quorum.expectedVotes} (last man standing)`);
      for (const l of this.quorumListeners) l(e.quorum);
    } else if (e.kind === 'group') {
      const ev = e.event;
      const group = ev.kind === 'message' ? ev.group : ev.change.group;
      for (const h of this.groups.get(group) ?? []) {
        if (ev.kind === 'message') h.onMessage?.(ev.sender, ev.payload);
        else h.onChange?.(ev.change);
      }
    }
  }

  private loadState(): SavedState {
    try {
      const s = JSON.parse(readFileSync(this.opts.stateFile, 'utf8')) as SavedState;
      if (s.nodeId === this.opts.local.id && Number.isSafeInteger(s.maxSeq) && Number.isSafeInteger(s.incarnation)) return s;
    } catch {
      // first start, or a damaged file: start from nothing (the incarnation falls back on the clock)
    }
    return { nodeId: this.opts.local.id, maxSeq: 0, incarnation: 0 };
  }

  private saveState(maxSeq: number): void {
    const s: SavedState = { nodeId: this.opts.local.id, maxSeq, incarnation: this.incarnation };
    writeAtomic(nodeFs, this.opts.stateFile, Buffer.from(JSON.stringify(s) + '\n'), { mode: 0o600 });
  }
}
