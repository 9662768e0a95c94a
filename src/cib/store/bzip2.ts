/**
 * Writing bzip2: Pacemaker writes a CIB file whose name ends in .bz2
 * compressed. No pure-JavaScript compressor is fast enough for a large CIB,
 * so pacer hands this rare case to the system's bzip2 program.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/bzip2', '/bin/bzip2'];

export class Bzip2Missing extends Error {
  constructor() {
    super('writing a .bz2 CIB file needs the bzip2 program, which is not installed');
    this.name = 'Bzip2Missing';
  }
}

export async function compressBzip2(data: Uint8Array): Promise<Buffer> {
  const program = CANDIDATES.find((p) => existsSync(p));
  if (!program) throw new Bzip2Missing();
  const { execa } = await import('execa');
  const r = await execa(program, ['-c', '-9'], { input: Buffer.from(data), encoding: 'buffer', stripFinalNewline: false });
  return Buffer.from(r.stdout);
}
