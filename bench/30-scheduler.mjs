// crm_simulate -S on synthetic clusters: N nodes, M resources (plain
// primitives, or groups and primitives with location, colocation and
// ordering constraints, or clones), all running, and one node that has just
// failed (so it is fenced and its resources recovered elsewhere).
// Aims: at least 20x faster than the reference at 8 x 1000, 16 x 2000 in
// under 2 s, cost close to linear in the size, under 300 MB of memory.
// Every row first checks that pacer prints what the reference prints.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const title = 'Scheduler: crm_simulate -S on synthetic clusters (a node just failed)';

const TE = '00000000-0000-0000-0000-000000000000';
// Digests of operations as defined below (agents without parameters).
const START_DIGEST = 'f2317cad3d54cec5d7d7aa7d0bf35cf8';
const MONITOR_DIGEST = '4811cef7f7f94e3a35a70be7916cb2fd';

function op(rsc, node, callId, task, interval, rc, digest) {
  const key = `${rsc}_${task}_${interval}`;
  const id = interval ? key : `${rsc}_last_0`;
  return (
    `<lrm_rsc_op id="${id}" operation_key="${key}" operation="${task}" crm-debug-origin="do_update_resource" crm_feature_set="3.16.1" ` +
    `transition-key="${callId}:1:${rc}:${TE}" transition-magic="0:${rc};${callId}:1:${rc}:${TE}" exit-reason="" on_node="${node}" ` +
    `call-id="${callId}" rc-code="${rc}" op-status="0" interval="${interval}" last-rc-change="1700000000" exec-time="10" queue-time="0" op-digest="${digest}"/>`
  );
}

const history = (id, ops) => `<lrm_resource id="${id}" class="ocf" provider="pacemaker" type="Dummy">${ops}</lrm_resource>`;

const meta = (id, pairs) =>
  `<meta_attributes id="${id}-meta">${Object.entries(pairs)
    .map(([k, v]) => `<nvpair id="${id}-meta-${k}" name="${k}" value="${v}"/>`)
    .join('')}</meta_attributes>`;

const primitive = (id, ops = `<op id="${id}-monitor-10s" name="monitor" interval="10s" timeout="20s"/>`) =>
  `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"><operations>${ops}</operations></primitive>`;

/**
 * A CIB with `nodes` nodes, the last of which has just failed, and `rscs`
 * resources spread over them. `shape` is 'primitives' (plain primitives),
 * 'mixed' (every third one a group of three, located on a node, with the
 * primitives between colocated with and ordered after the group before),
 * 'clone' (the primitives plus an anonymous clone on every node) or
 * 'promotable' (a unique promotable clone of `rscs` instances, several per node).
 */
