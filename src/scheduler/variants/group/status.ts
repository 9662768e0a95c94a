/** A group's status behaviour: members in order, the group active as they are. */
import type { Resource } from '../../model/resource.js';
import { Role } from '../../model/role.js';
import { parseBoolean } from '../../util/text.js';
import { unpackResource } from '../../unpack/resources.js';

export interface GroupData {
  lastChild: Resource | null;
  /** Members start in order (deprecated "ordered" meta-attribute). */
  ordered: boolean;
  /** Members run together (deprecated "collocated" meta-attribute). */
  colocated: boolean;
}

export function groupData(rsc: Resource): GroupData {
  return rsc.variantData as GroupData;
}

function groupFlag(rsc: Resource, option: string): boolean {
  const value = rsc.meta.get(option);
  const parsed = parseBoolean(value);
  if (value === undefined || parsed === undefined || parsed) return true;
  rsc.cluster.configWarning(
    `Support for the '${option}' group meta-attribute is deprecated and will be removed in a future release (use a resource set instead)`,
  );
  return false;
}

export function unpackGroup(rsc: Resource): boolean {
  const data: GroupData = {
    lastChild: null,
    ordered: groupFlag(rsc, 'ordered'),
    colocated: groupFlag(rsc, 'collocated'),
  };
  rsc.variantData = data;
  const cloneId = rsc.xml.attrs['clone'];
  for (const xml of rsc.xml.elements('primitive')) {
    if (cloneId !== undefined) xml.attrs['clone'] = cloneId;
    const child = unpackResource(rsc.cluster, xml, rsc);
    if (!child) continue;
    rsc.children.push(child);
    data.lastChild = child;
  }
  if (rsc.children.length === 0) {
    rsc.cluster.configWarning(`Group ${rsc.id} will be ignored because it does not have any members`);
  }
  return true;
}

export function groupActive(rsc: Resource, all: boolean): boolean {
  let any = false;
  let every = true;
  for (const c of rsc.children) {
    if (c.fns.active(c, all)) any = true;
    else every = false;
  }
  if (!any) return false;
  return !(all && !every);
}

export function groupState(rsc: Resource, current: boolean): Role {
  let role = Role.Unknown;
  for (const c of rsc.children) {
    const r = c.fns.state(c, current);
    if (r > role) role = r;
  }
  return role;
}
