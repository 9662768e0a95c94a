/**
 * Colocation constraints (rsc_colocation): between two resources, within a
 * resource set, and between sets. Each becomes a Colocation kept, sorted, on
 * both resources; mandatory anti-colocations also order the resources.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../model/cluster.js';
import type { Colocation } from '../model/constraints.js';
import { RscFlag } from '../model/flags.js';
import type { Resource } from '../model/resource.js';
import { Role, parseRole } from '../model/role.js';
import { orderResourceActions } from '../ordering/new-ordering.js';
import { Order } from '../model/flags.js';
import { UnsupportedFeature } from '../unpack/unsupported.js';
import { INFINITY, parseScore } from '../util/score.js';
import { compareBytes, isTrue, parseBoolean } from '../util/text.js';
import { constraintResource, expandTagsInSets, resourceOrTag, setResource, tagToSet } from './tags.js';

const VARIANT_RANK = { primitive: 0, group: 1, clone: 2, bundle: 3 } as const;

function compareByResource(a: Resource, b: Resource): number {
  if (a.priority > b.priority) return -1;
  if (a.priority < b.priority) return 1;
  const va = VARIANT_RANK[a.variant];
  const vb = VARIANT_RANK[b.variant];
  if (va > vb) return -1;
  if (va < vb) return 1;
  if (a.variant === 'clone') {
    const pa = a.is(RscFlag.Promotable);
    const pb = b.is(RscFlag.Promotable);
    if (pa && !pb) return -1;
    if (!pa && pb) return 1;
  }
  return compareBytes(a.id, b.id);
}

/** g_list_insert_sorted: after every element that does not sort after it. */
function insertSorted(list: Colocation[], c: Colocation, cmp: (a: Colocation, b: Colocation) => number): void {
  let i = 0;
  while (i < list.length && cmp(c, list[i]!) > 0) i++;
  list.splice(i, 0, c);
}

export function addThisWith(rsc: Resource, c: Colocation): void {
  insertSorted(rsc.thisWith, c, (a, b) => compareByResource(a.primary, b.primary));
}

export function addWithThis(rsc: Resource, c: Colocation): void {
  insertSorted(rsc.withThis, c, (a, b) => compareByResource(a.dependent, b.dependent));
}

/** Orders the actions that make one resource lose a role before the other gains one. */
function antiColocationOrder(first: Resource, firstRole: Role, then: Resource, thenRole: Role): void {
  const firstTasks = firstRole === Role.Promoted ? ['demote'] : firstRole === Role.Unpromoted ? ['stop', 'promote'] : ['stop'];
  const thenTasks = thenRole === Role.Promoted ? ['promote'] : thenRole === Role.Unpromoted ? ['start', 'demote'] : ['start'];
  for (const f of firstTasks) {
    for (const t of thenTasks) orderResourceActions(first, f, then, t, Order.AntiColocation);
  }
}

/** pcmk__new_colocation */
export function newColocation(
  cluster: Cluster,
  id: string,
  nodeAttr: string | undefined,
  score: number,
  dependent: Resource | undefined,
  primary: Resource | undefined,
  dependentRoleIn: string | undefined,
  primaryRoleIn: string | undefined,
  influence: boolean,
): void {
  if (score === 0) return;
  if (!dependent || !primary) {
    cluster.configError(`Ignoring colocation '${id}' because resource does not exist`);
    return;
  }
  const role = (r: string | undefined) => (r === undefined || r.toLowerCase() === 'started' ? Role.Unknown : parseRole(r));
  const c: Colocation = {
    id,
    nodeAttribute: nodeAttr ?? null,
    dependent,
    primary,
    dependentRole: role(dependentRoleIn),
    primaryRole: role(primaryRoleIn),
    score,
    influence,
  };
  addThisWith(dependent, c);
  addWithThis(primary, c);
  cluster.colocations.push(c);
  if (score <= -INFINITY) {
    antiColocationOrder(dependent, c.dependentRole, primary, c.primaryRole);
    antiColocationOrder(primary, c.primaryRole, dependent, c.dependentRole);
  }
}

