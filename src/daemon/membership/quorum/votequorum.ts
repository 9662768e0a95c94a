/**
 * Quorum with votequorum's rules, computed from a view and the state every
 * member announced for it. Every member of a view gets the same answer: the
 * inputs are the same on all of them (the view and the announced states),
 * and the only change inside a view (last man standing lowering the expected
 * votes) travels as an ordered message.
 *
 *  - quorum = expected / 2 + 1 (integer division), where expected is the
 *    configured expected votes (quorum.expected_votes, else the nodelist's
 *    votes), never below the votes present; a node coming from a quorate
 *    view brings its expected votes (which last man standing may have
 *    lowered), and those win over the others'.
 *  - two_node: with at most two members, quorum is 1.
 *  - wait_for_all: a node that has not been quorate since it started (or
 *    since it lost quorum) needs every vote present, unless a member comes
 *    from a quorate view that had already waited.
 *  - auto_tie_breaker (even nodelists only, as Corosync): exactly half the
 *    votes is enough for the half holding the tie-breaker node of the last
 *    quorate view (lowest or highest id, or the first listed one in it).
 *  - last_man_standing: once a quorate view has been stable for the window,
 *    its lowest member orders expected votes lowered to the votes present.
 */
import type { NodeConfig, QuorumConfig } from '../config/cluster-config.js';
import { ringCompare, type RingId } from '../core/types.js';

/** What a member announces about its quorum state when a view forms. */
export interface QuorumState {
  votes: number;
  expected: number;
  quorate: boolean;
  /** Still waiting for all nodes (wait_for_all). */
  waiting: boolean;
  /** The tie-breaker node chosen in the last quorate view this node was in, and that view. */
  tie: number | null;
  tieRing: RingId | null;
}

export interface QuorumResult {
  quorate: boolean;
  expectedVotes: number;
  highestExpected: number;
  totalVotes: number;
  quorum: number;
  /** Votequorum's flag names: 2Node, Quorate, WaitForAll, LastManStanding, AutoTieBreaker. */
  flags: string[];
}

export class Votequorum {
  private expected: number;
  private waiting: boolean;
  private quorate = false;
  private tie: number | null = null;
  private tieRing: RingId | null = null;
  private readonly votes: number;
  private readonly atb: boolean;
  /** The view the last result is for, to recompute after an ordered change. */
  private current: { ring: RingId; members: number[]; states: QuorumState[]; since: number } | null = null;
  private lmsOrdered = false;
  last: QuorumResult;

  constructor(
    private readonly cfg: QuorumConfig | null,
    private readonly nodes: readonly NodeConfig[],
    private readonly selfId: number,
  ) {
    this.votes = nodes.find((n) => n.id === selfId)?.votes ?? 1;
    this.expected = cfg?.expectedVotes ?? nodes.reduce((s, n) => s + n.votes, 0);
    this.waiting = cfg?.waitForAll ?? false;
    // Corosync turns the tie-breaker off for an odd number of nodes: a half split cannot happen.
    this.atb = !!cfg?.autoTieBreaker && nodes.length % 2 === 0;
    this.last = this.result(false, this.votes, this.expected, this.quorum(this.expected, 1));
  }

  get provider(): string | null {
    return this.cfg ? 'corosync_votequorum' : null;
  }

  /** The state to announce, once the given ordered expected-votes changes of the flush are applied. */
  syncState(lowered: readonly number[]): QuorumState {
    let expected = this.expected;
    for (const e of lowered) expected = e;
    return { votes: this.votes, expected, quorate: this.quorate, waiting: this.waiting, tie: this.tie, tieRing: this.tieRing };
  }

  onView(ring: RingId, members: readonly number[], states: readonly (QuorumState | undefined)[], now: number): QuorumResult {
    const known = states.map((s, i) => s ?? this.defaultState(members[i]!));
    this.current = { ring, members: [...members], states: known, since: now };
    this.lmsOrdered = false;
    return this.evaluate();
  }

