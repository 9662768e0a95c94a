/**
 * The membership protocol of one node, as a pure state machine: inputs are
 * messages from peers, timer ticks and local sends, each with "now"; outputs
 * are datagrams to send, ordered deliveries, views and state to persist.
 * No clocks, sockets or randomness inside. See docs/membership.md for the
 * protocol and why its invariants hold.
 */
import { Stream } from './stream.js';
import type { Timing } from './timing.js';
import {
  ringCompare,
  ringEq,
  ringMax,
  type AcceptMsg,
  type CommitMsg,
  type DataMsg,
  type Delivery,
  type Member,
  type Message,
  type OldViewReport,
  type Output,
  type Phase,
  type ProposeMsg,
  type RejectMsg,
  type RingId,
  type StatusMsg,
  type SyncMsg,
  type View,
} from './types.js';

export interface NodeOptions {
  id: number;
  /** Every node id of the nodelist, this one included. */
  nodes: readonly number[];
  /** Larger than the incarnation of any earlier run of this node. */
  incarnation: number;
  /** The highest ring sequence this node had seen when it last ran (from stable storage). */
  maxSeq: number;
  timing: Timing;
  now: number;
  /**
   * The state the layers above will be in once the given flush deliveries are
   * applied; announced to the new view's members, which all see the same states.
   */
  syncState?: (flush: readonly Delivery[]) => unknown;
}

/** Why a message was not processed (counted by the driver). */
export type Ignored = 'stale' | 'foreign' | undefined;

interface Installed {
  ring: RingId;
  members: Member[];
  /** The other members' ids. */
  peers: number[];
  stream: Stream;
}

/** A round this node takes part in as a member: it accepted the proposal and waits for sync and commit. */
interface MemberRound {
  ring: RingId;
  coord: number;
  members: Member[];
  since: number;
  sync: SyncMsg | null;
  synced: boolean;
  state: unknown;
}

/** A round this node leads. */
interface CoordRound {
  ring: RingId;
  members: Member[];
  accepts: Map<number, AcceptMsg>;
  synced: Map<number, unknown>;
  stage: 'accept' | 'sync';
  since: number;
  resendAt: number;
}

/** Data that arrives for a proposal we accepted before we install it. */
const EARLY_LIMIT = 4096;

export class MembershipNode {
  readonly id: number;
  readonly incarnation: number;
  readonly timing: Timing;
  phase: Phase = 'gather';
  view: Installed | null = null;
  maxSeq: number;
  /** Counters for the status tools. */
  readonly stats = { viewChanges: 0, delivered: 0, retransmitted: 0 };

  private readonly others: number[];
  private readonly known: Set<number>;
  private promised: RingId | null;
  private heard = new Map<number, { inc: number; at: number }>();
  private peers = new Map<number, StatusMsg>();
  private departed = new Set<string>();
  private excluded = new Map<number, number>();
  private gatherSince: number;
  private round: MemberRound | null = null;
  private lead: CoordRound | null = null;
  private nextHeartbeat: number;
  private lastTick: number;
  private clock = 0;
  private queue: Uint8Array[][] = [];
  private sending: { frags: Uint8Array[]; next: number } | null = null;
  private early: DataMsg[] = [];
  /** The commit of the view this node formed, resent to members that did not get it. */
  private commitSent: { msg: CommitMsg; resendAt: number } | null = null;
  private outbox: Output[] = [];
  private readonly syncState: (flush: readonly Delivery[]) => unknown;

  constructor(opts: NodeOptions) {
    this.id = opts.id;
    this.incarnation = opts.incarnation;
    this.timing = opts.timing;
    this.maxSeq = opts.maxSeq;
    this.known = new Set(opts.nodes);
    this.others = opts.nodes.filter((n) => n !== opts.id).sort((a, b) => a - b);
    // Never accept a ring at or below one seen before a restart.
    this.promised = opts.maxSeq > 0 ? { seq: opts.maxSeq, rep: 0xffffffff } : null;
    this.gatherSince = opts.now;
    this.nextHeartbeat = opts.now;
    this.lastTick = opts.now;
    this.syncState = opts.syncState ?? (() => null);
  }

