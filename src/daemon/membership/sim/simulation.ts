/**
 * A deterministic simulation of a cluster: several instances of the pure
 * membership stack over a seeded network that loses, delays, duplicates and
 * reorders datagrams, partitions and heals, while nodes crash, restart,
 * pause and leave. The checker runs after every step; at the end the
 * network is healthy and one view must have formed within a bound, with all
 * messages delivered. Everything comes from the seed, so a seed replays
 * exactly.
 */
import type { ClusterConfig, QuorumConfig } from '../config/cluster-config.js';
import { timingFor } from '../core/timing.js';
import type { Member, Message } from '../core/types.js';
import { MembershipStack } from '../stack.js';
import { ringIdText } from '../status/types.js';
import { Checker, InvariantError } from './checker.js';
import { EventHeap, type Timed } from './heap.js';
import { Rng } from './random.js';

export type QuorumVariant = 'majority' | 'wait_for_all' | 'auto_tie_breaker' | 'last_man_standing' | 'two_node';

export interface SimOptions {
  seed: number;
  /** 2 to 7 by default, from the seed. */
  nodes?: number;
  quorum?: QuorumVariant;
  /** Milliseconds of faults before the network heals. */
  chaos?: number;
  /** Milliseconds after healing within which one view must form. */
  settle?: number;
  /** Milliseconds of traffic once the view has formed, then as long again without new messages. */
  drain?: number;
  /** Inject faults (crashes, partitions, pauses, loss bursts); otherwise only the base network conditions. */
  faults?: boolean;
  /** Base network conditions; drawn from the seed when not given. */
  loss?: number;
  duplicate?: number;
  delay?: number;
  jitter?: number;
  /** Mean milliseconds between application messages from each node; 0 for none. */
  traffic?: number;
  /** Scripted events, for scenario tests: called once before the run with an API to schedule them. */
  script?: (api: ScriptApi) => void;
  trace?: (line: string) => void;
}

/** What a scenario can do to the simulated cluster. */
export interface ScriptApi {
  at(time: number, action: () => void): void;
  crash(id: number): void;
  leave(id: number): void;
  start(id: number): void;
  pause(id: number, ms: number): void;
  /** Cuts every link between the groups given. */
  partition(...groups: number[][]): void;
  /** Restores every link. */
  reconnect(): void;
  /** Loses the next `count` datagrams of one kind from one node to another. */
  drop(from: number, to: number, kind: Message['t'], count?: number): void;
  /** Sends an application message of `size` bytes from a node; returns its id. */
  send(id: number, size: number): string;
}

export interface ViewRecord {
  time: number;
  node: number;
  ring: string;
  members: number[];
  quorate: boolean;
}

export interface SimResult {
  seed: number;
  nodes: number;
  quorum: QuorumVariant;
  ok: boolean;
  failure?: string;
  /** Simulated milliseconds. */
  time: number;
  /** Milliseconds from healing to the single view, if it formed. */
  converged?: number;
  views: number;
  deliveries: number;
  datagrams: number;
  /** Views installed after the first common one (false alarms, when there are no faults). */
  viewsAfterFormation: number;
}

interface SimNode {
  id: number;
  inc: number;
  maxSeq: number;
  alive: boolean;
  paused: boolean;
  stack: MembershipStack | null;
  tickAt: number;
  held: RecvEvent[];
  counter: number;
  sent: { id: string; inc: number }[];
}

interface RecvEvent extends Timed {
  kind: 'recv';
  to: number;
  from: number;
  inc: number;
  msg: Message;
}

type Event = RecvEvent | (Timed & { kind: 'tick'; node: number }) | (Timed & { kind: 'app'; node: number }) | (Timed & { kind: 'do'; action: () => void });

const VARIANTS: QuorumVariant[] = ['majority', 'wait_for_all', 'auto_tie_breaker', 'last_man_standing', 'majority'];

function quorumConfig(v: QuorumVariant): QuorumConfig {
  return {
    twoNode: v === 'two_node',
    waitForAll: v === 'wait_for_all' || v === 'two_node',
    lastManStanding: v === 'last_man_standing',
    lastManStandingWindow: 3000,
    autoTieBreaker: v === 'auto_tie_breaker',
    autoTieBreakerNode: 'lowest',
  };
}

