/** Attribute sets evaluated for this run, noting when a rule's result will change. */
import type { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../model/cluster.js';
import type { RuleContext } from '../rules/evaluate.js';
import { unpackNvpairSets } from '../rules/nvpairs.js';
import type { CrmTime } from '../util/iso8601.js';

/** pe__unpack_dataset_nvpairs */
export function unpackSets(
  cluster: Cluster,
  xml: XmlElement | null | undefined,
  setName: string | undefined,
  into: Map<string, string>,
  options: { firstId?: string; overwrite?: boolean; rule?: Partial<RuleContext> } = {},
): void {
  if (!xml || !hasSet(xml, setName)) return;
  const next: { time: CrmTime | null } = { time: null };
  unpackNvpairSets(xml, setName, cluster.ruleContext({ ...options.rule, nextChange: next }), into, options);
  if (next.time) cluster.noteRecheck(next.time);
}

/** Whether there is any set to read (most resources and operations have none of a kind). */
function hasSet(xml: XmlElement, setName: string | undefined): boolean {
  for (const c of xml.children) if (c.kind === 'element' && (setName === undefined || c.name === setName)) return true;
  return false;
}
