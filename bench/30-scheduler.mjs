// crm_simulate -S on synthetic clusters: N nodes, M resources (plain
// primitives, or a mix of groups and primitives with location, colocation
// and ordering constraints), all running, and one node that has just
// failed (so it is fenced and its resources recovered elsewhere).
// Aims: at least 20x faster than the reference at 8 x 1000, 16 x 2000 in
// under 2 s, cost close to linear in the size, under 300 MB of memory.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const title = 'Scheduler: crm_simulate -S on synthetic clusters (a node just failed)';

function op(rsc, node, callId, task, interval, rc, digest) {
  const key = interval ? `${rsc}_${task}_${interval}` : `${rsc}_${task}_0`;
  const id = interval ? key : `${rsc}_last_0`;
  return (
    `<lrm_rsc_op id="${id}" operation_key="${key}" operation="${task}" crm-debug-origin="do_update_resource" crm_feature_set="3.16.1" ` +
    `transition-key="${callId}:1:0:00000000-0000-0000-0000-000000000000" transition-magic="0:${rc};${callId}:1:0:00000000-0000-0000-0000-000000000000" ` +
    `exit-reason="" on_node="${node}" call-id="${callId}" rc-code="${rc}" op-status="0" interval="${interval}" last-rc-change="1700000000" ` +
    `exec-time="10" queue-time="0" op-digest="${digest}"/>`
  );
}

/**
 * A CIB with `nodes` nodes and `rscs` resources. With `mixed`, resources
 * come as groups of three and single primitives, with constraints between
 * them; otherwise all are plain primitives.
 */
export function syntheticCib(nodes, rscs, mixed) {
  const nodeNames = Array.from({ length: nodes }, (_, i) => `node${i + 1}`);
  const prim = (id) =>
    `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy"><operations>` +
    `<op id="${id}-monitor-10s" name="monitor" interval="10s" timeout="20s"/></operations></primitive>`;
  const resources = [`<primitive id="fence" class="stonith" type="fence_dummy"/>`];
  const constraints = [];
  const placed = []; // [id, node]
  let n = 0;
  let g = 0;
  while (n < rscs) {
    const node = nodeNames[(g % nodes)];
    if (mixed && g % 2 === 0 && n + 3 <= rscs) {
      const members = [0, 1, 2].map((k) => `grp${g}-r${k}`);
      resources.push(`<group id="grp${g}">${members.map(prim).join('')}</group>`);
      for (const m of members) placed.push([m, node]);
      constraints.push(`<rsc_location id="loc-grp${g}" rsc="grp${g}" node="${node}" score="100"/>`);
      n += 3;
    } else {
      const id = `rsc${g}`;
      resources.push(prim(id));
      placed.push([id, node]);
      if (mixed && g >= 2) {
        constraints.push(`<rsc_colocation id="col-${id}" rsc="${id}" with-rsc="grp${g - (g % 2 === 1 ? 1 : 2)}" score="50"/>`);
        constraints.push(`<rsc_order id="ord-${id}" first="grp${g - (g % 2 === 1 ? 1 : 2)}" then="${id}" kind="Optional"/>`);
      }
      n += 1;
    }
    g++;
  }
  const failed = nodeNames[nodes - 1];
  const states = nodeNames.map((name, i) => {
    const lrm = [`<lrm_resource id="fence" class="stonith" type="fence_dummy">${op('fence', name, 1, i === 0 ? 'start' : 'monitor', 0, i === 0 ? 0 : 7, '')}</lrm_resource>`];
    let call = 2;
    for (const [id, node] of placed) {
      if (node === name) {
        lrm.push(
          `<lrm_resource id="${id}" class="ocf" provider="pacemaker" type="Dummy">` +
            op(id, name, call++, 'start', 0, 0, 'f2317cad3d54cec5d7d7aa7d0bf35cf8') +
            op(id, name, call++, 'monitor', 10000, 0, '4811cef7f7f94e3a35a70be7916cb2fd') +
            '</lrm_resource>',
        );
      } else {
        lrm.push(
          `<lrm_resource id="${id}" class="ocf" provider="pacemaker" type="Dummy">` +
            op(id, name, call++, 'monitor', 0, 7, 'f2317cad3d54cec5d7d7aa7d0bf35cf8') +
            '</lrm_resource>',
        );
      }
    }
    const up = name !== failed;
    return (
      `<node_state id="${i + 1}" uname="${name}" in_ccm="${up}" crmd="${up ? 'online' : 'offline'}" join="${up ? 'member' : 'down'}" expected="member">` +
      `<lrm id="${i + 1}"><lrm_resources>${lrm.join('')}</lrm_resources></lrm></node_state>`
    );
  });
  return (
    `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.7" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="1">` +
    `<configuration><crm_config><cluster_property_set id="opts"><nvpair id="opts-st" name="stonith-enabled" value="true"/></cluster_property_set></crm_config>` +
    `<nodes>${nodeNames.map((name, i) => `<node id="${i + 1}" uname="${name}"/>`).join('')}</nodes>` +
    `<resources>${resources.join('')}</resources><constraints>${constraints.join('')}</constraints></configuration>` +
    `<status>${states.join('')}</status></cib>`
  );
}

/** Peak resident memory (MB) of one command run, from GNU time when available. */
function peakMemory(argv) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.error) return null;
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : null;
}

export async function run(t) {
  const dir = t.tempDir();
  const sizes = [
    [8, 250, true],
    [8, 500, true],
    [8, 1000, true],
    [8, 2000, false],
    [16, 2000, false],
    [16, 4000, false],
  ];
  const skipReference = process.env.BENCH_NO_REFERENCE === '1';
  const rows = [];
  for (const [nodes, rscs, mixed] of sizes) {
    const path = join(dir, `cib-${nodes}x${rscs}${mixed ? '-mixed' : ''}.xml`);
    writeFileSync(path, syntheticCib(nodes, rscs, mixed));
    const label = `${nodes} x ${rscs} ${mixed ? '(groups, constraints)' : '(primitives)'}`;
    const pacer = t.timeCommand([t.NODE, t.PACER, 'crm_simulate', '-S', '-x', path], { runs: 3, warmup: 1 });
    const mem = peakMemory([t.NODE, t.PACER, 'crm_simulate', '-S', '-x', path]);
    let ref = null;
    const refBig = rscs * nodes > 16000;
    if (t.hasReference && !skipReference && !(refBig && process.env.BENCH_ALL !== '1')) {
      ref = t.timeCommand([`${t.REFERENCE}/crm_simulate`, '-S', '-x', path], { runs: 1, warmup: 0 });
    }
    rows.push([label, pacer, ref, mem]);
    console.log(
      `  ${label.padEnd(34)} pacer ${pacer.mean.toFixed(0).padStart(6)} ms` +
        (mem !== null ? ` (${mem.toFixed(0)} MB)` : '') +
        (ref ? `   reference ${ref.mean.toFixed(0).padStart(7)} ms   ${(ref.mean / pacer.mean).toFixed(1)}x faster` : ''),
    );
  }
  if (!process.env.BENCH_ALL) console.log('\n  (the reference is skipped above 16000 node x resource pairs: set BENCH_ALL=1 to run it; it takes minutes)');
}
