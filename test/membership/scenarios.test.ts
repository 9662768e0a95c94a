import test from 'ava';
import { Simulation, type SimOptions, type ViewRecord } from '../../src/daemon/membership/sim/simulation.js';

/** A quiet network unless a test says otherwise, no random faults, scripted events only. */
function run(opts: Partial<SimOptions> & { nodes: number }): { sim: Simulation; result: ReturnType<Simulation['run']> } {
  const sim = new Simulation({ seed: 1, faults: false, loss: 0, duplicate: 0, delay: 0.2, jitter: 0.5, traffic: 0, chaos: 10000, quorum: 'majority', ...opts });
  return { sim, result: sim.run() };
}

/** The first view that a node installed after `time` without `gone` among its members. */
function firstViewWithout(log: ViewRecord[], node: number, gone: number, after: number): ViewRecord | undefined {
  return log.find((v) => v.node === node && v.time > after && !v.members.includes(gone));
}

test('nodes starting together form one view within a second', (t) => {
  const { sim, result } = run({ nodes: 3 });
  t.true(result.ok, result.failure);
  const first = sim.viewLog.filter((v) => v.members.length === 3);
  t.is(new Set(first.map((v) => v.ring)).size, 1);
  t.true(first.every((v) => v.time < 1000), JSON.stringify(first));
});

test('a crashed node is excluded after the token timeout, not before', (t) => {
  const { sim, result } = run({ nodes: 3, script: (s) => s.at(3000, () => s.crash(3)) });
  t.true(result.ok, result.failure);
  for (const n of [1, 2]) {
    const v = firstViewWithout(sim.viewLog, n, 3, 3000)!;
    t.truthy(v, `node ${n} never dropped node 3`);
    t.true(v.time - 3000 >= 800 && v.time - 3000 <= 1300, `node ${n} dropped node 3 after ${v.time - 3000} ms`);
  }
});

test('a clean leave is noticed without waiting for the token timeout', (t) => {
  const { sim, result } = run({ nodes: 3, script: (s) => s.at(3000, () => s.leave(3)) });
  t.true(result.ok, result.failure);
  const v = firstViewWithout(sim.viewLog, 1, 3, 3000)!;
  t.true(v.time - 3000 < 200, `took ${v.time - 3000} ms`);
});

test('a node restarted before anyone noticed rejoins as a new incarnation', (t) => {
  const { sim, result } = run({
    nodes: 3,
    script: (s) => {
      s.at(3000, () => s.crash(2));
      s.at(3100, () => s.start(2));
    },
  });
  t.true(result.ok, result.failure);
  const before = sim.viewLog.filter((v) => v.time < 3000 && v.node === 1).pop()!;
  const after = sim.viewLog.filter((v) => v.time > 3100 && v.node === 1);
  t.true(after.length >= 1);
  t.notDeepEqual(after[after.length - 1]!.ring, before.ring);
  t.deepEqual(after[after.length - 1]!.members, [1, 2, 3]);
});

test('a partition gives each side its own view, quorum to the majority only, and heals into one view', (t) => {
  const { sim, result } = run({
    nodes: 5,
    script: (s) => {
      s.at(3000, () => s.partition([1, 2, 3], [4, 5]));
      s.at(7000, () => s.reconnect());
    },
  });
  t.true(result.ok, result.failure);
  const during = (n: number) => sim.viewLog.filter((v) => v.node === n && v.time > 3000 && v.time < 7000).pop()!;
  t.deepEqual(during(1).members, [1, 2, 3]);
  t.true(during(1).quorate);
  t.deepEqual(during(4).members, [4, 5]);
  t.false(during(4).quorate);
  const healed = sim.viewLog.filter((v) => v.time > 7000 && v.members.length === 5);
  t.is(healed.length % 5, 0);
  t.true(healed[0]!.time < 7000 + 1500, `merged after ${healed[0]!.time - 7000} ms`);
});

test('a member that missed the commit gets it again and installs the same view, without another change', (t) => {
  const { sim, result } = run({ nodes: 3, script: (s) => s.drop(1, 3, 'commit', 2) });
  t.true(result.ok, result.failure);
  const formed = sim.viewLog.filter((v) => v.node === 1 && v.members.includes(3));
  t.is(formed.length, 1, JSON.stringify(sim.viewLog));
  const at3 = sim.viewLog.find((v) => v.node === 3 && v.ring === formed[0]!.ring);
  t.truthy(at3, 'node 3 never installed the view');
  t.true(at3!.time - formed[0]!.time < 300, `node 3 installed it ${at3!.time - formed[0]!.time} ms after node 1`);
});

test('a message of several megabytes reaches every member whole and in order despite loss', (t) => {
  const ids: string[] = [];
  const { sim, result } = run({
    nodes: 3,
    loss: 0.05,
    jitter: 5,
    script: (s) => {
      s.at(2000, () => ids.push(s.send(2, 5 * 1024 * 1024)));
      for (let i = 0; i < 20; i++) s.at(2000 + i * 10, () => ids.push(s.send(1 + (i % 3), 100)));
    },
  });
  t.true(result.ok, result.failure);
  for (const id of ids) for (const n of [1, 2, 3]) t.true(sim.checker.deliveredAt(id, { id: n, inc: 1 }), `${id} at node ${n}`);
});

test('messages of a node that crashes while sending reach all survivors or none', (t) => {
  const { result } = run({
    nodes: 4,
    loss: 0.1,
    jitter: 10,
    script: (s) => {
      for (let i = 0; i < 100; i++) s.at(2000 + i, () => s.send(4, 2000));
      s.at(2100, () => s.crash(4));
      s.at(4000, () => s.start(4));
    },
  });
  t.true(result.ok, result.failure);
});

test('no view changes under 10% loss and 50 ms jitter for ten simulated minutes', (t) => {
  const { result } = run({ nodes: 3, loss: 0.1, jitter: 50, traffic: 500, chaos: 600000 });
  t.true(result.ok, result.failure);
  t.is(result.viewsAfterFormation, 0);
});

test('a seed replays exactly', (t) => {
  const trace = (seed: number) => {
    const lines: string[] = [];
    const r = new Simulation({ seed, trace: (l) => lines.push(l) }).run();
    return JSON.stringify(r) + lines.join('\n');
  };
  t.is(trace(42), trace(42));
  t.not(trace(42), trace(43));
});
