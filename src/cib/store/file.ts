/**
 * A CIB kept in a plain file (CIB_file, shadow CIBs): loaded and checked as
 * Pacemaker loads it, written back pretty-printed and atomically, compressed
 * when the name ends in .bz2.
 */
import { CibError, schemaViolation } from '../errors.js';
import type { Validator } from '../ops/request.js';
import type { XmlElement } from '../xml/node.js';
import { parseXml, XmlParseError } from '../xml/parse.js';
import { serialize } from '../xml/serialize.js';
import { writeAtomic } from './atomic-write.js';
import { compressBzip2 } from './bzip2.js';
import { nodeFs, type StoreFs } from './fs.js';
import { readCibText } from './read.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { formatSchemaError } from '../schema/validate.js';

export interface LoadedCib {
  cib: XmlElement;
  /** Changes whenever the file is replaced or rewritten. */
  identity: string;
  /** What Pacemaker prints while loading it (the schemas tried for a CIB that names none). */
  warnings: string[];
}

/** What the file looks like on disk right now (null when it does not exist). */
export function fileIdentity(path: string, fs: StoreFs = nodeFs): string | null {
  const s = fs.stat(path);
  return s ? `${s.ino}:${s.size}:${s.mtimeNs}` : null;
}

/**
 * Loads a CIB file the way Pacemaker's file backend signs on: a missing
 * file is "No such device or address"; a file that cannot be read or parsed,
 * or fails validation, is a schema error. A missing status section is added.
 */
export function loadCibFile(path: string, options: { fs?: StoreFs; validate?: Validator; name?: string } = {}): LoadedCib {
  const fs = options.fs ?? nodeFs;
  const identity = fileIdentity(path, fs);
  if (identity === null) throw new CibError(ExitCode.NOSUCH, 'No such device or address', { notes: [`${path} does not exist`] });
  let cib: XmlElement;
  try {
    cib = parseXml(readCibText(path, fs));
  } catch (e) {
    const where = e instanceof XmlParseError ? `${path}:${e.line}:${e.column}: ` : '';
    throw schemaViolation(undefined, [`${where}${(e as Error).message}`]);
  }
  if (!cib.findChild('status')) cib.add('status');
  const warnings: string[] = [];
  if (options.validate) {
    const verdict = options.validate(cib);
    const messages = verdict.errors.map((x) => formatSchemaError(x, options.name ?? path));
    if (!verdict.valid) throw schemaViolation(undefined, messages);
    if (verdict.assigned && verdict.schema) {
      cib.setAttr('validate-with', verdict.schema);
      warnings.push(...messages);
    }
  }
  return { cib, identity, warnings };
}

/** Writes the CIB back, replacing the file atomically; `mode` applies to a new file. */
export async function saveCibFile(path: string, cib: XmlElement, options: { fs?: StoreFs; mode?: number } = {}): Promise<void> {
  const text = Buffer.from(serialize(cib), 'utf8');
  const data = path.endsWith('.bz2') ? await compressBzip2(text) : text;
  writeAtomic(options.fs ?? nodeFs, path, data, { mode: options.mode });
}
