/**
 * Schemas prepared at build time: scripts/build.mjs encodes the prepared
 * schema of every version into dist/schema/, and the entry point of the
 * binary tells the model where to read them, so a tool call decodes the one
 * it needs instead of building it. Code that sets no reader (the tests, the
 * build itself) builds schemas from the model.
 */
type Reader = (fileName: string) => Uint8Array | null;

let reader: Reader | null = null;

/** The file an encoded pacemaker-X.Y schema is kept in. */
export function precompiledFileName(version: string): string {
  return `pacemaker-${version}.schema`;
}

/** Sets where encoded schemas are read from; the reader returns null for a file it lacks. */
export function usePrecompiledSchemas(read: Reader | null): void {
  reader = read;
}

export function precompiledSchema(version: string): Uint8Array | null {
  return reader ? reader(precompiledFileName(version)) : null;
}
