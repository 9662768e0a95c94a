/**
 * Seeded damage to corpus CIBs, for comparing the validator with libxml2 on
 * invalid configurations: attributes removed, added or given bad values,
 * unknown or misplaced elements, broken references, duplicate IDs, elements
 * moved, removed or reordered, and CIBs claiming another schema version.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { XmlElement } from '../../../src/cib/xml/node.js';
import { parseXml } from '../../../src/cib/xml/parse.js';

export type Mutation =
  | 'remove-attribute'
  | 'add-attribute'
  | 'add-unknown-element'
  | 'add-misplaced-element'
  | 'break-reference'
  | 'duplicate-id'
  | 'move-element'
  | 'bad-value'
  | 'remove-element'
  | 'swap-siblings'
  | 'other-version';

export const MUTATIONS: Mutation[] = [
  'remove-attribute',
  'add-attribute',
  'add-unknown-element',
  'add-misplaced-element',
  'break-reference',
  'duplicate-id',
  'move-element',
  'bad-value',
  'remove-element',
  'swap-siblings',
  'other-version',
];

const REFERENCES = ['rsc', 'with-rsc', 'first', 'then', 'template', 'id-ref', 'reference'];
const BAD_VALUES = ['bogus', '-1', '', 'true', 'Master', 'INFINITY', '1x', 'a b'];
const VERSIONS = ['1.0', '1.2', '1.3', '2.0', '2.3', '2.5', '2.8', '2.10', '3.0', '3.2', '3.4', '3.5', '3.6', '3.7', '3.9'];

/** A small deterministic generator (an LCG), so every run damages the same way. */
export class Seeded {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state * 1103515245 + 12345) % 2147483648;
    return this.state / 2147483648;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** Applies one mutation; returns a description, or null if it did not apply to this CIB. */
export function mutate(cib: XmlElement, kind: Mutation, rnd: Seeded): string | null {
  const conf = cib.findChild('configuration');
  if (!conf) return null;
  const els = [...conf.walk()].filter((e) => e !== conf);
  if (els.length === 0) return null;
  const el = rnd.pick(els);
  switch (kind) {
    case 'remove-attribute': {
      const names = el.attrNames();
      if (!names.length) return null;
      const name = rnd.pick(names);
      el.removeAttr(name);
      return `${el.name} without ${name}`;
    }
    case 'add-attribute':
      el.setAttr('bogus', 'x');
      return `${el.name} with an unknown attribute`;
    case 'add-unknown-element':
      el.add('bogus', { id: 'bogus-element' });
      return `unknown element in ${el.name}`;
    case 'add-misplaced-element': {
      const other = rnd.pick(els);
      el.add(other.name, { id: 'misplaced-element' });
      return `${other.name} in ${el.name}`;
    }
    case 'break-reference': {
      const refs = els.filter((e) => REFERENCES.some((a) => e.hasAttr(a)) || e.name === 'resource_ref' || e.name === 'role');
      if (!refs.length) return null;
      const e = rnd.pick(refs);
      const attr = e.name === 'resource_ref' || e.name === 'role' ? 'id' : rnd.pick(REFERENCES.filter((a) => e.hasAttr(a)));
      e.setAttr(attr, 'no-such-id');
      return `${e.name} ${attr} to nothing`;
    }
    case 'duplicate-id': {
      const withId = els.filter((e) => e.hasAttr('id'));
      if (withId.length < 2) return null;
      const a = rnd.pick(withId);
      const b = rnd.pick(withId);
      a.setAttr('id', b.attr('id')!);
      return `${a.name} takes the id of ${b.name}`;
    }
    case 'move-element': {
      const target = rnd.pick([conf, ...els]);
      if (target === el || [...el.walk()].includes(target)) return null;
      target.appendChild(el);
      return `${el.name} moved into ${target.name}`;
    }
    case 'bad-value': {
      const names = el.attrNames();
      if (!names.length) return null;
      const name = rnd.pick(names);
      el.setAttr(name, rnd.pick(BAD_VALUES));
      return `${el.name} ${name}="${el.attr(name)}"`;
    }
    case 'remove-element':
      el.remove();
      return `${el.name} removed`;
    case 'swap-siblings': {
      const p = el.parent!;
      const other = rnd.pick(p.elements());
      if (other === el) return null;
      p.insertChild(el, p.children.indexOf(other));
      return `${el.name} moved before ${other.name}`;
    }
    case 'other-version': {
      const v = rnd.pick(VERSIONS);
      cib.setAttr('validate-with', `pacemaker-${v}`);
      return `claims pacemaker-${v}`;
    }
  }
}

export interface Damaged {
  name: string;
  version: string;
  cib: XmlElement;
  description: string;
}

/** `count` damaged CIBs, each with `perCib` mutations, drawn from the corpus with the given seed. */
export function damagedCibs(dir: string, files: string[], seed: number, count: number, perCib = 1): Damaged[] {
  const rnd = new Seeded(seed);
  const out: Damaged[] = [];
  while (out.length < count) {
    const file = rnd.pick(files);
    const cib = parseXml(readFileSync(join(dir, file), 'utf8'));
    const done: string[] = [];
    while (done.length < perCib) {
      const d = mutate(cib, rnd.pick(MUTATIONS), rnd);
      if (d) done.push(d);
    }
    const version = /^pacemaker-([0-9.]+)$/.exec(cib.attr('validate-with') ?? '')?.[1];
    if (!version) continue;
    out.push({ name: `${String(out.length).padStart(4, '0')}-${file}`, version, cib, description: done.join('; ') });
  }
  return out;
}
