import test from 'ava';
import { GETOPT_STYLE, normalizeArgv, type OptionInfo } from '../../src/cli/argv.js';
import { UsageError } from '../../src/cli/exit-codes.js';

const OPTIONS: OptionInfo[] = [
  { name: 'query', char: 'Q', value: 'none' },
  { name: 'local', char: 'l', value: 'none' },
  { name: 'scope', char: 'o', value: 'required' },
  { name: 'md5-sum', char: '5', value: 'none' },
  { name: 'show-access', char: 'S', value: 'optional', implicit: 'auto' },
  { name: 'verbose', char: 'V', value: 'none', counter: true },
];

test('clustered short switches expand one by one', (t) => {
  t.deepEqual(normalizeArgv(['-Ql'], OPTIONS).argv, ['--query', '--local']);
});

test('a value may be glued to a short option or follow it', (t) => {
  t.deepEqual(normalizeArgv(['-oresources'], OPTIONS).argv, ['--scope=resources']);
  t.deepEqual(normalizeArgv(['-Qo', 'nodes'], OPTIONS).argv, ['--query', '--scope=nodes']);
  t.deepEqual(normalizeArgv(['--scope', 'nodes'], OPTIONS).argv, ['--scope=nodes']);
  t.deepEqual(normalizeArgv(['--scope=nodes'], OPTIONS).argv, ['--scope=nodes']);
});

test('non-letter short options map to their long names', (t) => {
  t.deepEqual(normalizeArgv(['-5'], OPTIONS).argv, ['--md5-sum']);
});

test('an optional value is taken only when attached', (t) => {
  t.deepEqual(normalizeArgv(['--show-access', 'x'], OPTIONS).argv, ['--show-access=auto', '--', 'x']);
  t.deepEqual(normalizeArgv(['--show-access=color'], OPTIONS).argv, ['--show-access=color']);
});

test('counting options are counted, not passed on', (t) => {
  const n = normalizeArgv(['-VV', '-Q', '--verbose'], OPTIONS);
  t.is(n.counts['verbose'], 3);
  t.deepEqual(n.argv, ['--query']);
});

test('positionals and everything after -- are kept in order', (t) => {
  t.deepEqual(normalizeArgv(['a', '-Q', '--', '-b'], OPTIONS).argv, ['--query', '--', 'a', '-b']);
});

test('unknown options are usage errors worded like GLib or getopt', (t) => {
  const glib = t.throws(() => normalizeArgv(['--bogus'], OPTIONS), { instanceOf: UsageError });
  t.is(glib?.message, 'Unknown option --bogus');
  const getopt = t.throws(() => normalizeArgv(['--bogus'], OPTIONS, GETOPT_STYLE), { instanceOf: UsageError });
  t.is(getopt?.message, "unrecognized option '--bogus'");
  t.is(getopt?.code, 64);
});

test('a missing value is a usage error', (t) => {
  t.throws(() => normalizeArgv(['-o'], OPTIONS), { message: 'Missing argument for -o' });
});
