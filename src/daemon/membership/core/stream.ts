/**
 * The ordered message stream of one view: every member's fragments,
 * delivered to the application in one total order on every member.
 *
 * Order: each fragment carries its sender's Lamport time; all members
 * deliver in increasing (time, sender). A fragment is deliverable once every
 * member is known to have sent nothing earlier that is still missing: for
 * each member we know its messages up to a contiguous sequence number, and
 * its clock and sent count from its latest packet. Reliability: gaps are
 * asked for again (NAK) and unacknowledged fragments are resent. Stability:
 * a fragment acknowledged by every member can be forgotten once delivered.
 */
import type { DataMsg, Delivery, Member, NakMsg, RingId, StatusMsg } from './types.js';

/** Shared empty results: these run on every input, most of the time with nothing to do. */
const NONE: never[] = [];

/** At most this many sequence numbers asked for in one NAK, to keep it one datagram. */
const NAK_BATCH = 256;
/** At most this many unacknowledged fragments resent per member per round: NAKs do the bulk of recovery. */
const RESEND_BATCH = 8;

export interface FlushPlan {
  /** Per sender (member order of this stream): deliver exactly up to this sequence. */
  target: number[];
  /** Per sender: the member that holds everything up to the target. */
  donor: number[];
}

export class Stream {
  readonly index = new Map<number, number>();
  readonly self: number;
  readonly contig: number[];
  readonly delivered: number[];
  frozen = false;
  flush: FlushPlan | null = null;
  /** When an acknowledgement is owed to the other members. */
  ackDue = Infinity;
  retransmitted = 0;

  private readonly store: Map<number, DataMsg>[];
  private readonly contigTs: number[];
  private readonly known: number[];
  private readonly heardClock: number[];
  private readonly heardSent: number[];
  private readonly acked: number[][];
  private readonly stable: number[];
  private readonly gcFloor: number[];
  private readonly nakDue: number[];
  private readonly resentAt: number[];
  /** When each of our unstable fragments was first sent. */
  private readonly sentAt = new Map<number, number>();
  private readonly partial: Uint8Array[][];
  private resendDue = Infinity;

  readonly ids: readonly number[];

  constructor(
    readonly ring: RingId,
    readonly members: readonly Member[],
    selfId: number,
    public clock: number,
  ) {
    const ids = (this.ids = members.map((m) => m.id));
    ids.forEach((id, i) => this.index.set(id, i));
    this.self = this.index.get(selfId)!;
    const n = ids.length;
    const zeros = () => new Array<number>(n).fill(0);
    this.contig = zeros();
    this.delivered = zeros();
    this.contigTs = zeros();
    this.known = zeros();
    this.heardClock = zeros();
    this.heardSent = zeros();
    this.stable = zeros();
    this.gcFloor = zeros();
    this.acked = ids.map(zeros);
    this.nakDue = new Array<number>(n).fill(Infinity);
    this.resentAt = new Array<number>(n).fill(0);
    this.store = ids.map(() => new Map());
    this.partial = ids.map(() => []);
  }

  /** Fragments of ours not yet acknowledged by everyone. */
  inFlight(): number {
    return this.contig[this.self]! - this.stable[this.self]!;
  }

  /** Stamps and stores a fragment of ours; the caller sends it to the other members. */
  send(payload: Uint8Array, last: boolean, now: number, resend: number): DataMsg {
    const s = this.self;
    const msg: DataMsg = { t: 'data', ring: this.ring, sender: this.ids[s]!, seq: this.contig[s]! + 1, ts: ++this.clock, last, payload };
    this.store[s]!.set(msg.seq, msg);
    this.contig[s] = msg.seq;
    this.contigTs[s] = msg.ts;
    this.known[s] = msg.seq;
    this.sentAt.set(msg.seq, now);
    if (this.resendDue === Infinity) this.resendDue = now + resend;
    return msg;
  }

  receiveData(msg: DataMsg, now: number, nakDelay: number, ackDelay: number): void {
    const s = this.index.get(msg.sender);
    if (s === undefined || s === this.self) return;
    if (msg.ts > this.clock) this.clock = msg.ts;
    this.ackDue = Math.min(this.ackDue, now + ackDelay);
    if (msg.seq > this.known[s]!) this.known[s] = msg.seq;
    if (msg.seq <= this.contig[s]! || this.store[s]!.has(msg.seq)) return;
    // A data message tells the sender's clock and sent count at that moment, like a status.
    if (msg.ts > this.heardClock[s]!) this.heardClock[s] = msg.ts;
    if (msg.seq > this.heardSent[s]!) this.heardSent[s] = msg.seq;
    this.store[s]!.set(msg.seq, msg);
    this.advance(s);
    this.noteGap(s, now, nakDelay);
  }

