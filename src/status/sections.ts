/**
 * crm_mon's --include/--exclude: section lists applied left to right to the
 * default set of the output format.
 */
import { SECTION_ALL, SECTION_NAMES, Section } from './options.js';

/** Formats as far as the sections shown are concerned. */
export type SectionFormat = 'text' | 'xml' | 'html';

export interface IncludeExclude {
  kind: 'include' | 'exclude';
  /** Comma-separated section names. */
  value: string;
}

export class SectionError extends Error {}

export function allSections(format: SectionFormat): number {
  return format === 'text' ? SECTION_ALL & ~Section.Options : SECTION_ALL;
}

export function defaultSections(format: SectionFormat): number {
  switch (format) {
    case 'text':
      return (
        Section.Stack | Section.Dc | Section.Times | Section.Counts | Section.Nodes | Section.Resources | Section.Failures | Section.MaintMode
      );
    case 'xml':
      return allSections(format);
    case 'html':
      return SECTION_NAMES['summary']! | Section.Nodes | Section.Resources | Section.Failures;
  }
}

const INCLUDE_HELP =
  '--include options: all, attributes, bans[:PREFIX], counts, dc, default, failcounts, failures, fencing, fencing-failed, ' +
  'fencing-pending, fencing-succeeded, maint-mode, nodes, none, operations, options, resources, stack, summary, tickets, times';
const EXCLUDE_HELP =
  '--exclude options: all, attributes, bans, counts, dc, failcounts, failures, fencing, fencing-failed, fencing-pending, ' +
  'fencing-succeeded, maint-mode, nodes, none, operations, options, resources, stack, summary, tickets, times';

export interface SectionState {
  sections: number;
  /** From "bans:PREFIX". */
  banPrefix?: string;
}

function sectionBit(name: string): number {
  return SECTION_NAMES[name.toLowerCase()] ?? 0;
}

/** Applies --include/--exclude to the state (which starts with the format's defaults). */
export function applyIncludeExclude(state: SectionState, list: IncludeExclude[], format: SectionFormat): void {
  for (const { kind, value } of list) {
    for (const name of value.split(',')) {
      if (kind === 'exclude') {
        if (name === 'all') state.sections = 0;
        else if (name === 'none') state.sections = allSections(format);
        else if (sectionBit(name)) state.sections &= ~sectionBit(name);
        else throw new SectionError(EXCLUDE_HELP);
        continue;
      }
      if (name === 'all') state.sections = allSections(format);
      else if (name.startsWith('bans')) {
        state.sections |= Section.Bans;
        state.banPrefix = name.length > 4 && name[4] === ':' ? name.slice(5) : undefined;
      } else if (name === 'default' || name === 'defaults') state.sections |= defaultSections(format);
      else if (name === 'none') state.sections = 0;
      else if (sectionBit(name)) state.sections |= sectionBit(name);
      else throw new SectionError(INCLUDE_HELP);
    }
  }
}
