/** Status behaviour shared by every kind of resource. */
import { RscFlag } from '../model/flags.js';
import type { Resource } from '../model/resource.js';
import { Role } from '../model/role.js';
import { resourceIsDisabled } from '../unpack/resources.js';

/** pe__count_common: instances, and how many are disabled or blocked. */
export function countInstances(rsc: Resource): void {
  if (rsc.children.length > 0) {
    for (const c of rsc.children) c.fns.count(c);
    return;
  }
  if (!rsc.is(RscFlag.Orphan) || rsc.role > Role.Stopped) {
    rsc.cluster.ninstances++;
    if (resourceIsDisabled(rsc)) rsc.cluster.disabledResources++;
    if (rsc.is(RscFlag.Block)) rsc.cluster.blockedResources++;
  }
}
