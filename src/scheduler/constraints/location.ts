/**
 * Location constraints (rsc_location): a score for a resource on a node,
 * directly or through rules, for one resource, a pattern of resources, a
 * tag or template, or resource sets; and applying them to resources'
 * allowed nodes.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../model/cluster.js';
import type { Location } from '../model/constraints.js';
import { Discover, type Node, NodeScore } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { Role, parseRole } from '../model/role.js';
import { type RegexMatch, evaluateRule, expandSubmatches } from '../rules/evaluate.js';
import { resourceParams } from '../unpack/resources.js';
import type { CrmTime } from '../util/iso8601.js';
import { INFINITY, addScores, parseScore } from '../util/score.js';
import { constraintResource, expandRscTags, setResource } from './tags.js';

/** pcmk__new_location: registers a constraint (with one node, if given). */
export function newLocation(
  cluster: Cluster,
  id: string,
  rsc: Resource,
  score: number,
  discoverMode: string | undefined,
  node: Node | null,
): Location {
  const loc: Location = { id, rsc, roleFilter: Role.Unknown, discover: Discover.Always, nodes: [] };
  const mode = discoverMode?.toLowerCase();
  if (mode === undefined || mode === 'always') loc.discover = Discover.Always;
  else if (mode === 'never') loc.discover = Discover.Never;
  else if (mode === 'exclusive') {
    loc.discover = Discover.Exclusive;
    rsc.exclusiveDiscover = true;
  } else cluster.configError(`Invalid resource-discovery value ${discoverMode} in location constraint`);
  if (node) {
    const copy = NodeScore.of(node);
    copy.weight = score;
    loc.nodes.unshift(copy);
  }
  cluster.locations.push(loc);
  rsc.locations.push(loc);
  return loc;
}

/** A node attribute as seen by a resource (a guest's host's, when asked). */
export function nodeAttributeFor(node: Node, name: string, rsc: Resource | null): string | undefined {
  if (!rsc) return node.attrs.get(name);
  const source = rsc.meta.get('container-attribute-target');
  if (source === undefined || source.toLowerCase() !== 'host') return node.attrs.get(name);
  const host = node.remoteRsc?.container?.runningOn[0];
  return host ? host.attrs.get(name) : undefined;
}

function ruleNodeScore(score: string | undefined, raw: boolean, node: Node, rsc: Resource): number {
  if (score === undefined) return 0;
  if (raw) return parseScore(score);
  const value = nodeAttributeFor(node, score, rsc);
  return value === undefined ? -INFINITY : parseScore(value);
}

/** One rule of a location constraint: the nodes it matches with their scores. */
function locationRule(
  cluster: Cluster,
  rsc: Resource,
  ruleIn: XmlElement,
  discovery: string | undefined,
  nextChange: { time: CrmTime | null },
  re: RegexMatch | null,
): Location | null {
  const rule = cluster.ids.expand(ruleIn);
  if (!rule) return null;
  const ruleId = rule.attrs['id'] ?? '';
  const role = rule.attrs['role'];
  if (role !== undefined && parseRole(role) === Role.Unknown) {
    cluster.configError(`Bad role specified for ${ruleId}: ${role}`);
    return null;
  }
  let score = rule.attrs['score'];
  let raw = true;
  if (score === undefined) {
    score = rule.attrs['score-attribute'];
    if (score !== undefined) raw = false;
  }
  const and = rule.attrs['boolean-op']?.toLowerCase() !== 'or';
  const loc = newLocation(cluster, ruleId, rsc, 0, discovery, null);
  if (re && !raw && score !== undefined) score = expandSubmatches(score, re) ?? score;
  if (role !== undefined) {
    loc.roleFilter = parseRole(role);
    if (loc.roleFilter === Role.Unpromoted) loc.roleFilter = Role.Unknown;
  }
  let matches: NodeScore[] = [];
  if (and) {
    matches = [...cluster.nodes].reverse().map((n) => {
      const copy = NodeScore.of(n);
      copy.weight = ruleNodeScore(score, raw, n, rsc);
      return copy;
    });
  }
  for (const node of cluster.nodes) {
    const ctx = cluster.ruleContext({
      nodeAttrs: node.attrs,
      role: Role.Unknown,
      nextChange,
      match: { re: re ?? undefined, params: resourceParams(rsc, node.uname, node.attrs), meta: rsc.meta },
    });
    const accept = evaluateRule(rule, ctx);
    const s = ruleNodeScore(score, raw, node, rsc);
    const i = matches.findIndex((m) => m.node.id.toLowerCase() === node.id.toLowerCase());
    if (accept) {
      let local = i >= 0 ? matches[i]! : null;
      if (!local && and) continue;
      if (!local) {
        local = NodeScore.of(node);
        matches.push(local);
      }
      if (!and) local.weight = addScores(local.weight, s);
    } else if (and && i >= 0) {
      matches.splice(i, 1);
    }
  }
  loc.nodes = matches;
  return matches.length === 0 ? null : loc;
}