function unpackInfluence(cluster: Cluster, id: string, rsc: Resource, text: string | undefined): boolean {
  if (text !== undefined) {
    const v = parseBoolean(text);
    if (v === undefined) cluster.configError(`Constraint '${id}' has invalid value for influence (using default)`);
    else return v;
  }
  return rsc.is(RscFlag.Critical);
}

function unpackColocationSet(cluster: Cluster, set: XmlElement, score: number, id: string, influence: string | undefined): void {
  const setId = set.attrs['id'] ?? '';
  const role = set.attrs['role'];
  const ordering = set.attrs['ordering'] ?? 'group';
  const local = set.attrs['score'] !== undefined ? parseScore(set.attrs['score']) : score;
  if (local === 0) return;
  const refs = set.elements('resource_ref');
  if (parseBoolean(set.attrs['sequential']) === false) return;
  if (local > 0 && ordering.toLowerCase() === 'group') {
    let withRsc: Resource | null = null;
    for (const ref of refs) {
      const rsc = setResource(cluster, setId, ref);
      if (!rsc) return;
      if (withRsc) {
        newColocation(cluster, setId, undefined, local, rsc, withRsc, role, role, unpackInfluence(cluster, id, rsc, influence));
      }
      withRsc = rsc;
    }
  } else if (local > 0) {
    let last: Resource | null = null;
    for (const ref of refs) {
      const rsc = setResource(cluster, setId, ref);
      if (!rsc) return;
      if (last) {
        newColocation(cluster, setId, undefined, local, last, rsc, role, role, unpackInfluence(cluster, id, last, influence));
      }
      last = rsc;
    }
  } else {
    // Everyone in the set anti-colocated with everyone before it.
    for (const ref of refs) {
      const rsc = setResource(cluster, setId, ref);
      if (!rsc) return;
      const infl = unpackInfluence(cluster, id, rsc, influence);
      for (const other of refs) {
        if (rsc.id.toLowerCase() === (other.attrs['id'] ?? '').toLowerCase()) break;
        const withRsc = setResource(cluster, setId, other);
        if (!withRsc) return;
        newColocation(cluster, setId, undefined, local, rsc, withRsc, role, role, infl);
      }
    }
  }
}

function colocateSets(
  cluster: Cluster,
  id: string,
  set1: XmlElement,
  set2: XmlElement,
  score: number,
  influence: string | undefined,
): void {
  if (score === 0) return;
  const role1 = set1.attrs['role'];
  const role2 = set2.attrs['role'];
  let rsc1: Resource | null = null;
  let rsc2: Resource | null = null;
  const refs1 = set1.elements('resource_ref');
  const refs2 = set2.elements('resource_ref');
  if (parseBoolean(set1.attrs['sequential']) !== false && refs1.length > 0) {
    rsc1 = setResource(cluster, id, refs1[0]!);
    if (!rsc1) return;
  }
  if (parseBoolean(set2.attrs['sequential']) !== false) {
    rsc2 = constraintResource(cluster, refs2[refs2.length - 1]?.attrs['id'] ?? '') ?? null;
    if (!rsc2) {
      cluster.configError(`${id}: No resource found for ${refs2[refs2.length - 1]?.attrs['id'] ?? '(null)'}`);
      return;
    }
  }
  if (rsc1 && rsc2) {
    newColocation(cluster, id, undefined, score, rsc1, rsc2, role1, role2, unpackInfluence(cluster, id, rsc1, influence));
  } else if (rsc1) {
    const infl = unpackInfluence(cluster, id, rsc1, influence);
    for (const ref of refs2) {
      const r2 = setResource(cluster, id, ref);
      if (!r2) return;
      newColocation(cluster, id, undefined, score, rsc1, r2, role1, role2, infl);
    }
  } else if (rsc2) {
    for (const ref of refs1) {
      const r1 = setResource(cluster, id, ref);
      if (!r1) return;
      newColocation(cluster, id, undefined, score, r1, rsc2, role1, role2, unpackInfluence(cluster, id, r1, influence));
    }
  } else {
    for (const ref of refs1) {
      const r1 = setResource(cluster, id, ref);
      if (!r1) return;
      const infl = unpackInfluence(cluster, id, r1, influence);
      for (const ref2 of refs2) {
        const r2 = setResource(cluster, id, ref2);
        if (!r2) return;
        newColocation(cluster, id, undefined, score, r1, r2, role1, role2, infl);
      }
    }
  }
}