export function simConfig(nodes: number, quorum: QuorumVariant): ClusterConfig {
  return {
    clusterName: 'sim',
    totem: { token: 1000, tokenCoefficient: 0, consensus: 1200, join: 50, cryptoCipher: 'none', cryptoHash: 'sha256', port: 5405, netmtu: 1500 },
    nodes: Array.from({ length: nodes }, (_, i) => ({ id: i + 1, name: `node${i + 1}`, addr: `sim-${i + 1}`, votes: 1 })),
    quorum: quorumConfig(quorum),
    logging: { toStderr: false, toLogfile: false, debug: false, timestamp: false },
  };
}

export class Simulation {
  readonly rng: Rng;
  readonly config: ClusterConfig;
  readonly nodes: SimNode[];
  readonly checker: Checker;
  readonly quorum: QuorumVariant;
  now = 0;
  private heap = new EventHeap<Event>();
  private blocked = new Map<string, number>();
  /** Datagrams still to lose, by "from>to kind". */
  private drops = new Map<string, number>();
  private loss: number;
  private extraLoss = 0;
  private duplicate: number;
  private delay: number;
  private jitter: number;
  private datagrams = 0;
  private trafficUntil: number;
  private readonly opts: Required<Pick<SimOptions, 'chaos' | 'settle' | 'drain' | 'faults' | 'traffic'>> & SimOptions;
  private healedAt = Infinity;
  private formedAt: number | null = null;
  private formedRing: string | null = null;
  private viewsAfterFormation = 0;
  /** Every view installed, in order: for scenario tests. */
  readonly viewLog: ViewRecord[] = [];

  constructor(opts: SimOptions) {
    this.rng = new Rng(opts.seed);
    const n = opts.nodes ?? 2 + (opts.seed % 6);
    this.quorum = opts.quorum ?? (n === 2 && opts.seed % 3 === 0 ? 'two_node' : VARIANTS[opts.seed % VARIANTS.length]!);
    const given = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as SimOptions;
    this.opts = { chaos: 12000, settle: 10000, drain: 1500, faults: true, traffic: 200, ...given };
    this.config = simConfig(n, this.quorum);
    this.checker = new Checker(this.quorum !== 'two_node' && this.quorum !== 'last_man_standing');
    this.loss = opts.loss ?? this.rng.range(0, 0.08);
    this.duplicate = opts.duplicate ?? this.rng.range(0, 0.03);
    this.delay = opts.delay ?? this.rng.range(0.1, 2);
    this.jitter = opts.jitter ?? this.rng.range(0, 20);
    this.trafficUntil = Infinity;
    this.nodes = this.config.nodes.map((c) => ({
      id: c.id,
      inc: 0,
      maxSeq: 0,
      alive: false,
      paused: false,
      stack: null,
      tickAt: Infinity,
      held: [],
      counter: 0,
      sent: [],
    }));
  }

  run(): SimResult {
    const { chaos, settle, drain } = this.opts;
    let end = chaos + settle;
    try {
      for (const node of this.nodes) this.at(this.rng.range(0, 300), () => this.start(node));
      if (this.opts.traffic > 0) {
        for (const node of this.nodes) this.heap.push({ kind: 'app', node: node.id, time: this.rng.range(0, this.opts.traffic) });
      }
      if (this.opts.faults) this.scheduleFaults(chaos);
      this.opts.script?.(this.scriptApi());
      this.at(chaos, () => this.heal());
      while (this.heap.size && this.heap.peekTime() <= end) {
        this.dispatch(this.heap.pop()!);
        // once one view has formed after healing: some more traffic, then quiet, then the final checks
        if (this.formedAt !== null && this.trafficUntil === Infinity && this.now >= this.healedAt) {
          this.trafficUntil = this.now + drain;
          end = this.now + 2 * drain;
        }
      }
      this.now = end;
      this.finalChecks();
      return this.result(true);
    } catch (e) {
      if (e instanceof InvariantError) return this.result(false, `t=${this.now.toFixed(3)} ${e.message}`);
      throw e;
    }
  }

