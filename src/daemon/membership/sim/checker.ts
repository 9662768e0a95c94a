/**
 * The invariants a simulation checks after every step. It sees only what
 * the nodes output (views, deliveries, quorum) and what the application
 * sent; a violation is thrown as an InvariantError naming the rule.
 *
 *  - view agreement: everyone who installs a ring id installs the same members;
 *    the installing node is one of them; ring ids grow on every node, across restarts.
 *  - total order: a message is delivered in one ring only, and every node delivers
 *    in one order (the (ts, sender) stamp that the first delivery reveals is the
 *    same at every node, and each node's deliveries increase in it).
 *  - integrity: a delivered message was sent, by the node it names, with that content,
 *    and is delivered at most once per process.
 *  - virtual synchrony: processes that move together from one view to the next
 *    delivered the same set of messages in the first.
 *  - quorum: no two quorate nodes are in disjoint views (where the configuration
 *    promises it: not with two_node or last_man_standing, which give it up by design).
 */
import { ringCompare, type Delivery, type Member, type RingId, type View } from '../core/types.js';
import { ringIdText } from '../status/types.js';

export class InvariantError extends Error {
  constructor(
    readonly rule: string,
    detail: string,
  ) {
    super(`${rule}: ${detail}`);
    this.name = 'InvariantError';
  }
}

const rk = (r: RingId) => ringIdText(r);
const mk = (m: Member) => `${m.id}:${m.inc}`;

interface Witness {
  ring: string;
  ts: number;
  sender: number;
}

interface ProcessState {
  ring: RingId | null;
  members: Set<number>;
  last: { ts: number; sender: number } | null;
  count: number;
  hash: number;
  quorate: boolean;
}

/** A 32-bit string hash: the sum of message hashes makes an order-independent set digest. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Checker {
  private views = new Map<string, string>();
  private lastRing = new Map<number, RingId>();
  private procs = new Map<string, ProcessState>();
  private witness = new Map<string, Witness>();
  private transitions = new Map<string, { count: number; hash: number }>();
  /** message id -> [sender process, content digest] */
  private sent = new Map<string, { proc: string; length: number }>();
  private deliveredBy = new Map<string, Set<string>>();
  deliveries = 0;
  views_installed = 0;

  constructor(private readonly checkQuorum: boolean) {}

  /** The application sent a message; ids are unique in a run. */
  onSend(proc: Member, id: string, length: number): void {
    this.sent.set(id, { proc: mk(proc), length });
  }

  onCrash(proc: Member): void {
    this.procs.delete(mk(proc));
  }

  onView(proc: Member, view: View, quorate: boolean): void {
    this.views_installed++;
    const key = rk(view.ring);
    const members = view.members.map(mk).sort().join(',');
    if (!view.members.some((m) => m.id === proc.id && m.inc === proc.inc)) {
      throw new InvariantError('view agreement', `${mk(proc)} installed ${key} without being a member (${members})`);
    }
    const seen = this.views.get(key);
    if (seen === undefined) this.views.set(key, members);
    else if (seen !== members) throw new InvariantError('view agreement', `ring ${key} has members ${seen} at one node and ${members} at ${mk(proc)}`);
    const last = this.lastRing.get(proc.id);
    if (last && ringCompare(view.ring, last) <= 0) {
      throw new InvariantError('ring growth', `node ${proc.id} installed ${key} after ${rk(last)}`);
    }
    this.lastRing.set(proc.id, view.ring);
    const p = this.procs.get(mk(proc));
    if (p?.ring) {
      const t = `${rk(p.ring)}->${key}`;
      const mine = { count: p.count, hash: p.hash };
      const other = this.transitions.get(t);
      if (!other) this.transitions.set(t, mine);
      else if (other.count !== mine.count || other.hash !== mine.hash) {
        throw new InvariantError(
          'virtual synchrony',
          `${mk(proc)} delivered ${mine.count} messages in ${rk(p.ring)} before moving to ${key}; another member that made the same move delivered ${other.count} (or a different set)`,
        );
      }
    }
    this.procs.set(mk(proc), {
      ring: view.ring,
      members: new Set(view.members.map((m) => m.id)),
      last: null,
      count: 0,
      hash: 0,
      quorate,
    });
    this.checkQuorumAt(proc);
  }

  onQuorum(proc: Member, quorate: boolean): void {
    const p = this.procs.get(mk(proc));
    if (!p) return;
    p.quorate = quorate;
    this.checkQuorumAt(proc);
  }

  onDeliver(proc: Member, d: Delivery, id: string, length: number): void {
    this.deliveries++;
    const p = this.procs.get(mk(proc));
    const where = `${mk(proc)} delivering ${id}`;
    if (!p || !p.ring) throw new InvariantError('total order', `${where} outside any view`);
    const ring = rk(d.ring);
    if (ring !== rk(p.ring)) throw new InvariantError('total order', `${where} stamped with ring ${ring} while in ${rk(p.ring)}`);
    const origin = this.sent.get(id);
    if (!origin) throw new InvariantError('integrity', `${where}: no such message was sent`);
    if (origin.proc !== `${d.sender}:${d.inc}` || origin.length !== length) {
      throw new InvariantError('integrity', `${where}: sent by ${origin.proc} with ${origin.length} bytes, delivered as from ${d.sender}:${d.inc} with ${length}`);
    }
    const w = this.witness.get(id);
    if (!w) this.witness.set(id, { ring, ts: d.ts, sender: d.sender });
    else if (w.ring !== ring || w.ts !== d.ts || w.sender !== d.sender) {
      throw new InvariantError('total order', `${where} in ${ring} at (${d.ts}, ${d.sender}); another node delivered it in ${w.ring} at (${w.ts}, ${w.sender})`);
    }
    if (p.last && (d.ts < p.last.ts || (d.ts === p.last.ts && d.sender <= p.last.sender))) {
      throw new InvariantError('total order', `${where} at (${d.ts}, ${d.sender}) after (${p.last.ts}, ${p.last.sender})`);
    }
    p.last = { ts: d.ts, sender: d.sender };
    p.count++;
    p.hash = (p.hash + fnv(id)) >>> 0;
    let by = this.deliveredBy.get(id);
    if (!by) this.deliveredBy.set(id, (by = new Set()));
    const pk = mk(proc);
    if (by.has(pk)) throw new InvariantError('integrity', `${where} twice`);
    by.add(pk);
  }

  /** The ring a message was delivered in, if any node delivered it. */
  ringOf(id: string): string | undefined {
    return this.witness.get(id)?.ring;
  }

  deliveredAt(id: string, proc: Member): boolean {
    return this.deliveredBy.get(id)?.has(mk(proc)) ?? false;
  }

  private checkQuorumAt(proc: Member): void {
    if (!this.checkQuorum) return;
    const me = this.procs.get(mk(proc))!;
    if (!me.quorate) return;
    for (const [k, other] of this.procs) {
      if (k === mk(proc) || !other.quorate) continue;
      let shared = false;
      for (const id of other.members) if (me.members.has(id)) shared = true;
      if (!shared) {
        throw new InvariantError('quorum', `${mk(proc)} in ${rk(me.ring!)} [${[...me.members]}] and ${k} in ${rk(other.ring!)} [${[...other.members]}] are both quorate`);
      }
    }
  }
}
