/**
 * man(7) pages generated from the command definitions: the same option
 * list that parses the command line and prints --help.
 */
import type { PacerCommandClass } from './command.js';
import { optionsOf } from './command.js';
import { exitCodeName, exitCodeText } from './exit-codes.js';
import { groupsOf, optionLabel } from './help.js';
import { PACER_VERSION } from './version.js';

function esc(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/^([.'])/gm, '\\&$1')
    .replace(/-/g, '\\-');
}

export function renderMan(Cmd: PacerCommandClass, date: string): string {
  const name = Cmd.id;
  const out: string[] = [];
  out.push(`.TH ${name.toUpperCase().replace(/ /g, '-')} 8 "${date}" "pacer ${PACER_VERSION}" "System Administration Utilities"`);
  out.push('.SH NAME', `${esc(name)} \\- ${esc((Cmd.summary ?? '').replace(/^[^ ]+ - /, ''))}`);
  out.push('.SH SYNOPSIS', `.B ${esc(name)}`, esc(Cmd.synopsis));
  if (Cmd.description) {
    out.push('.SH DESCRIPTION');
    for (const para of Cmd.description.trim().split(/\n\s*\n/)) out.push('.PP', esc(para.replace(/\n/g, ' ')));
  }
  out.push('.SH OPTIONS');
  for (const [group, opts] of groupsOf(optionsOf(Cmd))) {
    out.push('.SS ' + esc(group));
    for (const o of opts) {
      if (o.hidden && o.name === 'help') continue;
      out.push('.TP', `.B ${esc(optionLabel(o))}`, esc(o.summary || ''));
      if (o.description) out.push('.IP', esc(o.description));
      if (o.choices) out.push('.IP', esc(`One of: ${o.choices.join(', ')}.`));
    }
  }
  for (const [heading, text] of Cmd.manSections) {
    out.push('.SH ' + esc(heading.toUpperCase()));
    for (const para of text.trim().split(/\n\s*\n/)) out.push('.PP', esc(para.replace(/\n/g, ' ')));
  }
  out.push('.SH EXIT STATUS');
  const codes = [...new Set([0, 1, 64, ...Cmd.exitCodes])].sort((a, b) => a - b);
  for (const c of codes) out.push('.TP', `.B ${c}`, esc(`${exitCodeName(c)}: ${exitCodeText(c)}`));
  if (Cmd.pacerExamples.length) {
    out.push('.SH EXAMPLES');
    for (const ex of Cmd.pacerExamples) out.push('.PP', esc(ex.description), '.PP', '.RS', `.B ${esc(ex.command)}`, '.RE');
  }
  out.push('.SH ENVIRONMENT');
  out.push(
    '.TP', '.B CIB_file', esc('Work on this CIB file instead of the running cluster.'),
    '.TP', '.B CIB_shadow', esc('Work on the named shadow CIB (see crm_shadow(8)).'),
    '.TP', '.B PACER_ROOT', esc('Prefix of all of pacer\'s folders (/etc/pacer, /var/lib/pacer, /run/pacer).'),
  );
  out.push('.SH SEE ALSO', esc(['pacer(8)', ...Cmd.seeAlso].join(', ')));
  return out.join('\n') + '\n';
}