  private scriptApi(): ScriptApi {
    const node = (id: number) => this.nodes[id - 1]!;
    return {
      at: (time, action) => this.at(time, action),
      crash: (id) => this.crash(node(id), false),
      leave: (id) => this.crash(node(id), true),
      start: (id) => {
        if (!node(id).alive) this.start(node(id));
      },
      pause: (id, ms) => this.pause(node(id), ms),
      partition: (...groups) => {
        for (const a of groups) for (const b of groups) if (a !== b) for (const x of a) for (const y of b) this.block(x, y, 1);
      },
      reconnect: () => this.blocked.clear(),
      drop: (from, to, kind, count = 1) => this.drops.set(`${from}>${to} ${kind}`, count),
      send: (id, size) => this.sendApp(node(id), size),
    };
  }

  private result(ok: boolean, failure?: string): SimResult {
    return {
      seed: this.opts.seed,
      nodes: this.nodes.length,
      quorum: this.quorum,
      ok,
      failure,
      time: this.now,
      converged: this.formedAt !== null && this.healedAt < Infinity ? this.formedAt - this.healedAt : undefined,
      views: this.checker.views_installed,
      deliveries: this.checker.deliveries,
      datagrams: this.datagrams,
      viewsAfterFormation: this.viewsAfterFormation,
    };
  }

  private trace(line: string): void {
    this.opts.trace?.(`${this.now.toFixed(3)} ${line}`);
  }

  private at(time: number, action: () => void): void {
    this.heap.push({ kind: 'do', time, action });
  }

  private dispatch(e: Event): void {
    this.now = Math.max(this.now, e.time);
    switch (e.kind) {
      case 'do':
        e.action();
        return;
      case 'recv': {
        const node = this.nodes[e.to - 1]!;
        if (!node.alive) return;
        if (node.paused) {
          node.held.push(e);
          return;
        }
        node.stack!.receive(this.now, e.from, e.inc, e.msg);
        node.stack!.flush(this.now);
        this.drainNode(node);
        return;
      }
      case 'tick': {
        const node = this.nodes[e.node - 1]!;
        if (!node.alive || node.paused || e.time !== node.tickAt) return;
        node.tickAt = Infinity;
        node.stack!.tick(this.now);
        node.stack!.flush(this.now);
        this.drainNode(node);
        return;
      }
      case 'app': {
        const node = this.nodes[e.node - 1]!;
        if (this.now < this.trafficUntil) {
          this.heap.push({ kind: 'app', node: node.id, time: this.now + this.rng.range(0, 2 * this.opts.traffic) });
        }
        if (!node.alive || node.paused || this.now >= this.trafficUntil) return;
        this.sendApp(node);
        return;
      }
    }
  }

  private sendApp(node: SimNode, size?: number): string {
    const id = `${node.id}.${node.inc}.${++node.counter}`;
    const large = this.rng.chance(0.03);
    const length = size ?? (large ? 2000 + this.rng.int(30000) : 8 + this.rng.int(120));
    const payload = new Uint8Array(length + 1 + id.length);
    payload[0] = id.length;
    for (let i = 0; i < id.length; i++) payload[1 + i] = id.charCodeAt(i);
    payload.fill(node.counter & 0xff, 1 + id.length);
    node.sent.push({ id, inc: node.inc });
    this.checker.onSend({ id: node.id, inc: node.inc }, id, payload.length);
    node.stack!.sendRaw(this.now, payload);
    this.drainNode(node);
    return id;
  }

  private proc(node: SimNode): Member {
    return { id: node.id, inc: node.inc };
  }

