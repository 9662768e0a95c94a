/**
 * validateCib: which schema a CIB is checked against, and where libxml2
 * places its messages.
 */
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSchemaError, validateCib } from '../../../src/cib/schema/validate.js';
import {
  compareSchemas,
  isOlderThanLatest,
  latestSchemaVersion,
  minimumSchemaVersion,
  schemaIndex,
  SCHEMA_NAMES,
} from '../../../src/cib/schema/versions.js';
import { parseXml } from '../../../src/cib/xml/parse.js';
import { PACEMAKER_SCHEMAS, requireXmllint } from './oracle.js';

const cib = (validateWith: string | null, body = '<node id="1" uname="n1"/>') =>
  parseXml(
    `<cib admin_epoch="0" epoch="1" num_updates="0"${validateWith === null ? '' : ` validate-with="${validateWith}"`}>\n` +
      `  <configuration>\n    <crm_config/>\n    <nodes>\n      ${body}\n    </nodes>\n    <resources/>\n    <constraints/>\n  </configuration>\n  <status/>\n</cib>\n`,
  );

test('a CIB is checked against the schema its validate-with names', (t) => {
  t.true(validateCib(cib('pacemaker-3.0')).valid);
  const old = validateCib(cib('pacemaker-1.0'));
  t.false(old.valid);
  t.is(old.schema, 'pacemaker-1.0');
  t.deepEqual(
    old.errors.map((e) => formatSchemaError(e, 'cib.xml')),
    [
      'cib.xml:5: element node: Relax-NG validity error : Element node failed to validate attributes',
      'cib.xml:5: element node: Relax-NG validity error : Expecting an element instance_attributes, got nothing',
      'cib.xml:5: element node: Relax-NG validity error : Element nodes has extra content: node',
    ],
  );
});

test('validate-with="none" turns validation off', (t) => {
  const r = validateCib(cib('none', '<bogus/>'));
  t.true(r.valid);
  t.deepEqual(r.errors, []);
});

test('an unknown schema fails without a message', (t) => {
  for (const name of ['pacemaker-9.9', 'pacemaker-0.7', 'pacemaker-1.1', 'transitional-0.6', 'bogus']) {
    const r = validateCib(cib(name));
    t.false(r.valid, name);
    t.deepEqual(r.errors, [], name);
    t.is(r.schema, null, name);
  }
});

test('the schema name is matched without regard to case, but the schema itself wants it lowercase', (t) => {
  const r = validateCib(cib('PACEMAKER-3.0'));
  t.is(r.schema, 'pacemaker-3.0');
  t.deepEqual(
    r.errors.map((e) => formatSchemaError(e, 'cib.xml')),
    ['cib.xml:1: element cib: Relax-NG validity error : Invalid attribute validate-with for element cib'],
  );
});

test('without validate-with every schema is tried in turn, and the CIB ends up unvalidated', (t) => {
  const doc = cib(null);
  const r = validateCib(doc);
  t.true(r.valid);
  t.true(r.assigned);
  t.is(r.schema, 'none');
  t.is(r.errors.length, 3, 'only pacemaker-1.0 rejects it');
  t.false(doc.hasAttr('validate-with'), 'the CIB itself is left as it was');
});

test('a schema can be given instead of the one the CIB names', (t) => {
  t.false(validateCib(cib('pacemaker-3.0'), { schema: 'pacemaker-1.0' }).valid);
});

test('without a file name, messages are placed as libxml2 places text it parsed from memory', (t) => {
  const r = validateCib(cib('pacemaker-1.0'));
  t.is(formatSchemaError(r.errors[0]!, null), 'Entity: line 5: element node: Relax-NG validity error : Element node failed to validate attributes');
});

test('a message about an element points at the line where its start tag ends, as libxml2 counts lines', (t) => {
  requireXmllint();
  const text = '<cib admin_epoch="0" epoch="1"\n     num_updates="0" validate-with="pacemaker-3.0">\n  <configuration>\n    <crm_config/>\n    <nodes>\n      <node\n        id="1"\n        type="bogus"\n        uname="n1"/>\n    </nodes>\n    <resources/>\n    <constraints/>\n  </configuration>\n</cib>\n';
  const dir = mkdtempSync(join(tmpdir(), 'pacer-lines-'));
  try {
    writeFileSync(join(dir, 'cib.xml'), text);
    const ref = spawnSync('xmllint', ['--noblanks', '--noout', '--relaxng', join(PACEMAKER_SCHEMAS, 'pacemaker-3.0.rng'), 'cib.xml'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const expected = ref.stderr.split('\n').filter((l) => l.startsWith('cib.xml:'));
    const ours = validateCib(parseXml(text)).errors.map((e) => formatSchemaError(e, 'cib.xml'));
    t.deepEqual(ours, expected);
    t.true(expected.length > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('schema versions are ordered from pacemaker-1.0 to the latest, then next and none', (t) => {
  t.is(latestSchemaVersion, 'pacemaker-3.9');
  t.is(minimumSchemaVersion, 'pacemaker-3.0');
  t.is(SCHEMA_NAMES[0], 'pacemaker-1.0');
  t.deepEqual(SCHEMA_NAMES.slice(-3), ['pacemaker-3.9', 'pacemaker-next', 'none']);
  t.true(compareSchemas('pacemaker-2.10', 'pacemaker-3.0') < 0);
  t.true(compareSchemas('pacemaker-2.9', 'pacemaker-2.10') < 0);
  t.is(schemaIndex('Pacemaker-3.7'), schemaIndex('pacemaker-3.7'));
  t.is(schemaIndex('pacemaker-0.6'), -1);
});

test('only known schemas older than the latest count as older', (t) => {
  t.true(isOlderThanLatest('pacemaker-2.5'));
  t.false(isOlderThanLatest('pacemaker-3.9'));
  t.false(isOlderThanLatest('pacemaker-next'));
  t.false(isOlderThanLatest('none'));
  t.false(isOlderThanLatest('bogus'));
});
