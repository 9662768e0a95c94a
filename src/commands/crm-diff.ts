import { resolve } from 'node:path';
import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError, UsageError } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';
import { applyPatchset, createPatchset, IncomparableError, PatchError } from '../cib/patchset/index.js';
import { readCibText } from '../cib/store/read.js';
import type { XmlElement } from '../cib/xml/node.js';
import { tryParseXml } from '../cib/xml/parse.js';
import { serialize } from '../cib/xml/serialize.js';

/** Where one of the two inputs comes from; the last option given decides, as in Pacemaker. */
type Source = { kind: 'file'; value: string } | { kind: 'string'; value: string };

export default class CrmDiff extends PacerCommand {
  static override id = 'crm_diff';
  static override summary =
    'crm_diff - print the differences between two CIBs (or other XML documents) as a patchset, or apply a patchset to a CIB';
  static override synopsis = '[OPTION?]';
  static override flags = {
    original: opt('o', 'FILE', 'Read the original XML from this file ("-" for standard input)', { group: 'Original XML' }),
    'original-string': opt('O', 'STRING', 'Take the original XML from this string', { group: 'Original XML' }),
    new: opt('n', 'FILE', 'Compare the original with the XML in this file', { group: 'Operation' }),
    'new-string': opt('N', 'STRING', 'Compare the original with the XML in this string', { group: 'Operation' }),
    patch: opt('p', 'FILE', 'Apply the patch in this file to the original and print the result', { group: 'Operation' }),
    cib: sw('c', 'Treat the inputs as CIBs: ignore attribute order, add the digest and check versions when patching', {
      group: 'Additional Options',
    }),
    stdin: sw('s', 'Read the original and the new XML (or the patch) from standard input, one after the other', {
      group: 'Additional Options',
    }),
    'no-version': sw('u', 'Leave the version details out of the difference', { group: 'Additional Options' }),
  };
  static override exitCodes = [ExitCode.DATAERR, ExitCode.OLD];
  static override manSections: [string, string][] = [
    [
      'EXIT STATUS',
      'When comparing: 0 if the inputs are the same, 1 if they differ (the difference is printed). ' +
        'When patching: 0 and the patched XML on success, otherwise the reason on stderr and a non-zero code ' +
        '(103 if the patch is older than the CIB, 1 if it does not apply). 65 if an input is not XML.',
    ],
  ];
  static override pacerExamples = [
    { description: 'Take two copies of the configuration to compare:', command: 'cibadmin --query > cib-old.xml' },
    { description: 'Print what changed between them:', command: 'crm_diff --original cib-old.xml --new cib-new.xml > patch.xml' },
    { description: 'Apply that patch to the old copy:', command: 'crm_diff --original cib-old.xml --patch patch.xml > updated.xml' },
    { description: 'Apply it to the cluster:', command: 'cibadmin --patch --xml-file patch.xml' },
  ];

  async exec(): Promise<number> {
    let original: Source | undefined;
    let second: Source | undefined;
    let patching = false;
    const flags = { cib: false, stdin: false, noVersion: false };
    // options act in command-line order: a later -n, -N or -p replaces the second input
    for (const arg of this.argv) {
      if (arg === '--') break;
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const value = eq < 0 ? '' : arg.slice(eq + 1);
      switch (name) {
        case 'original':
          original = { kind: original?.kind === 'string' ? 'string' : 'file', value };
          break;
        case 'original-string':
          original = { kind: 'string', value };
          break;
        case 'new':
          second = { kind: second?.kind === 'string' ? 'string' : 'file', value };
          break;
        case 'new-string':
          second = { kind: 'string', value };
          break;
        case 'patch':
          patching = true;
          second = { kind: second?.kind === 'string' ? 'string' : 'file', value };
          break;
        case 'cib':
          flags.cib = true;
          break;
        case 'stdin':
          flags.stdin = true;
          break;
        case 'no-version':
          flags.noVersion = true;
          break;
      }
    }

    if (patching && flags.noVersion) this.ctx.err('warning: -u/--no-version ignored with -p/--patch\n');
    else if (flags.cib && flags.noVersion) throw new UsageError('error: -u/--no-version incompatible with -c/--cib', true);

    let stdinUsed = false;
    const readStdin = (): string => {
      const text = stdinUsed ? '' : this.ctx.stdin();
      stdinUsed = true;
      return text;
    };
    const load = (source: Source | undefined, which: 'first' | 'second'): XmlElement => {
      let text: string | null = null;
      if (source?.kind === 'string') {
        text = source.value;
      } else if (flags.stdin) {
        this.ctx.err(`Input ${which} XML fragment:`);
        text = readStdin();
      } else if (source) {
        text = source.value === '-' ? readStdin() : this.readFile(source.value);
      }
      const xml = text === null ? null : tryParseXml(text);
      if (!xml) throw new ToolError(ExitCode.DATAERR, `Could not parse the ${which} XML fragment`, true);
      return xml;
    };
    const first = load(original, 'first');
    const other = load(second, 'second');

    if (patching) return this.patch(first, other, flags.cib);
    return this.compare(first, other, flags.cib, flags.noVersion);
  }

  private readFile(path: string): string | null {
    try {
      return readCibText(resolve(this.ctx.cwd, path));
    } catch {
      return null;
    }
  }

  private patch(xml: XmlElement, patchset: XmlElement, asCib: boolean): number {
    try {
      const log = (line: string) => this.ctx.err(line + '\n');
      this.ctx.out(serialize(applyPatchset(xml, patchset, { checkVersion: asCib, log })));
      return ExitCode.OK;
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      throw new ToolError(e.code, `Could not apply patch: ${e.message}`, true);
    }
  }

  private compare(original: XmlElement, changed: XmlElement, asCib: boolean, noVersion: boolean): number {
    let patchset: XmlElement | null;
    try {
      patchset = createPatchset(original, changed, { asCib, withVersion: !noVersion });
    } catch (e) {
      if (!(e instanceof IncomparableError)) throw e;
      this.ctx.err(e.logLine + '\n');
      return ExitCode.OK;
    }
    if (!patchset) return ExitCode.OK;
    this.ctx.out(serialize(patchset));
    return ExitCode.ERROR;
  }
}
