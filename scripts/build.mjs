// Build steps after tsc: the single-file bundle that bin/pacer runs, the
// encoded CIB schemas, the bundle's V8 code cache, the man pages and the bash
// completion script.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

// Node's built-in modules that libraries load when they start but a tool call
// seldom uses (oclif's timers, TypeScript path mapper, Windows shell probe and
// stdin reader; our digests and file locks; execa's processes): the bundle
// loads them on first use. Each costs milliseconds of every call otherwise.
const LAZY_BUILTINS = ['child_process', 'crypto', 'dgram', 'dns/promises', 'fs/promises', 'net', 'perf_hooks', 'readline', 'readline/promises', 'tty'];
const lazyIds = `(?:node:)?(?:${LAZY_BUILTINS.join('|')})`;
// Replacements keep every line's length, so the source map stays exact:
// __lazy_ has the length of require, __lazyE that of __toESM.
const LAZY_HELPERS = `var __lazyModule = Symbol('module');
var __lazy_ = (id) => {
  let mod;
  const load = () => (mod ??= require(id));
  return new Proxy({}, {
    get: (_, key) => (key === __lazyModule ? load() : load()[key]),
    set: (_, key, value) => ((load()[key] = value), true),
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      return d && { ...d, configurable: true };
    },
  });
};
var __lazyE = (lazy) => new Proxy(lazy, { get: (target, key) => (key === 'default' ? target[__lazyModule] : target[key]) });`;

/**
 * Bundles an entry point into one CommonJS file for bin/pacer: built-in
 * modules loaded lazily (LAZY_BUILTINS), oclif's debug logging left out
 * unless DEBUG is set, and only ASCII characters, which V8 reads fastest.
 */
async function bundle(entry, outfile) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    // optional pretty-printing helpers that oclif never loads in our use
    external: ['typescript', 'ts-node', 'tsx'],
    banner: { js: LAZY_HELPERS },
    plugins: [debugOnlyWhenAsked, colorSupportOnFirstUse, oclifOnFirstUse],
    write: false,
  });
  for (const file of result.outputFiles) {
    let text = file.text;
    if (file.path.endsWith('.cjs')) {
      text = text
        .replace(new RegExp(`__toESM\\(require\\(("${lazyIds}")\\), 1\\)`, 'g'), '__lazyE(__lazy_($1), 1)')
        .replace(new RegExp(`\\brequire\\(("${lazyIds}")\\)`, 'g'), '__lazy_($1)')
        // bin/pacer reads the bundle as latin1
        .replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
    writeFileSync(file.path, text);
  }
}

/** oclif's logger only: the debug package probes the terminal when it loads. */
const debugOnlyWhenAsked = {
  name: 'debug-only-when-asked',
  setup(b) {
    b.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'debug-only-when-asked' }));
    b.onLoad({ filter: /.*/, namespace: 'debug-only-when-asked' }, () => ({
      resolveDir: root,
      contents: `
        function off(namespace) {
          const debug = () => {};
          debug.namespace = namespace;
          debug.enabled = false;
          debug.extend = (ns, delimiter = ':') => off(namespace + delimiter + ns);
          return debug;
        }
        off.enable = () => {};
        off.disable = () => '';
        off.enabled = () => false;
        module.exports = process.env.DEBUG ? require('debug/src/index.js') : off;`,
    }));
  },
};

/**
 * supports-color probes the terminals when it loads; oclif loads it with its
 * output helpers but asks only when it prints in colour, which pacer's tools
 * never do: the probe waits for the first question.
 */
const colorSupportOnFirstUse = {
  name: 'color-support-on-first-use',
  setup(b) {
    const real = createRequire(join(root, 'node_modules', '@oclif', 'core', 'package.json')).resolve('supports-color');
    b.onResolve({ filter: /^supports-color$/ }, () => ({ path: 'supports-color', namespace: 'color-support-on-first-use' }));
    b.onLoad({ filter: /.*/, namespace: 'color-support-on-first-use' }, () => ({
      resolveDir: root,
      contents: `
        let probed;
        const probe = () => (probed ??= require(${JSON.stringify(real)}));
        module.exports = {
          get stdout() { return probe().stdout; },
          get stderr() { return probe().stderr; },
          createSupportsColor: (...args) => probe().createSupportsColor(...args),
        };`,
    }));
  },
};

/**
 * Three things oclif does when it loads, at a cost to every call, are put off
 * until they are used: its command module loads the configuration machinery
 * (plugins, themes, manifests), needed only by Command.run, which pacer does
 * not call; it attaches its EPIPE guard to standard output, creating the
 * stream (pacer writes with writeSync), and its screen module measures both
 * terminals. Each edit must find its text: an oclif upgrade that changes it
 * fails the build instead of going unnoticed.
 */
const oclifOnFirstUse = {
  name: 'oclif-on-first-use',
  setup(b) {
    const edits = {
      'lib/command.js': [
        [
          'const config_1 = require("./config");',
          `let config_0;
const config_1 = { __esModule: true, get Config() { return (config_0 ??= require("./config")).Config; } };`,
        ],
        [
          `process.stdout.on('error', (err) => {
    if (err && err.code === 'EPIPE')
        return;
    throw err;
});`,
          `const stdout_0 = Object.getOwnPropertyDescriptor(process, 'stdout');
Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable: stdout_0.enumerable,
    get() {
        Object.defineProperty(process, 'stdout', stdout_0);
        return process.stdout.on('error', (err) => {
            if (err && err.code === 'EPIPE')
                return;
            throw err;
        });
    },
});`,
        ],
      ],
      'lib/screen.js': [
        [
          `exports.stdtermwidth = columns || termwidth(process.stdout);
exports.errtermwidth = columns || termwidth(process.stderr);`,
          `Object.defineProperty(exports, 'stdtermwidth', { enumerable: true, get: () => columns || termwidth(process.stdout) });
Object.defineProperty(exports, 'errtermwidth', { enumerable: true, get: () => columns || termwidth(process.stderr) });`,
        ],
      ],
    };
    b.onLoad({ filter: /@oclif[\\/]core[\\/]lib[\\/](command|screen)\.js$/ }, async ({ path }) => {
      let text = await readFile(path, 'utf8');
      for (const [from, to] of edits[`lib/${basename(path)}`]) {
        if (!text.includes(from)) throw new Error(`build: ${path} no longer has the text to edit: ${from.split('\n')[0]}`);
        text = text.replace(from, to);
      }
      return { contents: text, loader: 'js' };
    });
  },
};

await bundle(join(root, 'src/entry.ts'), join(dist, 'pacer.cjs'));

// The prepared CIB schemas, encoded, for the binary to decode instead of building.
const schemaDir = join(dist, 'schema');
rmSync(schemaDir, { recursive: true, force: true });
mkdirSync(schemaDir, { recursive: true });
const { SCHEMA_MODULES, buildCibSchema } = await import(pathToFileURL(join(dist, 'src/cib/schema/model/pacemaker.js')).href);
const { encodeSchema } = await import(pathToFileURL(join(dist, 'src/cib/schema/rng/serial.js')).href);
const { precompiledFileName } = await import(pathToFileURL(join(dist, 'src/cib/schema/precompiled.js')).href);
for (const version of Object.keys(SCHEMA_MODULES)) {
  writeFileSync(join(schemaDir, precompiledFileName(version)), encodeSchema(buildCibSchema(version)));
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