  /** An ordered last-man-standing change, delivered in the same place on every member. */
  onLowered(expected: number): QuorumResult {
    this.expected = expected;
    if (this.current) this.current.states = this.current.states.map((s) => ({ ...s, expected, quorate: true }));
    return this.evaluate();
  }

  /**
   * Whether this node should now order expected votes lowered (it is the
   * view's lowest member, quorate, and the view has been stable for the
   * window); the value to order, or null.
   */
  lowerDue(now: number): number | null {
    if (now < this.lowerDeadline()) return null;
    this.lmsOrdered = true;
    return this.last.totalVotes;
  }

  /** When lowerDue may next say yes. */
  lowerDeadline(): number {
    const c = this.current;
    if (!this.cfg?.lastManStanding || !c || this.lmsOrdered || !this.last.quorate) return Infinity;
    if (c.members[0] !== this.selfId || this.last.totalVotes >= this.last.expectedVotes) return Infinity;
    return c.since + this.cfg.lastManStandingWindow;
  }

  private defaultState(id: number): QuorumState {
    const votes = this.nodes.find((n) => n.id === id)?.votes ?? 1;
    return { votes, expected: this.cfg?.expectedVotes ?? this.nodes.reduce((s, n) => s + n.votes, 0), quorate: false, waiting: true, tie: null, tieRing: null };
  }

  private quorum(expected: number, memberCount: number): number {
    if (this.cfg?.twoNode && memberCount <= 2) return 1;
    return Math.floor(expected / 2) + 1;
  }

  private evaluate(): QuorumResult {
    const c = this.current!;
    const total = c.states.reduce((s, st) => s + st.votes, 0);
    if (!this.cfg) {
      this.quorate = true;
      return (this.last = this.result(true, total, total, 1));
    }
    const fromQuorate = c.states.filter((s) => s.quorate);
    const base = (fromQuorate.length ? fromQuorate : c.states).reduce((m, s) => Math.max(m, s.expected), 0);
    const expected = Math.max(base, total);
    const quorum = this.quorum(expected, c.members.length);
    const blockedByWait = this.cfg.waitForAll && total < expected && !c.states.some((s) => s.quorate && !s.waiting);
    let quorate = !blockedByWait && total >= quorum;
    if (!quorate && !blockedByWait && this.atb && total * 2 === expected) {
      const tie = this.tieBreaker(c.states);
      quorate = tie !== null && c.members.includes(tie);
    }
    this.expected = expected;
    this.quorate = quorate;
    if (quorate) {
      this.waiting = false;
      this.tie = this.chooseTie(c.members);
      this.tieRing = c.ring;
    } else if (this.cfg.waitForAll) this.waiting = true;
    return (this.last = this.result(quorate, total, expected, quorum));
  }

  /** The tie-breaker carried by the member that was quorate most recently. */
  private tieBreaker(states: readonly QuorumState[]): number | null {
    let best: QuorumState | null = null;
    for (const s of states) if (s.tie !== null && (!best || ringCompare(s.tieRing, best.tieRing) > 0)) best = s;
    return best ? best.tie : this.chooseTie(this.nodes.map((n) => n.id));
  }

  private chooseTie(members: readonly number[]): number | null {
    const choice = this.cfg?.autoTieBreakerNode ?? 'lowest';
    if (choice === 'lowest') return Math.min(...members);
    if (choice === 'highest') return Math.max(...members);
    return choice.find((id) => members.includes(id)) ?? null;
  }

  private result(quorate: boolean, total: number, expected: number, quorum: number): QuorumResult {
    const flags: string[] = [];
    const cfg = this.cfg;
    if (cfg?.twoNode) flags.push('2Node');
    if (quorate) flags.push('Quorate');
    if (cfg?.waitForAll) flags.push('WaitForAll');
    if (cfg?.lastManStanding) flags.push('LastManStanding');
    if (this.atb) flags.push('AutoTieBreaker');
    return { quorate, expectedVotes: expected, highestExpected: expected, totalVotes: total, quorum, flags };
  }
}
