/**
 * A clone's status behaviour: its instances (numbered copies of the cloned
 * primitive or group), made up front for every instance allowed, and later
 * for histories that no allowed instance can take (orphans).
 */
import type { XmlElement } from '../../../cib/xml/node.js';
import type { Cluster } from '../../model/cluster.js';
import { RscFlag } from '../../model/flags.js';
import type { Node } from '../../model/node.js';
import type { Resource } from '../../model/resource.js';
import { Role } from '../../model/role.js';
import { indexResource, unpackResource } from '../../unpack/resources.js';
import { parseLeadingInt } from '../../util/score.js';
import { isTrue } from '../../util/text.js';
import type { NotifyData } from './notify.js';

export interface CloneData {
  cloneMax: number;
  cloneNodeMax: number;
  promotedMax: number;
  promotedNodeMax: number;
  /** Instances made so far (the next instance number). */
  totalClones: number;
  ordered: boolean;
  /** The configuration of what is cloned. */
  child: XmlElement | null;
  /** Promotion scores were added to instances' node scores (done once). */
  promotionAdded: boolean;
  /** Promoted-role constraints were applied to the clone's node scores (done once). */
  promotionConstrained: boolean;
  /** Notifications around the clone-wide actions (notify=true). */
  startNotify: NotifyData | null;
  stopNotify: NotifyData | null;
  promoteNotify: NotifyData | null;
  demoteNotify: NotifyData | null;
}

export function cloneData(rsc: Resource): CloneData {
  return rsc.top.variantData as CloneData;
}

/** pcmk__scan_min_int with a default for absent values. */
function count(value: string | undefined, dflt: number): number {
  if (value === undefined) return dflt;
  return Math.max(0, parseLeadingInt(value) ?? 0);
}

/** Makes the next numbered instance (pe__create_clone_child); null if it is invalid. */
export function createCloneChild(clone: Resource): Resource | null {
  const data = clone.variantData as CloneData;
  if (!data.child) return null;
  const asOrphan = data.totalClones >= data.cloneMax;
  const copy = data.child.clone();
  copy.attrs['clone'] = String(data.totalClones);
  const child = unpackResource(clone.cluster, copy, clone);
  if (!child) return null;
  data.totalClones++;
  clone.children.push(child);
  if (asOrphan) child.setRecursive(RscFlag.Orphan);
  if (!child.meta.has('clone-max')) child.meta.set('clone-max', String(data.cloneMax));
  indexResource(clone.cluster, child);
  return child;
}

export function unpackClone(rsc: Resource): boolean {
  const cluster = rsc.cluster;
  const data: CloneData = {
    cloneMax: count(rsc.meta.get('clone-max'), Math.max(1, cluster.nodes.length)),
    cloneNodeMax: count(rsc.meta.get('clone-node-max'), 1),
    promotedMax: 0,
    promotedNodeMax: 0,
    totalClones: 0,
    ordered: isTrue(rsc.meta.get('ordered')),
    child: null,
    promotionAdded: false,
    promotionConstrained: false,
    startNotify: null,
    stopNotify: null,
    promoteNotify: null,
    demoteNotify: null,
  };
  rsc.variantData = data;
  if (rsc.is(RscFlag.Promotable)) {
    data.promotedMax = count(rsc.meta.get('promoted-max') ?? rsc.meta.get('master-max'), 1);
    data.promotedNodeMax = count(rsc.meta.get('promoted-node-max') ?? rsc.meta.get('master-node-max'), 1);
  }
  if (!rsc.is(RscFlag.Unique) && data.cloneNodeMax > 1) {
    cluster.configError(`Ignoring clone-node-max for ${rsc.id} because anonymous clones support only one instance per node`);
    data.cloneNodeMax = 1;
  }
  data.child = rsc.xml.elements().find((c) => c.name === 'primitive' || c.name === 'group') ?? null;
  if (!data.child) {
    cluster.configError(`${rsc.id} has nothing to clone`);
    return false;
  }
  // clones are slightly sticky by default, so instances are not shuffled for nothing
  if (!rsc.meta.has('resource-stickiness')) rsc.meta.set('resource-stickiness', '1');
  if (!rsc.meta.has('globally-unique')) rsc.meta.set('globally-unique', String(rsc.is(RscFlag.Unique)));
  // with clone-max=0, one instance still catches orphaned histories
  const wanted = Math.max(1, data.cloneMax);
  for (let i = 0; i < wanted; i++) if (!createCloneChild(rsc)) return false;
  return true;
}

