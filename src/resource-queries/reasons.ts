/**
 * crm_resource --why: whether resources run (where), and what in their
 * configuration keeps them stopped, unpromoted, unmanaged or locked.
 */
import { selectNodes } from '../cib/xpath/index.js';
import type { Cluster } from '../scheduler/model/cluster.js';
import { RscFlag } from '../scheduler/model/flags.js';
import type { Node } from '../scheduler/model/node.js';
import type { Resource } from '../scheduler/model/resource.js';
import { Role, parseRole } from '../scheduler/model/role.js';
import { isTrue } from '../scheduler/util/text.js';
import { activeLocations } from '../scheduler/variants/clone/status.js';

export interface Checks {
  /** The top-level resource the checks are about. */
  id: string;
  remainStopped: boolean;
  unpromotable: boolean;
  unmanaged: boolean;
  lockedTo?: string;
}

export interface Reason {
  rsc: Resource;
  running: boolean;
  /** The node asked about, if one. */
  host?: string;
  checks: Checks;
  /** Lines about ambiguous settings, printed as they are found. */
  notes: string[];
}

/** The value of a meta-attribute as configured anywhere under the resource (find_resource_attr). */
function configuredValue(cluster: Cluster, rscId: string, name: string, notes: string[]): string | undefined {
  const resources = cluster.input.firstElement('configuration')?.firstElement('resources');
  if (!resources) return undefined;
  const matches = selectNodes(cluster.input, `/cib/configuration/resources//*[@id="${rscId}"]//nvpair[@name="${name}"]`);
  if (matches.length > 1) {
    notes.push(`Multiple attributes match name=${name}`);
    for (const m of matches) notes.push(`  Value: ${m.attrs['value'] ?? '(null)'} \t(id=${m.attrs['id'] ?? '(null)'})`);
    notes.push('');
    return undefined;
  }
  return matches[0]?.attrs['value'];
}

function checksFor(rsc: Resource, notes: string[]): Checks {
  const parent = rsc.top;
  const managed = configuredValue(rsc.cluster, parent.id, 'is-managed', notes);
  const roleText = configuredValue(rsc.cluster, parent.id, 'target-role', notes);
  const checks: Checks = { id: parent.id, remainStopped: false, unpromotable: false, unmanaged: false };
  if (roleText !== undefined) {
    const role = parseRole(roleText);
    if (role === Role.Stopped) checks.remainStopped = true;
    else if (parent.is(RscFlag.Promotable) && role === Role.Unpromoted) checks.unpromotable = true;
  }
  if (managed !== undefined && !isTrue(managed)) checks.unmanaged = true;
  if (rsc.lockNode) checks.lockedTo = rsc.lockNode.uname;
  return checks;
}

function reason(rsc: Resource, running: boolean, host?: string): Reason {
  const notes: string[] = [];
  return { rsc, running, host, checks: checksFor(rsc, notes), notes };
}

function runningOnHost(rsc: Resource, host: string): boolean {
  const h = host.toLowerCase();
  return activeLocations(rsc, 1).some((n) => n.uname.toLowerCase() === h || n.id.toLowerCase() === h);
}

/** The reasons for one resource, one node, both, or every top-level resource. */
export function reasons(cluster: Cluster, rsc: Resource | null, node: Node | null): Reason[] {
  if (rsc && node) return [reason(rsc, runningOnHost(rsc, node.uname), node.uname)];
  if (rsc) return [reason(rsc, activeLocations(rsc, 1).length > 0)];
  if (node) return node.runningRsc.map((r) => reason(r, true, node.uname));
  return cluster.resources.map((r) => reason(r, activeLocations(r, 1).length > 0));
}

/** The text lines of the checks (resource-check-list). */
export function checkLines(c: Checks): string[] {
  const lines: string[] = [];
  if (c.remainStopped) lines.push(`Configuration specifies '${c.id}' should remain stopped`);
  if (c.unpromotable) lines.push(`Configuration specifies '${c.id}' should not be promoted`);
  if (c.unmanaged) lines.push(`Configuration prevents cluster from stopping or starting unmanaged '${c.id}'`);
  if (c.lockedTo !== undefined) lines.push(`'${c.id}' is locked to node ${c.lockedTo} due to shutdown`);
  return lines;
}
