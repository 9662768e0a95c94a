/**
 * Metadata for LSB init scripts, made from the script's "INIT INFO"
 * comment block in the layout Pacemaker generates.
 */
import { escapeXmlText } from './xml-text.js';

const FIELDS = ['Provides', 'Required-Start', 'Required-Stop', 'Should-Start', 'Should-Stop', 'Default-Start', 'Default-Stop'] as const;

export function lsbMetadata(name: string, script: string): string {
  const values = new Map<string, string>();
  let short = '';
  let long: string | null = null;
  let inHeader = false;
  const lines = script.split(/(?<=\n)/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('### BEGIN INIT INFO')) {
      inHeader = true;
      continue;
    }
    if (line.startsWith('### END INIT INFO')) break;
    if (!inHeader) continue;
    const field = FIELDS.find((f) => line.startsWith(`# ${f}:`));
    if (field) {
      if (!values.has(field)) values.set(field, line.slice(field.length + 3));
      continue;
    }
    if (line.startsWith('# Short-Description:')) {
      if (short === '') short = escapeXmlText(line.slice('# Short-Description:'.length));
      continue;
    }
    if (long === null && line.startsWith('# Description:')) {
      let desc = line.slice('# Description:'.length);
      // continuation lines start with '#' and a tab or more than one space
      while (i + 1 < lines.length && (lines[i + 1]!.startsWith('#  ') || lines[i + 1]!.startsWith('#\t'))) {
        desc += lines[++i]!.slice(1);
      }
      long = escapeXmlText(desc);
    }
  }
  const v = (f: (typeof FIELDS)[number]) => values.get(f) ?? '';
  return (
    "<?xml version='1.0'?>\n" +
    "<!DOCTYPE resource-agent SYSTEM 'ra-api-1.dtd'>\n" +
    `<resource-agent name='${name}' version='0.1'>\n` +
    '  <version>1.0</version>\n' +
    "  <longdesc lang='en'>\n" +
    (long ?? '') +
    '  </longdesc>\n' +
    `  <shortdesc lang='en'>${short}</shortdesc>\n` +
    '  <parameters>\n' +
    '  </parameters>\n' +
    '  <actions>\n' +
    "    <action name='meta-data'    timeout='5' />\n" +
    "    <action name='start'        timeout='15' />\n" +
    "    <action name='stop'         timeout='15' />\n" +
    "    <action name='status'       timeout='15' />\n" +
    "    <action name='restart'      timeout='15' />\n" +
    "    <action name='force-reload' timeout='15' />\n" +
    "    <action name='monitor'      timeout='15' interval='15' />\n" +
    '  </actions>\n' +
    "  <special tag='LSB'>\n" +
    FIELDS.map((f) => `    <${f}>${v(f)}</${f}>\n`).join('') +
    '  </special>\n' +
    '</resource-agent>\n'
  );
}
