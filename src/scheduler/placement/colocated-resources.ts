/** Resources that must run with a resource, transitively (pcmk__colocated_resources). */
import { type Resource, isClone } from '../model/resource.js';
import { INFINITY } from '../util/score.js';
import { Affects, colocationAffects } from './colocation-scores.js';

export function colocatedResources(rsc: Resource, origIn: Resource | null, list: Resource[]): Resource[] {
  const orig = origIn ?? rsc;
  if (list.includes(rsc)) return list;
  list.push(rsc);
  for (const c of rsc.thisWith) {
    const primary = c.primary;
    if (primary === orig) continue;
    if (c.score === INFINITY && colocationAffects(rsc, primary, c, true) === Affects.Location) {
      primary.cmds.colocatedResources(primary, orig, list);
    }
  }
  for (const c of rsc.withThis) {
    const dependent = c.dependent;
    if (dependent === orig) continue;
    if (isClone(rsc) && !isClone(dependent)) continue;
    if (c.score === INFINITY && colocationAffects(dependent, rsc, c, true) === Affects.Location) {
      dependent.cmds.colocatedResources(dependent, orig, list);
    }
  }
  return list;
}
