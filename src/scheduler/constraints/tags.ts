/**
 * Resolving the resources a constraint names: a resource, or a tag or
 * template standing for several (expanded into resource sets).
 */
import { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../model/cluster.js';
import type { Tag } from '../model/constraints.js';
import type { Resource } from '../model/resource.js';
import { findInResource, Find } from '../unpack/resources.js';

/** pcmk__find_constraint_resource: a resource by id (an instance stands for its clone). */
export function constraintResource(cluster: Cluster, id: string): Resource | undefined {
  const direct = cluster.resourceIndex.get(id);
  if (direct) return direct;
  for (const top of cluster.resources) {
    const match = findInResource(top, id, Find.Renamed);
    if (match) return match.id.toLowerCase() === id.toLowerCase() ? match : match.top;
  }
  return undefined;
}

/** The resource a set's resource_ref names; a configuration error, naming the set, when there is none. */
export function setResource(cluster: Cluster, setId: string, ref: XmlElement): Resource | null {
  const rsc = constraintResource(cluster, ref.attrs['id'] ?? '');
  if (!rsc) cluster.configError(`${setId}: No resource found for ${ref.attrs['id']}`);
  return rsc ?? null;
}

function constraintTag(cluster: Cluster, id: string): Tag | undefined {
  if (cluster.templateRscSets.has(id)) return cluster.templateRscSets.get(id) ?? undefined;
  return cluster.tags.get(id);
}

/** A resource, or else a tag or template, by id; undefined when neither exists. */
export function resourceOrTag(cluster: Cluster, id: string): { rsc?: Resource; tag?: Tag } | undefined {
  const rsc = constraintResource(cluster, id);
  if (rsc) return { rsc };
  const tag = constraintTag(cluster, id);
  return tag ? { tag } : undefined;
}

/**
 * A copy of the constraint with tags and templates in its resource sets
 * replaced by the resources they stand for; null when there is nothing to
 * expand, 'error' when a reference is invalid.
 */
export function expandTagsInSets(cluster: Cluster, xml: XmlElement): XmlElement | null | 'error' {
  if (!xml.firstElement('resource_set')) return null;
  const copy = xml.clone();
  let any = false;
  for (const set of copy.elements('resource_set')) {
    for (const ref of set.elements('resource_ref')) {
      const found = resourceOrTag(cluster, ref.attrs['id'] ?? '');
      if (!found) {
        cluster.configError(
          `Ignoring resource sets for constraint '${xml.attrs['id']}' because '${ref.attrs['id']}' is not a valid resource or tag`,
        );
        return 'error';
      }
      if (found.rsc) continue;
      let at = ref.indexInParent();
      for (const id of found.tag!.refs) set.insertChild(new XmlElement('resource_ref', { id }), ++at);
      ref.remove();
      any = true;
    }
  }
  return any ? copy : null;
}

/**
 * pcmk__tag_to_set: replaces the constraint's `attr` (first, then, rsc...)
 * naming a tag (or, with convertRsc, a resource) with a resource set.
 * Returns the new set, null when nothing changed, 'error' on a bad reference.
 */
export function tagToSet(cluster: Cluster, xml: XmlElement, attr: string, convertRsc: boolean): XmlElement | null | 'error' {
  const id = xml.attrs[attr];
  if (id === undefined) return null;
  const found = resourceOrTag(cluster, id);
  if (!found) {
    cluster.configError(`Ignoring constraint '${xml.attrs['id']}' because '${id}' is not a valid resource or tag`);
    return 'error';
  }
  let set: XmlElement;
  if (found.tag) {
    set = xml.add('resource_set', { id });
    for (const ref of found.tag.refs) set.add('resource_ref', { id: ref });
    set.attrs['sequential'] = 'false';
  } else if (convertRsc) {
    set = xml.add('resource_set', { id });
    set.add('resource_ref', { id });
  } else {
    return null;
  }
  delete xml.attrs[attr];
  return set;
}

/**
 * Location and ticket constraints over a tag (in sets or as `rsc`): a copy
 * over resource sets, with `rsc-role` moved onto the set. Null when the
 * constraint names resources only, 'error' on a bad reference.
 */
export function expandRscTags(cluster: Cluster, xml: XmlElement): XmlElement | null | 'error' {
  const expanded = expandTagsInSets(cluster, xml);
  if (expanded === 'error' || expanded) return expanded;
  const rscId = xml.attrs['rsc'];
  if (rscId === undefined) return null;
  const found = resourceOrTag(cluster, rscId);
  if (!found) {
    cluster.configError(`Ignoring constraint '${xml.attrs['id']}' because '${rscId}' is not a valid resource or tag`);
    return 'error';
  }
  if (found.rsc) return null;
  const state = xml.attrs['rsc-role'];
  const copy = xml.clone();
  const set = tagToSet(cluster, copy, 'rsc', false);
  if (set === 'error') return 'error';
  if (!set) return null;
  if (state !== undefined) {
    set.attrs['role'] = state;
    delete copy.attrs['rsc-role'];
  }
  return copy;
}
