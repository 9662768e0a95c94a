/**
 * What bin/pacer calls: runs one invocation and leaves the exit code in
 * process.exitCode, so pending output drains before the process ends.
 */
import { main } from './main.js';
import { setPackageRoot } from './paths.js';

export async function run(invokedAs: string, args: string[], root: string): Promise<void> {
  setPackageRoot(root);
  process.exitCode = await main(invokedAs, args, root);
}