  receiveStatus(sender: number, st: StatusMsg, now: number, nakDelay: number): void {
    const q = this.index.get(sender);
    if (q === undefined || q === this.self) return;
    if (st.clock > this.heardClock[q]!) this.heardClock[q] = st.clock;
    if (st.sent > this.heardSent[q]!) this.heardSent[q] = st.sent;
    if (st.sent > this.known[q]!) this.known[q] = st.sent;
    if (st.contig.length === this.ids.length) {
      const row = this.acked[q]!;
      let changed = false;
      for (let s = 0; s < row.length; s++) {
        if (st.contig[s]! > row[s]!) {
          row[s] = st.contig[s]!;
          changed = true;
        }
      }
      if (changed) this.updateStable();
    }
    this.noteGap(q, now, nakDelay);
  }

  /** Fields of our status for this view. */
  statusFields(): Pick<StatusMsg, 'clock' | 'sent' | 'contig'> {
    return { clock: this.clock, sent: this.contig[this.self]!, contig: [...this.contig] };
  }

  /** Delivers what the total order allows; nothing while frozen for a view change. */
  deliver(): Delivery[] {
    if (this.frozen) return NONE;
    let out: Delivery[] | null = null;
    const n = this.ids.length;
    for (;;) {
      const best = this.nextHead(null, this.delivered);
      if (best < 0) break;
      const m = this.store[best]!.get(this.delivered[best]! + 1)!;
      let ready = true;
      for (let q = 0; q < n && ready; q++) if (q !== best && this.horizon(q) < m.ts) ready = false;
      if (!ready) break;
      this.take(best, (out ??= []), this.delivered, this.partial);
    }
    if (!out) return NONE;
    this.gc();
    return out;
  }

  /**
   * At the end of the view: deliver exactly up to the flush targets, in
   * order, then drop unfinished messages. A dry run only says what would be
   * delivered.
   */
  deliverFlush(target: readonly number[], dryRun = false): Delivery[] {
    const out: Delivery[] = [];
    const delivered = dryRun ? [...this.delivered] : this.delivered;
    const partial = dryRun ? this.partial.map((p) => [...p]) : this.partial;
    for (;;) {
      const best = this.nextHead(target, delivered);
      if (best < 0) break;
      this.take(best, out, delivered, partial);
    }
    if (!dryRun) for (const p of this.partial) p.length = 0;
    return out;
  }

  /** Holds everything the flush targets name. */
  flushComplete(): boolean {
    const t = this.flush?.target;
    return !!t && t.every((v, s) => this.contig[s]! >= v);
  }

  startFlush(plan: FlushPlan): void {
    this.flush = plan;
    plan.target.forEach((v, s) => {
      if (v > this.known[s]!) this.known[s] = v;
    });
  }

  /** Our fragments of `sender` in (after, upTo], for a member that lacks them. */
  range(sender: number, after: number, upTo: number): DataMsg[] {
    const s = this.index.get(sender);
    if (s === undefined) return [];
    const out: DataMsg[] = [];
    for (let k = after + 1; k <= upTo; k++) {
      const m = this.store[s]!.get(k);
      if (m) out.push(m);
    }
    this.retransmitted += out.length;
    return out;
  }

  answerNak(nak: NakMsg): DataMsg[] {
    const out: DataMsg[] = [];
    for (const [a, b] of nak.ranges) out.push(...this.range(nak.sender, a - 1, Math.min(b, a + NAK_BATCH - 1)));
    return out;
  }

  /** NAKs that are due: to the sender itself, or to the flush donor while a flush runs. */
  dueNaks(now: number, repeat: number): { to: number; nak: NakMsg }[] {
    if (!this.nakDue.some((d) => d <= now)) return NONE;
    const out: { to: number; nak: NakMsg }[] = [];
    for (let s = 0; s < this.ids.length; s++) {
      if (this.nakDue[s]! > now) continue;
      const upTo = this.flush ? this.flush.target[s]! : this.known[s]!;
      if (this.contig[s]! >= upTo) {
        this.nakDue[s] = Infinity;
        continue;
      }
      const ranges: [number, number][] = [];
      let count = 0;
      for (let k = this.contig[s]! + 1; k <= upTo && count < NAK_BATCH; k++) {
        if (this.store[s]!.has(k)) continue;
        const last = ranges[ranges.length - 1];
        if (last && last[1] === k - 1) last[1] = k;
        else ranges.push([k, k]);
        count++;
      }
      const to = this.flush ? this.flush.donor[s]! : this.ids[s]!;
      out.push({ to, nak: { t: 'nak', ring: this.ring, sender: this.ids[s]!, ranges } });
      this.nakDue[s] = now + repeat;
    }
    return out;
  }

