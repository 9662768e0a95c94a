/** What clone displays share: filters, configured role, where instances run. */
import type { Node } from '../scheduler/model/node.js';
import type { Resource } from '../scheduler/model/resource.js';
import { Role, parseRole } from '../scheduler/model/role.js';
import { activeLocations } from '../scheduler/variants/clone/status.js';
import { inList } from './options.js';

/** The target-role of a clone, or of its first instance (configured_role_str). */
export function configuredRoleText(rsc: Resource): string | undefined {
  return rsc.meta.get('target-role') ?? rsc.children[0]?.meta.get('target-role');
}

export function configuredRole(rsc: Resource): Role {
  const text = configuredRoleText(rsc);
  return text === undefined ? Role.Unknown : parseRole(text);
}

/** Active, but on none of the nodes shown (pcmk__rsc_filtered_by_node). */
export function filteredByNode(rsc: Resource, onlyNodes: string[]): boolean {
  return rsc.fns.active(rsc, false) && !rsc.runningOn.some((n) => inList(n.uname, onlyNodes, true));
}

/** The one node an instance is active on, or null (native_location with current). */
export function singleLocation(rsc: Resource): Node | null {
  const where = activeLocations(rsc, 1);
  return where.length === 1 ? where[0]! : null;
}

/** is_set_recursive: the flag on the resource or any member (any), or on all of them. */
export function flagRecursive(rsc: Resource, flag: number, any: boolean): boolean {
  if (rsc.is(flag)) {
    if (any) return true;
  } else if (!any) return false;
  for (const c of rsc.children) {
    if (flagRecursive(c, flag, any)) {
      if (any) return true;
    } else if (!any) return false;
  }
  return !any;
}
