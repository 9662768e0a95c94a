/**
 * libxml2 turns element content made only of elements, choices, sequences
 * and repetitions into a finite automaton and validates the children against
 * it, which changes the wording of errors ("Did not expect element X there").
 * This is that automaton, built the way libxml2 builds it (including its
 * habit of compiling only the first child of an <optional>).
 */
import type { Pattern } from './pattern.js';

interface Edge {
  label: string | null; // null: epsilon
  to: number;
  data: Pattern | null;
}

export class Automaton {
  readonly edges: Edge[][] = [[]];
  final = 0;
  determinist = true;
  /** the element patterns met while compiling, whose own content is compiled next */
  readonly elements: Pattern[] = [];

  newState(): number {
    this.edges.push([]);
    return this.edges.length - 1;
  }

  epsilon(from: number, to: number | null): number {
    const target = to ?? this.newState();
    this.edges[from]!.push({ label: null, to: target, data: null });
    return target;
  }

  transition(from: number, to: number | null, label: string, data: Pattern | null): number {
    const target = to ?? this.newState();
    this.edges[from]!.push({ label, to: target, data });
    return target;
  }

  closure(states: Iterable<number>): Set<number> {
    const out = new Set<number>();
    const stack = [...states];
    while (stack.length) {
      const s = stack.pop()!;
      if (out.has(s)) continue;
      out.add(s);
      for (const e of this.edges[s]!) if (e.label === null) stack.push(e.to);
    }
    return out;
  }

  /** The labelled edges leaving a set of states. */
  private moves(states: Set<number>, label: string): Edge[] {
    const out: Edge[] = [];
    for (const s of states) for (const e of this.edges[s]!) if (e.label === label && !out.some((o) => o.to === e.to)) out.push(e);
    return out;
  }

  private computeDeterminism(): void {
    for (let s = 0; s < this.edges.length; s++) {
      const seen = new Map<string, number>();
      for (const t of this.closure([s])) {
        for (const e of this.edges[t]!) {
          if (e.label === null) continue;
          const prev = seen.get(e.label);
          if (prev !== undefined && prev !== e.to) {
            this.determinist = false;
            return;
          }
          seen.set(e.label, e.to);
        }
      }
    }
  }

  /** Starts a run; `onElement` is called for each element token that matches. */
  run(): AutomatonRun {
    return new AutomatonRun(this);
  }

  step(states: Set<number>, label: string): { next: Set<number>; data: Pattern | null } | null {
    const moves = this.moves(states, label);
    if (moves.length === 0) return null;
    return { next: this.closure(moves.map((m) => m.to)), data: moves[0]!.data };
  }

  static from(content: Pattern[]): Automaton {
    const a = new Automaton();
    let state = 0;
    for (const p of content) state = compileInto(a, p, state);
    a.final = state;
    a.computeDeterminism();
    return a;
  }
}

export class AutomatonRun {
  private states: Set<number>;
  failed = false;

  constructor(private readonly automaton: Automaton) {
    this.states = automaton.closure([0]);
  }

  /** Feeds one token; returns the element pattern of the transition taken, or false. */
  push(label: string): Pattern | null | false {
    if (this.failed) return false;
    const r = this.automaton.step(this.states, label);
    if (!r) {
      this.failed = true;
      return false;
    }
    this.states = r.next;
    return r.data;
  }

  /** Whether the input so far is a complete match. */
  accepts(): boolean {
    return !this.failed && this.states.has(this.automaton.final);
  }
}

export function buildAutomaton(content: Pattern[]): Automaton {
  return Automaton.from(content);
}

function compileInto(a: Automaton, p: Pattern | undefined, state: number): number {
  if (!p) return state;
  switch (p.type) {
    case 'element':
      if (p.name !== null) {
        state = a.transition(state, null, p.name, p);
        if (!a.elements.includes(p)) a.elements.push(p);
      }
      return state;
    case 'noop':
      return compileInto(a, p.content[0], state);
    case 'optional': {
      const old = state;
      state = compileInto(a, p.content[0], state);
      a.epsilon(old, state);
      return state;
    }
    case 'zeroOrMore': {
      state = a.epsilon(state, null);
      const old = state;
      for (const c of p.content) state = compileInto(a, c, state);
      a.epsilon(state, old);
      return a.epsilon(old, null);
    }
    case 'oneOrMore': {
      for (const c of p.content) state = compileInto(a, c, state);
      const old = state;
      for (const c of p.content) state = compileInto(a, c, state);
      a.epsilon(state, old);
      return a.epsilon(old, null);
    }
    case 'choice': {
      const old = state;
      let target: number | null = null;
      for (const c of p.content) {
        const end = compileInto(a, c, old);
        if (target === null) target = end;
        else a.epsilon(end, target);
      }
      return target ?? old;
    }
    case 'ref':
    case 'externalRef':
    case 'parentRef':
    case 'group':
    case 'def':
      for (const c of p.content) state = compileInto(a, c, state);
      return state;
    case 'text': {
      state = a.epsilon(state, null);
      const old = state;
      a.transition(state, state, '#text', null);
      return a.epsilon(old, null);
    }
    case 'empty':
      return a.epsilon(state, null);
    default:
      throw new Error(`schema model: cannot compile ${p}`);
  }
}