  /**
   * Our fragments that a member has not acknowledged within `resend` ms of
   * sending them (or of the last resend to it): resend the oldest few. This
   * only covers a lost tail; gaps are asked for by the receivers (NAK).
   */
  dueResends(now: number, resend: number): { to: number; msgs: DataMsg[] }[] {
    if (this.resendDue > now) return NONE;
    const out: { to: number; msgs: DataMsg[] }[] = [];
    const mine = this.contig[this.self]!;
    let next = Infinity;
    for (let q = 0; q < this.ids.length; q++) {
      if (q === this.self) continue;
      const have = this.acked[q]![this.self]!;
      if (have >= mine) continue;
      const due = Math.max(this.sentAt.get(have + 1) ?? 0, this.resentAt[q]!) + resend;
      if (due <= now) {
        this.resentAt[q] = now;
        out.push({ to: this.ids[q]!, msgs: this.range(this.ids[this.self]!, have, Math.min(mine, have + RESEND_BATCH)) });
        next = Math.min(next, now + resend);
      } else next = Math.min(next, due);
    }
    this.resendDue = next;
    return out;
  }

  deadline(): number {
    let d = Math.min(this.ackDue, this.resendDue);
    for (const t of this.nakDue) if (t < d) d = t;
    return d;
  }

  /** What a member reports of this view when it leaves it. */
  holdings(): number[] {
    return [...this.contig];
  }

  private noteGap(s: number, now: number, nakDelay: number): void {
    const upTo = this.flush ? Math.max(this.known[s]!, this.flush.target[s]!) : this.known[s]!;
    if (this.contig[s]! < upTo) {
      if (this.nakDue[s] === Infinity) this.nakDue[s] = now + nakDelay;
    } else this.nakDue[s] = Infinity;
  }

  private advance(s: number): void {
    const store = this.store[s]!;
    let k = this.contig[s]!;
    let m: DataMsg | undefined;
    while ((m = store.get(k + 1))) {
      k++;
      this.contigTs[s] = m.ts;
    }
    this.contig[s] = k;
  }

  /** Everything member q sent with a stamp up to this value is here. */
  private horizon(q: number): number {
    if (q === this.self) return Infinity;
    let h = this.contigTs[q]!;
    if (this.contig[q]! >= this.heardSent[q]! && this.heardClock[q]! > h) h = this.heardClock[q]!;
    return h;
  }

  /** The sender whose next undelivered fragment comes first in the order, or -1. */
  private nextHead(limit: readonly number[] | null, delivered: readonly number[]): number {
    let best = -1;
    let bestTs = 0;
    for (let s = 0; s < this.ids.length; s++) {
      const k = delivered[s]! + 1;
      if (k > this.contig[s]! || (limit && k > limit[s]!)) continue;
      const ts = this.store[s]!.get(k)!.ts;
      if (best < 0 || ts < bestTs || (ts === bestTs && this.ids[s]! < this.ids[best]!)) {
        best = s;
        bestTs = ts;
      }
    }
    return best;
  }

  private take(s: number, out: Delivery[], delivered: number[], partial: Uint8Array[][]): void {
    const k = ++delivered[s]!;
    const m = this.store[s]!.get(k)!;
    const parts = partial[s]!;
    parts.push(m.payload);
    if (m.last) {
      const payload = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      parts.length = 0;
      out.push({ ring: this.ring, sender: m.sender, inc: this.members[s]!.inc, payload, ts: m.ts });
    }
  }

  private updateStable(): void {
    const n = this.ids.length;
    for (let s = 0; s < n; s++) {
      let min = this.contig[s]!;
      for (let q = 0; q < n; q++) if (q !== this.self && this.acked[q]![s]! < min) min = this.acked[q]![s]!;
      this.stable[s] = min;
    }
    this.gc();
  }

  private gc(): void {
    for (let s = 0; s < this.ids.length; s++) {
      const bound = Math.min(this.stable[s]!, this.delivered[s]!);
      const store = this.store[s]!;
      while (this.gcFloor[s]! < bound) {
        const k = ++this.gcFloor[s]!;
        store.delete(k);
        if (s === this.self) this.sentAt.delete(k);
      }
    }
  }
}