  // ---- inputs ----

  receive(now: number, from: number, inc: number, msg: Message): Ignored {
    if (from === this.id || !this.known.has(from)) return 'foreign';
    const h = this.heard.get(from);
    if (h && inc < h.inc) return 'stale';
    if (this.departed.has(`${from}:${inc}`)) return 'stale';
    if (!h || inc > h.inc) {
      this.heard.set(from, { inc, at: now });
      this.peers.delete(from);
    } else h.at = now;
    switch (msg.t) {
      case 'status':
        this.onStatus(now, from, msg);
        break;
      case 'data':
        this.onData(now, msg);
        break;
      case 'nak': {
        const s = this.streamFor(msg.ring);
        if (s) for (const m of s.answerNak(msg)) this.emit([from], m);
        break;
      }
      case 'propose':
        this.onPropose(now, from, msg);
        break;
      case 'accept':
        this.onAccept(from, inc, msg);
        break;
      case 'reject':
        this.onReject(now, from, msg);
        break;
      case 'sync':
        this.onSync(now, from, msg);
        break;
      case 'synced':
        if (this.lead?.stage === 'sync' && ringEq(this.lead.ring, msg.ring) && this.isMemberOf(this.lead.members, from, inc)) {
          this.lead.synced.set(from, msg.state);
        }
        break;
      case 'commit':
        this.onCommit(now, from, msg);
        break;
      case 'leave':
        this.departed.add(`${from}:${inc}`);
        this.heard.set(from, { inc, at: -Infinity });
        break;
    }
    this.step(now);
    return undefined;
  }

  tick(now: number): void {
    // A pause of the whole process (SIGSTOP, a long GC) is not silence of the peers.
    const gap = now - this.lastTick;
    if (gap > this.timing.token / 2) for (const h of this.heard.values()) h.at += gap;
    this.lastTick = now;
    if (now >= this.nextHeartbeat) {
      this.sendStatus(this.others);
      this.nextHeartbeat = now + this.timing.heartbeat;
    }
    this.step(now);
  }

  /** Queue an application message for ordered delivery to the members of the view. */
  send(now: number, payload: Uint8Array): void {
    const size = this.timing.fragment;
    const frags: Uint8Array[] = [];
    for (let i = 0; i < payload.length; i += size) frags.push(payload.subarray(i, i + size));
    if (frags.length === 0) frags.push(payload);
    this.queue.push(frags);
    this.pump(now);
  }

  /** Send what is owed now: acknowledgements collected over the last batch of inputs. */
  flush(now: number): void {
    const s = this.view?.stream;
    if (s && s.ackDue <= now) this.sendStatus(this.view!.peers);
  }

  /** Clean shutdown: tell everyone, so they need not wait for the token timeout. */
  leave(): void {
    this.phase = 'leaving';
    this.emit(this.others, { t: 'leave' });
  }

  takeOutputs(): Output[] {
    const out = this.outbox;
    this.outbox = [];
    return out;
  }

  /** The next time tick() has work to do. */
  deadline(): number {
    let d = this.nextHeartbeat;
    const s = this.view?.stream;
    if (s) d = Math.min(d, s.deadline());
    if (this.phase === 'op' && this.view) {
      if (this.commitSent) d = Math.min(d, this.commitSent.resendAt);
      for (const m of this.view.members) {
        const h = this.heard.get(m.id);
        if (m.id !== this.id && h) d = Math.min(d, h.at + this.timing.token);
      }
    } else if (this.phase !== 'leaving') d = Math.min(d, this.lastTick + this.timing.retransmit);
    return d;
  }

  // ---- queries ----

  reachable(id: number, now: number): boolean {
    if (id === this.id) return true;
    const h = this.heard.get(id);
    return !!h && now - h.at < this.timing.token;
  }

