import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { digestForFeatureSet } from '../../src/cib/digest.js';
import { applyPatchset, createPatchset, IncomparableError, PatchError, PatchFailure } from '../../src/cib/patchset/index.js';
import type { XmlElement } from '../../src/cib/xml/node.js';
import { parseXml } from '../../src/cib/xml/parse.js';
import { serialize } from '../../src/cib/xml/serialize.js';
import { SCHEDULER_XML } from '../helpers.js';
import { mutate } from './mutate.js';

const V2 = 'crm_feature_set="3.16.1"';
const cib = (body: string, version = 'epoch="1" num_updates="1" admin_epoch="0"', featureSet = V2) =>
  parseXml(`<cib ${featureSet} ${version}><configuration>${body}</configuration><status/></cib>`);
const text = (el: XmlElement | null) => (el ? serialize(el) : 'null');
/** The <change> elements of a format 2 patchset, one line each. */
const changes = (diff: XmlElement | null) =>
  diff!.elements('change').map((c) => serialize(c, { pretty: false }).replace(/&apos;/g, "'"));

test('identical documents make no patchset', (t) => {
  t.is(createPatchset(cib('<a id="1"/>'), cib('<a id="1"/>')), null);
});

test('a changed attribute is a modify with the set and the resulting attributes', (t) => {
  const diff = createPatchset(cib('<a id="1" x="1" y="2"/>'), cib('<a id="1" x="3" y="2"/>'));
  t.deepEqual(changes(diff), [
    `<change operation="modify" path="/cib/configuration/a[@id='1']"><change-list><change-attr name="x" operation="set" value="3"/></change-list><change-result><a id="1" x="3" y="2"/></change-result></change>`,
  ]);
});

test('a removed attribute is unset and left out of the result', (t) => {
  const diff = createPatchset(cib('<a id="1" x="1" y="2"/>'), cib('<a id="1" y="2"/>'), { asCib: true });
  t.deepEqual(changes(diff), [
    `<change operation="modify" path="/cib/configuration/a[@id='1']"><change-list><change-attr name="x" operation="unset"/></change-list><change-result><a id="1" y="2"/></change-result></change>`,
  ]);
});

test('a new element is created under its parent\'s path at its position', (t) => {
  const diff = createPatchset(cib('<a id="1"/>'), cib('<a id="1"/><b id="2"><c/></b>'));
  t.deepEqual(changes(diff), [`<change operation="create" path="/cib/configuration" position="1"><b id="2"><c/></b></change>`]);
});

test('deletions come first, in the order they are found', (t) => {
  const diff = createPatchset(cib('<a id="1"/><b id="2"/>'), cib('<c id="3"/>'));
  t.deepEqual(changes(diff), [
    `<change operation="delete" path="/cib/configuration/a[@id='1']"/>`,
    `<change operation="delete" path="/cib/configuration/b[@id='2']"/>`,
    `<change operation="create" path="/cib/configuration" position="0"><c id="3"/></change>`,
  ]);
});

test('each element that changed place is moved, after the changes inside it', (t) => {
  const diff = createPatchset(cib('<a id="1"/><b id="2" x="1"/>'), cib('<b id="2" x="2"/><a id="1"/>'));
  t.deepEqual(changes(diff), [
    `<change operation="modify" path="/cib/configuration/b[@id='2']"><change-list><change-attr name="x" operation="set" value="2"/></change-list><change-result><b id="2" x="2"/></change-result></change>`,
    `<change operation="move" path="/cib/configuration/b[@id='2']" position="0"/>`,
    `<change operation="move" path="/cib/configuration/a[@id='1']" position="1"/>`,
  ]);
});

test('positions skip siblings already counted as moved', (t) => {
  const diff = createPatchset(cib('<a id="1"/><b id="2"/><c id="3"/>'), cib('<c id="3"/><a id="1"/><b id="2"/>'));
  t.deepEqual(changes(diff), [
    `<change operation="move" path="/cib/configuration/c[@id='3']" position="0"/>`,
    `<change operation="move" path="/cib/configuration/a[@id='1']" position="1"/>`,
  ]);
});

test('a deleted comment is found again by its position', (t) => {
  const diff = createPatchset(cib('<a id="1"/><!-- note -->'), cib('<a id="1"/>'));
  t.deepEqual(changes(diff), [`<change operation="delete" path="/cib/configuration/comment" position="1"/>`]);
});

