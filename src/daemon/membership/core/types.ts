/**
 * The vocabulary of the membership protocol: ring ids, members, the
 * messages nodes exchange and what the state machine hands back to its
 * driver. docs/membership.md explains how they fit together.
 */

/** A view's identity: the coordinator that formed it and a sequence number that only grows. */
export interface RingId {
  seq: number;
  rep: number;
}

/** A node process: its id, and the incarnation that tells a restarted process from the one before. */
export interface Member {
  id: number;
  inc: number;
}

export function ringCompare(a: RingId | null, b: RingId | null): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return a.seq - b.seq || a.rep - b.rep;
}

export function ringEq(a: RingId | null, b: RingId | null): boolean {
  return ringCompare(a, b) === 0;
}

export function ringMax(a: RingId | null, b: RingId | null): RingId | null {
  return ringCompare(a, b) >= 0 ? a : b;
}

/** Where a node is in the protocol. */
export type Phase = 'op' | 'gather' | 'sync' | 'coord' | 'leaving';

/** Heartbeat and acknowledgement in one: sent to every configured node periodically, and to members after new data. */
export interface StatusMsg {
  t: 'status';
  /** The installed view, if any. */
  ring: RingId | null;
  phase: Phase;
  /** The highest proposal accepted (or made). */
  promised: RingId | null;
  /** The highest ring sequence this node has seen: a coordinator must propose above it. */
  maxSeq: number;
  /** Lamport clock: every message this node sends later carries a larger stamp. */
  clock: number;
  /** Sequence number of the last data message this node sent in `ring`. */
  sent: number;
  /** For each member of `ring` (in member order): the highest sequence received from it without a gap. */
  contig: number[];
}

/** One fragment of an ordered message, stamped with the sender's sequence and Lamport time. */
export interface DataMsg {
  t: 'data';
  ring: RingId;
  /** The original sender (retransmissions by a donor keep it). */
  sender: number;
  seq: number;
  ts: number;
  /** The last fragment of an application message. */
  last: boolean;
  payload: Uint8Array;
}

/** Ask for retransmission of `sender`'s messages in `ring`; inclusive ranges. */
export interface NakMsg {
  t: 'nak';
  ring: RingId;
  sender: number;
  ranges: [number, number][];
}

export interface ProposeMsg {
  t: 'propose';
  ring: RingId;
  members: Member[];
}

/** What a member reports of the view it is leaving: the basis of the flush. */
export interface OldViewReport {
  ring: RingId;
  members: number[];
  /** Per member of the old view, the highest sequence held without a gap. */
  contig: number[];
}

export interface AcceptMsg {
  t: 'accept';
  ring: RingId;
  old: OldViewReport | null;
}

export interface RejectMsg {
  t: 'reject';
  ring: RingId;
  maxSeq: number;
  /** stale: a higher ring is known; coordinator: a lower-numbered node should lead; member: not in the proposal as this incarnation. */
  reason: 'stale' | 'coordinator' | 'member';
}

/** Everyone's reports, so every member computes the same flush. */
export interface SyncMsg {
  t: 'sync';
  ring: RingId;
  reports: (OldViewReport | null)[];
}

/** A member holds all it must deliver; `state` is what the layers above will have after the flush. */
export interface SyncedMsg {
  t: 'synced';
  ring: RingId;
  state: unknown;
}

export interface CommitMsg {
  t: 'commit';
  ring: RingId;
  states: unknown[];
}

/** A clean shutdown: peers drop the sender at once instead of waiting for the token timeout. */
export interface LeaveMsg {
  t: 'leave';
}

export type Message = StatusMsg | DataMsg | NakMsg | ProposeMsg | AcceptMsg | RejectMsg | SyncMsg | SyncedMsg | CommitMsg | LeaveMsg;

/** A view as delivered to the layers above. */
export interface View {
  ring: RingId;
  members: Member[];
  /** Per member, the state it announced for after the flush (see SyncedMsg). */
  states: unknown[];
  /** The view this node was in before, if any. */
  previous: RingId | null;
  joined: Member[];
  left: Member[];
}

export interface Delivery {
  ring: RingId;
  sender: number;
  /** The sender's incarnation. */
  inc: number;
  payload: Uint8Array;
  /** The position in the total order: every node delivers in increasing (ts, sender). */
  ts: number;
}

export type Output =
  | { kind: 'send'; to: number[]; msg: Message }
  | { kind: 'deliver'; delivery: Delivery }
  | { kind: 'view'; view: View }
  /** Must reach stable storage before the outputs that follow it are acted on. */
  | { kind: 'persist'; maxSeq: number };