  lastHeard(id: number): number | null {
    const h = this.heard.get(id);
    return h && h.at > -Infinity ? h.at : null;
  }

  pending(): number {
    return this.queue.length + (this.sending ? 1 : 0);
  }

  // ---- the protocol ----

  private step(now: number): void {
    switch (this.phase) {
      case 'op':
        if (this.needChange(now)) this.enterGather(now);
        else this.resendCommit(now);
        break;
      case 'gather':
        this.gatherStep(now);
        break;
      case 'sync':
        this.memberStep(now);
        break;
      case 'coord':
        this.coordStep(now);
        break;
      case 'leaving':
        return;
    }
    this.streamTimers(now);
    this.pump(now);
  }

  private needChange(now: number): boolean {
    const view = this.view!;
    for (const m of view.members) {
      if (m.id === this.id) continue;
      const h = this.heard.get(m.id);
      if (!h || h.inc !== m.inc || now - h.at >= this.timing.token) return true;
      const ps = this.peers.get(m.id);
      if (!ps) continue;
      if (ringCompare(ringMax(ps.ring, ps.promised), view.ring) < 0) continue; // from before our view
      if (ps.phase === 'leaving') return true;
      if (ps.phase === 'op') {
        if (!ringEq(ps.ring, view.ring)) return true;
      } else if (!(ps.phase !== 'gather' && ringEq(ps.promised, view.ring) && ringCompare(ps.ring, view.ring) < 0)) {
        return true; // it is gathering or installing another view
      }
    }
    if (view.members.length === this.others.length + 1) return false;
    for (const id of this.others) {
      if (this.reachable(id, now) && !this.excludedAt(id, now) && !view.members.some((m) => m.id === id)) return true;
    }
    return false;
  }

  private enterGather(now: number): void {
    const s = this.view?.stream;
    if (s && !s.frozen) {
      s.frozen = true;
      this.requeuePartial();
    }
    this.phase = 'gather';
    this.gatherSince = now;
    this.round = null;
    this.lead = null;
    this.sendStatus(this.others);
  }

  private excludedAt(id: number, now: number): boolean {
    const until = this.excluded.get(id);
    if (until === undefined) return false;
    if (until > now) return true;
    this.excluded.delete(id);
    return false;
  }

  private exclude(id: number, now: number): void {
    this.excluded.set(id, now + 2 * this.timing.consensus);
  }

  private candidates(now: number): number[] {
    const c = [this.id];
    for (const id of this.others) if (this.reachable(id, now) && !this.excludedAt(id, now)) c.push(id);
    return c.sort((a, b) => a - b);
  }

  private gatherStep(now: number): void {
    const cands = this.candidates(now);
    const leader = cands[0]!;
    if (leader === this.id) {
      // At start-up, wait for a few heartbeats so that nodes starting together form one view.
      const settle = this.view ? this.timing.join : Math.max(this.timing.join, 2 * this.timing.heartbeat);
      if (now - this.gatherSince >= settle) this.propose(now, cands);
    } else if (now - this.gatherSince >= this.timing.consensus) {
      // The node that should lead did not include us: look past it.
      this.exclude(leader, now);
      this.gatherSince = now;
    }
  }

  private propose(now: number, ids: number[]): void {
    let seq = Math.max(this.maxSeq, this.view?.ring.seq ?? 0, this.promised?.seq ?? 0);
    for (const id of ids) seq = Math.max(seq, this.peers.get(id)?.maxSeq ?? 0);
    const ring: RingId = { seq: seq + 1, rep: this.id };
    this.maxSeq = ring.seq;
    this.outbox.push({ kind: 'persist', maxSeq: this.maxSeq });
    const members = ids.map((id) => ({ id, inc: id === this.id ? this.incarnation : this.heard.get(id)!.inc }));
    this.promised = ring;
    this.phase = 'coord';
    this.round = null;
    this.lead = { ring, members, accepts: new Map(), synced: new Map(), stage: 'accept', since: now, resendAt: now + this.timing.retransmit };
    this.lead.accepts.set(this.id, { t: 'accept', ring, old: this.report() });
    this.emit(this.others.filter((id) => ids.includes(id)), { t: 'propose', ring, members });
  }

