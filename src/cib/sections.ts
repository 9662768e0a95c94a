/**
 * The CIB's sections, as --scope/-o names them, and where they live.
 * Pacemaker resolves a name to a path from the root; an unknown name means
 * the whole CIB, and a path that matches more than one element matches none.
 */
import { XmlElement } from './xml/node.js';

/** Section name -> element names from the root element (exclusive) down to it. */
const SECTION_PATHS: Record<string, string[]> = {
  cib: [],
  status: ['status'],
  configuration: ['configuration'],
  crm_config: ['configuration', 'crm_config'],
  nodes: ['configuration', 'nodes'],
  resources: ['configuration', 'resources'],
  constraints: ['configuration', 'constraints'],
  op_defaults: ['configuration', 'op_defaults'],
  rsc_defaults: ['configuration', 'rsc_defaults'],
  acls: ['configuration', 'acls'],
  'fencing-topology': ['configuration', 'fencing-topology'],
  tags: ['configuration', 'tags'],
  alerts: ['configuration', 'alerts'],
};

/** The names --scope documents (Pacemaker also takes status and cib). */
export const SCOPE_NAMES = [
  'configuration',
  'nodes',
  'resources',
  'constraints',
  'crm_config',
  'rsc_defaults',
  'op_defaults',
  'acls',
  'fencing-topology',
  'tags',
  'alerts',
  'status',
] as const;

export function isKnownSection(name: string): boolean {
  return Object.hasOwn(SECTION_PATHS, name);
}

/** "all" and no name at all both mean the whole CIB. */
export function normalizeSection(name: string | undefined): string | undefined {
  return name === undefined || name.toLowerCase() === 'all' ? undefined : name;
}

/**
 * The element for a section: the root for no name or an unknown name, null
 * when the section is missing or ambiguous.
 */
export function findSection(cib: XmlElement, name: string | undefined): XmlElement | null {
  if (name === undefined || !isKnownSection(name)) return cib;
  if (cib.name !== 'cib') return null;
  let level: XmlElement[] = [cib];
  for (const step of SECTION_PATHS[name]!) {
    const next: XmlElement[] = [];
    for (const el of level) next.push(...el.elements(step));
    level = next;
  }
  return level.length === 1 ? level[0]! : null;
}

/** Element names from the root down to the section's parent (for creating it). */
export function sectionParentPath(name: string): string[] | null {
  const path = SECTION_PATHS[name];
  return path && path.length > 0 ? path.slice(0, -1) : null;
}

/** True when the element is /cib/configuration or inside it. */
export function inConfiguration(el: XmlElement): boolean {
  for (let e: XmlElement | null = el; e; e = e.parent) {
    if (e.name === 'configuration' && e.parent && e.parent.parent === null) return true;
  }
  return false;
}
