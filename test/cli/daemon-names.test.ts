/**
 * The daemon names answer clients' queries: metadata with the options
 * Pacemaker's daemons own (same names, types, defaults and choices as the
 * reference), the controller's version; attrd_updater and pacemakerd fail
 * honestly where pacer has no such daemon.
 */
import test from 'ava';
import { parseXml } from '../../src/cib/xml/parse.js';
import { requireReference, runInProcess, runReference } from '../helpers.js';
import { spawnSync } from 'node:child_process';

function options(xml: string) {
  return parseXml(xml.replace(/^<\?xml[^>]*>\s*/, ''))
    .firstElement('parameters')!
    .elements('parameter')
    .map((p) => {
      const c = p.firstElement('content')!;
      return { name: p.attr('name'), type: c.attr('type'), default: c.attr('default'), values: c.elements('option').map((o) => o.attr('value')) };
    });
}

for (const name of ['pacemaker-based', 'pacemaker-controld', 'pacemaker-fenced', 'pacemaker-schedulerd']) {
  test(`${name} metadata lists the reference's options with their types, defaults and choices`, async (t) => {
    requireReference();
    const ref = spawnSync(`/usr/lib/pacemaker/${name}`, ['metadata'], { encoding: 'utf8' });
    const ours = await runInProcess(name, ['metadata']);
    t.is(ours.code, 0);
    t.deepEqual(options(ours.stdout), options(ref.stdout));
    t.true(ours.stdout.startsWith(`<?xml version="1.0"?>\n<resource-agent name="${name}" version="2.1.5">\n  <version>1.1</version>\n`));
  });
}

test('the advanced and deprecated markers that pcs reads are where the reference has them', async (t) => {
  requireReference();
  for (const name of ['pacemaker-controld', 'pacemaker-fenced', 'pacemaker-schedulerd']) {
    const ref = spawnSync(`/usr/lib/pacemaker/${name}`, ['metadata'], { encoding: 'utf8' }).stdout;
    const ours = (await runInProcess(name, ['metadata'])).stdout;
    const markers = (xml: string) =>
      [...xml.matchAll(/<parameter name="([^"]+)">\s*<longdesc[^>]*>[^<]*<\/longdesc>\s*<shortdesc lang="en">(\*\*\* Advanced Use Only \*\*\*|\*\*\* Deprecated \*\*\*|Advanced use only:)?/g)].map(
        (m) => `${m[1]}:${m[2] ?? ''}`,
      );
    t.deepEqual(markers(ours), markers(ref), name);
  }
});

test('pacemaker-controld version prints the CRM version line', async (t) => {
  const r = await runInProcess('pacemaker-controld', ['version']);
  t.regex(r.stdout, /^CRM Version: 2\.1\.5 \([0-9a-f]+\)\n$/);
});

test('a daemon name asked to run as a daemon fails with a clear error', async (t) => {
  const r = await runInProcess('pacemaker-schedulerd', []);
  t.is(r.code, 3);
  t.regex(r.stderr, /pacer daemon/);
});

test('pacemakerd -$ prints the Pacemaker version first', async (t) => {
  const r = await runInProcess('pacemakerd', ['-$']);
  t.is(r.code, 0);
  t.true(r.stdout.startsWith('Pacemaker 2.1.5\n'));
});

const ATTRD: string[][] = [['-n', 'foo', '-U', '1'], ['-n', 'foo', '-Q'], ['-n', 'foo', '-Q', '-A'], ['-R'], ['-n', 'foo', '-D'], [], ['-n', 'foo'], ['-n', 'foo', '-B', '3', '-d', '5']];
for (const args of ATTRD) {
  test(`attrd_updater without an attribute manager fails as the reference: ${args.join(' ')}`, async (t) => {
    requireReference();
    const ref = runReference('attrd_updater', args);
    const ours = await runInProcess('attrd_updater', args);
    t.is(ours.code, ref.code);
    t.is(ours.stdout, ref.stdout);
    t.is(ours.stderr, ref.stderr);
  });
}