  private report(): OldViewReport | null {
    const v = this.view;
    return v ? { ring: v.ring, members: v.members.map((m) => m.id), contig: v.stream.holdings() } : null;
  }

  private onPropose(now: number, from: number, msg: ProposeMsg): void {
    if (this.phase === 'leaving') return;
    const ids = msg.members.map((m) => m.id);
    // not a proposal a correct node makes: unknown or unsorted members, or without its coordinator
    if (ids.some((id, i) => !this.known.has(id) || (i > 0 && id <= ids[i - 1]!)) || !ids.includes(from)) return;
    if (!this.isMemberOf(msg.members, this.id, this.incarnation)) {
      this.reject(from, msg.ring, 'member');
      return;
    }
    const top = ringMax(this.promised, this.view?.ring ?? null);
    if (top && ringCompare(msg.ring, top) <= 0) {
      if (this.phase === 'sync' && this.round && ringEq(this.round.ring, msg.ring)) {
        this.emit([from], { t: 'accept', ring: msg.ring, old: this.report() }); // our accept was lost
      } else if (!ringEq(msg.ring, top)) this.reject(from, msg.ring, 'stale');
      return;
    }
    // A lower-numbered node we can hear should lead; do not let a higher one leave it out.
    if (this.candidates(now).some((id) => id < from && !msg.members.some((m) => m.id === id))) {
      this.reject(from, msg.ring, 'coordinator');
      return;
    }
    if (this.phase === 'op') this.enterGather(now);
    this.phase = 'sync';
    this.promised = msg.ring;
    this.maxSeq = Math.max(this.maxSeq, msg.ring.seq);
    this.lead = null;
    this.round = { ring: msg.ring, coord: from, members: msg.members, since: now, sync: null, synced: false, state: null };
    this.early = [];
    this.emit([from], { t: 'accept', ring: msg.ring, old: this.report() });
  }

  private reject(to: number, ring: RingId, reason: RejectMsg['reason']): void {
    const top = ringMax(this.promised, this.view?.ring ?? null);
    this.emit([to], { t: 'reject', ring, maxSeq: Math.max(this.maxSeq, top?.seq ?? 0), reason });
  }

  private onAccept(from: number, inc: number, msg: AcceptMsg): void {
    const lead = this.lead;
    if (!lead || !ringEq(lead.ring, msg.ring) || !this.isMemberOf(lead.members, from, inc)) return;
    if (lead.stage === 'accept') lead.accepts.set(from, msg);
    else if (!lead.synced.has(from)) this.emit([from], this.syncMsg(lead)); // it missed the sync
  }

  private onReject(now: number, from: number, msg: RejectMsg): void {
    const lead = this.lead;
    if (!lead || !ringEq(lead.ring, msg.ring)) return;
    this.maxSeq = Math.max(this.maxSeq, msg.maxSeq);
    if (msg.reason === 'stale') this.propose(now, lead.members.map((m) => m.id));
    else {
      this.exclude(from, now);
      this.propose(now, lead.members.map((m) => m.id).filter((id) => id !== from));
    }
  }

