/**
 * The whole membership layer of one node, still pure: the protocol core,
 * quorum and process groups on top of its ordered stream. Ordered payloads
 * start with a channel byte that says which layer they are for.
 */
import type { ClusterConfig } from './config/cluster-config.js';
import { ProcessGroups, type GroupEvent } from './cpg/groups.js';
import { MembershipNode, type Ignored } from './core/node.js';
import { timingFor, type Timing } from './core/timing.js';
import type { Delivery, Member, Message, Output, View } from './core/types.js';
import { Votequorum, type QuorumResult, type QuorumState } from './quorum/votequorum.js';

const CHANNEL_QUORUM = 0;
const CHANNEL_GROUPS = 1;
/** Payloads delivered as they are: test and benchmark traffic. */
const CHANNEL_RAW = 2;

export type StackEvent =
  | { kind: 'view'; view: View; quorum: QuorumResult }
  | { kind: 'quorum'; quorum: QuorumResult }
  | { kind: 'group'; event: GroupEvent }
  | { kind: 'raw'; delivery: Delivery };

/** What a member announces when a view forms. */
interface SyncState {
  q: QuorumState;
  g: string[];
}

export interface StackOptions {
  config: ClusterConfig;
  id: number;
  incarnation: number;
  maxSeq: number;
  now: number;
  timing?: Timing;
}

function withChannel(channel: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 1);
  out[0] = channel;
  out.set(payload, 1);
  return out;
}

/** A member's announced state as received: parts not shaped as expected count as not announced. */
function syncStateOf(raw: unknown): Partial<SyncState> {
  if (!raw || typeof raw !== 'object') return {};
  const { q, g } = raw as Partial<SyncState>;
  const groups = Array.isArray(g) && g.every((x) => typeof x === 'string') ? g : undefined;
  const quorum =
    q && typeof q === 'object' && Number.isInteger(q.votes) && Number.isInteger(q.expected) && typeof q.quorate === 'boolean' && typeof q.waiting === 'boolean'
      ? q
      : undefined;
  return { q: quorum, g: groups };
}

export class MembershipStack {
  readonly node: MembershipNode;
  readonly quorum: Votequorum;
  readonly groups: ProcessGroups;
  private events: StackEvent[] = [];
  private wire: Output[] = [];

  constructor(opts: StackOptions) {
    const ids = opts.config.nodes.map((n) => n.id);
    this.quorum = new Votequorum(opts.config.quorum, opts.config.nodes, opts.id);
    this.groups = new ProcessGroups({ id: opts.id, inc: opts.incarnation });
    this.node = new MembershipNode({
      id: opts.id,
      nodes: ids,
      incarnation: opts.incarnation,
      maxSeq: opts.maxSeq,
      timing: opts.timing ?? timingFor(opts.config.totem, ids.length),
      now: opts.now,
      syncState: (flush) => this.syncState(flush),
    });
  }

  receive(now: number, from: number, inc: number, msg: Message): Ignored {
    const r = this.node.receive(now, from, inc, msg);
    this.process(now);
    return r;
  }

  tick(now: number): void {
    this.node.tick(now);
    const lowered = this.quorum.lowerDue(now);
    if (lowered !== null) this.node.send(now, withChannel(CHANNEL_QUORUM, Uint8Array.of(lowered >> 8, lowered & 0xff)));
    this.process(now);
  }

  flush(now: number): void {
    this.node.flush(now);
    this.process(now);
  }

  sendRaw(now: number, payload: Uint8Array): void {
    this.node.send(now, withChannel(CHANNEL_RAW, payload));
    this.process(now);
  }

  joinGroup(now: number, group: string): void {
    this.node.send(now, withChannel(CHANNEL_GROUPS, this.groups.joinPayload(group)));
    this.process(now);
  }

  leaveGroup(now: number, group: string): void {
    this.node.send(now, withChannel(CHANNEL_GROUPS, this.groups.leavePayload(group)));
    this.process(now);
  }

  sendToGroup(now: number, group: string, data: Uint8Array): void {
    this.node.send(now, withChannel(CHANNEL_GROUPS, this.groups.messagePayload(group, data)));
    this.process(now);
  }

  leave(): void {
    this.node.leave();
    this.process(0);
  }

  deadline(): number {
    return Math.min(this.node.deadline(), this.quorum.lowerDeadline());
  }

  /** Datagrams to send and state to persist, in order. */
  takeWire(): Output[] {
    const out = this.wire;
    this.wire = [];
    return out;
  }

  takeEvents(): StackEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  private syncState(flush: readonly Delivery[]): SyncState {
    const lowered: number[] = [];
    const group: { sender: Member; payload: Uint8Array }[] = [];
    for (const d of flush) {
      if (d.payload[0] === CHANNEL_QUORUM && d.payload.length === 3) lowered.push((d.payload[1]! << 8) | d.payload[2]!);
      if (d.payload[0] === CHANNEL_GROUPS) group.push({ sender: { id: d.sender, inc: d.inc }, payload: d.payload.subarray(1) });
    }
    return { q: this.quorum.syncState(lowered), g: this.groups.syncState(group) };
  }

  private process(now: number): void {
    for (const o of this.node.takeOutputs()) {
      if (o.kind === 'send' || o.kind === 'persist') {
        this.wire.push(o);
        continue;
      }
      if (o.kind === 'view') {
        const v = o.view;
        const states = v.states.map(syncStateOf);
        const quorum = this.quorum.onView(
          v.ring,
          v.members.map((m) => m.id),
          states.map((s) => s.q),
          now,
        );
        this.events.push({ kind: 'view', view: v, quorum });
        for (const e of this.groups.onView(v.members, states.map((s) => s.g))) this.events.push({ kind: 'group', event: e });
        continue;
      }
      const d = o.delivery;
      const channel = d.payload[0];
      if (channel === CHANNEL_RAW) this.events.push({ kind: 'raw', delivery: { ...d, payload: d.payload.subarray(1) } });
      else if (channel === CHANNEL_GROUPS) {
        for (const e of this.groups.onDelivery({ id: d.sender, inc: d.inc }, d.payload.subarray(1))) this.events.push({ kind: 'group', event: e });
      } else if (channel === CHANNEL_QUORUM && d.payload.length === 3) {
        this.events.push({ kind: 'quorum', quorum: this.quorum.onLowered((d.payload[1]! << 8) | d.payload[2]!) });
      }
    }
  }
}
