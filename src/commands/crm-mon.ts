import { PacerCommand } from '../cli/command.js';
import { ctime } from '../cli/ctime.js';
import { ExitCode, ToolError, UsageError } from '../cli/exit-codes.js';
import { opt, optMany, sw } from '../cli/flags.js';
import { jsonFromXml, jsonResult, outputSink, requestLine, serializeResult, xmlResult } from '../cli/output.js';
import { connectCib, locateCib } from '../cib/client.js';
import { CibError } from '../cib/errors.js';
import { validateCib } from '../cib/schema/validate.js';
import { XmlElement } from '../cib/xml/node.js';
import { PACEMAKER_VERSION } from '../cli/version.js';
import type { Cluster } from '../scheduler/model/cluster.js';
import { unpackConstraints } from '../scheduler/constraints/index.js';
import { unpackCluster } from '../scheduler/unpack/index.js';
import { UnsupportedFeature } from '../scheduler/unpack/unsupported.js';
import { timeFromEpoch } from '../scheduler/util/iso8601.js';
import { parseMsec } from '../scheduler/util/interval.js';
import { configUpdateWarnings } from '../status/config-update.js';
import { monitorLine } from '../status/monitor.js';
import { htmlDocument, type PageOptions } from '../status/html/document.js';
import { htmlMessages, htmlStatus } from '../status/html/cluster.js';
import { Section, SHOW_DETAILS, Show, type StatusView } from '../status/options.js';
import { type IncludeExclude, SectionError, type SectionFormat, applyIncludeExclude, defaultSections } from '../status/sections.js';
import { nodeNameFilter, resourceFilter } from '../status/filters.js';
import { TextOutput } from '../status/text-output.js';
import { printClusterStatus } from '../status/text/cluster.js';
import type { Moment } from '../status/text/summary.js';
import { clusterStatusXml } from '../status/xml/cluster.js';

/** How crm_mon shows the status (Pacemaker's mon_output_* formats, plus JSON). */
type Format = 'text' | 'xml' | 'legacy-xml' | 'json' | 'html' | 'cgi' | 'monitor';

/** Switches that add sections, as crm_mon turns them into --include/--exclude. */
const SECTION_SWITCHES: Record<string, (flags: Record<string, unknown>) => IncludeExclude> = {
  failcounts: () => ({ kind: 'include', value: 'failcounts' }),
  operations: () => ({ kind: 'include', value: 'failcounts,operations' }),
  'timing-details': () => ({ kind: 'include', value: 'operations' }),
  tickets: () => ({ kind: 'include', value: 'tickets' }),
  'show-node-attributes': () => ({ kind: 'include', value: 'attributes' }),
  'hide-headers': () => ({ kind: 'exclude', value: 'summary' }),
  'neg-locations': (f) => ({ kind: 'include', value: f['neg-locations'] ? `bans:${f['neg-locations']}` : 'bans' }),
};