  private coordStep(now: number): void {
    const lead = this.lead!;
    const ids = lead.members.map((m) => m.id);
    // Members that died or restarted: start over without them.
    const lost = lead.members.filter((m) => m.id !== this.id && (!this.reachable(m.id, now) || this.heard.get(m.id)!.inc !== m.inc));
    if (lost.length) {
      this.propose(now, this.candidates(now).filter((id) => ids.includes(id) && !lost.some((m) => m.id === id)));
      return;
    }
    if (lead.stage === 'accept') {
      const cands = this.candidates(now);
      if (cands[0]! !== this.id) {
        this.enterGather(now); // a lower-numbered node appeared: let it lead
        return;
      }
      if (cands.some((id) => !ids.includes(id))) {
        this.propose(now, cands); // more nodes showed up: include them
        return;
      }
      if (lead.accepts.size === lead.members.length) {
        lead.stage = 'sync';
        lead.since = now;
        lead.resendAt = now + this.timing.retransmit;
        const sync = this.syncMsg(lead);
        this.emit(ids.filter((id) => id !== this.id), sync);
        this.startSync(now, sync, lead.members);
      } else if (now - lead.since >= this.timing.consensus) {
        const silent = ids.filter((id) => !lead.accepts.has(id));
        for (const id of silent) this.exclude(id, now);
        this.propose(now, ids.filter((id) => lead.accepts.has(id)));
      } else if (now >= lead.resendAt) {
        lead.resendAt = now + this.timing.retransmit;
        this.emit(ids.filter((id) => !lead.accepts.has(id)), { t: 'propose', ring: lead.ring, members: lead.members });
      }
      return;
    }
    // sync stage: this node is also a member of its own round
    this.memberProgress();
    if (lead.synced.size === lead.members.length) {
      this.commit(now, lead);
    } else if (now - lead.since >= 4 * this.timing.consensus) {
      for (const id of ids) if (!lead.synced.has(id)) this.exclude(id, now);
      this.propose(now, ids.filter((id) => lead.synced.has(id)));
    } else if (now >= lead.resendAt) {
      lead.resendAt = now + this.timing.retransmit;
      this.emit(ids.filter((id) => !lead.synced.has(id)), this.syncMsg(lead));
    }
  }

  private syncMsg(lead: CoordRound): SyncMsg {
    return { t: 'sync', ring: lead.ring, reports: lead.members.map((m) => lead.accepts.get(m.id)!.old) };
  }

  private onSync(now: number, from: number, msg: SyncMsg): void {
    const r = this.round;
    if (this.phase !== 'sync' || !r || !ringEq(r.ring, msg.ring) || from !== r.coord || msg.reports.length !== r.members.length) return;
    if (!r.sync) this.startSync(now, msg, r.members);
    else if (r.synced) this.emit([r.coord], { t: 'synced', ring: r.ring, state: r.state });
  }

  /** Works out the flush of our old view from everyone's reports, pushes what others lack, asks for what we lack. */
  private startSync(now: number, sync: SyncMsg, members: Member[]): void {
    const r: MemberRound =
      this.phase === 'coord'
        ? (this.round = { ring: sync.ring, coord: this.id, members, since: now, sync, synced: false, state: null })
        : this.round!;
    r.sync = sync;
    const v = this.view;
    if (!v) return;
    const group = members.map((_, j) => j).filter((j) => ringEq(sync.reports[j]?.ring ?? null, v.ring));
    const n = v.members.length;
    const target = new Array<number>(n).fill(0);
    const donor = new Array<number>(n).fill(this.id);
    for (let s = 0; s < n; s++) {
      for (const j of group) {
        const c = sync.reports[j]!.contig[s] ?? 0;
        if (c > target[s]!) {
          target[s] = c;
          donor[s] = members[j]!.id;
        }
      }
    }
    v.stream.startFlush({ target, donor });
    for (let s = 0; s < n; s++) {
      if (donor[s] !== this.id) continue;
      for (const j of group) {
        const q = members[j]!.id;
        const have = sync.reports[j]!.contig[s] ?? 0;
        if (q === this.id || have >= target[s]!) continue;
        for (const m of v.stream.range(v.members[s]!.id, have, target[s]!)) this.emit([q], m);
      }
    }
  }

