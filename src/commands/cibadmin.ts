import { resolve } from 'node:path';
import { connectCib } from '../cib/client.js';
import { numbered } from '../cib/xml/numbered.js';
import { onDiskDigest, versionedDigest } from '../cib/digest.js';
import { createEmptyCib } from '../cib/empty.js';
import { CibError, CibWriteError } from '../cib/errors.js';
import type { CibOperation, CibRequest } from '../cib/ops/request.js';
import { SCOPE_NAMES } from '../cib/sections.js';
import { readCibText } from '../cib/store/read.js';
import { XmlElement } from '../cib/xml/node.js';
import { parseXml, XmlParseError } from '../cib/xml/parse.js';
import { serialize } from '../cib/xml/serialize.js';
import { PacerCommand } from '../cli/command.js';
import { DANGEROUS_COMMAND, ExitCode, ToolError, UsageError } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';

const COMMANDS = {
  upgrade: 'upgrade',
  query: 'query',
  erase: 'erase',
  bump: 'bump',
  create: 'create',
  modify: 'modify',
  patch: 'patch',
  replace: 'replace',
  delete: 'delete',
  'delete-all': 'delete',
  'md5-sum': 'md5-sum',
  'md5-sum-versioned': 'md5-sum-versioned',
} as const;
type Command = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Commands that need --force. */
const DANGEROUS = new Set(['erase', 'upgrade', 'delete-all', 'no-bcast']);


export default class Cibadmin extends PacerCommand {
  static override id = 'cibadmin';
  static override summary = 'cibadmin - read and change the cluster configuration (CIB)';
  static override synopsis = '<command> [options]';
  static override optionStyle = 'getopt' as const;
  static override description =
    'Reads or changes the CIB: the running cluster\'s (through the local daemon), the file named by\n' +
    'CIB_file, or the shadow copy named by CIB_shadow (see crm_shadow). Every change moves the\n' +
    'CIB\'s version and is checked against its schema before it is stored.';
  static override flags = {
    upgrade: sw('u', 'Move the configuration to the newest schema (needs --force)', { group: 'Commands' }),
    query: sw('Q', 'Print the CIB, or the part selected by --scope or --xpath', { group: 'Commands' }),
    erase: sw('E', 'Empty the configuration and status (needs --force)', { group: 'Commands' }),
    bump: sw('B', 'Add one to the CIB\'s epoch', { group: 'Commands' }),
    create: sw('C', 'Add an object to a section (fails if it is already there)', { group: 'Commands' }),
    modify: sw('M', 'Merge an object into the matching one, wherever it is in the section', {
      group: 'Commands',
      description: 'Fails when nothing matches, unless --allow-create is given.',
    }),
    patch: sw('P', 'Apply a patchset made by crm_diff', { group: 'Commands' }),
    replace: sw('R', 'Put an object in the place of the matching one (or replace the whole CIB)', { group: 'Commands' }),
    delete: sw('D', 'Remove the first object matching the given one', {
      group: 'Commands',
      description: 'The element name and every attribute given must match, e.g. <op id="rsc1_op1" name="monitor"/>.',
    }),
    'delete-all': sw('d', 'With --xpath, remove every match instead of the first (needs --force)', { group: 'Commands' }),
    empty: sw('a', 'Print a new, empty CIB (the next argument, if any, names its schema)', { group: 'Commands' }),
    'md5-sum': sw('5', 'Print the digest of the given XML as stored on disk', { group: 'Commands' }),
    'md5-sum-versioned': sw('6', 'Print the versioned digest of the given XML, as sent between nodes', { group: 'Commands' }),
    'show-access': opt('S', 'value', 'Show what a user may read and write (with --query and --user)', {
      group: 'Commands',
      optional: true,
      implicit: 'auto',
      description: 'One of "color" (the default on a terminal), "text", "namespace" or "auto".',
    }),
    force: sw('f', 'Go ahead with a dangerous command', { group: 'Additional Options' }),
    timeout: opt('t', 'value', 'Seconds to wait (for the cluster, or for other writers of a file)', { group: 'Additional Options' }),
    user: opt('U', 'value', 'Act with the permissions of this user (for root and hacluster)', { group: 'Additional Options' }),
    'sync-call': sw('s', 'Wait for the call to complete before returning', { group: 'Additional Options' }),
    local: sw('l', 'Act on the local copy only (for queries)', { group: 'Additional Options' }),
    'allow-create': sw('c', '(Advanced) Let --modify add the object when nothing matches', { group: 'Additional Options' }),
    'no-children': sw('n', '(Advanced) Leave children out of query results', { group: 'Additional Options' }),
    'no-bcast': sw('b', 'Do not send the change to other nodes', { group: 'Additional Options', hidden: true }),
    'xml-text': opt('X', 'value', 'Take the XML from this text', { group: 'Data' }),
    'xml-file': opt('x', 'value', 'Take the XML from this file', { group: 'Data' }),
    'xml-pipe': sw('p', 'Take the XML from standard input', { group: 'Data' }),
    scope: opt('o', 'value', 'Work on one section of the CIB', {
      group: 'Data',
      description: `One of: ${SCOPE_NAMES.join(', ')}. The last of --scope and --xpath given counts.`,
    }),
    xpath: opt('A', 'value', 'Work on the elements this XPath selects, instead of a section', { group: 'Data' }),
    'node-path': sw('e', 'With --xpath queries, print the path of each match instead of its XML', {
      group: 'Data',
      description: "Paths look like /cib/configuration/resources/clone[@id='ms']/primitive[@id='rsc'].",
    }),
    node: opt('N', 'value', '(Advanced) Send the command to this node', { group: 'Data' }),
    host: opt('h', 'value', 'Old name of --node', { group: 'Data', hidden: true }),
  };
  static override exitCodes = [
    ExitCode.INVALID_PARAM,
    ExitCode.SOFTWARE,
    ExitCode.PROTOCOL,
    ExitCode.CONFIG,
    ExitCode.DISCONNECT,
    ExitCode.OLD,
    ExitCode.NOSUCH,
    ExitCode.UNSAFE,
    ExitCode.EXISTS,
    ExitCode.TIMEOUT,
  ];
  static override pacerExamples = [
    { description: 'Print the whole CIB:', command: 'cibadmin --query' },
    { description: 'Print the cluster options only:', command: 'cibadmin --query --scope crm_config' },
    { description: 'Print every target-role setting:', command: `cibadmin --query --xpath "//nvpair[@name='target-role']"` },
    {
      description: 'Add a resource:',
      command: `cibadmin --create --scope resources --xml-text '<primitive id="web" class="ocf" provider="heartbeat" type="apache"/>'`,
    },
    { description: 'Remove the resource "old":', command: `cibadmin --delete --xml-text '<primitive id="old"/>'` },
    { description: 'Remove every is-managed setting:', command: `cibadmin --delete-all --force --xpath "//nvpair[@name='is-managed']"` },
    { description: 'Replace the constraints with those in a file:', command: 'cibadmin --replace --scope constraints --xml-file constraints.xml' },
    { description: 'Raise admin_epoch so that older copies of the CIB are never taken:', command: `cibadmin --modify --xml-text '<cib admin_epoch="admin_epoch++"/>'` },
    { description: 'Edit the CIB by hand (1/3):', command: 'cibadmin --query > cib-edit.xml' },
    { description: 'Edit the CIB by hand (2/3):', command: '$EDITOR cib-edit.xml' },
    { description: 'Edit the CIB by hand (3/3):', command: 'cibadmin --replace --xml-file cib-edit.xml' },
  ];
  static override seeAlso = ['crm_shadow(8)', 'crm_diff(8)', 'crm_verify(8)'];

