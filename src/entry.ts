/**
 * What bin/pacer calls: runs one invocation and leaves the exit code in
 * process.exitCode, so pending output drains before the process ends.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { usePrecompiledSchemas } from './cib/schema/precompiled.js';
import { main } from './main.js';
import { setPackageRoot } from './paths.js';

export async function run(invokedAs: string, args: string[], root: string): Promise<void> {
  setPackageRoot(root);
  usePrecompiledSchemas((file) => {
    try {
      return readFileSync(join(root, 'dist', 'schema', file));
    } catch {
      return null; // not built: the model builds it
    }
  });
  process.exitCode = await main(invokedAs, args);
}
