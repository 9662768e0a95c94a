/**
 * find_resource_attr: the nvpairs of a resource's attribute sets that match a
 * name (and optionally a set and an nvpair id), searched as Pacemaker's tool
 * searches the CIB: any element with the resource's id below <resources>.
 */
import { selectNodes } from '../cib/xpath/index.js';
import type { XmlElement } from '../cib/xml/node.js';
import type { Step } from './plan.js';

export interface AttributeQuery {
  /** instance_attributes, meta_attributes or utilization; undefined for any. */
  setType?: string;
  setId?: string;
  nvpairId?: string;
  name: string;
}

export type AttributeMatch = { kind: 'none' } | { kind: 'one'; nvpair: XmlElement } | { kind: 'many'; nvpairs: XmlElement[] };

/** XPath string literal for a value (ids may hold either kind of quote). */
function literal(value: string): string {
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return `concat(${value
    .split('"')
    .map((p) => `"${p}"`)
    .join(`, '"', `)})`;
}

export function findAttribute(cib: XmlElement, rscId: string, q: AttributeQuery): AttributeMatch {
  let xpath = `/cib/configuration/resources//*[@id=${literal(rscId)}]`;
  if (q.setType !== undefined) {
    xpath += `/${q.setType}`;
    if (q.setId !== undefined) xpath += `[@id=${literal(q.setId)}]`;
  }
  const tests = [...(q.nvpairId !== undefined ? [`@id=${literal(q.nvpairId)}`] : []), `@name=${literal(q.name)}`];
  xpath += `//nvpair[${tests.join(' and ')}]`;
  const found = selectNodes(cib, xpath);
  if (found.length === 0) return { kind: 'none' };
  if (found.length === 1) return { kind: 'one', nvpair: found[0]! };
  return { kind: 'many', nvpairs: found };
}

/** The list Pacemaker prints when several nvpairs match, ending with a blank line. */
export function ambiguityMessages(name: string, nvpairs: XmlElement[]): Step[] {
  return [
    { info: `Multiple attributes match name=${name}` },
    ...nvpairs.map((n) => ({ info: `  Value: ${n.attrs['value'] ?? '(null)'} \t(id=${n.attrs['id'] ?? '(null)'})` })),
    { info: '' },
  ];
}

/** find_resource_attr with its side effect: the ambiguity list when several match. */
export function lookUp(cib: XmlElement, rscId: string, q: AttributeQuery, steps: Step[]): AttributeMatch {
  const match = findAttribute(cib, rscId, q);
  if (match.kind === 'many') steps.push(...ambiguityMessages(q.name, match.nvpairs));
  return match;
}