  async exec(): Promise<number> {
    const { flags, argv } = await this.parse(Cibadmin, this.argv);
    const positional = argv as string[];
    if (flags.empty) {
      this.ctx.out(serialize(createEmptyCib(1, positional[0])));
      return ExitCode.OK;
    }
    if (positional.length > 0) {
      this.ctx.out(`non-option ARGV-elements: ${positional.map((a) => `${a} `).join('')}\n`);
      throw new UsageError('');
    }
    if (flags['show-access'] !== undefined && !['auto', 'color', 'text', 'namespace'].includes(flags['show-access'])) {
      this.ctx.err(`Unrecognized value for --show-access: '${flags['show-access']}'\n`);
      throw new UsageError('');
    }
    const command = this.lastOf(Object.keys(COMMANDS)) as keyof typeof COMMANDS | undefined;
    if (!command) throw new UsageError('');
    if (this.order.some((o) => DANGEROUS.has(o)) && !flags.force) throw new ToolError(ExitCode.UNSAFE, DANGEROUS_COMMAND, true);
    if (flags['show-access'] !== undefined) {
      throw new ToolError(ExitCode.UNIMPLEMENT_FEATURE, 'Showing access rights (--show-access) is not implemented yet');
    }

    const input = this.readInput(flags['xml-file'], flags['xml-text'], flags['xml-pipe']);
    const action: Command = COMMANDS[command];
    if (action === 'md5-sum' || action === 'md5-sum-versioned') return this.digest(action, input);

    // Pacemaker keeps the last value of --scope and --xpath, and takes it as an XPath once --xpath was given
    const target = this.lastOf(['scope', 'xpath']) === 'xpath' ? flags.xpath : flags.scope;
    const byXPath = flags.xpath !== undefined;
    const request: CibRequest = {
      op: action as CibOperation,
      input: input ?? undefined,
      scope: byXPath ? undefined : target,
      xpath: byXPath ? target : undefined,
      allowCreate: flags['allow-create'],
      noChildren: flags['no-children'],
      nodePath: flags['node-path'],
      all: command === 'delete-all',
    };
    if (action === 'replace' && input?.name === 'cib' && !input.findChild('status')) input.add('status');
    this.user = flags.user;
    return this.perform(request, flags.timeout);
  }

