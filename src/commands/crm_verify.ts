import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PacerCommand } from '../cli/command.js';
import { ExitCode } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';
import { outputFlags, outputFormat, outputSink, requestLine, xmlResult, jsonResult } from '../cli/output.js';
import { locateCib } from '../cib/client.js';
import { formatSchemaError, validateCib } from '../cib/schema/validate.js';
import { readCibText } from '../cib/store/read.js';
import { renderDiagnostic, type Diagnostic } from '../cib/verify/diagnostic.js';
import { isWholeCib, NOT_A_CIB, NOT_A_CIB_CODE, verifyCib } from '../cib/verify/verify.js';
import { libxmlParseReport } from '../cib/xml/libxml-report.js';
import type { XmlElement } from '../cib/xml/node.js';
import { parseXmlPartially } from '../cib/xml/parse.js';
import { serialize } from '../cib/xml/serialize.js';

/** A failure that ends the check early: its exit code and crm_verify's words. */
class Stop {
  constructor(
    readonly code: number,
    readonly message: string,
  ) {}
}

const QUERY_FAILED = new Stop(ExitCode.NOINPUT, 'CIB query failed: Input file not available');

export default class CrmVerify extends PacerCommand {
  static override id = 'crm_verify';
  static override summary = 'crm_verify - check a Pacemaker configuration for errors';
  static override description =
    'Checks that a whole configuration is well-formed XML, that it satisfies the schema it names ' +
    '(validate-with) and that it carries no common misconfiguration. Errors must be fixed before ' +
    'the cluster can work properly; warnings are worth a look.';
  static override flags = {
    'live-check': sw('L', "Check the cluster's own configuration (the file named by CIB_file or CIB_shadow)", { group: 'Data sources' }),
    'xml-file': opt('x', 'FILE', 'Check the configuration in this file', { group: 'Data sources' }),
    'xml-pipe': sw('p', 'Check the configuration read from standard input', { group: 'Data sources' }),
    'xml-text': opt('X', 'XML', 'Check the configuration given as this text', { group: 'Data sources' }),
    'save-xml': opt('S', 'FILE', 'Also write the configuration that was checked to this file (handy with -L)', { group: 'Additional options' }),
    ...outputFlags(),
  };
  static override exitCodes = [ExitCode.CONFIG, ExitCode.NOINPUT, ExitCode.PROTOCOL];
  static override pacerExamples = [
    { description: "Check the running cluster's configuration:", command: 'crm_verify --live-check' },
    { description: 'Check a saved configuration, explaining what is wrong:', command: 'crm_verify --xml-file cib.xml -V' },
    { description: 'Check a configuration produced by another program:', command: 'cibadmin -Q | crm_verify --xml-pipe' },
  ];

  async exec(): Promise<number> {
    const { flags } = await this.parse(CrmVerify, this.argv);
    const format = outputFormat(flags);
    const write = outputSink(this.ctx, flags);
    // a failed assertion makes Pacemaker's tools log errors to stderr from then on (crm_abort)
    let stderrForced = false;
    const show = (d: Diagnostic) => {
      if (d.kind === 'log' && d.fn === 'log_assertion_as') stderrForced = true;
      const line = renderDiagnostic(d, stderrForced ? Math.max(this.verbosity, 1) : this.verbosity);
      if (line !== null) this.ctx.err(line + '\n');
    };
    let code: number;
    try {
      const { cib, source, live } = this.load(flags, show);
      if (!isWholeCib(cib)) throw new Stop(NOT_A_CIB_CODE, NOT_A_CIB);
      if (flags['save-xml']) writeFileSync(resolve(this.ctx.cwd, flags['save-xml']), serialize(cib));
      const result = verifyCib(cib, { source, live, now: this.ctx.now() });
      result.diagnostics.forEach(show);
      code = ExitCode.OK;
      if (result.errors || result.warnings) {
        const kind = result.errors ? 'Errors found during check: config not valid' : 'Warnings found during check: config may not be valid';
        this.ctx.err(`crm_verify: ${kind}${this.verbosity > 0 ? '' : '\n-V may provide more details'}\n`);
        code = ExitCode.CONFIG;
      }
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      this.ctx.err(`crm_verify: ${e.message}\n`);
      code = e.code;
    }
    const request = requestLine('crm_verify', this.rawArgs);
    if (format === 'xml') write(xmlResult(request, [], code));
    else if (format === 'json') write(jsonResult(request, undefined, code));
    return code;
  }

