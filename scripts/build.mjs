// Build steps after tsc: the bundles that bin/pacer runs (the whole program,
// and one per tool), the encoded CIB schemas, the bundles' V8 code caches, the
// man pages and the bash completion script.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

// Node's built-in modules that libraries load when they start but a tool call
// seldom uses (oclif's timers, TypeScript path mapper, Windows shell probe and
// stdin reader; our digests and file locks; execa's processes; os for line ends): the bundle
// loads them on first use. Each costs milliseconds of every call otherwise.
const LAZY_BUILTINS = ['child_process', 'crypto', 'dgram', 'dns/promises', 'fs/promises', 'net', 'os', 'perf_hooks', 'readline', 'readline/promises', 'tty'];
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
async function bundle(entry, outfile, { only = null, sourcemap = true } = {}) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    sourcemap: sourcemap && 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    // optional pretty-printing helpers that oclif never loads in our use
    external: ['typescript', 'ts-node', 'tsx'],
    banner: { js: LAZY_HELPERS },
    plugins: [debugOnlyWhenAsked, modulesOnFirstUse, startupWorkOnFirstUse, ...(only ? [onlyCommand(only)] : [])],
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
    mkdirSync(dirname(file.path), { recursive: true });
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
 * Modules that oclif loads with its command class but uses only to print
 * help, errors and progress (in colour), some of which probe the terminals
 * and so create the standard streams when they load: each is replaced by a
 * stand-in that loads the real module when one of its exports is first used
 * (or, for a module that is a function, when it is first called).
 */
const oclifLib = (...p) => join('node_modules', '@oclif', 'core', 'lib', ...p);
const LAZY_MODULES = [
  { spec: 'ansis', path: join('node_modules', 'ansis', 'index.js') },
  { spec: 'supports-color', path: join('node_modules', 'supports-color', 'index.js') },
  { spec: 'clean-stack', path: join('node_modules', 'clean-stack', 'index.js'), callable: true },
  { spec: 'indent-string', path: join('node_modules', 'indent-string', 'index.js'), callable: true },
  { spec: 'wrap-ansi', path: join('node_modules', 'wrap-ansi', 'index.js'), callable: true },
  { spec: './ux', path: oclifLib('ux', 'index.js') },
  { spec: '../ux', path: oclifLib('ux', 'index.js') },
  { spec: '../ux/list', path: oclifLib('ux', 'list.js') },
  { spec: './handle', path: oclifLib('errors', 'handle.js') },
  { spec: './help', path: oclifLib('help', 'index.js') },
  { spec: './help/util', path: oclifLib('help', 'util.js') },
  { spec: 'ejs', path: join('node_modules', 'ejs', 'lib', 'cjs', 'ejs.js') },
];
const modulesOnFirstUse = {
  name: 'modules-on-first-use',
  setup(b) {
    const filter = new RegExp(`^(${[...new Set(LAZY_MODULES.map((m) => m.spec))].map((spec) => spec.replace(/[./]/g, (c) => `\\${c}`)).join('|')})$`);
    b.onResolve({ filter }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'real' });
      const lazy = LAZY_MODULES.find((m) => m.spec === args.path && join(root, m.path) === real.path);
      return lazy && !real.errors.length ? { path: real.path, namespace: 'on-first-use', pluginData: lazy } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'on-first-use' }, async ({ path, pluginData: { callable } }) => {
      // TypeScript's interop asks __esModule as soon as the module is imported
      const esModule = /Object\.defineProperty\(exports, "__esModule"/.test(await readFile(path, 'utf8'));
      return {
        resolveDir: root,
        contents: `
          let real;
          const load = () => (real ??= require(${JSON.stringify(path)}));
          module.exports = new Proxy(${callable ? '() => {}' : '{}'}, {
            get: (_, key) => (key === '__esModule' ? ${esModule} || undefined : load()[key]),
            has: (_, key) => key in load(),
            ownKeys: () => Reflect.ownKeys(load()),
            getOwnPropertyDescriptor: (_, key) => {
              const d = Reflect.getOwnPropertyDescriptor(load(), key);
              return d && { ...d, configurable: true };
            },
            ${callable ? 'apply: (_, self, args) => Reflect.apply(load(), self, args),' : ''}
          });`,
      };
    });
  },
};

/**
 * Work that libraries do when they load, at a cost to every call, put off
 * until it is used. oclif's command module loads the configuration machinery
 * (plugins, themes, manifests), needed only by Command.run, which pacer does
 * not call; it attaches its EPIPE guard to standard output, creating the
 * stream (pacer writes with writeSync); its screen module measures both
 * terminals. sax defines its stream interface on Node's stream module, which
 * pacer never uses (it feeds sax strings). Each edit must find its text: an
 * upgrade that changes it fails the build instead of going unnoticed.
 */