  /** The last of these options given on the command line (Pacemaker lets later ones win). */
  private lastOf(names: string[]): string | undefined {
    for (let i = this.order.length - 1; i >= 0; i--) if (names.includes(this.order[i]!)) return this.order[i];
    return undefined;
  }

  /** The XML given with -x, -X or -p (in that order of preference), or null. */
  private readInput(file?: string, text?: string, pipe?: boolean): XmlElement | null {
    let source: string;
    let read: () => string;
    if (file !== undefined) {
      source = file;
      read = () => (file === '-' ? this.ctx.stdin() : readCibText(resolve(this.ctx.cwd, file)));
    } else if (text !== undefined) {
      source = 'input string';
      read = () => text;
    } else if (pipe) {
      source = 'STDIN';
      read = () => this.ctx.stdin();
    } else {
      return null;
    }
    try {
      return parseXml(read());
    } catch (e) {
      if (this.verbosity > 0) this.ctx.err(`${source}: ${(e as Error).message}${e instanceof XmlParseError ? ` (line ${e.line})` : ''}\n`);
      throw new ToolError(ExitCode.CONFIG, `Couldn't parse input from ${source}.`, true);
    }
  }

  private digest(kind: 'md5-sum' | 'md5-sum-versioned', input: XmlElement | null): number {
    if (!input) throw new ToolError(ExitCode.USAGE, 'Please supply XML to process with -X, -x or -p', true);
    if (kind === 'md5-sum') {
      this.ctx.err('Digest: ');
      this.ctx.out(`${onDiskDigest(input)}\n`);
    } else {
      const featureSet = input.attr('crm_feature_set');
      this.ctx.err(`Versioned (${featureSet ?? '(null)'}) digest: `);
      this.ctx.out(`${versionedDigest(input)}\n`);
    }
    return ExitCode.OK;
  }

  /** --user, for access control. */
  private user?: string;

  private async perform(request: CibRequest, timeout?: string): Promise<number> {
    const seconds = Number.parseInt(timeout ?? '', 10);
    let connection;
    try {
      connection = await connectCib(this.ctx, { timeoutMs: (seconds >= 1 ? seconds : 30) * 1000, user: this.user });
    } catch (e) {
      if (!(e instanceof CibError)) throw e;
      this.notes(e);
      this.ctx.err(`Could not connect to the CIB: ${e.reason}\nInit failed, could not perform requested operations\n`);
      return e.code;
    }
    for (const w of connection.warnings) this.ctx.err(`${w}\n`);
    try {
      const reply = await connection.request(request);
      if (reply.output) this.print(reply.output, request);
      return ExitCode.OK;
    } catch (e) {
      if (!(e instanceof CibError)) throw e;
      this.notes(e);
      if (e instanceof CibWriteError) throw new ToolError(e.code, e.reason);
      if (e.details.candidate) this.ctx.err(numbered(serialize(e.details.candidate)));
      this.ctx.err(`Call failed: ${e.reason}\n`);
      if (e.details.output) this.print(e.details.output, request);
      return e.code;
    }
  }

  /** Details beyond Pacemaker's own words, for -V. */
  private notes(e: CibError): void {
    if (this.verbosity > 0) for (const n of e.details.notes ?? []) this.ctx.err(`${n}\n`);
  }

  /** XML as Pacemaker prints it; with --node-path, the ids of the answer's elements (the paths). */
  private print(output: XmlElement, request: CibRequest): void {
    if (!request.nodePath) {
      this.ctx.out(serialize(output));
      return;
    }
    const ids = (el: XmlElement): string[] =>
      el.name === 'xpath-query' ? el.elements().flatMap(ids) : el.id !== undefined ? [el.id] : [];
    for (const id of ids(output)) this.ctx.out(`${id}\n`);
  }
}
