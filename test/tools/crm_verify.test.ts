/**
 * crm_verify side by side with Pacemaker's: the same files, options and
 * environment must give the same output, messages and exit code. The cases
 * here stop before the scheduler's checks or pass them cleanly, so they
 * exercise reading, parsing, schema validation and the verdict.
 */
import test from 'ava';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, requireReference, runInProcess, runReference, SCHEDULER_XML, type Result } from '../helpers.js';

const HEAD = '<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.0">\n';
const QUIET_CONFIG =
  '  <configuration>\n    <crm_config>\n      <cluster_property_set id="o">\n        <nvpair id="o-s" name="stonith-enabled" value="false"/>\n' +
  '      </cluster_property_set>\n    </crm_config>\n    <nodes>\n      <node id="1" uname="node1"/>\n    </nodes>\n    <resources/>\n' +
  '    <constraints/>\n  </configuration>\n';
const FILES: Record<string, string> = {
  'not-xml.xml': 'this is not XML at all\n',
  'empty.xml': '',
  'truncated.xml': HEAD + '  <configuration>\n    <crm_config/>\n',
  'mismatched.xml': '<a>\n</b>\n',
  'extra.xml': HEAD + QUIET_CONFIG + '</cib>\ntrailing\n',
  'foo.xml': '<foo/>\n',
  'invalid.xml': HEAD + QUIET_CONFIG.replace('<resources/>', '<resources>\n      <primitive id="r1" class="ocf" type="Dummy"/>\n    </resources>') + '</cib>\n',
  'dangling.xml':
    HEAD +
    QUIET_CONFIG.replace('<constraints/>', '<constraints>\n      <rsc_order id="o1" first="a" then="o"/>\n    </constraints>') +
    '</cib>\n',
  'clean.xml': HEAD + QUIET_CONFIG + '  <status/>\n</cib>\n',
  'no-schema.xml': HEAD.replace(' validate-with="pacemaker-3.0"', '') + QUIET_CONFIG + '</cib>\n',
  'none.xml': HEAD.replace('pacemaker-3.0', 'none') + QUIET_CONFIG + '</cib>\n',
  'unknown.xml': HEAD.replace('pacemaker-3.0', 'pacemaker-1.1') + QUIET_CONFIG + '</cib>\n',
  'too-old.xml': HEAD.replace('pacemaker-3.0', 'pacemaker-1.0') + QUIET_CONFIG + '</cib>\n',
  'old-2.x.xml': readFileSync(join(FIXTURES, 'cib', 'upgrade-2.10', 'options-resources-colocation.xml'), 'utf8'),
};

interface Case {
  args: string[];
  env?: Record<string, string>;
  stdin?: string;
  /** corpus CIBs copied in under their own name */
  corpus?: string[];
}

function run(c: Case): { ours: Result; reference: Result } | Promise<{ ours: Result; reference: Result }> {
  const dir = mkdtempSync(join(tmpdir(), 'pacer-verify-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  for (const f of c.corpus ?? []) copyFileSync(join(SCHEDULER_XML, f), join(dir, f));
  const env = { LC_ALL: 'C', TZ: 'UTC', ...c.env };
  const reference = runReference('crm_verify', c.args, { env, cwd: dir, input: c.stdin ?? '' });
  reference.stdout = reference.stdout.replaceAll('/usr/sbin/crm_verify', 'crm_verify');
  return runInProcess('crm_verify', c.args, { env, cwd: dir, stdin: c.stdin ?? '' }).then((ours) => {
    rmSync(dir, { recursive: true, force: true });
    return { ours, reference };
  });
}

const cases: Record<string, Case> = {
  'a file that is not XML': { args: ['-x', 'not-xml.xml', '-V'] },
  'an empty file': { args: ['-x', 'empty.xml', '-V'] },
  'a file cut short is checked as far as it goes': { args: ['-x', 'truncated.xml', '-V'] },
  'mismatched tags': { args: ['-x', 'mismatched.xml', '-V'] },
  'content after the document': { args: ['-x', 'extra.xml', '-V'] },
  'a missing file': { args: ['-x', 'missing.xml', '-V'] },
  'a document that is not a CIB': { args: ['-x', 'foo.xml'] },
  'a CIB that breaks the schema': { args: ['-x', 'invalid.xml'] },
  'a CIB that breaks the schema, verbosely': { args: ['-x', 'invalid.xml', '-V'] },
  'a reference to nothing': { args: ['-x', 'dangling.xml'] },
  // (the scheduler's warnings start at -VV)
  'a clean CIB': { args: ['-x', 'clean.xml', '-V'] },
  'a CIB without validate-with': { args: ['-x', 'no-schema.xml'] },
  'a CIB with validation turned off': { args: ['-x', 'none.xml'] },
  'a CIB naming a schema Pacemaker no longer knows': { args: ['-x', 'unknown.xml', '-V'] },
  'a CIB too old to upgrade': { args: ['-x', 'too-old.xml'] },
  'an older-schema CIB is upgraded in memory': { args: ['-x', 'colocation-vs-stickiness.xml'], corpus: ['colocation-vs-stickiness.xml'] },
  'a 2.x CIB is upgraded with the stylesheet, its messages shown': { args: ['-x', 'old-2.x.xml'] },
  'the same, verbosely': { args: ['-x', 'old-2.x.xml', '-V'] },
  'text that is not XML': { args: ['-X', 'not xml', '-V'] },
  'text cut short': { args: ['-X', FILES['truncated.xml']!.trimEnd(), '-V'] },
  'text that breaks the schema': { args: ['-X', FILES['invalid.xml']!] },
  'standard input cut short': { args: ['-p', '-VV'], stdin: FILES['truncated.xml'] },
  'standard input that is not XML': { args: ['-p'], stdin: 'nothing\n' },
  'no source at all': { args: [] },
  'the live CIB is a file that is not XML': { args: ['-L', '-V'], env: { CIB_file: 'not-xml.xml' } },
  'the live CIB is cut short': { args: ['-L', '-V'], env: { CIB_file: 'truncated.xml' } },
  'the live CIB refers to nothing': { args: ['-L', '-V'], env: { CIB_file: 'dangling.xml' } },
  'the live CIB is clean': { args: ['-L', '-V'], env: { CIB_file: 'clean.xml' } },
  'XML output for a bad file': { args: ['-x', 'not-xml.xml', '--output-as=xml'] },
  'XML output for a CIB that breaks the schema': { args: ['-x', 'invalid.xml', '--output-as=xml'] },
  'XML output for a clean CIB': { args: ['--output-as=xml', '-x', 'clean.xml'] },
};

for (const [name, c] of Object.entries(cases)) {
  test(`crm_verify like Pacemaker's: ${name}`, async (t) => {
    requireReference();
    const { ours, reference } = await run(c);
    t.deepEqual(ours, reference);
  });
}

test('crm_verify --save-xml writes the CIB it checked', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pacer-verify-'));
  try {
    writeFileSync(join(dir, 'cib.xml'), FILES['truncated.xml']!);
    const r = await runInProcess('crm_verify', ['-x', 'cib.xml', '-S', 'saved.xml'], { cwd: dir });
    t.is(r.code, 78);
    t.is(
      readFileSync(join(dir, 'saved.xml'), 'utf8'),
      '<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.0">\n  <configuration>\n    <crm_config/>\n  </configuration>\n</cib>\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
