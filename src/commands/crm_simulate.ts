import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { opt, optMany, sw } from '../cli/flags.js';
import { outputFlags, outputFormat } from '../cli/output.js';
import { connectCib } from '../cib/client.js';
import { readCibText } from '../cib/store/read.js';
import type { XmlElement } from '../cib/xml/node.js';
import { parseXml } from '../cib/xml/parse.js';
import { serialize } from '../cib/xml/serialize.js';
import { graphXml } from '../scheduler/graph/build.js';
import { type Injections, simulate } from '../scheduler/simulate/index.js';
import { UnsupportedFeature } from '../scheduler/unpack/unsupported.js';
import { parseDateTime, timeFromEpoch } from '../scheduler/util/iso8601.js';
import { Section } from '../status/options.js';

export default class CrmSimulate extends PacerCommand {
  static override id = 'crm_simulate';
  static override summary = 'crm_simulate - simulate a Pacemaker cluster\'s response to events';
  static override flags = {
    run: sw('R', 'Process the supplied input and show what actions the cluster will take in response', { group: 'Operations' }),
    simulate: sw('S', 'Like --run, but also simulate taking those actions and show the resulting new status', {
      group: 'Operations',
    }),
    'in-place': sw('X', 'Like --simulate, but also store the results back to the input file', { group: 'Operations' }),
    'show-attrs': sw('A', 'Show node attributes', { group: 'Operations' }),
    'show-failcounts': sw('c', 'Show resource fail counts', { group: 'Operations' }),
    'show-scores': sw('s', 'Show allocation scores', { group: 'Operations' }),
    'show-utilization': sw('U', 'Show utilization information', { group: 'Operations' }),
    profile: opt('P', 'DIR', 'Process all the XML files in the named directory to create profiling data', { group: 'Operations' }),
    repeat: opt('N', 'N', 'With --profile, repeat each test N times and print timings', { group: 'Operations' }),
    pending: sw('j', 'Display pending state if \'record-pending\' is enabled', { group: 'Operations', hidden: true }),
    'node-up': optMany('u', 'NODE', 'Simulate bringing a node online', { group: 'Synthetic Cluster Events' }),
    'node-down': optMany('d', 'NODE', 'Simulate taking a node offline', { group: 'Synthetic Cluster Events' }),
    'node-fail': optMany('f', 'NODE', 'Simulate a node failing', { group: 'Synthetic Cluster Events' }),
    'op-inject': optMany('i', 'OPSPEC', 'Generate a failure for the cluster to react to in the simulation', {
      group: 'Synthetic Cluster Events',
    }),
    'op-fail': optMany('F', 'OPSPEC', 'If the specified task occurs during the simulation, have it fail with return code ${rc}', {
      group: 'Synthetic Cluster Events',
    }),
    'set-datetime': opt('t', 'DATETIME', 'Set date/time (ISO 8601 format, see https://en.wikipedia.org/wiki/ISO_8601)', {
      group: 'Synthetic Cluster Events',
    }),
    quorum: opt('q', 'QUORUM', "Set to '1' (or 'true') to indicate cluster has quorum", { group: 'Synthetic Cluster Events' }),
    watchdog: opt('w', 'DEVICE', "Set to '1' (or 'true') to indicate cluster has an active watchdog device", {
      group: 'Synthetic Cluster Events',
    }),
    'ticket-grant': optMany('g', 'TICKET', 'Simulate granting a ticket', { group: 'Synthetic Cluster Events' }),
    'ticket-revoke': optMany('r', 'TICKET', 'Simulate revoking a ticket', { group: 'Synthetic Cluster Events' }),
    'ticket-standby': optMany('b', 'TICKET', 'Simulate making a ticket standby', { group: 'Synthetic Cluster Events' }),
    'ticket-activate': optMany('e', 'TICKET', 'Simulate activating a ticket', { group: 'Synthetic Cluster Events' }),
    'save-input': opt('I', 'FILE', 'Save the input configuration to the named file', { group: 'Artifact Options' }),
    'save-output': opt('O', 'FILE', 'Save the output configuration to the named file', { group: 'Artifact Options' }),
    'save-graph': opt('G', 'FILE', 'Save the transition graph (XML format) to the named file', { group: 'Artifact Options' }),
    'save-dotfile': opt('D', 'FILE', 'Save the transition graph (DOT format) to the named file', { group: 'Artifact Options' }),
    'all-actions': sw('a', 'Display all possible actions in DOT graph (even if not part of transition)', {
      group: 'Artifact Options',
    }),
    'live-check': sw('L', 'Connect to CIB manager and use the current CIB contents as input', { group: 'Data Source' }),
    'xml-file': opt('x', 'FILE', 'Retrieve XML from the named file', { group: 'Data Source' }),
    'xml-pipe': sw('p', 'Retrieve XML from stdin', { group: 'Data Source' }),
    quiet: sw('Q', 'Display only essential output', { group: 'Application Options' }),
    ...outputFlags(),
  };

