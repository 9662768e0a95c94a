/** crm_resource --list-raw: the ids of every primitive instance, members of groups and clones included. */
import type { Resource } from '../scheduler/model/resource.js';

export function instanceNames(rscs: Resource[]): string[] {
  const names: string[] = [];
  const add = (r: Resource) => {
    if (r.children.length === 0) names.push(r.id);
    else r.children.forEach(add);
  };
  rscs.forEach(add);
  return names;
}
