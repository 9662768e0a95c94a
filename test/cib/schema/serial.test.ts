/**
 * Encoded schemas (what the build writes for the binary) decode into the
 * very graph the model builds, and the files the build wrote are current.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCibSchema, SCHEMA_MODULES } from '../../../src/cib/schema/model/pacemaker.js';
import { precompiledFileName } from '../../../src/cib/schema/precompiled.js';
import { Pattern } from '../../../src/cib/schema/rng/pattern.js';
import { decodeSchema, encodeSchema } from '../../../src/cib/schema/rng/serial.js';
import { ROOT } from '../../helpers.js';

const versions = Object.keys(SCHEMA_MODULES);

test('every field of a pattern is encoded', (t) => {
  // the fields encodeSchema writes; a new field of Pattern must be added there and here
  const encoded = ['type', 'name', 'ns', 'value', 'content', 'attrs', 'params', 'nameExcept', 'flags', 'depth', 'triage', 'partition', 'contModel', 'datatype', 'compiled'];
  t.deepEqual(Object.keys(new Pattern('empty')).sort(), encoded.sort());
});

test('each schema decodes into the graph it was encoded from', (t) => {
  for (const version of versions) {
    const built = buildCibSchema(version)!;
    const encoded = encodeSchema(built);
    const decoded = decodeSchema(JSON.parse(JSON.stringify(encoded)));
    // encoding numbers patterns in the order it meets them, so equal encodings mean equal graphs
    t.deepEqual(encodeSchema(decoded), encoded, `pacemaker-${version}`);
    t.true(decoded.start.content.length > 0);
  }
});

test('decoded facets match as the built ones do', (t) => {
  const decoded = decodeSchema(JSON.parse(JSON.stringify(encodeSchema(buildCibSchema('3.9')!))));
  const facets: Pattern[] = [];
  const seen = new Set<Pattern>();
  const stack = [decoded.start];
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (p.params.length) facets.push(p);
    stack.push(...p.content, ...p.attrs);
  }
  t.true(facets.length > 0);
  for (const f of facets) for (const param of f.params) t.true(param.regex instanceof RegExp && param.regex.source.includes(param.value));
});

test('the schemas in dist/schema are those the model builds now (run npm run build if not)', (t) => {
  for (const version of versions) {
    const file = JSON.parse(readFileSync(join(ROOT, 'dist', 'schema', precompiledFileName(version)), 'utf8'));
    t.deepEqual(file, JSON.parse(JSON.stringify(encodeSchema(buildCibSchema(version)!))), `pacemaker-${version}`);
  }
});