  /** A member in a round: report when the flush is complete, give up when the coordinator is gone. */
  private memberStep(now: number): void {
    const r = this.round!;
    const coordHeard = this.heard.get(r.coord);
    const coordMember = r.members.find((m) => m.id === r.coord);
    const ps = this.peers.get(r.coord);
    const coordMovedOn = ps && ringCompare(ps.promised, r.ring) > 0;
    const coordDone = ps && ps.phase === 'op' && !ringEq(ps.ring, r.ring) && ringCompare(ps.ring, r.ring) > 0;
    if (!coordHeard || !coordMember || coordHeard.inc !== coordMember.inc || !this.reachable(r.coord, now) || coordMovedOn || coordDone) {
      this.enterGather(now);
      return;
    }
    if (!r.sync && now - r.since >= this.timing.consensus) {
      this.exclude(r.coord, now);
      this.enterGather(now);
      return;
    }
    if (now - r.since >= 5 * this.timing.consensus) {
      this.enterGather(now);
      return;
    }
    this.memberProgress();
  }

  private memberProgress(): void {
    const r = this.round;
    if (!r || !r.sync || r.synced) return;
    const s = this.view?.stream;
    if (s && !s.flushComplete()) return;
    r.synced = true;
    r.state = this.syncState(s ? s.deliverFlush(s.flush!.target, true) : []);
    if (r.coord === this.id) this.lead!.synced.set(this.id, r.state);
    else this.emit([r.coord], { t: 'synced', ring: r.ring, state: r.state });
  }

  private commit(now: number, lead: CoordRound): void {
    const states = lead.members.map((m) => lead.synced.get(m.id));
    const msg: CommitMsg = { t: 'commit', ring: lead.ring, states };
    this.emit(
      lead.members.map((m) => m.id).filter((id) => id !== this.id),
      msg,
    );
    this.install(now, lead.ring, lead.members, states);
    this.commitSent = { msg, resendAt: now + this.timing.retransmit };
  }

  /**
   * Members that have not yet shown, in a status, that they installed the view
   * get its commit again: a member that missed it would otherwise wait in its
   * round until it gives up, and force another view change. A status from
   * before the member accepted says nothing, so only "installed" stops this.
   */
  private resendCommit(now: number): void {
    const c = this.commitSent;
    if (!c || now < c.resendAt) return;
    const v = this.view!;
    const waiting = v.peers.filter((id) => ringCompare(this.peers.get(id)?.ring ?? null, v.ring) < 0);
    if (waiting.length === 0) this.commitSent = null;
    else {
      this.emit(waiting, c.msg);
      c.resendAt = now + this.timing.retransmit;
    }
  }

  private onCommit(now: number, from: number, msg: CommitMsg): void {
    const r = this.round;
    if (this.phase !== 'sync' || !r || !r.synced || from !== r.coord || !ringEq(r.ring, msg.ring)) return;
    this.install(now, r.ring, r.members, msg.states);
  }

  private install(now: number, ring: RingId, members: Member[], states: unknown[]): void {
    const old = this.view;
    if (old?.stream.flush) {
      for (const d of old.stream.deliverFlush(old.stream.flush.target)) this.deliver(d);
    }
    this.maxSeq = Math.max(this.maxSeq, ring.seq);
    this.outbox.push({ kind: 'persist', maxSeq: this.maxSeq });
    const clock = (this.clock = Math.max(this.clock, old?.stream.clock ?? 0));
    if (old) this.stats.retransmitted += old.stream.retransmitted;
    this.view = { ring, members, peers: members.map((m) => m.id).filter((id) => id !== this.id), stream: new Stream(ring, members, this.id, clock) };
    this.phase = 'op';
    this.promised = ring;
    this.round = null;
    this.lead = null;
    this.commitSent = null;
    this.stats.viewChanges++;
    const before = old?.members ?? [];
    const same = (a: Member, b: Member) => a.id === b.id && a.inc === b.inc;
    const view: View = {
      ring,
      members,
      states,
      previous: old?.ring ?? null,
      joined: members.filter((m) => !before.some((b) => same(b, m))),
      left: before.filter((b) => !members.some((m) => same(b, m))),
    };
    this.outbox.push({ kind: 'view', view });
    const early = this.early;
    this.early = [];
    for (const m of early) if (ringEq(m.ring, ring)) this.view.stream.receiveData(m, now, this.timing.nakDelay, this.timing.ackDelay);
    this.sendStatus(this.others);
  }