const startupWorkOnFirstUse = {
  name: 'start-up-work-on-first-use',
  setup(b) {
    const edits = {
      'sax/lib/sax.js': [
        [
          `  var Stream
  try {
    Stream = require('stream').Stream
  } catch (ex) {
    Stream = function () {}
  }
  if (!Stream) Stream = function () {}`,
          `  var Stream = function () {
    var real = require('stream').Stream
    Object.setPrototypeOf(lazyStreamPrototype, real.prototype)
    Stream = real
    return real.apply(this, arguments)
  }
  var lazyStreamPrototype = Stream.prototype`,
        ],
      ],
      'core/lib/command.js': [
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
      'core/lib/screen.js': [
        [
          `exports.stdtermwidth = columns || termwidth(process.stdout);
exports.errtermwidth = columns || termwidth(process.stderr);`,
          `Object.defineProperty(exports, 'stdtermwidth', { enumerable: true, get: () => columns || termwidth(process.stdout) });
Object.defineProperty(exports, 'errtermwidth', { enumerable: true, get: () => columns || termwidth(process.stderr) });`,
        ],
      ],
    };
    b.onLoad({ filter: /([\\/]@oclif[\\/]core[\\/]lib[\\/](command|screen)|[\\/]sax[\\/]lib[\\/]sax)\.js$/ }, async ({ path }) => {
      let text = await readFile(path, 'utf8');
      for (const [from, to] of edits[path.split(sep).slice(-3).join('/')]) {
        if (!text.includes(from)) throw new Error(`build: ${path} no longer has the text to edit: ${from.split('\n')[0]}`);
        text = text.replace(from, to);
      }
      return { contents: text, loader: 'js' };
    });
  },
};

/**
 * For a tool's own bundle: the other commands' modules (imported by
 * src/commands/index.ts when they run) are left out.
 */
function onlyCommand(keep) {
  const index = join(root, 'src', 'commands', 'index.ts');
  return {
    name: 'only-command',
    setup(b) {
      b.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, ({ path, importer, kind }) =>
        importer === index && kind === 'dynamic-import' && path !== keep ? { path, namespace: 'other-command' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'other-command' }, ({ path }) => ({
        contents: `throw new Error(${JSON.stringify(`${path} is not in this tool's bundle`)});`,
      }));
    },
  };
}

const entry = join(root, 'src/entry.ts');
await bundle(entry, join(dist, 'pacer.cjs'));

// Each tool also gets a bundle without the other commands, which bin/pacer
// runs when invoked under the tool's name (about half as much to read and
// deserialise on every call); `pacer` itself, its own commands and the
// daemons run the whole bundle.
const { toolNames } = await import(pathToFileURL(join(dist, 'src/commands/index.js')).href);
const commandModules = new Map(
  [...readFileSync(join(root, 'src/commands/index.ts'), 'utf8').matchAll(/^ {2}'?([\w -]+)'?: async \(\) => \(await import\('(\.\/[\w-]+\.js)'\)\)\.default,$/gm)].map(
    (m) => [m[1], m[2]],
  ),
);
const toolsDir = join(dist, 'tools');
rmSync(toolsDir, { recursive: true, force: true });
await Promise.all(
  toolNames().map((tool) => {
    const only = commandModules.get(tool);
    if (!only) throw new Error(`build: no module for ${tool} in src/commands/index.ts`);
    return bundle(entry, join(toolsDir, `${tool}.cjs`), { only, sourcemap: false });
  }),
);

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

// Code caches: each bundle runs a typical call once with caching on (on a
// copy of a small CIB; a tool that needs a cluster shows its help instead).
const scratch = mkdtempSync(join(tmpdir(), 'pacer-build-'));
const cib = join(scratch, 'cib.xml');
copyFileSync(join(root, 'test/fixtures/cib/small.xml'), cib);
const WARM_UP = {
  cibadmin: ['--query'],
  crm_attribute: ['--query', '--name', 'cluster-name', '--type', 'crm_config'],
  crm_diff: ['--cib', '-o', cib, '-n', cib],
  crm_failcount: ['--query', '--resource', 'web-ip', '--node', 'alpha'],
  crm_mon: ['-1'],
  crm_resource: ['--list'],
  crm_rule: ['--check', '--rule', 'no-such'],
  crm_simulate: ['--simulate', '--xml-file', cib],
  crm_standby: ['--query', '--node', 'alpha'],
  crm_ticket: ['--info'],
  crm_verify: ['--xml-file', cib],
  iso8601: ['--date', '2024-01-01'],
};
const warmUp = (args) =>
  spawnSync(process.execPath, [join(root, 'bin/pacer'), ...args], {
    env: { PACER_WRITE_CODE_CACHE: '1', CIB_file: cib, PATH: process.env.PATH },
    stdio: 'ignore',
  });
rmSync(join(dist, 'pacer.cjs.cache'), { force: true });
warmUp(['--version']); // the whole program runs for pacer's own commands and the daemons
for (const tool of toolNames()) warmUp([tool, ...(WARM_UP[tool] ?? ['--help'])]);
rmSync(scratch, { recursive: true, force: true });

// Man pages and completion, from the compiled command definitions.
const { COMMANDS } = await import(pathToFileURL(join(dist, 'src/commands/index.js')).href);
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
