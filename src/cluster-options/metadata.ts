/** `<daemon> metadata`: the OCF 1.1 description of the options a daemon owns, laid out as Pacemaker prints it. */
import { PACEMAKER_VERSION } from '../cli/version.js';
import type { DaemonOptions } from './definitions.js';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

export function daemonMetadata(name: string, d: DaemonOptions): string {
  const out = [
    '<?xml version="1.0"?>',
    `<resource-agent name="${name}" version="${PACEMAKER_VERSION}">`,
    '  <version>1.1</version>',
    `  <longdesc lang="en">${escape(d.long)}</longdesc>`,
    `  <shortdesc lang="en">${escape(d.short)}</shortdesc>`,
    '  <parameters>',
  ];
  for (const o of d.options) {
    out.push(`    <parameter name="${o.name}">`, `      <longdesc lang="en">${escape(o.long)}</longdesc>`, `      <shortdesc lang="en">${escape(o.short)}</shortdesc>`);
    const dflt = o.default === undefined ? '' : ` default="${escape(o.default)}"`;
    if (o.values) {
      out.push(`      <content type="${o.type}"${dflt}>`, ...o.values.map((v) => `        <option value="${escape(v)}" />`), '      </content>');
    } else out.push(`      <content type="${o.type}"${dflt}/>`);
    out.push('    </parameter>');
  }
  out.push('  </parameters>', '</resource-agent>');
  return out.join('\n') + '\n';
}
