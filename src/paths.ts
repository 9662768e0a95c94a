/**
 * Where things are: the package itself, and the node's folders under
 * $PACER_ROOT (config, state, runtime), as DESIGN.md lays them out.
 */
import { join } from 'node:path';

let root: string | undefined;

/** Set once by the entry point, which knows where it was loaded from. */
export function setPackageRoot(dir: string): void {
  root = dir;
}

export function packageRoot(): string {
  if (!root) throw new Error('package root not set');
  return root;
}

export interface NodePaths {
  etc: string;
  corosyncConf: string;
  authkey: string;
  varLib: string;
  cib: string;
  run: string;
}

/** The node's folders; PACER_ROOT prefixes all of them so several nodes can share a machine. */
export function nodePaths(env: Readonly<Record<string, string | undefined>>): NodePaths {
  const prefix = env['PACER_ROOT'] ?? '/';
  const etc = join(prefix, 'etc/pacer');
  const varLib = join(prefix, 'var/lib/pacer');
  return {
    etc,
    corosyncConf: join(etc, 'corosync.conf'),
    authkey: join(etc, 'authkey'),
    varLib,
    cib: join(varLib, 'cib.xml'),
    run: join(prefix, 'run/pacer'),
  };
}