export default class CrmMon extends PacerCommand {
  static override id = 'crm_mon';
  static override summary = "crm_mon - Provides a summary of cluster's current state.";
  static override description =
    'Shows the state of the cluster: nodes, resources, failures and, on request, node attributes, ' +
    'fail counts, operation history, tickets and bans, as text, XML, HTML or JSON.\n\n' +
    'With CIB_file or CIB_shadow set, crm_mon shows the state recorded in that CIB once and exits ' +
    '(fencing history is never shown then: it lives in the fencer, not in the CIB).';
  static override flags = {
    'output-as': opt(undefined, 'FORMAT', 'Output format: console (default), html, text, xml or json', {
      group: 'Output Options',
      options: ['console', 'html', 'text', 'xml', 'json'],
      description:
        'xml is the pacemaker-result document that Pacemaker 2.1.5 writes (Pacemaker\'s api-result schema). json carries the ' +
        'same content: {"request", "result", "status"}, where "result" has one key per section; "summary" maps each of ' +
        'its elements (stack, current_dc, ...) to an object of their attributes, and every other section (nodes, ' +
        'resources, node_attributes, node_history, failures, tickets, bans) is a list of objects, one per element, ' +
        'with "element" (the XML element name, e.g. resource, group, clone, bundle), the attributes as strings, and ' +
        '"children" (the nested elements, in order) when there are any. "status" has "code", "message" and, on ' +
        'failure, "errors".',
    }),
    'output-to': opt(undefined, 'DEST', 'Write the output to this file (or "-" for stdout)', { group: 'Output Options' }),
    'html-cgi': sw(undefined, 'Add CGI headers (needs --output-as=html)', { group: 'Output Options' }),
    'html-stylesheet': opt(undefined, 'URI', 'Link this stylesheet into the HTML page (needs --output-as=html)', { group: 'Output Options' }),
    'html-title': opt(undefined, 'TITLE', 'Title of the HTML page (needs --output-as=html)', { group: 'Output Options' }),
    'text-fancy': sw(undefined, 'Use the richer text layout (needs --output-as=text; the only layout crm_mon has)', { group: 'Output Options' }),

    include: optMany('I', 'SECTION(s)', 'Add these sections to the output (comma-separated; see "Output Control")', { group: 'Display Options' }),
    exclude: optMany('U', 'SECTION(s)', 'Leave these sections out of the output (comma-separated; see "Output Control")', { group: 'Display Options' }),
    node: opt(undefined, 'NODE', 'Show only what concerns this node, or the nodes with this tag', { group: 'Display Options' }),
    resource: opt(undefined, 'RSC', 'Show only what concerns this resource, or the resources with this tag', { group: 'Display Options' }),
    'group-by-node': sw('n', 'List the resources under the node they run on', { group: 'Display Options' }),
    inactive: sw('r', 'Show inactive resources too', { group: 'Display Options' }),
    failcounts: sw('f', 'Show resource fail counts', { group: 'Display Options' }),
    operations: sw('o', 'Show the resource operation history', { group: 'Display Options' }),
    'timing-details': sw('t', 'Show the resource operation history with timings', { group: 'Display Options' }),
    tickets: sw('c', 'Show cluster tickets', { group: 'Display Options' }),
    'fence-history': opt('m', 'LEVEL', 'Show fence history: 0 none, 1 failures and pending, 2 successes too, 3 everything', {
      group: 'Display Options',
      optional: true,
      implicit: '2',
      description: 'Without this option the level is 1; given without a value, 2. A CIB file holds no fencing history, so it shows none.',
    }),
    'neg-locations': opt('L', 'PREFIX', 'Show negative location constraints (only those whose id starts with PREFIX, if given)', {
      group: 'Display Options',
      optional: true,
      implicit: '',
    }),
    'show-node-attributes': sw('A', 'Show node attributes', { group: 'Display Options' }),
    'hide-headers': sw('D', 'Leave out the summary headers', { group: 'Display Options' }),
    'show-detail': sw('R', 'Show more details (node ids, each clone instance, failure details)', { group: 'Display Options' }),
    brief: sw('b', 'Summarise resources by agent', { group: 'Display Options' }),
    pending: sw('j', "Show pending operations (with the 'record-pending' option; always on)", { group: 'Display Options' }),
    'simple-status': sw('s', 'Print one line of status for monitoring tools (Nagios-style exit codes)', { group: 'Display Options' }),

    interval: opt('i', 'TIMESPEC', 'Refresh interval when watching the cluster (default 5 seconds)', { group: 'Additional Options' }),
    'one-shot': sw('1', 'Show the status once and exit', { group: 'Additional Options' }),
    daemonize: sw('d', 'Run in the background (needs a running cluster)', { group: 'Additional Options' }),
    'pid-file': opt('p', 'FILE', '(Advanced) Where the background process writes its pid', { group: 'Additional Options' }),
    'external-agent': opt('E', 'FILE', 'A program to run on resource operations (needs a running cluster)', { group: 'Additional Options' }),
    'external-recipient': opt('e', 'RCPT', 'A recipient to pass to the external agent', { group: 'Additional Options' }),
    'watch-fencing': sw('W', 'Listen for fencing events (with --external-agent)', { group: 'Additional Options' }),
    'xml-file': opt('x', 'FILE', 'Show the status recorded in this CIB file', { group: 'Additional Options', hidden: true }),

    'as-html': opt('h', 'FILE', 'Write the status as HTML to this file (use --output-as=html --output-to=FILE)', { group: 'Deprecated Options' }),
    'as-xml': sw('X', 'Write the status in the legacy XML format (use --output-as=xml)', { group: 'Deprecated Options' }),
    'disable-ncurses': sw('N', 'Plain text output (use --output-as=text)', { group: 'Deprecated Options' }),
    'web-cgi': sw('w', 'HTML output for CGI (use --output-as=html --html-cgi)', { group: 'Deprecated Options' }),

    quiet: sw('Q', 'Leave out the time of the display'),
  };
  static override exitCodes = [ExitCode.INVALID_PARAM, ExitCode.UNIMPLEMENT_FEATURE, ExitCode.CONFIG, ExitCode.DISCONNECT];
  static override pacerExamples = [
    { description: 'Show the cluster status once:', command: 'crm_mon -1' },
    { description: 'Show every resource, grouped by the node it runs on:', command: 'crm_mon -1 --group-by-node --inactive' },
    { description: 'Show the status as XML (what pcs and scripts parse):', command: 'crm_mon --one-shot --inactive --output-as=xml' },
    { description: 'Show only one resource and one node, without the summary:', command: 'crm_mon -1 --include=none,resources --resource=web --node=node1' },
    { description: 'Show fail counts and the operation history with timings:', command: 'crm_mon -1 -f -t' },
    { description: 'One line for a monitoring system:', command: 'crm_mon -s' },
  ];
  static override manSections: [string, string][] = [
    [
      'Output Control',
      'Each output format shows a default set of sections; --include and --exclude change it, left to right, each with a ' +
        'comma-separated list of: all, attributes, bans[:PREFIX] (include only), counts, dc, default (include only), ' +
        'failcounts, failures, fencing, fencing-failed, fencing-pending, fencing-succeeded, maint-mode, nodes, none, ' +
        'operations, options, resources, stack, summary, tickets, times. XML shows everything by default; text shows the ' +
        'summary, nodes, resources and failures.',
    ],
  ];

