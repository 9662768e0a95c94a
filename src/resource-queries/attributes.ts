/** crm_resource --get-parameter: instance, meta or utilization attributes of a resource. */
import type { Node } from '../scheduler/model/node.js';
import type { Resource } from '../scheduler/model/resource.js';
import { resourceParams } from '../scheduler/unpack/resources.js';
import { unpackSets } from '../scheduler/unpack/sets.js';

export type AttributeSet = 'instance_attributes' | 'meta_attributes' | 'utilization';

/** Meta-attributes as configured (get_meta_attributes): the XML's own, its sets, its parents' sets, the defaults. */
function metaAttributes(rsc: Resource, node: Node | null): Map<string, string> {
  const cluster = rsc.cluster;
  const rule = { nodeAttrs: node?.attrs, rsc: { standard: rsc.standard, provider: rsc.provider, agent: rsc.agentType } };
  const meta = new Map<string, string>();
  for (const [k, v] of Object.entries(rsc.xml.attrs)) if (!meta.has(k)) meta.set(k, v);
  unpackSets(cluster, rsc.xml, 'meta_attributes', meta, { rule });
  if (rsc.parent) {
    const fromParents = new Map<string, string>();
    for (let p: Resource | null = rsc.parent; p; p = p.parent) unpackSets(cluster, p.xml, 'meta_attributes', fromParents, { rule });
    for (const [k, v] of fromParents) if (!meta.has(k)) meta.set(k, v);
  }
  unpackSets(cluster, cluster.rscDefaults, 'meta_attributes', meta, { rule });
  return meta;
}

/** The attributes of one kind, as evaluated on the node the resource runs on (if one). */
export function resourceAttributes(rsc: Resource, set: AttributeSet, node: Node | null): Map<string, string> {
  if (set === 'instance_attributes') return resourceParams(rsc, node?.uname ?? null, node?.attrs);
  if (set === 'meta_attributes') return metaAttributes(rsc, node);
  const utilization = new Map<string, string>();
  unpackSets(rsc.cluster, rsc.xml, 'utilization', utilization);
  return utilization;
}
