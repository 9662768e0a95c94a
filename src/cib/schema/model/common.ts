/**
 * Shared pieces of the CIB schema model: shorthands for the datatypes, schema
 * files (a file defines names into a grammar and has a start), and module
 * versions.
 *
 * The model is organised like Pacemaker's schema, one module per file family
 * (rule, nvset, resources, ...), each taking the version of the file it
 * stands for: resources('3.1') is what resources-3.1.rng says. A reference to
 * another file builds that file afresh, as libxml2 does.
 */
import { data, externalRef, Grammar, text, type Pattern } from '../rng/pattern.js';

export const ID = () => data('ID');
export const IDREF = () => data('IDREF');
export const TEXT = text;

/** A schema file: adds its definitions to a grammar, returns its start. */
export type SchemaFile = (g: Grammar) => () => Pattern[];

/** <externalRef href="file">: the file's start, from a grammar of its own. */
export function external(file: SchemaFile): Pattern {
  return externalRef(() => file(new Grammar())());
}

/**
 * <grammar><include href="file">overrides</include></grammar> used as a
 * pattern: the file's start, in a new grammar nested in `parent` whose
 * definitions may replace some of the file's (they may use parent.parentRef).
 */
export function nested(file: SchemaFile, overrides: Record<string, () => Pattern[]> = {}, start?: (g: Grammar) => Pattern[]): Pattern[] {
  const g = new Grammar();
  const fileStart = file(g);
  for (const [name, body] of Object.entries(overrides)) g.define(name, body);
  return start ? start(g) : fileStart();
}

/** A module version such as '2.10', comparable as a number (2010). */
export type Version = string;

export function num(v: Version): number {
  const [major, minor] = v.split('.').map(Number);
  return major! * 1000 + minor!;
}

/** Whether the file version `v` is at least `min`. */
export function since(v: Version, min: Version): boolean {
  return num(v) >= num(min);
}