test('the version section gives both versions, 1 where a number is missing', (t) => {
  const diff = createPatchset(cib('<a id="1"/>', 'epoch="4"'), cib('<a id="2"/>', 'epoch="5" num_updates="0"'))!;
  t.is(
    serialize(diff.firstElement('version')!, { pretty: false }),
    '<version><source admin_epoch="1" epoch="4" num_updates="1"/><target admin_epoch="1" epoch="5" num_updates="0"/></version>',
  );
});

test('without versions, the new CIB takes the original\'s and the section is left out', (t) => {
  const diff = createPatchset(cib('<a id="1"/>', 'epoch="4"'), cib('<a id="2"/>', 'epoch="5"'), { withVersion: false });
  t.is(diff!.firstElement('version'), undefined);
  t.false(changes(diff).some((c) => c.includes('epoch')));
});

test('attributes that only changed order are set again, unless comparing as CIBs', (t) => {
  const before = cib('<a id="1" x="1" y="2"/>');
  const after = cib('<a id="1" y="2" x="1"/>');
  t.deepEqual(changes(createPatchset(before, after)), [
    `<change operation="modify" path="/cib/configuration/a[@id='1']"><change-list><change-attr name="y" operation="set" value="2"/><change-attr name="x" operation="set" value="1"/></change-list><change-result><a id="1" y="2" x="1"/></change-result></change>`,
  ]);
  t.is(createPatchset(before, after, { asCib: true }), null);
});

test('a patchset between CIBs carries the digest of the new one', (t) => {
  const after = cib('<a id="2"/>');
  const diff = createPatchset(cib('<a id="1"/>'), after, { asCib: true })!;
  t.is(diff.attrs['digest'], digestForFeatureSet(after, '3.16.1'));
  t.false('digest' in createPatchset(cib('<a id="1"/>'), after)!.attrs);
});

test('the format follows the original\'s feature set: 2 after 3.0.8, else 1', (t) => {
  t.is(createPatchset(cib('<a/>', undefined, 'crm_feature_set="3.0.9"'), cib('<b/>'))!.attrs['format'], '2');
  t.is(createPatchset(cib('<a/>', undefined, 'crm_feature_set="3.0.8"'), cib('<b/>'))!.attrs['format'], '1');
  t.is(createPatchset(cib('<a/>', undefined, ''), cib('<b/>'))!.attrs['format'], '1');
});

test('format 1 lists old values as removed and new state as added', (t) => {
  const diff = createPatchset(cib('<a id="1" x="1"/>', undefined, ''), cib('<a id="1" x="2"/>', undefined, ''))!;
  t.is(
    text(diff),
    `<diff crm_feature_set="3.16.1" format="1" digest="${digestForFeatureSet(cib('<a id="1" x="2"/>', undefined, ''), undefined)}">
  <diff-removed admin_epoch="0" epoch="1" num_updates="1">
    <cib admin_epoch="0" epoch="1" num_updates="1">
      <configuration>
        <a id="1" x="1"/>
      </configuration>
    </cib>
  </diff-removed>
  <diff-added admin_epoch="0" epoch="1" num_updates="1">
    <cib epoch="1" num_updates="1" admin_epoch="0">
      <configuration>
        <a id="1" x="2"/>
      </configuration>
    </cib>
  </diff-added>
</diff>
`,
  );
});

test('format 1 keeps a deleted attribute at the end of a changed element, as Pacemaker does', (t) => {
  const diff = createPatchset(cib('<a id="1" x="1" y="2"/>', undefined, ''), cib('<a id="1" x="2"/>', undefined, ''))!;
  t.regex(text(diff), /<diff-added[^]*<a id="1" x="2" y="2"\/>/);
});

test('format 1 marks whole new and removed elements', (t) => {
  const diff = createPatchset(cib('<a id="1"/>', undefined, ''), cib('<b id="2"/>', undefined, ''))!;
  t.regex(text(diff), /<a id="1" __crm_diff_marker__="removed:top"\/>/);
  t.regex(text(diff), /<b id="2" __crm_diff_marker__="added:top"\/>/);
});