  /** Acts on a node's outputs: persist, transmit, check. */
  private drainNode(node: SimNode): void {
    const stack = node.stack!;
    for (const o of stack.takeWire()) {
      if (o.kind === 'persist') node.maxSeq = o.maxSeq;
      else if (o.kind === 'send') for (const to of o.to) this.transmit(node, to, o.msg);
    }
    for (const ev of stack.takeEvents()) {
      if (ev.kind === 'view') {
        this.trace(`node ${node.id} view ${ev.view.ring.rep}.${ev.view.ring.seq} [${ev.view.members.map((m) => m.id)}] quorate=${ev.quorum.quorate}`);
        this.checker.onView(this.proc(node), ev.view, ev.quorum.quorate);
        this.viewLog.push({ time: this.now, node: node.id, ring: ringIdText(ev.view.ring), members: ev.view.members.map((m) => m.id), quorate: ev.quorum.quorate });
        this.noteFormation();
      } else if (ev.kind === 'quorum') this.checker.onQuorum(this.proc(node), ev.quorum.quorate);
      else if (ev.kind === 'raw') {
        const p = ev.delivery.payload;
        const id = String.fromCharCode(...p.subarray(1, 1 + p[0]!));
        this.checker.onDeliver(this.proc(node), ev.delivery, id, p.length);
      }
    }
    const d = Math.max(stack.deadline(), this.now + 0.5);
    if (d < node.tickAt) {
      node.tickAt = d;
      this.heap.push({ kind: 'tick', node: node.id, time: d });
    }
  }