  async exec(): Promise<number> {
    const { flags } = await this.parse(CrmMon, this.argv);
    const format = this.format(flags);
    const write = outputSink(this.ctx, { 'output-to': flags['as-html'] ?? flags['output-to'] });
    const request = requestLine('crm_mon', this.rawArgs);
    if (format === 'cgi' && locateCib(this.ctx)) throw new UsageError('CGI mode used with CIB file');
    if (flags.interval !== undefined && parseMsec(flags.interval) < 0) {
      throw new ToolError(ExitCode.INVALID_PARAM, `Invalid value for -i: ${flags.interval}`);
    }

    let view: StatusView;
    try {
      view = this.view(flags, format);
    } catch (e) {
      if (!(e instanceof SectionError)) throw e;
      return this.usageFailure(format, write, request, `crm_mon: ${e.message}`);
    }

    if (!locateCib(this.ctx)) return this.notConnected(format, write, request);
    let cib: XmlElement;
    try {
      cib = (await connectCib(this.ctx, { validate: (cib) => validateCib(cib) })).current();
    } catch (e) {
      if (!(e instanceof CibError)) throw e;
      return this.cibFailure(format, write, request, `Could not connect to the CIB: ${e.reason}`);
    }

    for (const w of configUpdateWarnings(cib)) this.ctx.err(w + '\n');
    const now = this.ctx.now();
    let cluster: Cluster;
    try {
      cluster = unpackCluster(cib, { now: timeFromEpoch(Math.trunc(now), localOffset(now)), localOffset: localOffset(now) });
    } catch (e) {
      if (e instanceof UnsupportedFeature) throw new ToolError(ExitCode.UNIMPLEMENT_FEATURE, `Cannot show this CIB yet: ${e.message}`);
      throw e;
    }
    // Bans are negative location constraints; tickets may be named only by constraints.
    if (view.sections & (Section.Bans | Section.Tickets)) unpackConstraints(cluster);
    if (!cluster.dcNode) view.sections |= Section.Dc;
    view.onlyNodes = nodeNameFilter(cluster, flags.node);
    view.onlyRscs = resourceFilter(cluster, flags.resource);
    const moment: Moment = { now: ctime(Math.trunc(now)) };

    switch (format) {
      case 'monitor': {
        const { line, warn } = monitorLine(cluster);
        write(line + '\n');
        if (warn) {
          this.ctx.err('Error outputting status info from the fencer or CIB\n');
          return ExitCode.OK;
        }
        return ExitCode.OK;
      }
      case 'xml':
        write(xmlResult(request, clusterStatusXml(cluster, view, moment), ExitCode.OK));
        return ExitCode.OK;
      case 'legacy-xml':
        write(legacyXml(clusterStatusXml(cluster, view, moment)));
        return ExitCode.OK;
      case 'json':
        write(jsonResult(request, jsonFromXml(clusterStatusXml(cluster, view, moment), ['summary']), ExitCode.OK));
        return ExitCode.OK;
      case 'html':
      case 'cgi':
        write(htmlDocument(htmlStatus(cluster, view, moment), page(flags, format)));
        return ExitCode.OK;
      case 'text': {
        const out = new TextOutput(true);
        printClusterStatus(out, cluster, view, moment);
        write(out.toString());
        return ExitCode.OK;
      }
    }
  }

