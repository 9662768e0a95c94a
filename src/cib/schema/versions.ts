/**
 * The schemas a CIB can name in its validate-with attribute, in Pacemaker
 * 2.1.5's order: pacemaker-1.0 up to the latest stable pacemaker-3.9, then
 * pacemaker-next (experimental) and none (no validation). Names are matched
 * without regard to case, as Pacemaker matches them. Older names that the
 * schema still lists (pacemaker-0.6, transitional-0.6, pacemaker-0.7,
 * pacemaker-1.1) are unknown here, as they are to Pacemaker 2.1.5: such a CIB
 * fails validation.
 */

export const SCHEMA_NAMES = [
  'pacemaker-1.0',
  'pacemaker-1.2',
  'pacemaker-1.3',
  'pacemaker-2.0',
  'pacemaker-2.1',
  'pacemaker-2.2',
  'pacemaker-2.3',
  'pacemaker-2.4',
  'pacemaker-2.5',
  'pacemaker-2.6',
  'pacemaker-2.7',
  'pacemaker-2.8',
  'pacemaker-2.9',
  'pacemaker-2.10',
  'pacemaker-3.0',
  'pacemaker-3.1',
  'pacemaker-3.2',
  'pacemaker-3.3',
  'pacemaker-3.4',
  'pacemaker-3.5',
  'pacemaker-3.6',
  'pacemaker-3.7',
  'pacemaker-3.8',
  'pacemaker-3.9',
  'pacemaker-next',
  'none',
] as const;

export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** The most recent stable schema, which upgrades aim at. */
export const latestSchemaVersion: SchemaName = 'pacemaker-3.9';

/** The oldest schema the tools accept without upgrading (the first of the latest major series). */
export const minimumSchemaVersion: SchemaName = 'pacemaker-3.0';

/**
 * Position of a schema in SCHEMA_NAMES (so comparable: older is smaller), or
 * -1 for an unknown name. A missing attribute counts as "none", as in Pacemaker.
 */
export function schemaIndex(name: string | undefined): number {
  const n = (name ?? 'none').toLowerCase();
  return SCHEMA_NAMES.findIndex((s) => s === n);
}

export const latestSchemaIndex = schemaIndex(latestSchemaVersion);
export const minimumSchemaIndex = schemaIndex(minimumSchemaVersion);
export const noneSchemaIndex = schemaIndex('none');

/** The version part of a schema name ('3.7'), for the schema model; null for next and none. */
export function schemaModelVersion(index: number): string | null {
  const name = SCHEMA_NAMES[index];
  if (!name || name === 'none') return null;
  return name.slice('pacemaker-'.length);
}

/** Whether a CIB naming `name` is older than the latest schema (so `cibadmin --upgrade` would change it). */
export function isOlderThanLatest(name: string | undefined): boolean {
  const i = schemaIndex(name);
  return i >= 0 && i < latestSchemaIndex;
}

/** Compares two schema names by age; unknown names sort first. */
export function compareSchemas(a: string | undefined, b: string | undefined): number {
  return schemaIndex(a) - schemaIndex(b);
}

/**
 * The schemas that end a major series have a stylesheet that carries a CIB
 * over to the next series (Pacemaker's upgrade-1.3.xsl and upgrade-2.10.xsl).
 */
export function hasUpgradeTransform(index: number): boolean {
  const name = SCHEMA_NAMES[index];
  return name === 'pacemaker-1.3' || name === 'pacemaker-2.10';
}

/** The schema an upgrade moves on to from `index`, or -1 where upgrades stop. */
export function nextSchemaIndex(index: number): number {
  return index >= 0 && index < latestSchemaIndex ? index + 1 : -1;
}
