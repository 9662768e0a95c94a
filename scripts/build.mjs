// Build steps after tsc: the single-file bundle that bin/pacer runs, the
// encoded CIB schemas, the bundle's V8 code cache, the man pages and the bash
// completion script.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

await build({
  entryPoints: [join(root, 'src/entry.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: join(dist, 'pacer.cjs'),
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // optional pretty-printing helpers that oclif never loads in our use
  external: ['typescript', 'ts-node', 'tsx'],
});

// The prepared CIB schemas, encoded, for the binary to decode instead of building.
const schemaDir = join(dist, 'schema');
rmSync(schemaDir, { recursive: true, force: true });
mkdirSync(schemaDir, { recursive: true });
const { SCHEMA_MODULES, buildCibSchema } = await import(pathToFileURL(join(dist, 'src/cib/schema/model/pacemaker.js')).href);
const { encodeSchema } = await import(pathToFileURL(join(dist, 'src/cib/schema/rng/serial.js')).href);
const { precompiledFileName } = await import(pathToFileURL(join(dist, 'src/cib/schema/precompiled.js')).href);
for (const version of Object.keys(SCHEMA_MODULES)) {
  writeFileSync(join(schemaDir, precompiledFileName(version)), JSON.stringify(encodeSchema(buildCibSchema(version))));
}

// Code cache: run a typical tool call once with caching on.
rmSync(join(dist, 'pacer.cjs.cache'), { force: true });
execFileSync(process.execPath, [join(root, 'bin/pacer'), 'cibadmin', '--query'], {
  env: { PACER_WRITE_CODE_CACHE: '1', CIB_file: join(root, 'test/fixtures/cib/small.xml') },
  stdio: ['ignore', 'ignore', 'inherit'],
});

// Man pages and completion, from the compiled command definitions.
const { COMMANDS, toolNames } = await import(pathToFileURL(join(dist, 'src/commands/index.js')).href);
const { renderMan } = await import(pathToFileURL(join(dist, 'src/cli/man.js')).href);
const { bashCompletion } = await import(pathToFileURL(join(dist, 'src/cli/completion.js')).href);
const manDir = join(root, 'man');
mkdirSync(manDir, { recursive: true });
for (const f of readdirSync(manDir)) if (f.endsWith('.8')) rmSync(join(manDir, f));
const loaded = {};
for (const [id, load] of Object.entries(COMMANDS)) {
  const Cmd = await load();
  loaded[id] = Cmd;
  const page = id === 'pacer' ? 'pacer' : id.includes(' ') || !toolNames().includes(id) ? `pacer-${id.replace(/ /g, '-')}` : id;
  writeFileSync(join(manDir, `${page}.8`), renderMan(Cmd, ''));
}
writeFileSync(join(dist, 'pacer.bash-completion'), bashCompletion(loaded, toolNames()));