  /** The output format, as crm_mon settles it: the last legacy switch, else --output-as. */
  private format(flags: { 'output-as'?: string }): Format {
    const legacy: Record<string, Format> = {
      'as-html': 'html',
      'as-xml': 'legacy-xml',
      'simple-status': 'monitor',
      'web-cgi': 'cgi',
      'disable-ncurses': 'text',
    };
    const last = [...this.order].reverse().find((o) => o in legacy);
    if (last) return legacy[last]!;
    switch (flags['output-as']) {
      case 'html':
        return 'html';
      case 'xml':
        return 'xml';
      case 'json':
        return 'json';
      default:
        // console output needs a terminal and a live cluster: shown once, as text
        return 'text';
    }
  }

  private view(flags: Record<string, unknown>, format: Format): StatusView {
    let show = Show.Pending;
    const internal: IncludeExclude[] = [{ kind: 'include', value: 'fencing-failed,fencing-pending' }];
    const user: IncludeExclude[] = [];
    const includes = [...((flags['include'] as string[] | undefined) ?? [])];
    const excludes = [...((flags['exclude'] as string[] | undefined) ?? [])];
    for (const name of this.order) {
      if (name === 'include') user.push({ kind: 'include', value: includes.shift()! });
      else if (name === 'exclude') user.push({ kind: 'exclude', value: excludes.shift()! });
      else if (name in SECTION_SWITCHES) internal.push(SECTION_SWITCHES[name]!(flags));
      else if (name === 'fence-history') internal.push(fenceHistory(String(flags['fence-history'])));
      if (name === 'group-by-node') show |= Show.RscsByNode;
      if (name === 'inactive') show |= Show.InactiveRscs;
      if (name === 'brief') show |= Show.Brief;
      if (name === 'show-detail') show |= SHOW_DETAILS;
      if (name === 'timing-details') show |= Show.Timing;
    }
    if (flags['quiet']) internal.push({ kind: 'exclude', value: 'times' });
    // a CIB holds no fencing history
    internal.push({ kind: 'exclude', value: 'fencing' });
    const sectionFormat: SectionFormat = format === 'xml' || format === 'legacy-xml' || format === 'json' ? 'xml' : format === 'html' || format === 'cgi' ? 'html' : 'text';
    const state = { sections: defaultSections(sectionFormat), banPrefix: undefined as string | undefined };
    applyIncludeExclude(state, internal, sectionFormat);
    applyIncludeExclude(state, user, sectionFormat);
    if (sectionFormat === 'xml') show |= Show.InactiveRscs | Show.Timing;
    return { sections: state.sections, show, onlyNodes: ['*'], onlyRscs: ['*'], banPrefix: state.banPrefix };
  }

