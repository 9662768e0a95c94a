/**
 * The node's own CIB, in its state folder ($PACER_ROOT/var/lib/pacer), laid
 * out as Pacemaker lays out its own: cib.xml with its digest in cib.xml.sig,
 * numbered backups cib-N.raw (+ .sig) of the versions it replaced, and
 * cib.last holding the number of the newest backup.
 *
 * Writing: the current cib.xml, if it checks out, becomes the next backup
 * (a hard link: no copy, and it stays intact whatever happens next), then
 * cib.xml and cib.xml.sig are each replaced atomically. Old backups beyond
 * the limit are removed.
 *
 * Loading: cib.xml is taken if it parses and matches its digest. A damaged,
 * truncated or half-written one (a crash between the two replacements
 * leaves a digest that does not match) is reported, and the newest backup
 * that checks out is taken instead.
 */
import { join } from 'node:path';
import { onDiskDigest } from '../digest.js';
import { formatVersion, readVersion } from '../generation.js';
import type { XmlElement } from '../xml/node.js';
import { parseXml } from '../xml/parse.js';
import { serialize } from '../xml/serialize.js';
import { writeAtomic } from './atomic-write.js';
import { nodeFs, type StoreFs } from './fs.js';

export const CIB_FILE = 'cib.xml';
const LAST = 'cib.last';
const DEFAULT_MAX_BACKUPS = 10;

export interface NodeCibOptions {
  fs?: StoreFs;
  /** How many backups to keep. */
  maxBackups?: number;
}

export interface LoadedNodeCib {
  cib: XmlElement;
  /** The file it came from: cib.xml or a backup. */
  file: string;
  /** What was wrong with the files passed over, in words for the log. */
  problems: string[];
}

export class NoUsableCib extends Error {
  constructor(
    readonly dir: string,
    readonly problems: string[],
  ) {
    super(`no usable CIB in ${dir}: ${problems.join('; ')}`);
    this.name = 'NoUsableCib';
  }
}

type Check = { ok: true; cib: XmlElement } | { ok: false; problem: string };

/** Reads one CIB file and its digest file; says what is wrong if anything is. */
function check(fs: StoreFs, dir: string, file: string, requireSig: boolean): Check {
  let cib: XmlElement;
  try {
    cib = parseXml(fs.readFile(join(dir, file)).toString('utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, problem: `${file} ${err.code === 'ENOENT' ? 'is missing' : `cannot be read (${err.message})`}` };
  }
  let sig: string;
  try {
    sig = fs.readFile(join(dir, `${file}.sig`)).toString('utf8').trim();
  } catch {
    return requireSig ? { ok: false, problem: `${file} has no digest file` } : { ok: true, cib };
  }
  const actual = onDiskDigest(cib);
  if (sig !== actual) return { ok: false, problem: `${file} does not match its digest (${actual}, expected ${sig})` };
  return { ok: true, cib };
}

function lastBackup(fs: StoreFs, dir: string): number {
  try {
    return Number.parseInt(fs.readFile(join(dir, LAST)).toString('utf8'), 10) || 0;
  } catch {
    return 0;
  }
}

/** Backup numbers present in the folder, newest first. */
function backups(fs: StoreFs, dir: string): number[] {
  let names: string[];
  try {
    names = fs.readdir(dir);
  } catch {
    return [];
  }
  return names
    .map((n) => /^cib-(\d+)\.raw$/.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
}

/** The node's CIB, or null when the node has none yet. Throws NoUsableCib when every copy is damaged. */
export function loadNodeCib(dir: string, options: NodeCibOptions = {}): LoadedNodeCib | null {
  const fs = options.fs ?? nodeFs;
  const problems: string[] = [];
  const main = fs.stat(join(dir, CIB_FILE));
  const older = backups(fs, dir);
  if (!main && older.length === 0) return null;
  if (main) {
    // The very first write may stop before its digest file exists; later ones always leave one.
    const c = check(fs, dir, CIB_FILE, older.length > 0);
    if (c.ok) return { cib: c.cib, file: CIB_FILE, problems };
    problems.push(c.problem);
  }
  for (const n of older) {
    const file = `cib-${n}.raw`;
    const c = check(fs, dir, file, true);
    if (c.ok) {
      problems.push(`using backup ${file} (version ${formatVersion(readVersion(c.cib))}) instead`);
      return { cib: c.cib, file, problems };
    }
    problems.push(c.problem);
  }
  throw new NoUsableCib(dir, problems);
}

/** Stores a new version of the node's CIB, keeping the previous one as a backup. */
export function writeNodeCib(dir: string, cib: XmlElement, options: NodeCibOptions = {}): void {
  const fs = options.fs ?? nodeFs;
  const max = options.maxBackups ?? DEFAULT_MAX_BACKUPS;
  fs.mkdir(dir);
  if (fs.stat(join(dir, CIB_FILE)) && check(fs, dir, CIB_FILE, true).ok) {
    const n = Math.max(lastBackup(fs, dir), ...backups(fs, dir), 0) + 1;
    for (const suffix of ['', '.sig']) {
      const backup = join(dir, `cib-${n}.raw${suffix}`);
      if (fs.stat(backup)) fs.unlink(backup);
      fs.link(join(dir, `${CIB_FILE}${suffix}`), backup);
    }
    writeAtomic(fs, join(dir, LAST), Buffer.from(`${n}`), { mode: 0o600 });
    for (const old of backups(fs, dir).slice(max)) {
      for (const suffix of ['', '.sig']) {
        if (fs.stat(join(dir, `cib-${old}.raw${suffix}`))) fs.unlink(join(dir, `cib-${old}.raw${suffix}`));
      }
    }
  }
  writeAtomic(fs, join(dir, CIB_FILE), Buffer.from(serialize(cib), 'utf8'), { mode: 0o600 });
  writeAtomic(fs, join(dir, `${CIB_FILE}.sig`), Buffer.from(onDiskDigest(cib)), { mode: 0o600 });
}