export function syntheticCib(nodes, rscs, shape) {
  const names = Array.from({ length: nodes }, (_, i) => `node${i + 1}`);
  const resources = ['<primitive id="fence" class="stonith" type="fence_dummy"/>'];
  const constraints = [];
  const lrm = names.map((name, i) => [
    `<lrm_resource id="fence" class="stonith" type="fence_dummy">${op('fence', name, 1, i === 0 ? 'start' : 'monitor', 0, i === 0 ? 0 : 7, START_DIGEST)}</lrm_resource>`,
  ]);
  const attrs = names.map(() => []);
  const calls = names.map(() => 2);
  const running = (id, n) => {
    lrm[n].push(history(id, op(id, names[n], calls[n]++, 'start', 0, 0, START_DIGEST) + op(id, names[n], calls[n]++, 'monitor', 10000, 0, MONITOR_DIGEST)));
    names.forEach((name, o) => {
      if (o !== n) lrm[o].push(history(id, op(id, name, calls[o]++, 'monitor', 0, 7, START_DIGEST)));
    });
  };

  if (shape === 'promotable') {
    const perNode = Math.ceil(rscs / nodes) + 1;
    const ops = '<op id="st-mon-p" name="monitor" interval="10s" role="Promoted" timeout="20s"/><op id="st-mon-u" name="monitor" interval="11s" role="Unpromoted" timeout="20s"/>';
    resources.push(
      `<clone id="st-clone">${meta('st-clone', { promotable: 'true', 'globally-unique': 'true', 'clone-max': rscs, 'clone-node-max': perNode, 'promoted-max': nodes, 'promoted-node-max': 1 })}` +
        `${primitive('st', ops)}</clone>`,
    );
    for (let i = 0; i < rscs; i++) {
      const n = i % nodes;
      const id = `st:${i}`;
      const promoted = i < nodes;
      const ops =
        op(id, names[n], calls[n]++, promoted ? 'promote' : 'start', 0, 0, START_DIGEST) +
        op(id, names[n], calls[n]++, 'monitor', promoted ? 10000 : 11000, promoted ? 8 : 0, MONITOR_DIGEST);
      lrm[n].push(history(id, ops));
      attrs[n].push([`master-${id}`, promoted ? 100 : 10]);
    }
  } else {
    if (shape === 'clone') {
      resources.push(`<clone id="base-clone">${primitive('base')}</clone>`);
      names.forEach((_, n) => lrm[n].push(history('base', op('base', names[n], calls[n]++, 'start', 0, 0, START_DIGEST) + op('base', names[n], calls[n]++, 'monitor', 10000, 0, MONITOR_DIGEST))));
    }
    let lastGroup = null;
    for (let n = 0, g = 0; n < rscs; g++) {
      const node = g % nodes;
      if (shape === 'mixed' && g % 3 === 0 && n + 3 <= rscs) {
        const group = `grp${g}`;
        const members = [0, 1, 2].map((k) => `${group}-r${k}`);
        resources.push(`<group id="${group}">${members.map((m) => primitive(m)).join('')}</group>`);
        for (const m of members) running(m, node);
        constraints.push(`<rsc_location id="loc-${group}" rsc="${group}" node="${names[node]}" score="100"/>`);
        lastGroup = group;
        n += 3;
      } else {
        const id = `rsc${g}`;
        resources.push(primitive(id));
        running(id, node);
        if (lastGroup !== null) {
          constraints.push(`<rsc_colocation id="col-${id}" rsc="${id}" with-rsc="${lastGroup}" score="50"/>`);
          constraints.push(`<rsc_order id="ord-${id}" first="${lastGroup}" then="${id}" kind="Optional"/>`);
        }
        n += 1;
      }
    }
  }

  const failed = nodes - 1;
  const states = names.map((name, i) => {
    const up = i !== failed;
    const transient = attrs[i].length
      ? `<transient_attributes id="${i + 1}"><instance_attributes id="status-${i + 1}">` +
        attrs[i].map(([k, v]) => `<nvpair id="status-${i + 1}-${k}" name="${k}" value="${v}"/>`).join('') +
        '</instance_attributes></transient_attributes>'
      : '';
    return (
      `<node_state id="${i + 1}" uname="${name}" in_ccm="${up}" crmd="${up ? 'online' : 'offline'}" join="${up ? 'member' : 'down'}" expected="member">` +
      `${transient}<lrm id="${i + 1}"><lrm_resources>${lrm[i].join('')}</lrm_resources></lrm></node_state>`
    );
  });
  return (
    `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.7" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="1">` +
    `<configuration><crm_config><cluster_property_set id="opts"><nvpair id="opts-st" name="stonith-enabled" value="true"/></cluster_property_set></crm_config>` +
    `<nodes>${names.map((name, i) => `<node id="${i + 1}" uname="${name}"/>`).join('')}</nodes>` +
    `<resources>${resources.join('')}</resources><constraints>${constraints.join('')}</constraints>` +
    '<rsc_defaults><meta_attributes id="rsc-options"><nvpair id="rsc-options-stickiness" name="resource-stickiness" value="100"/></meta_attributes></rsc_defaults></configuration>' +
    `<status>${states.join('')}</status></cib>`
  );
}

// The reference's cost grows with the square of the size (about 70 s of CPU
// at 8 x 1000, minutes beyond): on the `slow` rows it runs only with
// BENCH_ALL=1, or when an earlier run kept its result.
const ROWS = [
  { nodes: 8, rscs: 250, shape: 'mixed' },
  { nodes: 8, rscs: 500, shape: 'mixed' },
  { nodes: 8, rscs: 1000, shape: 'mixed' },
  { nodes: 8, rscs: 2000, shape: 'primitives', slow: true },
  { nodes: 16, rscs: 2000, shape: 'primitives', slow: true },
  { nodes: 16, rscs: 4000, shape: 'primitives', slow: true },
  { nodes: 16, rscs: 2000, shape: 'clone', slow: true },
  { nodes: 16, rscs: 100, shape: 'promotable' },
];

const LABELS = {
  primitives: (r) => `${r.nodes} x ${r.rscs} primitives`,
  mixed: (r) => `${r.nodes} x ${r.rscs} groups, constraints`,
  clone: (r) => `${r.nodes} x ${r.rscs} + a clone`,
  promotable: (r) => `${r.nodes} nodes, promotable x ${r.rscs}`,
};

const GNU_TIME = '/usr/bin/time';
const UNIMPLEMENT_FEATURE = 3;
const hasGnuTime = spawnSync(GNU_TIME, ['-f', '%M', 'true']).status === 0;

/**
 * One run: wall and CPU time (ms; CPU is user + system, steadier than wall
 * on a shared machine), peak resident memory (MB), exit code and output.
 * CPU and memory come from GNU time when installed.
 */
