/**
 * Protocol messages to bytes and back. The decoder trusts nothing: every
 * length and count is checked against what is left, numbers must be
 * non-negative integers, and any inconsistency is a MalformedError (the
 * datagram is dropped and counted, never a crash).
 */
import type { Member, Message, OldViewReport, Phase, RingId } from '../core/types.js';

export class MalformedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedError';
  }
}

const TYPES = ['status', 'data', 'nak', 'propose', 'accept', 'reject', 'sync', 'synced', 'commit', 'leave'] as const;
const PHASES: Phase[] = ['op', 'gather', 'sync', 'coord', 'leaving'];
const REASONS = ['stale', 'coordinator', 'member'] as const;
/** Bounds that no legitimate message exceeds (nodelists hold at most a few dozen nodes). */
const MAX_LIST = 1024;

class Writer {
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.pos++] = v;
  }

  u16(v: number): void {
    this.room(2);
    this.buf.writeUInt16BE(v, this.pos);
    this.pos += 2;
  }

  u32(v: number): void {
    this.room(4);
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
  }

  /** Non-negative integers up to 2^53. */
  num(v: number): void {
    this.room(8);
    this.buf.writeDoubleBE(v, this.pos);
    this.pos += 8;
  }

  bytes(b: Uint8Array): void {
    this.u32(b.length);
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  json(v: unknown): void {
    this.bytes(Buffer.from(JSON.stringify(v ?? null), 'utf8'));
  }

  ring(r: RingId): void {
    this.num(r.seq);
    this.u32(r.rep);
  }

  optRing(r: RingId | null): void {
    this.u8(r ? 1 : 0);
    if (r) this.ring(r);
  }

  done(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

class Reader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new MalformedError('truncated');
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  u16(): number {
    this.need(2);
    const v = (this.buf[this.pos]! << 8) | this.buf[this.pos + 1]!;
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const b = this.buf;
    const v = ((b[this.pos]! << 24) >>> 0) + (b[this.pos + 1]! << 16) + (b[this.pos + 2]! << 8) + b[this.pos + 3]!;
    this.pos += 4;
    return v;
  }

  num(): number {
    this.need(8);
    const v = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.pos, 8).readDoubleBE(0);
    this.pos += 8;
    if (!Number.isSafeInteger(v) || v < 0) throw new MalformedError('bad number');
    return v;
  }

  count(): number {
    const n = this.u16();
    if (n > MAX_LIST) throw new MalformedError('list too long');
    return n;
  }

  bytes(): Uint8Array {
    const n = this.u32();
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  json(): unknown {
    try {
      return JSON.parse(Buffer.from(this.bytes()).toString('utf8'));
    } catch (e) {
      if (e instanceof MalformedError) throw e;
      throw new MalformedError('bad state');
    }
  }

  ring(): RingId {
    const seq = this.num();
    return { seq, rep: this.u32() };
  }

  optRing(): RingId | null {
    const flag = this.u8();
    if (flag > 1) throw new MalformedError('bad flag');
    return flag ? this.ring() : null;
  }

  end(): void {
    if (this.pos !== this.buf.length) throw new MalformedError('trailing bytes');
  }
}

function writeReport(w: Writer, r: OldViewReport | null): void {
  w.u8(r ? 1 : 0);
  if (!r) return;
  w.ring(r.ring);
  w.u16(r.members.length);
  for (const id of r.members) w.u32(id);
  for (let i = 0; i < r.members.length; i++) w.num(r.contig[i] ?? 0);
}

function readReport(r: Reader): OldViewReport | null {
  const flag = r.u8();
  if (flag > 1) throw new MalformedError('bad flag');
  if (!flag) return null;
  const ring = r.ring();
  const n = r.count();
  const members: number[] = [];
  for (let i = 0; i < n; i++) members.push(r.u32());
  const contig: number[] = [];
  for (let i = 0; i < n; i++) contig.push(r.num());
  return { ring, members, contig };
}

export function encodeMessage(msg: Message): Buffer {
  const w = new Writer();
  w.u8(TYPES.indexOf(msg.t));
  switch (msg.t) {
    case 'status':
      w.optRing(msg.ring);
      w.u8(PHASES.indexOf(msg.phase));
      w.optRing(msg.promised);
      w.num(msg.maxSeq);
      w.num(msg.clock);
      w.num(msg.sent);
      w.u16(msg.contig.length);
      for (const c of msg.contig) w.num(c);
      break;
    case 'data':
      w.ring(msg.ring);
      w.u32(msg.sender);
      w.num(msg.seq);
      w.num(msg.ts);
      w.u8(msg.last ? 1 : 0);
      w.bytes(msg.payload);
      break;
    case 'nak':
      w.ring(msg.ring);
      w.u32(msg.sender);
      w.u16(msg.ranges.length);
      for (const [a, b] of msg.ranges) {
        w.num(a);
        w.num(b);
      }
      break;
    case 'propose':
      w.ring(msg.ring);
      w.u16(msg.members.length);
      for (const m of msg.members) {
        w.u32(m.id);
        w.num(m.inc);
      }
      break;
    case 'accept':
      w.ring(msg.ring);
      writeReport(w, msg.old);
      break;
    case 'reject':
      w.ring(msg.ring);
      w.num(msg.maxSeq);
      w.u8(REASONS.indexOf(msg.reason));
      break;
    case 'sync':
      w.ring(msg.ring);
      w.u16(msg.reports.length);
      for (const r of msg.reports) writeReport(w, r);
      break;
    case 'synced':
      w.ring(msg.ring);
      w.json(msg.state);
      break;
    case 'commit':
      w.ring(msg.ring);
      w.u16(msg.states.length);
      for (const s of msg.states) w.json(s);
      break;
    case 'leave':
      break;
  }
  return w.done();
}

export function decodeMessage(buf: Uint8Array): Message {
  const r = new Reader(buf);
  const t = TYPES[r.u8()];
  let msg: Message;
  switch (t) {
    case 'status': {
      const ring = r.optRing();
      const phase = PHASES[r.u8()];
      if (!phase) throw new MalformedError('bad phase');
      const promised = r.optRing();
      const maxSeq = r.num();
      const clock = r.num();
      const sent = r.num();
      const n = r.count();
      const contig: number[] = [];
      for (let i = 0; i < n; i++) contig.push(r.num());
      msg = { t, ring, phase, promised, maxSeq, clock, sent, contig };
      break;
    }
    case 'data': {
      const ring = r.ring();
      const sender = r.u32();
      const seq = r.num();
      const ts = r.num();
      const last = r.u8();
      if (last > 1 || seq === 0) throw new MalformedError('bad data header');
      msg = { t, ring, sender, seq, ts, last: last === 1, payload: r.bytes() };
      break;
    }
    case 'nak': {
      const ring = r.ring();
      const sender = r.u32();
      const n = r.count();
      const ranges: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        const a = r.num();
        const b = r.num();
        if (a === 0 || b < a) throw new MalformedError('bad range');
        ranges.push([a, b]);
      }
      msg = { t, ring, sender, ranges };
      break;
    }
    case 'propose': {
      const ring = r.ring();
      const n = r.count();
      const members: Member[] = [];
      for (let i = 0; i < n; i++) members.push({ id: r.u32(), inc: r.num() });
      msg = { t, ring, members };
      break;
    }
    case 'accept':
      msg = { t, ring: r.ring(), old: readReport(r) };
      break;
    case 'reject': {
      const ring = r.ring();
      const maxSeq = r.num();
      const reason = REASONS[r.u8()];
      if (!reason) throw new MalformedError('bad reason');
      msg = { t, ring, maxSeq, reason };
      break;
    }
    case 'sync': {
      const ring = r.ring();
      const n = r.count();
      const reports: (OldViewReport | null)[] = [];
      for (let i = 0; i < n; i++) reports.push(readReport(r));
      msg = { t, ring, reports };
      break;
    }
    case 'synced':
      msg = { t, ring: r.ring(), state: r.json() };
      break;
    case 'commit': {
      const ring = r.ring();
      const n = r.count();
      const states: unknown[] = [];
      for (let i = 0; i < n; i++) states.push(r.json());
      msg = { t, ring, states };
      break;
    }
    case 'leave':
      msg = { t };
      break;
    default:
      throw new MalformedError('unknown message type');
  }
  r.end();
  return msg;
}

/** Several encoded messages in one datagram body: count, then each with its length. */
export function encodeBundle(parts: readonly Uint8Array[]): Buffer {
  const w = new Writer();
  w.u16(parts.length);
  for (const p of parts) w.bytes(p);
  return w.done();
}

/** Bytes a message adds to a bundle besides its own encoding. */
export const BUNDLE_ENTRY_OVERHEAD = 4;
export const BUNDLE_OVERHEAD = 2;

export function decodeBundle(buf: Uint8Array): Message[] {
  const r = new Reader(buf);
  const n = r.count();
  if (n === 0) throw new MalformedError('empty bundle');
  const out: Message[] = [];
  for (let i = 0; i < n; i++) out.push(decodeMessage(r.bytes()));
  r.end();
  return out;
}