test('documents with different root names or ids cannot be compared', (t) => {
  t.throws(() => createPatchset(parseXml('<cib/>'), parseXml('<resources/>')), { instanceOf: IncomparableError });
  t.throws(() => createPatchset(parseXml('<a id="1"/>'), parseXml('<a id="2"/>')), { instanceOf: IncomparableError });
});

test('the inputs of createPatchset are left as they were', (t) => {
  const before = cib('<a id="1" x="1"/>');
  const after = cib('<a id="1"/><b id="2"/>');
  const [b1, a1] = [serialize(before), serialize(after)];
  createPatchset(before, after, { format: 1 });
  t.is(serialize(before), b1);
  t.is(serialize(after), a1);
});

const patch = (body: string, attrs = 'format="2"') => parseXml(`<diff ${attrs}>${body}</diff>`);

test('apply creates, modifies, moves and deletes', (t) => {
  const result = applyPatchset(
    cib('<a id="1" x="1"/><b id="2"/><c id="3"/>'),
    patch(
      `<change operation="delete" path="/cib/configuration/c[@id='3']"/>
       <change operation="modify" path="/cib/configuration/a[@id='1']"><change-list/><change-result><a id="1" y="2"/></change-result></change>
       <change operation="move" path="/cib/configuration/b[@id='2']" position="0"/>
       <change operation="create" path="/cib/configuration" position="1"><d id="4"/></change>`,
    ),
  );
  t.is(serialize(result.firstElement('configuration')!, { pretty: false }), '<configuration><b id="2"/><d id="4"/><a id="1" y="2"/></configuration>');
});

test('apply leaves its input alone', (t) => {
  const before = cib('<a id="1"/>');
  applyPatchset(before, patch(`<change operation="delete" path="/cib/configuration/a[@id='1']"/>`));
  t.is(before.firstElement('configuration')!.children.length, 1);
});

test('a deletion of something absent is ignored; any other change of it fails', (t) => {
  t.notThrows(() => applyPatchset(cib(''), patch(`<change operation="delete" path="/cib/configuration/a"/>`)));
  const e = t.throws(() => applyPatchset(cib(''), patch(`<change operation="move" path="/cib/configuration/a" position="0"/>`)), {
    instanceOf: PatchError,
  });
  t.is(e!.failure, PatchFailure.DiffFailed);
  t.is(e!.code, 1);
  t.is(e!.message, 'Application of update diff failed');
});

function failure(before: XmlElement, diff: XmlElement, checkVersion = false): [string, number, string] {
  try {
    applyPatchset(before, diff, { checkVersion });
  } catch (e) {
    if (e instanceof PatchError) return [e.failure, e.code, e.message];
    throw e;
  }
  return ['none', 0, ''];
}

const versions = (from: string, to: string) => `<version><source ${from}/><target ${to}/></version>`;

test('a patch made for an older CIB is refused with exit code 103', (t) => {
  const diff = patch(versions('admin_epoch="0" epoch="1" num_updates="1"', 'admin_epoch="0" epoch="2" num_updates="0"'));
  t.deepEqual(failure(cib('', 'admin_epoch="0" epoch="3" num_updates="0"'), diff, true), [
    PatchFailure.OldData,
    103,
    'Update was older than existing configuration',
  ]);
});

test('a patch made for a newer CIB asks for a full refresh', (t) => {
  const diff = patch(versions('admin_epoch="0" epoch="5" num_updates="1"', 'admin_epoch="0" epoch="6" num_updates="0"'));
  t.deepEqual(failure(cib('', 'admin_epoch="0" epoch="3" num_updates="0"'), diff, true), [
    PatchFailure.DiffResync,
    1,
    'Application of update diff failed, requesting full refresh',
  ]);
});

test('a patch that changes no version is refused as old', (t) => {
  const v = 'admin_epoch="0" epoch="3" num_updates="0"';
  t.is(failure(cib('', v), patch(versions(v, v)), true)[0], PatchFailure.OldData);
  t.is(failure(cib('', v), patch(versions(v, v)), false)[0], 'none');
});

test('a modification without its result is a protocol error', (t) => {
  t.deepEqual(failure(cib(''), patch(`<change operation="modify" path="/cib"/>`)), [PatchFailure.NoMessage, 76, 'No message of desired type']);
});