function runOnce(argv, dir) {
  const usage = join(dir, 'usage');
  const full = hasGnuTime ? [GNU_TIME, '-f', '%U %S %M', '-o', usage, ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), {
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  // GNU time reports "Command exited with non-zero status N" before the figures.
  const [user, sys, kb] = hasGnuTime ? readFileSync(usage, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number) : [];
  return {
    wall,
    cpu: hasGnuTime ? (user + sys) * 1000 : wall,
    mb: hasGnuTime ? kb / 1024 : null,
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The reference's result for a CIB, run once and kept (the generator is
 * deterministic and the reference does not change): the large rows take it
 * minutes. BENCH_FRESH=1 runs it again.
 */
function referenceRun(t, dir, path, text, slow) {
  const version = spawnSync(`${t.REFERENCE}/crm_simulate`, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  const key = createHash('sha256').update(version).update(text).digest('hex').slice(0, 16);
  const cacheDir = join(tmpdir(), 'pacer-bench-reference');
  const cached = join(cacheDir, `${key}.json`);
  if (process.env.BENCH_FRESH !== '1' && existsSync(cached)) return { ...JSON.parse(readFileSync(cached, 'utf8')), cached: true };
  if (slow && process.env.BENCH_ALL !== '1') return null;
  const { wall, cpu, mb, status, stdout } = runOnce([`${t.REFERENCE}/crm_simulate`, '-S', '-x', path], dir);
  const result = { wall, cpu, mb, status, stdout };
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, JSON.stringify(result));
  return { ...result, cached: false };
}

/** Where two outputs first differ, for the report. */
function firstDifference(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: reference "${la[i] ?? ''}", pacer "${lb[i] ?? ''}"`;
  }
  return '';
}

const fmt = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

export async function run(t) {
  const dir = t.tempDir();
  const withReference = t.hasReference && process.env.BENCH_NO_REFERENCE !== '1';
  const header = ['', 'pacer cpu', 'wall', 'peak RSS', 'reference cpu', 'wall', 'peak RSS', 'ratio', 'output'];
  const lines = [];
  const notes = [];
  for (const row of ROWS) {
    const label = LABELS[row.shape](row);
    const text = syntheticCib(row.nodes, row.rscs, row.shape);
    const path = join(dir, `${row.shape}-${row.nodes}x${row.rscs}.xml`);
    writeFileSync(path, text);
    const argv = [t.NODE, t.PACER, 'crm_simulate', '-S', '-x', path];
    const first = runOnce(argv, dir);
    if (first.status !== 0) {
      // Exit 3 is "not implemented yet": said, not a failure. Anything else is.
      const notYet = first.status === UNIMPLEMENT_FEATURE;
      if (!notYet) process.exitCode = 1;
      lines.push([label, notYet ? 'cannot schedule this yet' : 'FAILED', '', '', '', '', '', '', `exit ${first.status}`]);
      notes.push(`${label}: pacer exits ${first.status}: ${first.stderr.trim().split('\n').pop() ?? ''}`);
      continue;
    }
    // Small cases are timed over five runs, large ones over two.
    const runs = [first];
    while (runs.length < (first.cpu < 1000 ? 5 : 2)) runs.push(runOnce(argv, dir));
    const pacer = { cpu: median(runs.map((r) => r.cpu)), wall: median(runs.map((r) => r.wall)), mb: Math.max(...runs.map((r) => r.mb)) };
    const ref = withReference ? referenceRun(t, dir, path, text, row.slow) : null;
    let verdict = withReference ? 'not checked (BENCH_ALL=1)' : 'not checked';
    if (ref) {
      verdict = ref.stdout === first.stdout ? 'same' : 'DIFFERENT';
      if (verdict !== 'same') {
        process.exitCode = 1;
        notes.push(`${label}: ${firstDifference(ref.stdout, first.stdout)}`);
      }
    }
    const mb = (x) => (x === null || !Number.isFinite(x) ? '?' : `${x.toFixed(0)} MB`);
    lines.push([
      label,
      fmt(pacer.cpu),
      fmt(pacer.wall),
      mb(pacer.mb),
      ref ? fmt(ref.cpu) + (ref.cached ? '*' : '') : '',
      ref ? fmt(ref.wall) : '',
      ref ? mb(ref.mb) : '',
      ref ? `${(ref.cpu / pacer.cpu).toFixed(1)}x` : '',
      verdict,
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const show = (l) => console.log('  ' + l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  show(header);
  lines.forEach(show);
  console.log('\n  ratio: reference CPU time / pacer CPU time (user + system; wall time depends on the load of the machine).');
  console.log(`  * the reference's result was kept from an earlier run (in ${join(tmpdir(), 'pacer-bench-reference')}; BENCH_FRESH=1 reruns it).`);
  console.log('  On the large rows the reference runs only with BENCH_ALL=1 (minutes each) unless an earlier run kept its result.');
  for (const n of notes) console.log(`  ${n}`);
}