function unpackSimpleColocation(cluster: Cluster, xml: XmlElement, id: string, influence: string | undefined): void {
  const dependentId = xml.attrs['rsc'];
  const primaryId = xml.attrs['with-rsc'];
  const dependent = dependentId !== undefined ? constraintResource(cluster, dependentId) : undefined;
  const primary = primaryId !== undefined ? constraintResource(cluster, primaryId) : undefined;
  if (xml.attrs['rsc-instance'] !== undefined || xml.attrs['with-rsc-instance'] !== undefined) {
    throw new UnsupportedFeature(`clone instance references in colocation '${id}' are not supported yet`);
  }
  if (!dependent) {
    cluster.configError(`Ignoring constraint '${id}' because resource '${dependentId}' does not exist`);
    return;
  }
  if (!primary) {
    cluster.configError(`Ignoring constraint '${id}' because resource '${primaryId}' does not exist`);
    return;
  }
  if (isTrue(xml.attrs['symmetrical'])) {
    cluster.configWarning(`The colocation constraint 'symmetrical' attribute has been removed`);
  }
  const score = xml.attrs['score'] !== undefined ? parseScore(xml.attrs['score']) : 0;
  newColocation(
    cluster,
    id,
    xml.attrs['node-attribute'],
    score,
    dependent,
    primary,
    xml.attrs['rsc-role'],
    xml.attrs['with-rsc-role'],
    unpackInfluence(cluster, id, dependent, influence),
  );
}

function expandColocationTags(cluster: Cluster, xml: XmlElement): XmlElement | null | 'error' {
  const id = xml.attrs['id']!;
  const expanded = expandTagsInSets(cluster, xml);
  if (expanded === 'error') return 'error';
  if (expanded) return expanded;
  const dependentId = xml.attrs['rsc'];
  const primaryId = xml.attrs['with-rsc'];
  if (dependentId === undefined || primaryId === undefined) return null;
  const dep = resourceOrTag(cluster, dependentId);
  if (!dep) {
    cluster.configError(`Ignoring constraint '${id}' because '${dependentId}' is not a valid resource or tag`);
    return 'error';
  }
  const pri = resourceOrTag(cluster, primaryId);
  if (!pri) {
    cluster.configError(`Ignoring constraint '${id}' because '${primaryId}' is not a valid resource or tag`);
    return 'error';
  }
  if (dep.rsc && pri.rsc) return null;
  if (dep.tag && pri.tag) {
    cluster.configError(`Ignoring constraint '${id}' because two templates or tags cannot be colocated`);
    return 'error';
  }
  const depRole = xml.attrs['rsc-role'];
  const priRole = xml.attrs['with-rsc-role'];
  const copy = xml.clone();
  let any = false;
  const depSet = tagToSet(cluster, copy, 'rsc', true);
  if (depSet === 'error') return 'error';
  if (depSet) {
    if (depRole !== undefined) {
      depSet.attrs['role'] = depRole;
      delete copy.attrs['rsc-role'];
    }
    any = true;
  }
  const priSet = tagToSet(cluster, copy, 'with-rsc', true);
  if (priSet === 'error') return 'error';
  if (priSet) {
    if (priRole !== undefined) {
      priSet.attrs['role'] = priRole;
      delete copy.attrs['with-rsc-role'];
    }
    any = true;
  }
  return any ? copy : null;
}

export function unpackColocation(cluster: Cluster, xmlIn: XmlElement): void {
  const id = xmlIn.attrs['id']!;
  const score = xmlIn.attrs['score'] !== undefined ? parseScore(xmlIn.attrs['score']) : 0;
  const influence = xmlIn.attrs['influence'];
  const expanded = expandColocationTags(cluster, xmlIn);
  if (expanded === 'error') return;
  const xml = expanded ?? xmlIn;
  let last: XmlElement | null = null;
  for (const setIn of xml.elements('resource_set')) {
    const set = cluster.ids.expand(setIn);
    if (!set) return;
    unpackColocationSet(cluster, set, score, id, influence);
    if (last) colocateSets(cluster, id, last, set, score, influence);
    last = set;
  }
  if (!last) unpackSimpleColocation(cluster, xmlIn, id, influence);
}
