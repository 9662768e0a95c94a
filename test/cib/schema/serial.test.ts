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
  const own = ['type', 'name', 'ns', 'value', 'flags', 'depth', 'datatype', 'compiled'];
  const links = ['content', 'attrs', 'params', 'nameExcept', 'triage', 'partition', 'contModel'];
  const p = new Pattern('empty');
  t.deepEqual(
    Object.keys(p).filter((k) => !['own', 'reader', 'index'].includes(k)).sort(),
    own.sort(),
  );
  t.deepEqual(Object.keys((p as unknown as { own: object }).own).sort(), links.sort());
});

test('each schema decodes into the graph it was encoded from', (t) => {
  for (const version of versions) {
    const built = buildCibSchema(version)!;
    const encoded = encodeSchema(built);
    const decoded = decodeSchema(encoded);
    // encoding numbers patterns in the order it meets them, so equal encodings mean equal graphs
    t.deepEqual(encodeSchema(decoded), encoded, `pacemaker-${version}`);
    t.true(decoded.start.content.length > 0);
  }
});

test('a decoded schema makes only the patterns that are reached', (t) => {
  const decoded = decodeSchema(encodeSchema(buildCibSchema('3.9')!));
  const start = decoded.start;
  // the start pattern is made with its own fields; what it points at is read on first use
  t.is((start as unknown as { own: object | null }).own, null);
  t.true(start.content.length > 0);
  t.not((start as unknown as { own: object | null }).own, null);
  t.is((start.content[0] as unknown as { own: object | null }).own, null);
});

test('decoded facets match as the built ones do', (t) => {
  const decoded = decodeSchema(encodeSchema(buildCibSchema('3.9')!));
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
    const file = readFileSync(join(ROOT, 'dist', 'schema', precompiledFileName(version)));
    t.deepEqual(new Uint8Array(file), encodeSchema(buildCibSchema(version)!), `pacemaker-${version}`);
  }
});