  // ---- data ----

  private onStatus(now: number, from: number, msg: StatusMsg): void {
    const prev = this.peers.get(from);
    // a status overtaken by a newer one on the way tells nothing new
    if (!prev || ringCompare(ringMax(msg.ring, msg.promised), ringMax(prev.ring, prev.promised)) >= 0) this.peers.set(from, msg);
    if (msg.maxSeq > this.maxSeq) this.maxSeq = msg.maxSeq;
    const v = this.view;
    if (v && ringEq(msg.ring, v.ring)) v.stream.receiveStatus(from, msg, now, this.timing.nakDelay);
  }

  private onData(now: number, msg: DataMsg): void {
    const s = this.streamFor(msg.ring);
    if (s) {
      s.receiveData(msg, now, this.timing.nakDelay, this.timing.ackDelay);
      if (s === this.view?.stream && !s.frozen) for (const d of s.deliver()) this.deliver(d);
    } else if (this.phase === 'sync' && ringEq(this.round?.ring ?? null, msg.ring) && this.early.length < EARLY_LIMIT) {
      this.early.push(msg);
    }
  }

  private streamFor(ring: RingId): Stream | null {
    const v = this.view;
    return v && ringEq(v.ring, ring) ? v.stream : null;
  }

  private streamTimers(now: number): void {
    const s = this.view?.stream;
    if (!s) return;
    for (const { to, nak } of s.dueNaks(now, this.timing.nakRepeat)) if (to !== this.id) this.emit([to], nak);
    if (!s.frozen) {
      for (const { to, msgs } of s.dueResends(now, this.timing.resend)) for (const m of msgs) this.emit([to], m);
      for (const d of s.deliver()) this.deliver(d);
    }
  }

  private pump(now: number): void {
    const v = this.view;
    if (this.phase !== 'op' || !v || v.stream.frozen) return;
    const peers = v.peers;
    while (v.stream.inFlight() < this.timing.window) {
      if (!this.sending) {
        const frags = this.queue.shift();
        if (!frags) break;
        this.sending = { frags, next: 0 };
      }
      const cur = this.sending;
      const last = cur.next === cur.frags.length - 1;
      const msg = v.stream.send(cur.frags[cur.next++]!, last, now, this.timing.resend);
      if (last) this.sending = null;
      if (peers.length) this.emit(peers, msg);
    }
    for (const d of v.stream.deliver()) this.deliver(d);
  }

  /** A message cut short by a view change is sent again, whole, in the next view: nobody delivered any of it. */
  private requeuePartial(): void {
    if (this.sending) {
      this.queue.unshift(this.sending.frags);
      this.sending = null;
    }
  }

  private deliver(d: Delivery): void {
    this.stats.delivered++;
    this.outbox.push({ kind: 'deliver', delivery: d });
  }

  private sendStatus(to: number[]): void {
    const v = this.view;
    const fields = v ? v.stream.statusFields() : { clock: this.clock, sent: 0, contig: [] };
    if (v) v.stream.ackDue = Infinity;
    const msg: StatusMsg = {
      t: 'status',
      ring: v?.ring ?? null,
      phase: this.phase,
      promised: this.promised,
      maxSeq: this.maxSeq,
      ...fields,
    };
    if (to.length) this.emit(to, msg);
  }

  private isMemberOf(members: readonly Member[], id: number, inc: number): boolean {
    return members.some((m) => m.id === id && m.inc === inc);
  }

  private emit(to: number[], msg: Message): void {
    this.outbox.push({ kind: 'send', to, msg });
  }
}