  private transmit(from: SimNode, to: number, msg: Message): void {
    this.datagrams++;
    if (this.blocked.get(`${from.id}>${to}`)) return;
    const dk = `${from.id}>${to} ${msg.t}`;
    const left = this.drops.get(dk);
    if (left) {
      this.trace(`drops ${msg.t} from node ${from.id} to node ${to}`);
      if (left > 1) this.drops.set(dk, left - 1);
      else this.drops.delete(dk);
      return;
    }
    if (this.rng.chance(Math.min(1, this.loss + this.extraLoss))) return;
    const copies = this.rng.chance(this.duplicate) ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      this.heap.push({ kind: 'recv', to, from: from.id, inc: from.inc, msg, time: this.now + this.delay + this.rng.next() * this.jitter });
    }
  }

  private start(node: SimNode): void {
    node.inc++;
    node.alive = true;
    node.paused = false;
    node.held = [];
    node.tickAt = Infinity;
    node.stack = new MembershipStack({ config: this.config, id: node.id, incarnation: node.inc, maxSeq: node.maxSeq, now: this.now, timing: timingFor(this.config.totem, this.nodes.length) });
    this.trace(`node ${node.id} starts (incarnation ${node.inc})`);
    node.stack.tick(this.now);
    this.drainNode(node);
  }

  private crash(node: SimNode, clean: boolean): void {
    if (!node.alive) return;
    if (clean && !node.paused) {
      node.stack!.leave();
      this.drainNode(node);
    }
    this.trace(`node ${node.id} ${clean ? 'leaves' : 'crashes'}`);
    this.checker.onCrash(this.proc(node));
    node.alive = false;
    node.stack = null;
    node.held = [];
  }

  private pause(node: SimNode, ms: number): void {
    if (!node.alive || node.paused) return;
    this.trace(`node ${node.id} paused for ${ms.toFixed(0)} ms`);
    node.paused = true;
    const inc = node.inc;
    this.at(this.now + ms, () => {
      if (node.inc === inc) this.resume(node);
    });
  }

  private resume(node: SimNode): void {
    if (!node.alive || !node.paused) return;
    node.paused = false;
    const held = node.held;
    node.held = [];
    for (const e of held) {
      node.stack!.receive(this.now, e.from, e.inc, e.msg);
      node.stack!.flush(this.now);
    }
    node.stack!.tick(this.now);
    node.tickAt = Infinity;
    this.drainNode(node);
  }

  private block(a: number, b: number, delta: number): void {
    const k = `${a}>${b}`;
    this.blocked.set(k, Math.max(0, (this.blocked.get(k) ?? 0) + delta));
  }

  private scheduleFaults(chaos: number): void {
    const count = Math.max(1, Math.round(chaos / 2500));
    const n = this.nodes.length;
    for (let i = 0; i < count; i++) {
      const t = this.rng.range(800, Math.max(900, chaos - 300));
      const kind = this.rng.next();
      const victim = this.nodes[this.rng.int(n)]!;
      const length = this.rng.range(300, 5000);
      if (kind < 0.22) {
        this.at(t, () => this.crash(victim, false));
        this.at(Math.min(t + length, chaos), () => !victim.alive && this.start(victim));
      } else if (kind < 0.3) {
        this.at(t, () => this.crash(victim, true));
        this.at(Math.min(t + length, chaos), () => !victim.alive && this.start(victim));
      } else if (kind < 0.55) {
        const side = this.nodes.map(() => this.rng.int(this.rng.chance(0.3) ? 3 : 2));
        const pairs: [number, number][] = [];
        for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (side[a] !== side[b]) pairs.push([a + 1, b + 1]);
        this.at(t, () => {
          this.trace(`partition ${side.join('')}`);
          for (const [a, b] of pairs) this.block(a, b, 1);
        });
        this.at(t + length, () => pairs.forEach(([a, b]) => this.block(a, b, -1)));
      } else if (kind < 0.7) {
        const other = this.nodes[this.rng.int(n)]!;
        if (other === victim) continue;
        this.at(t, () => this.block(victim.id, other.id, 1));
        this.at(t + length, () => this.block(victim.id, other.id, -1));
      } else if (kind < 0.85) {
        this.at(t, () => this.pause(victim, Math.min(length, 3000)));
      } else {
        const extra = this.rng.range(0.2, 0.5);
        this.at(t, () => (this.extraLoss = extra));
        this.at(t + Math.min(length, 3000), () => (this.extraLoss = 0));
      }
    }
  }

  private heal(): void {
    this.trace('network heals');
    this.healedAt = this.now;
    this.blocked.clear();
    this.extraLoss = 0;
    if (this.opts.faults) {
      this.loss = 0;
      this.duplicate = 0;
      this.jitter = Math.min(this.jitter, 2);
    }
    for (const node of this.nodes) {
      if (node.paused) this.resume(node);
      if (!node.alive) this.start(node);
    }
    this.noteFormed();
  }

  /** Whether every node is up, in one view with all of them. */
  private formed(): string | null {
    let ring: string | null = null;
    for (const node of this.nodes) {
      const v = node.alive && !node.paused ? node.stack!.node.view : null;
      if (!v || node.stack!.node.phase !== 'op' || v.members.length !== this.nodes.length) return null;
      if (!v.members.every((m) => this.nodes[m.id - 1]!.inc === m.inc)) return null;
      const key = ringIdText(v.ring);
      if (ring !== null && ring !== key) return null;
      ring = key;
    }
    return ring;
  }

  private noteFormation(): void {
    if (this.formedRing !== null) {
      this.viewsAfterFormation++;
      this.trace('view change after the cluster had formed');
    }
    this.noteFormed();
  }

  private noteFormed(): void {
    if (this.now < this.healedAt && this.opts.faults) return;
    const ring = this.formed();
    if (ring && this.formedRing === null) {
      this.formedRing = ring;
      this.formedAt = this.now;
    }
  }

  private finalChecks(): void {
    const ring = this.formed();
    if (this.formedAt === null || !ring) throw new InvariantError('liveness', `no single view of all ${this.nodes.length} nodes by the end`);
    if (this.opts.faults && this.formedAt - this.healedAt > this.opts.settle) {
      throw new InvariantError('liveness', `one view formed ${(this.formedAt - this.healedAt).toFixed(0)} ms after healing, more than ${this.opts.settle}`);
    }
    for (const node of this.nodes) {
      const stack = node.stack!;
      if (stack.node.pending() > 0) throw new InvariantError('liveness', `node ${node.id} still has ${stack.node.pending()} messages queued at the end`);
      for (const m of node.sent) {
        if (m.inc === node.inc && !this.checker.deliveredAt(m.id, { id: node.id, inc: node.inc })) {
          throw new InvariantError('liveness', `message ${m.id} was never delivered to its sender`);
        }
      }
    }
    for (const node of this.nodes) {
      for (const m of node.sent) {
        if (this.checker.ringOf(m.id) !== ring) continue;
        for (const other of this.nodes) {
          if (!this.checker.deliveredAt(m.id, { id: other.id, inc: other.inc })) {
            throw new InvariantError('liveness', `message ${m.id} delivered in the final view ${ring} but not at node ${other.id}`);
          }
        }
      }
    }
  }
}

export function simulate(opts: SimOptions): SimResult {
  return new Simulation(opts).run();
}
