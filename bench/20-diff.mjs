// crm_diff, digests and XPath on a 2 MB CIB, side by side with the reference.
// Aims: each tool call within 2x of the reference; in process, a patchset
// between two 2 MB CIBs in under 200 ms and an XPath search in under 20 ms.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigCib } from './10-cib.mjs';

export const title = 'crm_diff, digests and XPath on a 2 MB CIB';

export async function run(t) {
  const { parseXml } = await t.load('src/cib/xml/parse.js');
  const { serialize } = await t.load('src/cib/xml/serialize.js');
  const { createPatchset, applyPatchset } = await t.load('src/cib/patchset/index.js');
  const { versionedDigest } = await t.load('src/cib/digest.js');
  const { selectNodes } = await t.load('src/cib/xpath/index.js');

  const dir = t.tempDir();
  const oldText = bigCib(2 * 1024 * 1024);
  const before = parseXml(oldText);
  // a handful of edits spread over the document: values, a deletion, a move
  const after = before.clone();
  const nvpairs = selectNodes(after, '//nvpair');
  for (let i = 0; i < nvpairs.length; i += 997) nvpairs[i].attrs['value'] = 'changed';
  selectNodes(after, "//primitive[@id='rsc3']")[0].remove();
  const resources = selectNodes(after, '/cib/configuration/resources')[0];
  resources.insertChild(resources.children.pop(), 0);
  after.attrs['epoch'] = '2';
  const oldPath = join(dir, 'old.xml');
  const newPath = join(dir, 'new.xml');
  writeFileSync(oldPath, oldText);
  writeFileSync(newPath, serialize(after));

  const diff = createPatchset(before, after, { asCib: true });
  const rows = [
    ['createPatchset --cib, in process', t.timeFunction(() => createPatchset(before, after, { asCib: true }))],
    ['applyPatchset with version check, in process', t.timeFunction(() => applyPatchset(before, diff, { checkVersion: true }))],
    ['versionedDigest, in process', t.timeFunction(() => versionedDigest(after))],
    ["selectNodes //nvpair[@name='ip'], in process", t.timeFunction(() => selectNodes(before, "//nvpair[@name='ip']"))],
    ['selectNodes (//lrm_rsc_op)[last()]/.., in process', t.timeFunction(() => selectNodes(before, '(//lrm_rsc_op)[last()]/..'))],
  ];
  t.table(rows);
  console.log('');

  const pairs = [
    ['crm_diff --cib -o old -n new', ['crm_diff', '--cib', '-o', oldPath, '-n', newPath], {}],
    ['cibadmin --md5-sum-versioned -x new', ['cibadmin', '--md5-sum-versioned', '-x', newPath], {}],
    ["cibadmin -Q --xpath //nvpair[@name='ip']", ['cibadmin', '-Q', '--xpath', "//nvpair[@name='ip']"], { CIB_file: oldPath }],
  ];
  const rows2 = [];
  for (const [label, [tool, ...args], env] of pairs) {
    rows2.push([`pacer ${label}`, t.timeCommand([t.NODE, t.PACER, tool, ...args], { env, runs: 10, ignoreFailure: true })]);
    if (t.hasReference) rows2.push([`reference ${label}`, t.timeCommand([`${t.REFERENCE}/${tool}`, ...args], { env, runs: 10, ignoreFailure: true })]);
  }
  t.table(rows2);
}