  /** The CIB to check, from the source the options name; failures are reported as Pacemaker's tools report them. */
  private load(
    flags: { 'live-check'?: boolean; 'xml-file'?: string; 'xml-text'?: string; 'xml-pipe'?: boolean },
    show: (d: Diagnostic) => void,
  ): { cib: XmlElement; source: string | null; live: boolean } {
    if (flags['live-check']) return { cib: this.loadLive(show), source: null, live: true };
    if (flags['xml-file'] !== undefined) {
      const file = flags['xml-file'];
      const cib = readFileCib(file, resolve(this.ctx.cwd, file), show);
      if (!cib) throw new Stop(ExitCode.ERROR, `Couldn't parse input file: ${file}`);
      return { cib, source: file, live: false };
    }
    if (flags['xml-text'] !== undefined) {
      const cib = readTextCib(flags['xml-text'], show);
      if (!cib) throw new Stop(ExitCode.ERROR, `Couldn't parse input string: ${flags['xml-text']}`);
      return { cib, source: null, live: false };
    }
    if (flags['xml-pipe']) {
      const cib = readTextCib(this.ctx.stdin(), show);
      if (!cib) throw new Stop(ExitCode.ERROR, "Couldn't parse input from STDIN.");
      return { cib, source: null, live: false };
    }
    throw new Stop(ExitCode.ERROR, 'No configuration source specified.  Use --help for usage information.');
  }

  /**
   * The cluster's CIB: with CIB_file (or CIB_shadow), that file loaded as
   * Pacemaker's file backend loads it, validation messages going to the log.
   * Without one there is no cluster to ask yet.
   */
  private loadLive(show: (d: Diagnostic) => void): XmlElement {
    const where = locateCib(this.ctx);
    if (!where) throw QUERY_FAILED;
    const cib = readFileCib(where.path, resolve(this.ctx.cwd, where.path), show);
    if (!cib) throw QUERY_FAILED;
    if (!cib.findChild('status')) cib.add('status');
    const verdict = validateCib(cib);
    for (const e of verdict.errors) {
      if (verdict.assigned) show({ kind: 'text', text: formatSchemaError(e, where.path) });
      else show({ kind: 'log', level: 'error', fn: 'xml_log', text: e.message });
    }
    if (verdict.assigned) cib.setAttr('validate-with', verdict.schema!);
    if (!verdict.valid) {
      show({ kind: 'log', level: 'error', fn: 'load_file_cib', text: `CIB does not validate against ${cib.attr('validate-with') ?? '(null)'}` });
      throw QUERY_FAILED;
    }
    return cib;
  }
}

/** A CIB file read the way Pacemaker's filename2xml reads one; null if nothing could be parsed. */
function readFileCib(name: string, path: string, show: (d: Diagnostic) => void): XmlElement | null {
  let text: string;
  try {
    text = readCibText(path);
  } catch {
    const message = `failed to load external entity "${name}"`;
    show({ kind: 'log', level: 'error', fn: 'log_xmllib_err', text: `XML Error: I/O warning : ${message}` });
    show({ kind: 'log', level: 'error', fn: 'filename2xml', text: `Parsing failed (domain=8, level=1, code=1549): ${message}` });
    show({ kind: 'log', level: 'error', fn: 'filename2xml', text: `Couldn't parse ${name}` });
    return null;
  }
  const parsed = parseXmlPartially(text);
  const report = libxmlParseReport(text, parsed, name);
  if (report) {
    for (const line of report.lines) show({ kind: 'log', level: 'error', fn: 'log_xmllib_err', text: `XML Error: ${line}` });
    show({ kind: 'log', level: 'error', fn: 'filename2xml', text: `Parsing failed (domain=1, level=3, code=${report.code}): ${report.message}` });
    show({ kind: 'log', level: 'error', fn: 'filename2xml', text: `Couldn't ${parsed.root ? 'fully ' : ''}parse ${name}` });
    if (parsed.root) showPartial(parsed.root, 'filename2xml', show);
  }
  return parsed.root;
}

/** A CIB given as text (-X, -p), read the way Pacemaker's string2xml reads one. */
function readTextCib(text: string, show: (d: Diagnostic) => void): XmlElement | null {
  const parsed = parseXmlPartially(text);
  const report = libxmlParseReport(text, parsed, null);
  if (report) {
    for (const line of report.lines) show({ kind: 'log', level: 'error', fn: 'log_xmllib_err', text: `XML Error: ${line}` });
    show({ kind: 'log', level: 'warning', fn: 'string2xml', text: `Parsing failed (domain=1, level=3, code=${report.code}): ${report.message}` });
    if (report.code !== 4 && report.code !== 5) {
      show({ kind: 'log', level: 'error', fn: 'string2xml', text: `Couldn't${parsed.root ? ' fully' : ''} parse ${Buffer.byteLength(text)} chars: ${text.replace(/\n$/, '')}` });
      if (parsed.root) showPartial(parsed.root, 'string2xml', show);
    }
  }
  return parsed.root;
}

/** Pacemaker logs what it could read of a damaged document, line by line. */
function showPartial(root: XmlElement, fn: string, show: (d: Diagnostic) => void): void {
  for (const line of serialize(root, { depth: 1 }).split('\n')) {
    if (line) show({ kind: 'log', level: 'error', fn, text: `Partial ${line}` });
  }
}