test('an unknown operation fails the patch', (t) => {
  t.is(failure(cib(''), patch(`<change operation="frob" path="/cib"/>`))[0], PatchFailure.DiffFailed);
});

test('an unknown format is an invalid argument', (t) => {
  t.deepEqual(failure(cib(''), patch('', 'format="7"')), [PatchFailure.InvalidArgument, 70, 'Invalid argument']);
});

test('a result that does not have the patch\'s digest fails', (t) => {
  t.is(failure(cib(''), patch('', 'format="2" digest="00000000000000000000000000000000"'))[0], PatchFailure.DiffFailed);
});

test('a format 1 patch with two trees on a side is refused', (t) => {
  t.deepEqual(failure(cib(''), patch('<diff-removed><cib/><cib/></diff-removed>', 'format="1"')), [
    PatchFailure.NotUnique,
    109,
    'Name not unique on network',
  ]);
});

test('format 1 logs Pacemaker\'s failed checks, and the errors that follow one', (t) => {
  const lines: string[] = [];
  applyPatchset(
    cib('<a id="1"/>', undefined, ''),
    patch('<diff-added><cib><configuration><a note="x"/><!-- lost --></configuration></cib></diff-added>', 'format="1"'),
    { log: (l) => lines.push(l) },
  );
  t.deepEqual(lines, [
    '(log_assertion_as) \terror: process_v1_additions: Triggered fatal assertion at patchset.c:731 : pcmk__str_eq(ID(target), ID(patch), pcmk__str_casei)',
    '(process_v1_additions) \terror: Could not locate: comment.id=(null)',
  ]);
});

test('errors alone stay silent, as in Pacemaker\'s tools', (t) => {
  const lines: string[] = [];
  applyPatchset(cib(''), patch('<diff-added><cib><configuration><b/></configuration></cib></diff-added>', 'format="1"'), {
    log: (l) => lines.push(l),
  });
  t.deepEqual(lines, []);
});

test('format 1 adds what is marked added and keeps attributes it does not mention', (t) => {
  const result = applyPatchset(
    cib('<a id="1" x="1" y="1"/>', undefined, ''),
    patch('<diff-added><cib><configuration><a id="1" x="2"/><b id="2" __crm_diff_marker__="added:top"/></configuration></cib></diff-added>', 'format="1"'),
  );
  t.is(serialize(result.firstElement('configuration')!, { pretty: false }), '<configuration><a y="1" id="1" x="2"/><b id="2"/></configuration>');
});

/**
 * Pacemaker pairs elements by name and id, or by name alone when there is
 * no id: round trips hold only where that pairing is unambiguous.
 */
function identifiable(el: XmlElement): boolean {
  const byName = new Map<string, XmlElement[]>();
  for (const c of el.elements()) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  for (const same of byName.values()) {
    if (same.length < 2) continue;
    const ids = same.map((c) => c.attrs['id']);
    if (ids.some((id) => id === undefined) || new Set(ids).size !== ids.length) return false;
  }
  return el.elements().every(identifiable);
}

test('applying a format 2 patchset to the original gives the new CIB: corpus pairs and seeded edits', (t) => {
  const files = readdirSync(SCHEDULER_XML)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .filter((_, i) => i % 5 === 0);
  let checked = 0;
  const failed: string[] = [];
  const roundTrip = (a: XmlElement, b: XmlElement, label: string) => {
    if (!identifiable(a) || !identifiable(b)) return;
    checked++;
    try {
      const diff = createPatchset(a, b, { format: 2 });
      if (serialize(diff ? applyPatchset(a, diff) : a) !== serialize(b)) failed.push(label);
    } catch (e) {
      failed.push(`${label}: ${(e as Error).message}`);
    }
  };
  for (let i = 0; i + 1 < files.length; i++) {
    const a = parseXml(readFileSync(join(SCHEDULER_XML, files[i]!), 'utf8'));
    const b = parseXml(readFileSync(join(SCHEDULER_XML, files[i + 1]!), 'utf8'));
    roundTrip(a, b, `${files[i]} -> ${files[i + 1]}`);
    for (let seed = 0; seed < 3; seed++) roundTrip(a, mutate(a, i * 3 + seed, 30), `${files[i]} seed ${i * 3 + seed}`);
  }
  t.true(checked > 400, `only ${checked} cases`);
  t.deepEqual(failed, []);
});
