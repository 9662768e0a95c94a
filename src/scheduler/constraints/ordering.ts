/**
 * Ordering constraints (rsc_order): kinds (Mandatory, Optional, Serialize),
 * symmetry (the inverse order for stops), resource sets and orderings
 * between sets, clone-min, and the deprecated restart-type.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import { opKey } from '../actions/operation.js';
import { pseudoOp } from '../actions/create.js';
import type { Cluster } from '../model/cluster.js';
import { ActionFlag, Order } from '../model/flags.js';
import type { Resource } from '../model/resource.js';
import { newOrdering, orderResourceActions } from '../ordering/new-ordering.js';
import { parseScore } from '../util/score.js';
import { isTrue, parseBoolean } from '../util/text.js';
import { UnsupportedFeature } from '../unpack/unsupported.js';
import { constraintResource, expandTagsInSets, resourceOrTag, setResource, tagToSet } from './tags.js';

type Kind = 'optional' | 'mandatory' | 'serialize';
type Symmetry = 'asymmetric' | 'symmetric' | 'inverse';

const INVERSE: Record<string, string> = {
  start: 'stop',
  stop: 'start',
  promote: 'demote',
  demote: 'promote',
  promoted: 'demoted',
  demoted: 'promoted',
  running: 'stopped',
  stopped: 'running',
};

function invertAction(action: string): string | null {
  return INVERSE[action.toLowerCase()] ?? null;
}

function orderingKind(cluster: Cluster, xml: XmlElement): Kind {
  const kind = xml.attrs['kind'];
  if (kind === undefined) {
    const score = xml.attrs['score'];
    if (score !== undefined) {
      cluster.configWarning(
        "Support for 'score' in rsc_order is deprecated and will be removed in a future release (use 'kind' instead)",
      );
      if (parseScore(score) === 0) return 'optional';
    }
    return 'mandatory';
  }
  switch (kind.toLowerCase()) {
    case 'mandatory':
      return 'mandatory';
    case 'optional':
      return 'optional';
    case 'serialize':
      return 'serialize';
    default:
      cluster.configError(
        `Resetting 'kind' for constraint ${xml.attrs['id'] ?? 'missing ID'} to 'Mandatory' because '${kind}' is not valid`,
      );
      return 'mandatory';
  }
}

function orderingSymmetry(cluster: Cluster, xml: XmlElement, parentKind: Kind, parentSymmetrical?: string): Symmetry {
  let kind = parentKind;
  if (xml.attrs['kind'] !== undefined || xml.attrs['score'] !== undefined) kind = orderingKind(cluster, xml);
  let symmetric = parseBoolean(xml.attrs['symmetrical']);
  if (symmetric === undefined && parentSymmetrical !== undefined) symmetric = isTrue(parentSymmetrical);
  if (symmetric !== undefined) {
    if (symmetric) {
      if (kind === 'serialize') {
        cluster.configWarning(
          `Ignoring symmetrical for '${xml.attrs['id']}' because not valid with kind of 'Serialize'`,
        );
      } else return 'symmetric';
    }
    return 'asymmetric';
  }
  return kind === 'serialize' ? 'asymmetric' : 'symmetric';
}

function flagsForKind(kind: Kind, first: string, symmetry: Symmetry): number {
  let flags: number = Order.Optional;
  if (kind === 'serialize') flags |= Order.SerializeOnly;
  else if (kind === 'mandatory') {
    if (symmetry === 'asymmetric') flags |= Order.Asymmetrical;
    else if (symmetry === 'symmetric') {
      flags |= Order.ImpliesThen;
      if (first.toLowerCase() === 'start' || first.toLowerCase() === 'promote') flags |= Order.RunnableLeft;
    } else flags |= Order.ImpliesFirst;
  }
  return flags;
}

function orderingResource(cluster: Cluster, xml: XmlElement, attr: string, instanceAttr: string): Resource | null {
  const id = xml.attrs[attr];
  if (id === undefined) {
    cluster.configError(`Ignoring constraint '${xml.attrs['id']}' without ${attr}`);
    return null;
  }
  const rsc = constraintResource(cluster, id);
  if (!rsc) {
    cluster.configError(`Ignoring constraint '${xml.attrs['id']}' because resource '${id}' does not exist`);
    return null;
  }
  if (xml.attrs[instanceAttr] !== undefined) {
    throw new UnsupportedFeature(`clone instance references in ordering '${xml.attrs['id']}' are not supported yet`);
  }
  return rsc;
}

function minimumFirstInstances(rsc: Resource, xml: XmlElement): number {
  if (rsc.variant !== 'clone') return 0;
  const min = rsc.meta.get('clone-min');
  if (min !== undefined) {
    const m = /^\s*([+-]?\d+)/.exec(min);
    return m ? Math.max(0, Number(m[1])) : 0;
  }
  const requireAll = parseBoolean(xml.attrs['require-all']);
  if (xml.attrs['require-all'] !== undefined) {
    rsc.cluster.configWarning(
      'Support for require-all in ordering constraints is deprecated and will be removed in a future release (use clone-min clone meta-attribute instead)',
    );
    if (requireAll === false) return 1;
  }
  return 0;
}

function cloneMinOrdering(
  cluster: Cluster,
  id: string,
  first: Resource,
  firstAction: string,
  then: Resource,
  thenAction: string,
  flags: number,
  min: number,
): void {
  const met = pseudoOp(cluster, `clone-one-or-more:${id}`);
  met.requiredRunnableBefore = min;
  met.set(ActionFlag.RequiresAny);
  for (const child of first.children) {
    newOrdering(cluster, child, opKey(child.id, firstAction, 0), null, null, null, met, Order.OneOrMore | Order.ImpliesThenPrinted);
  }
  newOrdering(cluster, null, null, met, then, opKey(then.id, thenAction, 0), null, flags | Order.RunnableLeft);
}

function inverseOrdering(cluster: Cluster, id: string, kind: Kind, first: Resource, firstAction: string, then: Resource, thenAction: string): void {
  const invThen = invertAction(thenAction);
  const invFirst = invertAction(firstAction);
  if (invThen === null || invFirst === null) {
    cluster.configWarning(`Cannot invert constraint '${id}' (please specify inverse manually)`);
    return;
  }
  let flags = flagsForKind(kind, invFirst, 'inverse');
  if (kind === 'optional' && then.restartTypeRestart) flags |= Order.ImpliesFirst;
  orderResourceActions(then, invThen, first, invFirst, flags);
}

function unpackSimpleOrdering(cluster: Cluster, xml: XmlElement): void {
  const id = xml.attrs['id']!;
  const first = orderingResource(cluster, xml, 'first', 'first-instance');
  if (!first) return;
  const then = orderingResource(cluster, xml, 'then', 'then-instance');
  if (!then) return;
  const firstAction = xml.attrs['first-action'] ?? 'start';
  const thenAction = xml.attrs['then-action'] ?? firstAction;
  const kind = orderingKind(cluster, xml);
  const symmetry = orderingSymmetry(cluster, xml, kind);
  let flags = flagsForKind(kind, firstAction, symmetry);
  if (kind === 'optional' && then.restartTypeRestart) flags |= Order.ImpliesThen;
  const min = minimumFirstInstances(first, xml);
  if (min > 0) cloneMinOrdering(cluster, id, first, firstAction, then, thenAction, flags, min);
  else orderResourceActions(first, firstAction, then, thenAction, flags);
  if (symmetry === 'symmetric') inverseOrdering(cluster, id, kind, first, firstAction, then, thenAction);
}

function setResources(cluster: Cluster, setId: string, set: XmlElement): Resource[] | null {
  const out: Resource[] = [];
  for (const ref of set.elements('resource_ref')) {
    const rsc = setResource(cluster, setId, ref);
    if (!rsc) return null;
    out.push(rsc);
  }
  return out;
}

function unpackOrderSet(cluster: Cluster, set: XmlElement, parentKind: Kind, parentSymmetrical: string | undefined): boolean {
  const id = set.attrs['id'] ?? '';
  let action = set.attrs['action'] ?? 'start';
  const localKind = set.attrs['kind'] !== undefined ? orderingKind(cluster, set) : parentKind;
  const sequential = isTrue(set.attrs['sequential'] ?? '1');
  const symmetry = orderingSymmetry(cluster, set, parentKind, parentSymmetrical);
  let flags = flagsForKind(localKind, action, symmetry);
  const resources = setResources(cluster, id, set);
  if (!resources) return false;
  if (resources.length === 1) return true;
  let last: Resource | null = null;
  resources.forEach((rsc, i) => {
    if (localKind === 'serialize') {
      for (const then of resources.slice(i + 1)) {
        newOrdering(cluster, rsc, opKey(rsc.id, action, 0), null, then, opKey(then.id, action, 0), null, flags);
      }
    } else if (sequential) {
      if (last) orderResourceActions(last, action, rsc, action, flags);
      last = rsc;
    }
  });
  if (symmetry === 'asymmetric') return true;
  last = null;
  action = invertAction(action) ?? action;
  flags = flagsForKind(localKind, action, 'inverse');
  for (const rsc of resources) {
    if (sequential) {
      if (last) orderResourceActions(rsc, action, last, action, flags);
      last = rsc;
    }
  }
  return true;
}

function orderSets(cluster: Cluster, id: string, set1: XmlElement, set2: XmlElement, kind: Kind, symmetry: Symmetry): boolean {
  let action1 = set1.attrs['action'] ?? 'start';
  let action2 = set2.attrs['action'] ?? 'start';
  let requireAll = parseBoolean(set1.attrs['require-all']) ?? true;
  if (symmetry === 'inverse') {
    action1 = invertAction(action1) ?? action1;
    action2 = invertAction(action2) ?? action2;
  }
  if (action1.toLowerCase() === 'stop' || action1.toLowerCase() === 'demote') requireAll = true;
  const flags = flagsForKind(kind, action2, symmetry);
  const refs1 = set1.elements('resource_ref');
  const refs2 = set2.elements('resource_ref');
  const resolve = (ref: XmlElement | undefined): Resource | null => {
    const rsc = ref ? constraintResource(cluster, ref.attrs['id'] ?? '') : undefined;
    if (!rsc) cluster.configError(`${id}: No resource found for ${ref?.attrs['id'] ?? '(null)'}`);
    return rsc ?? null;
  };
  if (!requireAll) {
    const unordered = pseudoOp(cluster, `one-or-more:${set1.attrs['id']}`);
    unordered.set(ActionFlag.RequiresAny);
    for (const ref of refs1) {
      const r1 = resolve(ref);
      if (!r1) return false;
      newOrdering(cluster, r1, opKey(r1.id, action1, 0), null, null, null, unordered, Order.OneOrMore | Order.ImpliesThenPrinted);
    }
    for (const ref of refs2) {
      const r2 = resolve(ref);
      if (!r2) return false;
      newOrdering(cluster, null, null, unordered, r2, opKey(r2.id, action2, 0), null, flags | Order.RunnableLeft);
    }
    return true;
  }
  let rsc1: Resource | null = null;
  let rsc2: Resource | null = null;
  if (isTrue(set1.attrs['sequential'])) {
    if (symmetry === 'inverse') {
      if (refs1.length > 0 && !(rsc1 = resolve(refs1[0]))) return false;
    } else if (!(rsc1 = resolve(refs1[refs1.length - 1]))) return false;
  }
  if (isTrue(set2.attrs['sequential'])) {
    if (symmetry === 'inverse') {
      if (!(rsc2 = resolve(refs2[refs2.length - 1]))) return false;
    } else if (refs2.length > 0 && !(rsc2 = resolve(refs2[0]))) return false;
  }
  if (rsc1 && rsc2) orderResourceActions(rsc1, action1, rsc2, action2, flags);
  else if (rsc1) {
    for (const ref of refs2) {
      const r2 = resolve(ref);
      if (!r2) return false;
      orderResourceActions(rsc1, action1, r2, action2, flags);
    }
  } else if (rsc2) {
    for (const ref of refs1) {
      const r1 = resolve(ref);
      if (!r1) return false;
      orderResourceActions(r1, action1, rsc2, action2, flags);
    }
  } else {
    for (const ref of refs1) {
      const r1 = resolve(ref);
      if (!r1) return false;
      for (const ref2 of refs2) {
        const r2 = resolve(ref2);
        if (!r2) return false;
        orderResourceActions(r1, action1, r2, action2, flags);
      }
    }
  }
  return true;
}

function expandOrderTags(cluster: Cluster, xml: XmlElement): XmlElement | null | 'error' {
  const expanded = expandTagsInSets(cluster, xml);
  if (expanded === 'error' || expanded) return expanded;
  const firstId = xml.attrs['first'];
  const thenId = xml.attrs['then'];
  if (firstId === undefined || thenId === undefined) return null;
  const first = resourceOrTag(cluster, firstId);
  if (!first) {
    cluster.configError(`Ignoring constraint '${xml.attrs['id']}' because '${firstId}' is not a valid resource or tag`);
    return 'error';
  }
  const then = resourceOrTag(cluster, thenId);
  if (!then) {
    cluster.configError(`Ignoring constraint '${xml.attrs['id']}' because '${thenId}' is not a valid resource or tag`);
    return 'error';
  }
  if (first.rsc && then.rsc) return null;
  const firstAction = xml.attrs['first-action'];
  const thenAction = xml.attrs['then-action'];
  const copy = xml.clone();
  let any = false;
  const firstSet = tagToSet(cluster, copy, 'first', true);
  if (firstSet === 'error') return 'error';
  if (firstSet) {
    if (firstAction !== undefined) {
      firstSet.attrs['action'] = firstAction;
      delete copy.attrs['first-action'];
    }
    any = true;
  }
  const thenSet = tagToSet(cluster, copy, 'then', true);
  if (thenSet === 'error') return 'error';
  if (thenSet) {
    if (thenAction !== undefined) {
      thenSet.attrs['action'] = thenAction;
      delete copy.attrs['then-action'];
    }
    any = true;
  }
  return any ? copy : null;
}

export function unpackOrdering(cluster: Cluster, xmlIn: XmlElement): void {
  const id = xmlIn.attrs['id']!;
  const invert = xmlIn.attrs['symmetrical'];
  const kind = orderingKind(cluster, xmlIn);
  const symmetry = orderingSymmetry(cluster, xmlIn, kind);
  const expanded = expandOrderTags(cluster, xmlIn);
  if (expanded === 'error') return;
  const xml = expanded ?? xmlIn;
  let last: XmlElement | null = null;
  for (const setIn of xml.elements('resource_set')) {
    const set = cluster.ids.expand(setIn);
    if (!set || !unpackOrderSet(cluster, set, kind, invert)) return;
    if (last) {
      if (!orderSets(cluster, id, last, set, kind, symmetry)) return;
      if (symmetry === 'symmetric' && !orderSets(cluster, id, set, last, kind, 'inverse')) return;
    }
    last = set;
  }
  if (!last) unpackSimpleOrdering(cluster, xmlIn);
}
