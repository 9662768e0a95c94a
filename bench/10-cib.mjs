// cibadmin -Q on a small CIB against bare node start-up and the reference,
// and parse + serialise of a 2 MB CIB. Aims (issue 2): a tool call within 2x
// of `node -e 0`; the 2 MB CIB parsed and serialised in under 300 ms.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const title = 'CIB: cibadmin --query, parse and serialise';

/** A CIB of about `bytes` bytes: resources with parameters and operations, and their status. */
export function bigCib(bytes) {
  const rsc = [];
  const lrm = [];
  for (let i = 0; rsc.join('').length + lrm.join('').length < bytes * 0.98; i++) {
    rsc.push(
      `<primitive id="rsc${i}" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="rsc${i}-ia">` +
        `<nvpair id="rsc${i}-ip" name="ip" value="10.0.${i % 250}.${i % 200}"/><nvpair id="rsc${i}-mask" name="cidr_netmask" value="24"/></instance_attributes>` +
        `<operations><op id="rsc${i}-mon" name="monitor" interval="10s" timeout="20s"/></operations></primitive>`,
    );
    lrm.push(
      `<lrm_resource id="rsc${i}" type="IPaddr2" class="ocf" provider="heartbeat"><lrm_rsc_op id="rsc${i}_last_0" operation_key="rsc${i}_start_0" operation="start" ` +
        `crm-debug-origin="do_update_resource" crm_feature_set="3.16.1" transition-key="1:2:0:0" transition-magic="0:0;1:2:0:0" exit-reason="" ` +
        `on_node="node1" call-id="${i}" rc-code="0" op-status="0" interval="0" last-rc-change="1700000000" exec-time="50" queue-time="0" op-digest="0123456789abcdef0123456789abcdef"/></lrm_resource>`,
    );
  }
  return (
    `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0"><configuration><crm_config/>` +
    `<nodes><node id="1" uname="node1"/></nodes><resources>${rsc.join('')}</resources><constraints/></configuration>` +
    `<status><node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"><lrm id="1"><lrm_resources>${lrm.join('')}</lrm_resources></lrm></node_state></status></cib>`
  );
}

export async function run(t) {
  const small = join(t.ROOT, 'test', 'fixtures', 'cib', 'small.xml');
  const node = t.timeCommand([t.NODE, '-e', '0']);
  const smallQuery = t.timeCommand([t.NODE, t.PACER, 'cibadmin', '-Q'], { env: { CIB_file: small } });
  const rows = [
    ['node -e 0', node],
    ['pacer cibadmin -Q (small CIB)', smallQuery],
  ];
  if (t.hasReference) rows.push(['reference cibadmin -Q (small CIB)', t.timeCommand([`${t.REFERENCE}/cibadmin`, '-Q'], { env: { CIB_file: small } })]);
  t.table(rows);
  console.log('');

  const dir = t.tempDir();
  const path = join(dir, 'big.xml');
  const text = bigCib(2 * 1024 * 1024);
  writeFileSync(path, text);
  const { parseXml } = await t.load('src/cib/xml/parse.js');
  const { serialize } = await t.load('src/cib/xml/serialize.js');
  const both = t.timeFunction(() => serialize(parseXml(text)));
  const parse = t.timeFunction(() => parseXml(text));
  const tree = parseXml(text);
  const ser = t.timeFunction(() => serialize(tree));
  const bigQuery = t.timeCommand([t.NODE, t.PACER, 'cibadmin', '-Q'], { env: { CIB_file: path }, runs: 10 });
  const rows2 = [
    [`parse + serialise, ${(text.length / 1048576).toFixed(1)} MB, in process`, both],
    ['  of which parse', parse],
    ['  of which serialise', ser],
    ['pacer cibadmin -Q (2 MB CIB)', bigQuery],
  ];
  const reference = t.hasReference && t.timeCommand([`${t.REFERENCE}/cibadmin`, '-Q'], { env: { CIB_file: path }, runs: 10 });
  if (reference) rows2.push(['reference cibadmin -Q (2 MB CIB)', reference]);
  t.table(rows2);
  console.log('');

  const ratio = smallQuery.median / node.median;
  const aims = [
    ['a tool call (cibadmin -Q, small CIB) within 2x of node -e 0', `${ratio.toFixed(2)}x (${smallQuery.median.toFixed(1)} ms)`, ratio <= 2],
    ['parse + serialise of a 2 MB CIB under 300 ms', `${both.median.toFixed(1)} ms`, both.median < 300],
  ];
  if (reference) {
    const big = bigQuery.median / reference.median;
    aims.push(['cibadmin -Q, 2 MB CIB, within 2x of the reference (our yardstick)', `${big.toFixed(2)}x the reference`, big <= 2]);
  }
  t.aims(aims);
}