  /** crm_mon reports a CIB it cannot read, yet exits 0 (as Pacemaker 2.1.5 does). */
  private cibFailure(format: Format, write: (s: string) => void, request: string, message: string): number {
    switch (format) {
      case 'xml':
        write(xmlResult(request, [], ExitCode.OK, [message]));
        break;
      case 'json':
        write(jsonResult(request, undefined, ExitCode.OK, [message]));
        break;
      case 'legacy-xml':
        write(`<crm_mon version="${PACEMAKER_VERSION}"/>\n`);
        this.ctx.err(message + '\n');
        break;
      case 'html':
      case 'cgi':
        write(htmlDocument(htmlMessages([message]), { cgi: format === 'cgi' }));
        break;
      default:
        this.ctx.err(message + '\n');
    }
    return ExitCode.OK;
  }

  /** Without CIB_file or CIB_shadow crm_mon needs the cluster's daemons. */
  private notConnected(format: Format, write: (s: string) => void, request: string): number {
    const errors = ['error: Could not connect to launcher: Connection refused', 'crm_mon: Connection to cluster failed: Connection refused'];
    if (format === 'monitor') {
      this.ctx.err('crm_mon: CLUSTER CRIT: Connection to cluster failed: Connection refused\n');
      return ExitCode.INVALID_PARAM;
    }
    if (format === 'xml') write(xmlResult(request, [], ExitCode.DISCONNECT, errors));
    else if (format === 'json') write(jsonResult(request, undefined, ExitCode.DISCONNECT, errors));
    else this.ctx.err(errors.join('\n') + '\n');
    return ExitCode.DISCONNECT;
  }

  private usageFailure(format: Format, write: (s: string) => void, request: string, message: string): number {
    if (format === 'xml') write(xmlResult(request, [], ExitCode.USAGE, [message]));
    else if (format === 'json') write(jsonResult(request, undefined, ExitCode.USAGE, [message]));
    else this.ctx.err(message + '\n');
    return ExitCode.USAGE;
  }
}

function fenceHistory(level: string): IncludeExclude {
  switch (Number.parseInt(level, 10) || 0) {
    case 3:
    case 2:
      return { kind: 'include', value: 'fencing' };
    case 1:
      return { kind: 'include', value: 'fencing-failed,fencing-pending' };
    case 0:
      return { kind: 'exclude', value: 'fencing' };
    default:
      throw new ToolError(ExitCode.INVALID_PARAM, 'Fence history must be 0-3');
  }
}

/** The local zone's offset from UTC at that moment, in seconds. */
function localOffset(epochSeconds: number): number {
  return -new Date(epochSeconds * 1000).getTimezoneOffset() * 60;
}

function legacyXml(body: XmlElement[]): string {
  const root = new XmlElement('crm_mon', { version: PACEMAKER_VERSION });
  for (const el of body) root.appendChild(el);
  return serializeResult(root);
}

function page(flags: { 'html-title'?: string; 'html-stylesheet'?: string; 'html-cgi'?: boolean }, format: Format): PageOptions {
  return { title: flags['html-title'], stylesheet: flags['html-stylesheet'], cgi: format === 'cgi' || flags['html-cgi'] === true };
}