function unpackRscLocation(
  cluster: Cluster,
  xml: XmlElement,
  rsc: Resource | undefined,
  roleIn: string | undefined,
  scoreIn: string | undefined,
  re: RegexMatch | null,
): void {
  const id = xml.attrs['id']!;
  if (!rsc) {
    cluster.configWarning(`Ignoring constraint '${id}' because resource '${xml.attrs['rsc']}' does not exist`);
    return;
  }
  const score = scoreIn ?? xml.attrs['score'];
  const nodeName = xml.attrs['node'];
  const discovery = xml.attrs['resource-discovery'];
  let loc: Location;
  if (nodeName !== undefined && score !== undefined) {
    const node = cluster.findNode(nodeName);
    if (!node) return;
    loc = newLocation(cluster, id, rsc, parseScore(score), discovery, node);
  } else {
    const nextChange: { time: CrmTime | null } = { time: null };
    const rules = xml.elements('rule');
    for (const rule of rules) locationRule(cluster, rsc, rule, discovery, nextChange, re);
    if (rules.length === 0) cluster.configError(`Ignoring constraint '${id}' because it contains no rules`);
    if (nextChange.time) cluster.noteRecheck(nextChange.time);
    return;
  }
  const role = roleIn ?? xml.attrs['role'];
  if (role !== undefined) {
    const r = parseRole(role);
    if (r === Role.Unknown) {
      cluster.configError(`Invalid constraint ${id}: Bad role ${role}`);
      return;
    }
    loc.roleFilter = r === Role.Started || r === Role.Unpromoted ? Role.Unknown : r;
  }
}

function unpackSimpleLocation(cluster: Cluster, xml: XmlElement): void {
  const id = xml.attrs['id']!;
  const rscId = xml.attrs['rsc'];
  if (rscId !== undefined) unpackRscLocation(cluster, xml, constraintResource(cluster, rscId), undefined, undefined, null);
  let pattern = xml.attrs['rsc-pattern'];
  if (pattern === undefined) return;
  let invert = false;
  if (pattern[0] === '!') {
    pattern = pattern.slice(1);
    invert = true;
  }
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch {
    cluster.configError(`Ignoring constraint '${id}' because rsc-pattern has invalid value '${pattern}'`);
    return;
  }
  for (const rsc of cluster.resources) {
    const m = re.exec(rsc.id);
    if (!invert && m) {
      unpackRscLocation(cluster, xml, rsc, undefined, undefined, { text: rsc.id, groups: [...m] });
    } else if (invert && !m) {
      unpackRscLocation(cluster, xml, rsc, undefined, undefined, null);
    }
  }
}

function unpackLocationSet(cluster: Cluster, location: XmlElement, set: XmlElement): boolean {
  const setId = set.attrs['id'];
  if (setId === undefined) {
    cluster.configError(`Ignoring resource_set without id in constraint '${location.attrs['id'] ?? '(missing ID)'}'`);
    return false;
  }
  const role = set.attrs['role'];
  const score = set.attrs['score'];
  for (const ref of set.elements('resource_ref')) {
    const rsc = setResource(cluster, setId, ref);
    if (!rsc) return false;
    unpackRscLocation(cluster, location, rsc, role, score, null);
  }
  return true;
}

export function unpackLocation(cluster: Cluster, xmlIn: XmlElement): void {
  const expanded = expandRscTags(cluster, xmlIn);
  if (expanded === 'error') return;
  const xml = expanded ?? xmlIn;
  let anySets = false;
  for (const setIn of xml.elements('resource_set')) {
    anySets = true;
    const set = cluster.ids.expand(setIn);
    if (!set || !unpackLocationSet(cluster, xml, set)) return;
  }
  if (!anySets) unpackSimpleLocation(cluster, xmlIn);
}

/** pcmk__apply_location: adds a constraint's scores to a resource's allowed nodes. */
export function applyLocation(rsc: Resource, loc: Location): void {
  const needRole = loc.roleFilter > Role.Unknown;
  if (needRole && loc.roleFilter !== rsc.nextRole) return;
  for (const n of loc.nodes) {
    let weighted = rsc.allowedNodes.get(n.node.id);
    if (!weighted) {
      weighted = n.copy();
      rsc.allowedNodes.set(n.node.id, weighted);
    } else {
      weighted.weight = addScores(weighted.weight, n.weight);
    }
    if (weighted.discover < loc.discover) {
      if (loc.discover === Discover.Exclusive) rsc.exclusiveDiscover = true;
      weighted.discover = loc.discover;
    }
  }
}

/** Applies every location constraint (newest first, as Pacemaker keeps them). */
export function applyLocations(cluster: Cluster): void {
  for (let i = cluster.locations.length - 1; i >= 0; i--) {
    const loc = cluster.locations[i]!;
    loc.rsc.cmds.applyLocation(loc.rsc, loc);
  }
}