/** pe__force_anon: agents that cannot be unique turn a unique clone anonymous. */
export function forceAnonymous(clone: Resource, standard: string | undefined, rscId: string): void {
  const data = clone.variantData as CloneData;
  clone.cluster.configWarning(
    `Ignoring globally-unique for ${clone.id} because ${standard} resources such as ${rscId} can be used only as anonymous clones`,
  );
  data.cloneNodeMax = 1;
  data.cloneMax = Math.min(data.cloneMax, clone.cluster.nodes.length);
  clone.clearRecursive(RscFlag.Unique);
}

export function cloneActive(rsc: Resource, all: boolean): boolean {
  for (const c of rsc.children) {
    const active = c.fns.active(c, all);
    if (!all && active) return true;
    if (all && !active) return false;
  }
  return all;
}

export function cloneState(rsc: Resource, current: boolean): Role {
  let role = Role.Unknown;
  for (const c of rsc.children) {
    const r = c.fns.state(c, current);
    if (r > role) role = r;
  }
  return role;
}

/** Whether the clone has an instance for every node (pe__is_universal_clone). */
export function isUniversalClone(rsc: Resource, cluster: Cluster): boolean {
  return rsc.variant === 'clone' && (rsc.variantData as CloneData).cloneMax === cluster.nodes.length;
}

/** The instance a node's history of an anonymous clone belongs to (find_anonymous_clone). */
export function findAnonymousInstance(cluster: Cluster, node: Node, clone: Resource, baseId: string): Resource {
  let found: Resource | null = null;
  let inactive: Resource | null = null;
  let skipInactive = false;
  for (const child of clone.children) {
    if (found) break;
    const where = activeLocations(child, 2);
    if (where.length > 0) {
      if (where[0] === node) {
        found = findCloneMember(child, baseId);
        if (found && found.runningOn.length > 0) {
          // a second history of one instance on the node (globally-unique was switched off)
          skipInactive = true;
          found = null;
        }
      }
    } else if (!skipInactive && !inactive && !child.is(RscFlag.Block)) {
      inactive = findCloneMember(child, baseId);
      if (inactive && inactive.pendingNode && inactive.pendingNode !== node) inactive = null;
    }
  }
  if (!found && !skipInactive && inactive) found = inactive;
  if (
    found &&
    !found.is(RscFlag.NeedsFencing) &&
    (!node.online || node.unclean) &&
    !node.isGuest &&
    !isUniversalClone(clone, cluster)
  ) {
    found = null;
  }
  if (!found) {
    const top = createCloneChild(clone);
    found = top ? findCloneMember(top, baseId) : null;
  }
  if (!found) throw new Error(`no instance of ${clone.id} for ${baseId}`);
  return found;
}

/** The member of an instance with that base id (find_rsc with pe_find_clone). */
function findCloneMember(instance: Resource, baseId: string): Resource | null {
  const rid = instance.xml.attrs['id'];
  if (baseId === instance.id || baseId === rid) return instance;
  for (const c of instance.children) {
    const r = findCloneMember(c, baseId);
    if (r) return r;
  }
  return null;
}

/**
 * Where a resource is (native_location): `mode` 1 current nodes, 2 current
 * nodes and the node of a pending action, 0 the assigned node.
 */
export function activeLocations(rsc: Resource, mode: 0 | 1 | 2): Node[] {
  const result: Node[] = [];
  const add = (n: Node) => {
    if (!result.includes(n)) result.push(n);
  };
  if (rsc.children.length > 0) {
    for (const c of rsc.children) for (const n of activeLocations(c, mode)) add(n);
  } else if (mode !== 0) {
    for (const n of rsc.runningOn) add(n);
    if (mode === 2 && rsc.pendingNode && !result.some((n) => n.id === rsc.pendingNode!.id)) result.push(rsc.pendingNode);
  } else if (rsc.allocatedTo) {
    add(rsc.allocatedTo.node);
  }
  return result;
}
