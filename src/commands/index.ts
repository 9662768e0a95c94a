/**
 * The explicit list of pacer's commands, so start-up never scans the disk.
 * Each entry loads its module only when that command runs. Keys are what
 * follows `pacer` on the command line; single words are also tool names
 * that `pacer install-links` links to the binary.
 */
import type { PacerCommandClass } from '../cli/command.js';
import { DAEMON_NAMES } from '../daemon-names.js';

type Loader = () => Promise<PacerCommandClass>;

export const COMMANDS: Record<string, Loader> = {
  attrd_updater: async () => (await import('./attrd_updater.js')).default,
  cibadmin: async () => (await import('./cibadmin.js')).default,
  crm_attribute: async () => (await import('./crm_attribute.js')).default,
  crm_diff: async () => (await import('./crm-diff.js')).default,
  crm_failcount: async () => (await import('./crm_failcount.js')).default,
  crm_master: async () => (await import('./crm_master.js')).default,
  crm_mon: async () => (await import('./crm-mon.js')).default,
  crm_node: async () => (await import('./crm_node.js')).default,
  crm_resource: async () => (await import('./crm-resource.js')).default,
  crm_rule: async () => (await import('./crm_rule.js')).default,
  crm_shadow: async () => (await import('./crm_shadow.js')).default,
  crm_simulate: async () => (await import('./crm_simulate.js')).default,
  crm_standby: async () => (await import('./crm_standby.js')).default,
  crm_ticket: async () => (await import('./crm_ticket.js')).default,
  crm_verify: async () => (await import('./crm_verify.js')).default,
  demo: async () => (await import('./demo.js')).default,
  iso8601: async () => (await import('./iso8601.js')).default,
  pacemakerd: async () => (await import('./pacemakerd.js')).default,
  'install-links': async () => (await import('./install-links.js')).default,
  completion: async () => (await import('./completion.js')).default,
  'cluster setup': async () => (await import('./cluster-setup.js')).default,
  'corosync-keygen': async () => (await import('./corosync-keygen.js')).default,
  daemon: async () => (await import('./daemon.js')).default,
  'pacemaker-based': async () => (await import('./daemon-name.js')).daemonCommand('pacemaker-based'),
  'pacemaker-controld': async () => (await import('./daemon-name.js')).daemonCommand('pacemaker-controld'),
  'pacemaker-fenced': async () => (await import('./daemon-name.js')).daemonCommand('pacemaker-fenced'),
  'pacemaker-schedulerd': async () => (await import('./daemon-name.js')).daemonCommand('pacemaker-schedulerd'),
  'membership status': async () => (await import('./membership-status.js')).default,
  'quorum status': async () => (await import('./quorum-status.js')).default,
};

/** Commands that are pacer's own, not Pacemaker tool names. */
export const PACER_ONLY = new Set(['install-links', 'completion', 'corosync-keygen', 'daemon', 'demo']);

/** Tool names: the commands a link in the tools' folder may be named after (not the daemons'). */
export function toolNames(): string[] {
  return Object.keys(COMMANDS).filter((k) => !k.includes(' ') && !PACER_ONLY.has(k) && !DAEMON_NAMES.includes(k));
}
