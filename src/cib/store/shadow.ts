/**
 * Where shadow CIBs live: $CIB_shadow_dir/shadow.NAME. Without
 * CIB_shadow_dir, root keeps them in pacer's state folder
 * ($PACER_ROOT/var/lib/pacer), anyone else in ~/.cib (made on demand; /tmp
 * when it cannot be made, as Pacemaker falls back).
 */
import { mkdirSync } from 'node:fs';
import { nodePaths } from '../../paths.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface ShadowDir {
  dir: string;
  /** Why the usual folder could not be used, if it could not. */
  warning?: string;
}

export function shadowDir(env: Env, uid: number = process.getuid?.() ?? 0): ShadowDir {
  const explicit = env['CIB_shadow_dir'];
  if (explicit) return { dir: explicit };
  if (uid === 0) return { dir: nodePaths(env).varLib };
  const home = env['HOME'];
  const dir = `${home ?? ''}/.cib`;
  try {
    if (!home) throw Object.assign(new Error('HOME is not set'), { code: 'ENOENT' });
    mkdirSync(dir, { recursive: false, mode: 0o700 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code !== 'EEXIST') {
      return { dir: '/tmp', warning: `Couldn't create user-specific shadow directory: ${dir}: ${err.message}` };
    }
  }
  return { dir };
}

/** The shadow file's path, written as Pacemaker writes it (crm_shadow --file prints it). */
export function shadowFile(dir: string, name: string): string {
  return `${dir}/shadow.${name}`;
}
