/**
 * --help text in the layout of Pacemaker's GLib-based tools: usage, summary,
 * then options by group, then examples.
 */
import type { PacerCommandClass } from './command.js';
import type { OptionDoc } from './flags.js';

/** "-o, --scope=value" as shown in the left column. */
export function optionLabel(o: OptionDoc): string {
  const long =
    o.value === 'required' ? `--${o.name}=${o.arg ?? 'value'}` : o.value === 'optional' ? `--${o.name}[=${o.arg ?? 'value'}]` : `--${o.name}`;
  return o.short ? `-${o.short}, ${long}` : long;
}

export function groupsOf(docs: readonly OptionDoc[]): Map<string, OptionDoc[]> {
  const groups = new Map<string, OptionDoc[]>();
  for (const o of docs) {
    const list = groups.get(o.group) ?? [];
    list.push(o);
    groups.set(o.group, list);
  }
  return groups;
}

export function renderHelp(Cmd: PacerCommandClass, docs: readonly OptionDoc[], all: boolean): string {
  const tool = Cmd.id;
  const lines: string[] = ['Usage:', `  ${tool} ${Cmd.synopsis}`, ''];
  if (Cmd.summary) lines.push(Cmd.summary, '');
  if (Cmd.description) lines.push(Cmd.description.trimEnd(), '');
  const shown = docs.filter((o) => all || !o.hidden);
  const width = Math.max(30, ...shown.map((o) => optionLabel(o).length + 4));
  for (const [group, opts] of groupsOf(shown)) {
    lines.push(`${group}:`);
    for (const o of opts) {
      const label = `  ${optionLabel(o)}`;
      lines.push(`${label.padEnd(width + 2)} ${o.summary}`.trimEnd());
      if (all && o.description) for (const d of o.description.split('\n')) lines.push(`${' '.repeat(width + 3)}${d}`.trimEnd());
    }
    lines.push('');
  }
  if (Cmd.pacerExamples.length) {
    lines.push('Examples:', '');
    for (const ex of Cmd.pacerExamples) lines.push(ex.description, '', `\t# ${ex.command}`, '');
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}
