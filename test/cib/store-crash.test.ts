/**
 * Crash safety of the store: a write interrupted at any step, followed by a
 * power loss, leaves the old or the new CIB, never a mix or nothing.
 */
import test from 'ava';
import { saveCibFile } from '../../src/cib/store/file.js';
import { loadNodeCib, writeNodeCib } from '../../src/cib/store/node-cib.js';
import { parseXml } from '../../src/cib/xml/parse.js';
import { serialize } from '../../src/cib/xml/serialize.js';
import { CrashFs } from './crash-fs.js';

const cibWith = (epoch: number, resources = 1) =>
  parseXml(
    `<cib epoch="${epoch}" num_updates="0" admin_epoch="0"><configuration><crm_config/><nodes/><resources>` +
      Array.from({ length: resources }, (_, i) => `<primitive id="r${i}" class="ocf" provider="pacemaker" type="Dummy" description="${'x'.repeat(300)}"/>`).join('') +
      `</resources><constraints/></configuration><status/></cib>`,
  );

/** A seeded coin, so that a failing case can be replayed. */
function coin(seed: number): () => boolean {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % 2 === 0;
  };
}

/** Runs `write` with a crash before step 1, 2, ... until it completes; checks the survivor each time. */
async function everyCrashPoint(
  t: import('ava').ExecutionContext,
  setup: (fs: CrashFs) => void,
  write: (fs: CrashFs) => Promise<void> | void,
  survivor: (fs: CrashFs) => string,
  allowed: string[],
): Promise<number> {
  let points = 0;
  for (let step = 1; ; step++) {
    for (const seed of [0, 1, 2, 3]) {
      const fs = new CrashFs(['/d']);
      setup(fs);
      fs.crashAt(step);
      let completed = false;
      try {
        await write(fs);
        completed = true;
      } catch {
        // the crash
      }
      fs.crash(seed === 0 ? undefined : coin(seed * 7919 + step));
      const found = survivor(fs);
      t.true(allowed.includes(found), `crash before step ${step} (seed ${seed}) left:\n${found.slice(0, 200)}`);
      if (completed) return points;
    }
    points++;
  }
}

test('a CIB file write interrupted at any step leaves the old or the new file', async (t) => {
  const before = serialize(cibWith(1, 20));
  const after = serialize(cibWith(2, 40)); // several short writes
  const points = await everyCrashPoint(
    t,
    (fs) => fs.put('/d/cib.xml', before),
    (fs) => saveCibFile('/d/cib.xml', parseXml(after), { fs }),
    (fs) => fs.readFile('/d/cib.xml').toString('utf8'),
    [before, after],
  );
  t.true(points > 5);
});

test('a CIB file write that completes is durable', async (t) => {
  const fs = new CrashFs(['/d']);
  fs.put('/d/cib.xml', serialize(cibWith(1)));
  await saveCibFile('/d/cib.xml', cibWith(2), { fs });
  fs.crash();
  t.is(fs.readFile('/d/cib.xml').toString('utf8'), serialize(cibWith(2)));
});

test("the node's CIB survives a crash at any step of an update as the old or the new version", async (t) => {
  const points = await everyCrashPoint(
    t,
    (fs) => {
      writeNodeCib('/d', cibWith(1, 3), { fs });
      writeNodeCib('/d', cibWith(2, 3), { fs });
    },
    (fs) => writeNodeCib('/d', cibWith(3, 30), { fs }),
    (fs) => serialize(loadNodeCib('/d', { fs })!.cib),
    [serialize(cibWith(2, 3)), serialize(cibWith(3, 30))],
  );
  t.true(points > 5);
});

test("the node's first CIB survives a crash at any step as nothing or the new CIB", async (t) => {
  await everyCrashPoint(
    t,
    () => {},
    (fs) => writeNodeCib('/d', cibWith(1, 30), { fs }),
    (fs) => {
      const loaded = loadNodeCib('/d', { fs });
      return loaded ? serialize(loaded.cib) : 'none';
    },
    ['none', serialize(cibWith(1, 30))],
  );
});

test('an update after a crash starts from the surviving version and keeps it as a backup', (t) => {
  const fs = new CrashFs(['/d']);
  writeNodeCib('/d', cibWith(1), { fs });
  fs.crashAt(14); // in the middle of the second write
  t.throws(() => writeNodeCib('/d', cibWith(2), { fs }));
  fs.crash();
  const survivor = loadNodeCib('/d', { fs })!;
  writeNodeCib('/d', cibWith(3), { fs });
  fs.crash();
  t.is(loadNodeCib('/d', { fs })!.cib.attr('epoch'), '3');
  const backups = fs.list('/d').filter((n) => /^cib-\d+\.raw$/.test(n));
  t.true(backups.length >= 1);
  t.true(backups.some((b) => fs.readFile(`/d/${b}`).toString('utf8') === serialize(survivor.cib)));
});

test('a write that fails (disk full) at any step is reported, leaves a whole file and no temporary file', async (t) => {
  const before = serialize(cibWith(1, 20));
  const after = serialize(cibWith(2, 40));
  for (let step = 1; step < 30; step++) {
    const fs = new CrashFs(['/d']);
    fs.put('/d/cib.xml', before);
    fs.crashAt(step, 'ENOSPC');
    const error = await saveCibFile('/d/cib.xml', cibWith(2, 40), { fs }).then(
      () => null,
      (e: Error) => e,
    );
    if (!error) break;
    t.regex(error.message, /^could not write \/d\/cib\.xml: ENOSPC/);
    // only a failure of the final folder flush, after the rename, leaves the new content
    t.true([before, after].includes(fs.readFile('/d/cib.xml').toString('utf8')));
    t.deepEqual(fs.list('/d'), ['cib.xml'], `after a failure at step ${step}`);
  }
});
