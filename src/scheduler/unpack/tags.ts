/** Tags: named lists of resource (or node) ids usable in constraints. */
import type { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../model/cluster.js';
import { addTagRef } from './resources.js';

export function unpackTags(cluster: Cluster, section: XmlElement | undefined): void {
  for (const tag of section?.elements('tag') ?? []) {
    const id = tag.attrs['id'];
    if (id === undefined) {
      cluster.configError('Ignoring <tag> without id');
      continue;
    }
    for (const ref of tag.elements('obj_ref')) {
      const refId = ref.attrs['id'];
      if (refId === undefined) {
        cluster.configError(`Ignoring <obj_ref> for tag '${id}' without id`);
        continue;
      }
      addTagRef(cluster.tags as Map<string, { id: string; refs: string[] }>, id, refId);
    }
  }
}
