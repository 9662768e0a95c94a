/**
 * The oracle for schema validation: libxml2's xmllint, which runs the same
 * Relax NG validation Pacemaker runs (with --noblanks, as Pacemaker parses
 * CIB files), on Pacemaker's own schema files. Messages are compared per
 * file, in libxml2's words and order.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSchemaError, validateWithSchema } from '../../../src/cib/schema/validate.js';
import { schemaIndex } from '../../../src/cib/schema/versions.js';
import { parseXml } from '../../../src/cib/xml/parse.js';

export const PACEMAKER_SCHEMAS = '/usr/share/pacemaker';

export function requireXmllint(): void {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(join(PACEMAKER_SCHEMAS, 'pacemaker-3.9.rng'))) {
    throw new Error("xmllint (libxml2-utils) and Pacemaker's schemas are needed by this test; install them with scripts/install-test-deps.");
  }
}

/**
 * libxml2 reports unknown IDREFs in the order of a hash table seeded anew
 * every second, so only the order of the other messages is compared.
 */
function canonical(lines: string[]): string[] {
  const out: string[] = [];
  let refs: string[] = [];
  const flush = () => {
    out.push(...refs.sort());
    refs = [];
  };
  for (const l of lines) {
    if (/: validity error : IDREF /.test(l)) refs.push(l);
    else {
      flush();
      out.push(l);
    }
  }
  flush();
  return out;
}

export interface Verdict {
  valid: boolean;
  messages: string[];
}

/** xmllint's verdicts for files of one directory against pacemaker-<version>.rng. */
export function xmllintVerdicts(dir: string, files: string[], version: string): Map<string, Verdict> {
  const r = spawnSync('xmllint', ['--noblanks', '--noout', '--relaxng', join(PACEMAKER_SCHEMAS, `pacemaker-${version}.rng`), ...files], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const verdicts = new Map<string, Verdict>();
  let pending: string[] = [];
  for (const line of r.stderr.split('\n')) {
    const end = /^(.*) (validates|fails to validate)$/.exec(line);
    if (end && files.includes(end[1]!)) {
      verdicts.set(end[1]!, { valid: end[2] === 'validates', messages: canonical(pending) });
      pending = [];
    } else if (line !== '') pending.push(line);
  }
  return verdicts;
}

/** Our verdict for one file, with messages formatted as libxml2 formats them. */
export function ourVerdict(dir: string, file: string, version: string): Verdict {
  const cib = parseXml(readFileSync(join(dir, file), 'utf8'));
  const r = validateWithSchema(cib, schemaIndex(`pacemaker-${version}`));
  return { valid: r.valid, messages: canonical(r.errors.map((e) => formatSchemaError(e, file))) };
}

/** Files whose verdict or messages differ, with both sides. */
export function disagreements(dir: string, files: string[], version: string): { file: string; reference: Verdict; ours: Verdict }[] {
  const reference = xmllintVerdicts(dir, files, version);
  const out = [];
  for (const file of files) {
    const ref = reference.get(file);
    const ours = ourVerdict(dir, file, version);
    if (!ref || ref.valid !== ours.valid || ref.messages.join('\n') !== ours.messages.join('\n')) {
      out.push({ file, reference: ref ?? { valid: false, messages: ['(no verdict from xmllint)'] }, ours });
    }
  }
  return out;
}
