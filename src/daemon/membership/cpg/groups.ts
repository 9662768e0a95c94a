/**
 * Closed process groups, as Corosync's CPG: named groups that the daemon's
 * subsystems join; messages to a group reach its members in the total order
 * of the view; members learn who joined and left, both through ordered
 * join/leave messages and through view changes.
 *
 * Group membership is the same on every node because it changes only at
 * points of the total order: a join or leave message, or a view change, at
 * which every member announces the groups it is in (the state it will have
 * after the view's flush).
 */
import type { Member } from '../core/types.js';

export interface GroupChange {
  group: string;
  members: Member[];
  joined: Member[];
  left: Member[];
}

export type GroupEvent =
  | { kind: 'confchg'; change: GroupChange }
  | { kind: 'message'; group: string; sender: Member; payload: Uint8Array };

const OP_JOIN = 1;
const OP_LEAVE = 2;
const OP_MESSAGE = 3;

/** Parses one group payload: [op][name length][name][data]. */
export function decodeGroupPayload(p: Uint8Array): { op: number; group: string; data: Uint8Array } | null {
  if (p.length < 2) return null;
  const len = p[1]!;
  if (p.length < 2 + len || p[0]! < OP_JOIN || p[0]! > OP_MESSAGE) return null;
  return { op: p[0]!, group: Buffer.from(p.subarray(2, 2 + len)).toString('utf8'), data: p.subarray(2 + len) };
}

function encode(op: number, group: string, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const name = Buffer.from(group, 'utf8');
  if (name.length === 0 || name.length > 255) throw new RangeError(`group name must be 1 to 255 bytes: '${group}'`);
  const out = new Uint8Array(2 + name.length + data.length);
  out[0] = op;
  out[1] = name.length;
  out.set(name, 2);
  out.set(data, 2 + name.length);
  return out;
}

const key = (m: Member) => `${m.id}:${m.inc}`;

export class ProcessGroups {
  /** Cluster-wide: group name to members. */
  private readonly groups = new Map<string, Member[]>();
  /** Groups this node is in, as of the last delivered message. */
  private readonly mine = new Set<string>();

  constructor(private readonly self: Member) {}

  joinPayload(group: string): Uint8Array {
    return encode(OP_JOIN, group);
  }

  leavePayload(group: string): Uint8Array {
    return encode(OP_LEAVE, group);
  }

  messagePayload(group: string, data: Uint8Array): Uint8Array {
    return encode(OP_MESSAGE, group, data);
  }

  isMember(group: string): boolean {
    return this.mine.has(group);
  }

  members(group: string): Member[] {
    return [...(this.groups.get(group) ?? [])];
  }

  /** The groups this node will be in once these flush payloads (ours and others') are delivered. */
  syncState(flush: readonly { sender: Member; payload: Uint8Array }[]): string[] {
    const mine = new Set(this.mine);
    for (const d of flush) {
      if (key(d.sender) !== key(this.self)) continue;
      const g = decodeGroupPayload(d.payload);
      if (g?.op === OP_JOIN) mine.add(g.group);
      if (g?.op === OP_LEAVE) mine.delete(g.group);
    }
    return [...mine].sort();
  }

  /** A new view: group membership is rebuilt from what every member announced. */
  onView(members: readonly Member[], states: readonly (string[] | undefined)[]): GroupEvent[] {
    const next = new Map<string, Member[]>();
    members.forEach((m, i) => {
      for (const g of states[i] ?? []) {
        const list = next.get(g) ?? [];
        list.push(m);
        next.set(g, list);
      }
    });
    const events: GroupEvent[] = [];
    for (const g of new Set([...this.groups.keys(), ...next.keys()])) {
      const before = this.groups.get(g) ?? [];
      const after = next.get(g) ?? [];
      const joined = after.filter((m) => !before.some((b) => key(b) === key(m)));
      const left = before.filter((b) => !after.some((m) => key(b) === key(m)));
      if (after.length) this.groups.set(g, after);
      else this.groups.delete(g);
      if ((joined.length || left.length) && this.mine.has(g)) events.push({ kind: 'confchg', change: { group: g, members: after, joined, left } });
    }
    return events;
  }

  onDelivery(sender: Member, payload: Uint8Array): GroupEvent[] {
    const p = decodeGroupPayload(payload);
    if (!p) return [];
    const list = this.groups.get(p.group) ?? [];
    const isSelf = key(sender) === key(this.self);
    if (p.op === OP_JOIN) {
      if (list.some((m) => key(m) === key(sender))) return [];
      const after = [...list, sender].sort((a, b) => a.id - b.id);
      this.groups.set(p.group, after);
      if (isSelf) this.mine.add(p.group);
      return this.mine.has(p.group) ? [{ kind: 'confchg', change: { group: p.group, members: after, joined: [sender], left: [] } }] : [];
    }
    if (p.op === OP_LEAVE) {
      if (!list.some((m) => key(m) === key(sender))) return [];
      const after = list.filter((m) => key(m) !== key(sender));
      if (after.length) this.groups.set(p.group, after);
      else this.groups.delete(p.group);
      const wasMine = this.mine.has(p.group);
      if (isSelf) this.mine.delete(p.group);
      return wasMine ? [{ kind: 'confchg', change: { group: p.group, members: after, joined: [], left: [sender] } }] : [];
    }
    return this.mine.has(p.group) ? [{ kind: 'message', group: p.group, sender, payload: p.data }] : [];
  }
}