  async exec(): Promise<number> {
    const { flags } = await this.parse(CrmSimulate, this.argv);
    const ctx = this.ctx;
    const format = outputFormat(flags);
    if (format !== 'text') throw new ToolError(ExitCode.UNIMPLEMENT_FEATURE, `--output-as=${format} is not supported yet`);

    let cib: XmlElement;
    let sanitized = true;
    let inputPath: string | null = null;
    if (flags['xml-file'] !== undefined && flags['xml-file'] !== '-') {
      inputPath = resolve(ctx.cwd, flags['xml-file']);
      try {
        cib = parseXml(readCibText(inputPath));
      } catch (e) {
        throw new ToolError(ExitCode.NOINPUT, `Could not read ${flags['xml-file']}: ${(e as Error).message}`);
      }
    } else if (flags['live-check']) {
      sanitized = false;
      let conn;
      try {
        conn = await connectCib(ctx);
      } catch {
        throw new ToolError(ExitCode.DISCONNECT, 'CIB query failed: Transport endpoint is not connected', true);
      }
      cib = conn.current().clone();
    } else {
      cib = parseXml(ctx.stdin());
    }

    if (cib.attrs['validate-with'] === 'none') {
      ctx.err('Schema validation of configuration is disabled (enabling is encouraged and prevents common misconfigurations)\n');
    }

    const simulateFlag = flags.simulate || flags['in-place'] || (flags['op-fail']?.length ?? 0) > 0;
    const process =
      simulateFlag ||
      flags.run ||
      flags['show-scores'] ||
      flags['show-utilization'] ||
      flags['save-graph'] !== undefined ||
      flags['save-dotfile'] !== undefined;

    const localOffset = -new Date(ctx.now() * 1000).getTimezoneOffset() * 60;
    let useDate = null;
    if (flags['set-datetime'] !== undefined) {
      const t = parseDateTime(flags['set-datetime'], { localOffset, now: timeFromEpoch(Math.trunc(ctx.now()), localOffset) });
      if (t) useDate = { time: t, text: flags['set-datetime'] };
    }
    const injections: Injections = {
      nodeUp: flags['node-up'] ?? [],
      nodeDown: flags['node-down'] ?? [],
      nodeFail: flags['node-fail'] ?? [],
      opInject: flags['op-inject'] ?? [],
      opFail: flags['op-fail'] ?? [],
      ticketGrant: flags['ticket-grant'] ?? [],
      ticketRevoke: flags['ticket-revoke'] ?? [],
      ticketStandby: flags['ticket-standby'] ?? [],
      ticketActivate: flags['ticket-activate'] ?? [],
      quorum: flags.quorum ?? null,
      watchdog: flags.watchdog ?? null,
    };
    let sections = 0;
    if (flags['show-attrs']) sections |= Section.Attributes;
    if (flags['show-failcounts']) sections |= Section.Failcounts | Section.Failures;

    let result;
    try {
      result = simulate(cib, {
        process,
        simulate: simulateFlag,
        showScores: flags['show-scores'],
        showUtilization: flags['show-utilization'],
        showPending: true,
        sections,
        quiet: flags.quiet,
        useDate,
        localOffset,
        wallClock: ctx.now(),
        sanitized,
        injections,
        wantGraph: flags['save-graph'] !== undefined,
        wantInput: flags['save-input'] !== undefined,
        wantDot: flags['save-dotfile'] !== undefined,
        dotAllActions: flags['all-actions'],
        dotVerbose: this.verbosity > 0,
      });
    } catch (e) {
      if (e instanceof UnsupportedFeature) throw new ToolError(ExitCode.UNIMPLEMENT_FEATURE, e.message);
      throw e;
    }
    ctx.out(result.stdout);
    if (result.stderr) ctx.err(result.stderr);
    const write = (name: string, text: string) => {
      try {
        writeFileSync(resolve(ctx.cwd, name), text);
      } catch (e) {
        throw new ToolError(ExitCode.CANTCREAT, `Could not create '${name}': ${(e as Error).message}`);
      }
    };
    if (flags['save-input'] !== undefined && result.input) write(flags['save-input'], serialize(result.input));
    if (flags['save-graph'] !== undefined && result.graph) write(flags['save-graph'], serialize(graphXml(result.graph)));
    if (flags['save-dotfile'] !== undefined && result.dot !== null) write(flags['save-dotfile'], result.dot);
    if (flags['save-output'] !== undefined) write(flags['save-output'], serialize(result.output));
    if (flags['in-place'] && inputPath !== null) write(inputPath, serialize(result.output));
    return result.complete ? ExitCode.OK : ExitCode.ERROR;
  }
}
