/**
 * The whole CIB schema of each pacemaker-X.Y version: which version of each
 * module it combines (as Pacemaker's pacemaker-X.Y.rng files do), and the
 * prepared, ready-to-validate schema, made once per version on demand (decoded
 * when the build has encoded it, see ../precompiled.ts, else built).
 */
import { collectInterleaves, element, interleave, optional, type Pattern } from '../rng/pattern.js';
import { prepareSchema, type PreparedSchema } from '../rng/prepare.js';
import { decodeSchema } from '../rng/serial.js';
import { precompiledSchema } from '../precompiled.js';
import { aclsFile } from './acls.js';
import { alertsFile } from './alerts.js';
import { cibFile } from './cib.js';
import { external, type SchemaFile, type Version } from './common.js';
import { constraintsFile } from './constraints.js';
import { fencingFile } from './fencing.js';
import { nodesFile } from './nodes.js';
import { optionsFile } from './options.js';
import { resourcesFile } from './resources.js';
import { statusFile } from './status.js';
import { tagsFile } from './tags.js';

interface Modules {
  cib: Version;
  options: Version;
  nodes: Version;
  resources: Version;
  constraints: Version;
  fencing?: Version;
  acls?: Version;
  tags?: Version;
  alerts?: Version;
}

function m(cib: string, options: string, nodes: string, resources: string, constraints: string, fencing?: string, acls?: string, tags?: string, alerts?: string): Modules {
  return { cib, options, nodes, resources, constraints, fencing, acls, tags, alerts };
}

/** The schema versions Pacemaker 2.1.5 validates with, and their modules. */
export const SCHEMA_MODULES: Record<string, Modules> = {
  '1.0': m('1.0', '1.0', '1.0', '1.0', '1.0'),
  '1.2': m('1.2', '1.0', '1.2', '1.2', '1.2', '1.2', '1.2'),
  '1.3': m('1.2', '1.0', '1.3', '1.3', '1.2', '1.2', '1.2', '1.3'),
  '2.0': m('1.2', '1.0', '1.3', '1.3', '1.2', '1.2', '2.0', '1.3'),
  '2.1': m('1.2', '1.0', '1.3', '1.3', '2.1', '1.2', '2.0', '1.3'),
  '2.2': m('1.2', '1.0', '1.3', '1.3', '2.2', '1.2', '2.0', '1.3'),
  '2.3': m('1.2', '1.0', '1.3', '1.3', '2.3', '1.2', '2.0', '1.3'),
  '2.4': m('1.2', '1.0', '1.3', '1.3', '2.3', '2.4', '2.0', '1.3'),
  '2.5': m('1.2', '1.0', '1.3', '1.3', '2.3', '2.4', '2.0', '1.3', '2.5'),
  '2.6': m('1.2', '1.0', '1.3', '1.3', '2.6', '2.4', '2.0', '1.3', '2.5'),
  '2.7': m('1.2', '1.0', '1.3', '2.7', '2.6', '2.4', '2.0', '1.3', '2.5'),
  '2.8': m('1.2', '1.0', '1.3', '2.8', '2.6', '2.4', '2.0', '1.3', '2.5'),
  '2.9': m('1.2', '1.0', '2.9', '2.9', '2.9', '2.4', '2.0', '1.3', '2.9'),
  '2.10': m('1.2', '1.0', '2.9', '2.10', '2.9', '2.4', '2.0', '1.3', '2.10'),
  '3.0': m('1.2', '3.0', '3.0', '3.0', '3.0', '2.4', '2.0', '1.3', '2.10'),
  '3.1': m('1.2', '3.0', '3.0', '3.1', '3.0', '2.4', '2.0', '1.3', '2.10'),
  '3.2': m('1.2', '3.0', '3.0', '3.2', '3.0', '2.4', '2.0', '1.3', '2.10'),
  '3.3': m('1.2', '3.0', '3.0', '3.2', '3.0', '2.4', '2.0', '3.3', '2.10'),
  '3.4': m('1.2', '3.4', '3.4', '3.4', '3.0', '2.4', '2.0', '3.3', '2.10'),
  '3.5': m('1.2', '3.5', '3.5', '3.5', '3.5', '2.4', '2.0', '3.3', '3.5'),
  '3.6': m('1.2', '3.5', '3.5', '3.5', '3.6', '2.4', '2.0', '3.3', '3.5'),
  '3.7': m('1.2', '3.5', '3.5', '3.7', '3.7', '2.4', '2.0', '3.3', '3.5'),
  '3.8': m('1.2', '3.5', '3.5', '3.7', '3.7', '2.4', '3.8', '3.3', '3.5'),
  '3.9': m('1.2', '3.9', '3.9', '3.9', '3.9', '2.4', '3.8', '3.3', '3.9'),
  next: m('1.2', '3.9', '3.9', '3.9', 'next', '2.4', '3.8', '3.3', '3.9'),
};

function cibStart(mods: Modules): Pattern[] {
  const parts: SchemaFile[] = [optionsFile(mods.options), nodesFile(mods.nodes), resourcesFile(mods.resources), constraintsFile(mods.constraints)];
  if (mods.fencing) parts.push(fencingFile(mods.fencing));
  if (mods.acls) parts.push(aclsFile(mods.acls));
  if (mods.tags) parts.push(tagsFile(mods.tags));
  if (mods.alerts) parts.push(alertsFile(mods.alerts));
  return [
    element(
      'cib',
      external(cibFile(mods.cib)),
      element('configuration', interleave(...parts.map((p) => external(p)))),
      optional(element('status', external(statusFile))),
    ),
  ];
}

const prepared = new Map<string, PreparedSchema>();

/** The prepared schema of a version ('3.7', 'next'), or null if there is none. */
export function cibSchema(version: string): PreparedSchema | null {
  let s = prepared.get(version);
  if (!s) {
    const encoded = precompiledSchema(version);
    const built = encoded ? decodeSchema(encoded) : buildCibSchema(version);
    if (!built) return null;
    s = built;
    prepared.set(version, s);
  }
  return s;
}

/** Builds and prepares the schema of a version from the model, or null if there is none. */
export function buildCibSchema(version: string): PreparedSchema | null {
  const mods = SCHEMA_MODULES[version];
  if (!mods) return null;
  const { result, interleaves } = collectInterleaves(() => cibStart(mods));
  return prepareSchema(result, interleaves);
}
