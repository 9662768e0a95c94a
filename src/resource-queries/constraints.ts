/**
 * crm_resource --constraints and --stack: the location constraints of a
 * resource (of its topmost parent: constraints apply to groups and clones,
 * not their members), the resources colocated with it and those it is
 * colocated with, each with its own locations (and, for --stack, their
 * colocations in turn, each resource shown once).
 */
import type { XmlElement } from '../cib/xml/node.js';
import type { Colocation } from '../scheduler/model/constraints.js';
import type { Resource } from '../scheduler/model/resource.js';
import { Role, roleName } from '../scheduler/model/role.js';
import { readableScore } from '../scheduler/util/score.js';
import type { TextOutput } from '../status/text-output.js';
import { element } from '../status/xml/element.js';

/** Location constraints as Pacemaker keeps them: the newest first. */
function locationsOf(rsc: Resource) {
  return [...rsc.locations].reverse();
}

function printLocations(out: TextOutput, rsc: Resource): void {
  let open = false;
  for (const loc of locationsOf(rsc)) {
    for (const ns of loc.nodes) {
      if (!open) out.beginList('Locations');
      open = true;
      out.item(`Node ${ns.node.uname} (score=${readableScore(ns.weight)}, id=${loc.id}, rsc=${rsc.id})`);
    }
  }
  if (open) out.endList();
}

function header(other: Resource, c: Colocation, dependents: boolean): string {
  const score = readableScore(c.score);
  if (c.primaryRole > Role.Started) {
    return `${other.id} (score=${score}, ${dependents ? 'needs' : 'with'} role=${roleName(c.primaryRole)}, id=${c.id})`;
  }
  return `${other.id} (score=${score}, id=${c.id})`;
}

/** Which way a colocation list goes: those colocated with the resource, or those it is colocated with. */
interface Direction {
  dependents: boolean;
  list(rsc: Resource): Colocation[];
  other(c: Colocation): Resource;
  title(rsc: Resource): string;
}

const WITH_THIS: Direction = {
  dependents: true,
  list: (r) => r.withThis,
  other: (c) => c.dependent,
  title: (r) => `Resources colocated with ${r.id}`,
};
const THIS_WITH: Direction = {
  dependents: false,
  list: (r) => r.thisWith,
  other: (c) => c.primary,
  title: (r) => `Resources ${r.id} is colocated with`,
};

function printColocations(out: TextOutput, rsc: Resource, d: Direction, recursive: boolean, seen: Set<Resource>): void {
  if (seen.has(rsc)) return;
  seen.add(rsc);
  let open = false;
  for (const c of d.list(rsc)) {
    if (!open) out.beginList(d.title(rsc));
    open = true;
    const other = d.other(c);
    if (seen.has(other)) {
      out.item(`${other.id} (id=${c.id} - loop)`);
      continue;
    }
    out.item(header(other, c, d.dependents));
    out.beginList(null);
    printLocations(out, other);
    if (recursive) printColocations(out, other, d, recursive, seen);
    out.endList();
  }
  if (open) out.endList();
}

export function printConstraints(out: TextOutput, rsc: Resource, recursive: boolean): void {
  const top = rsc.top;
  printLocations(out, top);
  printColocations(out, top, WITH_THIS, recursive, new Set());
  printColocations(out, top, THIS_WITH, recursive, new Set());
}

function locationsXml(parent: XmlElement, rsc: Resource): void {
  for (const loc of locationsOf(rsc)) {
    for (const ns of loc.nodes) {
      parent.appendChild(
        element('rsc_location', [
          ['node', ns.node.uname],
          ['rsc', rsc.id],
          ['id', loc.id],
          ['score', readableScore(ns.weight)],
        ]),
      );
    }
  }
}

function colocationXml(c: Colocation): XmlElement {
  return element('rsc_colocation', [
    ['id', c.id],
    ['rsc', c.dependent.id],
    ['with-rsc', c.primary.id],
    ['score', readableScore(c.score)],
    ['node-attribute', c.nodeAttribute],
    ['rsc-role', c.dependentRole !== Role.Unknown ? roleName(c.dependentRole) : undefined],
    ['with-rsc-role', c.primaryRole !== Role.Unknown ? roleName(c.primaryRole) : undefined],
  ]);
}

function colocationsXml(parent: XmlElement, rsc: Resource, d: Direction, recursive: boolean, seen: Set<Resource>): void {
  if (seen.has(rsc)) return;
  seen.add(rsc);
  for (const c of d.list(rsc)) {
    const other = d.other(c);
    parent.appendChild(colocationXml(c));
    if (seen.has(other)) continue;
    locationsXml(parent, other);
    if (recursive) colocationsXml(parent, other, d, recursive, seen);
  }
}

export function constraintsXml(rsc: Resource, recursive: boolean): XmlElement {
  const top = rsc.top;
  const e = element('constraints');
  locationsXml(e, top);
  colocationsXml(e, top, WITH_THIS, recursive, new Set());
  colocationsXml(e, top, THIS_WITH, recursive, new Set());
  return e;
}
