/**
 * Option definitions for the tools: oclif flags plus what Pacemaker's option
 * syntax needs beyond oclif's (non-letter short options, optional values,
 * counting options). One definition feeds the parser, --help, the man page
 * and the bash completion.
 */
import * as Flags from '@oclif/core/flags';
import type { OptionInfo } from './argv.js';

export interface PacerFlagExtras {
  /** Short option character; may be a non-letter ('$', '5', '?'). */
  short?: string;
  /** Value allowed only when attached with "="; otherwise `implicit`. */
  optional?: boolean;
  implicit?: string;
  /** An optional value may also be the next argument when that is not an option (Pacemaker's -p RESOURCE). */
  valueMayFollow?: boolean;
  /** Name of the value in help text, e.g. FILE. */
  arg?: string;
}

interface Common {
  summary: string;
  description?: string;
  group?: string;
  hidden?: boolean;
}

type Extra = { pacer?: PacerFlagExtras };

/** A switch: `-Q, --query`. */
export function sw(short: string | undefined, summary: string, more: Omit<Common, 'summary'> = {}) {
  const f = Flags.boolean({
    summary,
    description: more.description,
    helpGroup: more.group,
    hidden: more.hidden,
    allowNo: false,
  });
  (f as Extra).pacer = { short };
  return f;
}

/** An option with a value: `-o, --scope=value`. */
export function opt(
  short: string | undefined,
  arg: string,
  summary: string,
  more: Omit<Common, 'summary'> & { multiple?: false; optional?: boolean; implicit?: string; valueMayFollow?: boolean; options?: string[] } = {},
) {
  const f = Flags.string({
    summary,
    description: more.description,
    helpGroup: more.group,
    hidden: more.hidden,
    helpValue: arg,
    options: more.options,
  });
  (f as Extra).pacer = { short, arg, optional: more.optional, implicit: more.implicit, valueMayFollow: more.valueMayFollow };
  return f;
}

/** An option that may be given several times; values collected in order. */
export function optMany(short: string | undefined, arg: string, summary: string, more: Omit<Common, 'summary'> = {}) {
  const f = Flags.string({
    summary,
    description: more.description,
    helpGroup: more.group,
    hidden: more.hidden,
    helpValue: arg,
    multiple: true,
  });
  (f as Extra).pacer = { short, arg };
  return f;
}

/** What the help, man and completion generators need to know of one option. */
export interface OptionDoc {
  name: string;
  short?: string;
  value: 'none' | 'required' | 'optional';
  arg?: string;
  summary: string;
  description?: string;
  group: string;
  hidden: boolean;
  counter?: boolean;
  implicit?: string;
  valueMayFollow?: boolean;
  choices?: string[];
}

/** Options every tool has, handled before oclif sees the command line. */
export const COMMON_OPTIONS: OptionDoc[] = [
  { name: 'help', short: '?', value: 'none', summary: 'Show help options', group: 'Help Options', hidden: false },
  { name: 'help-all', value: 'none', summary: 'Show all help options', group: 'Help Options', hidden: false },
  {
    name: 'version',
    short: '$',
    value: 'none',
    summary: 'Display software version and exit',
    group: 'Application Options',
    hidden: false,
  },
  {
    name: 'verbose',
    short: 'V',
    value: 'none',
    counter: true,
    summary: 'Increase debug output (may be specified multiple times)',
    group: 'Application Options',
    hidden: false,
  },
];

type AnyFlag = {
  type: 'boolean' | 'option';
  summary?: string;
  description?: string;
  helpGroup?: string;
  hidden?: boolean;
  helpValue?: string | string[];
  options?: readonly string[];
  char?: string;
  pacer?: PacerFlagExtras;
};

export function describeFlags(flags: Record<string, unknown>, defaultGroup = 'Application Options'): OptionDoc[] {
  const docs: OptionDoc[] = [];
  for (const [name, raw] of Object.entries(flags)) {
    const f = raw as AnyFlag;
    const extra = f.pacer ?? {};
    const short = extra.short ?? f.char;
    docs.push({
      name,
      short,
      value: f.type === 'boolean' ? 'none' : extra.optional ? 'optional' : 'required',
      arg: extra.arg ?? (typeof f.helpValue === 'string' ? f.helpValue : undefined),
      summary: f.summary ?? '',
      description: f.description,
      group: f.helpGroup ?? defaultGroup,
      hidden: f.hidden ?? false,
      implicit: extra.implicit,
      valueMayFollow: extra.valueMayFollow,
      choices: f.options ? [...f.options] : undefined,
    });
  }
  return docs;
}

export function toOptionInfo(docs: readonly OptionDoc[]): OptionInfo[] {
  return docs.map((d) => ({
    name: d.name,
    char: d.short,
    value: d.value,
    implicit: d.implicit,
    valueMayFollow: d.valueMayFollow,
    counter: d.counter,
  }));
}
