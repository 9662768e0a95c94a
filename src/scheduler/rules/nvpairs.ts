/**
 * Name/value sets (cluster options, instance and meta-attributes,
 * utilization): blocks are taken in score order (highest first, an optional
 * id first of all), each only if its rules pass; within a block, the first
 * value for a name wins unless overwriting.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import { glibSort } from '../util/glib.js';
import { parseScore } from '../util/score.js';
import { type RuleContext, evaluateRules } from './evaluate.js';

interface Block {
  score: number;
  id: string | undefined;
  set: XmlElement;
}

/**
 * Adds the values of `xml`'s children named `setName` (any, when undefined)
 * to `into`.
 */
export function unpackNvpairSets(
  xml: XmlElement | null | undefined,
  setName: string | undefined,
  ctx: RuleContext,
  into: Map<string, string>,
  options: { firstId?: string; overwrite?: boolean } = {},
): void {
  if (!xml) return;
  const blocks: Block[] = [];
  for (const child of xml.elements()) {
    if (setName !== undefined && child.name !== setName) continue;
    const set = ctx.ids.expand(child);
    if (!set) continue;
    blocks.unshift({ score: parseScore(set.attrs['score']), id: set.attrs['id'], set });
  }
  const first = options.firstId?.toLowerCase();
  const sorted = glibSort(blocks, (a, b) => {
    if (first !== undefined && a.id?.toLowerCase() === first) return -1;
    if (first !== undefined && b.id?.toLowerCase() === first) return 1;
    return a.score < b.score ? 1 : a.score > b.score ? -1 : 0;
  });
  for (const block of sorted) {
    if (!evaluateRules(block.set, ctx)) continue;
    populate(block.set, into, options.overwrite ?? false, ctx);
  }
}

function populate(set: XmlElement, into: Map<string, string>, overwrite: boolean, ctx: RuleContext): void {
  let list = set;
  const firstChild = set.children.find((c) => c.kind === 'element');
  // An old-style <attributes> wrapper holds the pairs.
  if (firstChild && firstChild.kind === 'element' && firstChild.name.toLowerCase() === 'attributes') list = firstChild;
  for (const pair of list.elements('nvpair')) {
    const ref = ctx.ids.expand(pair);
    const name = pair.attrs['name'] ?? ref?.attrs['name'];
    const value = pair.attrs['value'] ?? ref?.attrs['value'];
    if (name === undefined || value === undefined) continue;
    const old = into.get(name);
    if (value.toLowerCase() === '#default') {
      if (old !== undefined) into.delete(name);
      continue;
    }
    if (old === undefined || overwrite) into.set(name, value);
  }
}
