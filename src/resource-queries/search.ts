/** crm_resource --locate: the nodes a resource is active on (cli_resource_search). */
import { RscFlag } from '../scheduler/model/flags.js';
import { type Resource, isClone } from '../scheduler/model/resource.js';
import { Role } from '../scheduler/model/role.js';

export interface NodeFound {
  node: string;
  /** Active there in the promoted role (promotable clones). */
  promoted: boolean;
}

/** Every instance's nodes, newest first as Pacemaker lists them. */
function instancesOf(clone: Resource): NodeFound[] {
  const found: NodeFound[] = [];
  for (const child of clone.children) {
    for (const node of child.runningOn) {
      found.unshift({
        node: node.uname,
        promoted: clone.is(RscFlag.Promotable) && child.fns.state(child, true) === Role.Promoted,
      });
    }
  }
  return found;
}

/** Where the resource runs; `requested` is the name the user gave. */
export function searchResource(rsc: Resource, requested: string): NodeFound[] {
  if (isClone(rsc)) return instancesOf(rsc);
  const top = rsc.top;
  if (
    isClone(top) &&
    !rsc.is(RscFlag.Unique) &&
    rsc.clone_name !== null &&
    requested.toLowerCase() === rsc.clone_name.toLowerCase() &&
    requested.toLowerCase() !== rsc.id.toLowerCase()
  ) {
    return instancesOf(top);
  }
  const promoted = rsc.fns.state(rsc, true) === Role.Promoted;
  return [...rsc.runningOn].reverse().map((n) => ({ node: n.uname, promoted }));
}
