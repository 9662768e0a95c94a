/**
 * --node and --resource: a name, or a tag standing for the nodes or
 * resources it lists; the result is the list the displays filter on.
 */
import type { Cluster } from '../scheduler/model/cluster.js';
import { Find, findInResource } from '../scheduler/unpack/resources.js';
import type { Resource } from '../scheduler/model/resource.js';

function findAny(cluster: Cluster, id: string): Resource | undefined {
  for (const r of cluster.resources) {
    const found = findInResource(r, id, Find.Renamed | Find.Any);
    if (found) return found;
  }
  return undefined;
}

/** Node names to show: all ("*"), the node named, or the nodes with that tag (none if neither). */
export function nodeNameFilter(cluster: Cluster, name: string | undefined): string[] {
  if (name === undefined || name === '*') return ['*'];
  if (cluster.findNode(name)) return [name];
  const tag = cluster.tags.get(name);
  if (!tag) return [];
  const names: string[] = [];
  for (const ref of tag.refs) {
    const node = cluster.findNodeById(ref);
    if (node) names.push(node.uname);
  }
  return names;
}

/** Resource ids to show: all ("*"), the resource named, or the resources with that tag. */
export function resourceFilter(cluster: Cluster, id: string | undefined): string[] {
  if (id === undefined || id === '*') return ['*'];
  const rsc = findAny(cluster, id);
  if (rsc) return [id.includes(':') ? rsc.id : rsc.printableId];
  const tag = cluster.tags.get(id);
  if (!tag) return [];
  const ids: string[] = [];
  for (const ref of tag.refs) {
    const r = findAny(cluster, ref);
    if (r) ids.push(r.printableId);
  }
  return ids;
}
