/**
 * The resource agents installed on this machine, by standard: OCF agents
 * under OCF_ROOT (default /usr/lib/ocf), LSB init scripts in /etc/init.d,
 * systemd services (when systemd runs), and fence agents (/usr/sbin/fence_*
 * and cluster-glue's plugins).
 */
import { execFileSync } from 'node:child_process';
import { type Stats, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compareBytes } from '../scheduler/util/text.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface AgentDirs {
  ocfRoot: string;
  lsb: string;
  fence: string;
  /** cluster-glue's stonith plugins. */
  lha: string;
  /** Present when systemd is the running init. */
  systemdRuntime: string;
}

export function agentDirs(env: Env): AgentDirs {
  return {
    ocfRoot: env['OCF_ROOT'] || '/usr/lib/ocf',
    lsb: '/etc/init.d',
    fence: '/usr/sbin',
    lha: '/usr/lib/stonith/plugins',
    systemdRuntime: '/run/systemd/system',
  };
}

function statOf(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Entries of a folder in byte order, without dot files: folders, or executable files. */
function entries(dir: string, kind: 'dirs' | 'executables' | 'files'): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith('.'))
    .filter((n) => {
      const st = statOf(join(dir, n));
      if (!st) return false;
      if (kind === 'dirs') return st.isDirectory();
      if (!st.isFile()) return false;
      return kind === 'files' || (st.mode & 0o111) !== 0;
    })
    .sort(compareBytes);
}

export class AgentCatalog {
  constructor(readonly dirs: AgentDirs) {}

  get ocfAgentsDir(): string {
    return join(this.dirs.ocfRoot, 'resource.d');
  }

  /** systemd service names (without ".service"), when systemd runs. */
  systemdUnits(): string[] {
    if (!existsSync(this.dirs.systemdRuntime)) return [];
    try {
      const out = execFileSync('systemctl', ['list-unit-files', '--type=service', '--no-legend', '--no-pager'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return out
        .split('\n')
        .map((l) => l.split(/\s+/)[0] ?? '')
        .filter((u) => u.endsWith('.service') && !u.includes('@'))
        .map((u) => u.slice(0, -'.service'.length))
        .sort(compareBytes);
    } catch {
      return [];
    }
  }

  standards(): string[] {
    const list = ['ocf', 'lsb', 'service'];
    if (this.systemdUnits().length > 0) list.push('systemd');
    list.push('stonith');
    return list;
  }

  /** OCF providers, or those that have the agent. */
  ocfProviders(agent?: string): string[] {
    const providers = entries(this.ocfAgentsDir, 'dirs');
    if (agent === undefined) return providers;
    return providers.filter((p) => entries(join(this.ocfAgentsDir, p), 'executables').includes(agent));
  }

  /** cluster-glue's fence plugins: stonith2 modules and external scripts. */
  private lhaAgents(): string[] {
    const plugins = entries(join(this.dirs.lha, 'stonith2'), 'files')
      .filter((f) => f.endsWith('.so'))
      .map((f) => f.slice(0, -3))
      .filter((p) => p !== 'external' && p !== 'rhcs');
    const external = entries(join(this.dirs.lha, 'external'), 'executables').map((f) => `external/${f}`);
    return [...plugins, ...external].sort(compareBytes);
  }

  fenceAgents(): string[] {
    return entries(this.dirs.fence, 'files').filter((f) => f.startsWith('fence_'));
  }

  agents(standard: string, provider?: string): string[] {
    switch (standard.toLowerCase()) {
      case 'ocf': {
        const providers = provider !== undefined ? [provider] : this.ocfProviders();
        return providers.flatMap((p) => entries(join(this.ocfAgentsDir, p), 'executables'));
      }
      case 'lsb':
        return entries(this.dirs.lsb, 'executables');
      case 'service':
        return [...entries(this.dirs.lsb, 'executables'), ...this.systemdUnits()];
      case 'systemd':
        return this.systemdUnits();
      case 'stonith':
        return [...this.lhaAgents(), ...this.fenceAgents()];
      default:
        return [];
    }
  }
}

export function agentCatalog(env: Env): AgentCatalog {
  return new AgentCatalog(agentDirs(env));
}
