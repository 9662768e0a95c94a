/** A primitive's status behaviour. */
import { RscFlag } from '../../model/flags.js';
import { type Resource, isClone } from '../../model/resource.js';
import type { Role } from '../../model/role.js';
import { RaCap, raCaps } from '../../unpack/resources.js';
import { forceAnonymous } from '../clone/status.js';

export function unpackPrimitive(rsc: Resource): boolean {
  const top = rsc.top;
  const caps = raCaps(rsc.standard);
  if (!(caps & RaCap.Unique) && rsc.is(RscFlag.Unique) && isClone(top)) {
    forceAnonymous(top, rsc.standard, rsc.id);
    rsc.clear(RscFlag.Unique);
  }
  if (!(caps & RaCap.Promotable) && top.is(RscFlag.Promotable)) {
    rsc.cluster.configError(
      `Resource ${rsc.id} is of type ${rsc.standard} and therefore cannot be used as a promotable clone resource`,
    );
    return false;
  }
  return true;
}

/** Active on some node: an unclean one, or an online one (or any, when unmanaged). */
export function primitiveActive(rsc: Resource): boolean {
  for (const node of rsc.runningOn) {
    if (node.unclean) return true;
    if (!node.online && rsc.is(RscFlag.Managed)) continue;
    return true;
  }
  return false;
}

export function primitiveState(rsc: Resource, current: boolean): Role {
  return current ? rsc.role : rsc.nextRole;
}
