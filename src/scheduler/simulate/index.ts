/**
 * crm_simulate's work (pcmk__simulate), without I/O: show the cluster,
 * apply injected events, schedule, show the transition, execute it on a
 * copy of the CIB and show the result. The caller reads and writes files.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import { Section, Show, type StatusView } from '../../status/options.js';
import { TextOutput } from '../../status/text-output.js';
import { printClusterStatus, printMaintenanceMode } from '../../status/text/cluster.js';
import { parseOpKey } from '../actions/operation.js';
import type { TransitionGraph } from '../graph/build.js';
import type { Cluster } from '../model/cluster.js';
import { scheduleActions } from '../schedule/index.js';
import { transitionSummaryLines } from '../summary/resource-actions.js';
import { unpackCluster } from '../unpack/index.js';
import { lookupResource } from '../unpack/resources.js';
import { type CrmTime, formatTime, timeFromEpoch } from '../util/iso8601.js';
import {
  createHistoryXml,
  injectFailcount,
  injectNode,
  injectNodeStateChange,
  injectResourceHistory,
  nextCallId,
  removeNodeChild,
  statusSection,
} from './cib.js';
import { dotGraph } from './dot.js';
import { executeGraph } from './execute.js';

export interface Injections {
  nodeUp: string[];
  nodeDown: string[];
  nodeFail: string[];
  opInject: string[];
  opFail: string[];
  ticketGrant: string[];
  ticketRevoke: string[];
  ticketStandby: string[];
  ticketActivate: string[];
  quorum: string | null;
  watchdog: string | null;
}

export function noInjections(): Injections {
  return {
    nodeUp: [],
    nodeDown: [],
    nodeFail: [],
    opInject: [],
    opFail: [],
    ticketGrant: [],
    ticketRevoke: [],
    ticketStandby: [],
    ticketActivate: [],
    quorum: null,
    watchdog: null,
  };
}

export interface SimulateOptions {
  /** Run the scheduler (-R, -S, -s, -U, -G, -D). */
  process: boolean;
  /** Also execute the transition (-S, -X, -F). */
  simulate: boolean;
  showScores: boolean;
  showUtilization: boolean;
  showPending: boolean;
  /** Extra status sections (-A attributes, -c fail counts). */
  sections: number;
  quiet: boolean;
  /** -t: the date to use as "now", parsed, and as given. */
  useDate: { time: CrmTime; text: string } | null;
  /** The local zone's offset from UTC, seconds. */
  localOffset: number;
  /** Wall clock (seconds since the epoch) for "now" and history timestamps. */
  wallClock: number;
  /** The input was a file or stdin (not the live CIB). */
  sanitized: boolean;
  injections: Injections;
  wantGraph: boolean;
  /** Keep a copy of the CIB after injections (--save-input). */
  wantInput: boolean;
  wantDot: boolean;
  dotAllActions: boolean;
  dotVerbose: boolean;
}

export interface SimulateResult {
  stdout: string;
  stderr: string;
  /** A copy of the CIB after injections, when asked for (--save-input). */
  input: XmlElement | null;
  /** The CIB after the simulated transition (for --save-output / --in-place). */
  output: XmlElement;
  graph: TransitionGraph | null;
  cluster: Cluster | null;
  dot: string | null;
  /** False if the transition could not complete. */
  complete: boolean;
}

function effectiveNow(cib: XmlElement, o: SimulateOptions, out: TextOutput | null): CrmTime {
  if (o.useDate) {
    out?.info(`Setting effective cluster time: ${o.useDate.text}`);
    return o.useDate.time;
  }
  const date = cib.attrs['execution-date'];
  if (date !== undefined) {
    const epoch = Number.parseInt(date, 10);
    if (!Number.isNaN(epoch) && epoch !== 0) {
      const t = timeFromEpoch(epoch, o.localOffset);
      out?.info(`Using the original execution date of: ${formatTime(t, { date: true, timeOfDay: true })}`);
      return t;
    }
  }
  return timeFromEpoch(Math.trunc(o.wallClock), o.localOffset);
}

function unpack(cib: XmlElement, now: CrmTime, o: SimulateOptions): Cluster {
  const cluster = unpackCluster(cib, { now, localOffset: o.localOffset, sanitized: o.sanitized });
  cluster.showScores = o.showScores;
  cluster.showUtilization = o.showUtilization;
  return cluster;
}

function printStatus(out: TextOutput, cluster: Cluster, o: SimulateOptions, title: string, spacer: boolean, pending: boolean): void {
  if (spacer) out.spacer();
  out.beginList(title);
  const view: StatusView = {
    sections: o.sections | Section.Nodes | Section.Resources,
    show: Show.InactiveRscs | Show.FailedDetail | (pending ? Show.Pending : 0),
    onlyNodes: ['*'],
    onlyRscs: ['*'],
  };
  printClusterStatus(out, cluster, view);
  out.endList();
}

function setTicketAttr(cib: XmlElement, ticket: string, attr: string, value: boolean): void {
  const status = statusSection(cib);
  let tickets = status.firstElement('tickets');
  if (!tickets) tickets = status.add('tickets');
  let state = tickets.elements('ticket_state').find((t) => t.attrs['id'] === ticket);
  if (!state) state = tickets.add('ticket_state', { id: ticket });
  state.setAttr(attr, value ? 'true' : 'false');
}

function injectAction(cib: XmlElement, cluster: Cluster, spec: string, out: TextOutput, err: string[], wallClock: number): void {
  out.item(`Injecting ${spec} into the configuration`);
  const m = /^([^@]+)@([^=]+)=\s*([+-]?\d+)/.exec(spec);
  if (!m) {
    const fields = /^[^@]+@[^=]+=/.test(spec) ? 2 : /^[^@]+@/.test(spec) ? 2 : 1;
    err.push(`Invalid operation spec: ${spec}.  Only found ${fields} fields`);
    return;
  }
  const key = m[1]!;
  const node = m[2]!;
  const outcome = Number(m[3]);
  const parsed = parseOpKey(key);
  const rscId = parsed?.rsc ?? key;
  const task = parsed?.task ?? '';
  const intervalMs = parsed?.interval ?? 0;
  const rsc = lookupResource(cluster, rscId);
  if (!rsc) {
    err.push(`Invalid resource name: ${rscId}`);
    return;
  }
  const state = injectNode(cib, node, null);
  injectFailcount(state, rscId, task, intervalMs, outcome, wallClock, (l) => out.item(l));
  const hist = injectResourceHistory(state, rscId, rscId, rsc.xml.attrs['class'], rsc.xml.attrs['type'], rsc.xml.attrs['provider']);
  if (!hist.entry) {
    err.push(hist.error ?? '');
    return;
  }
  createHistoryXml(
    hist.entry,
    {
      rscId,
      task,
      intervalMs,
      rc: outcome,
      status: 0,
      callId: nextCallId(hist.entry),
      exitReason: 'Simulated action result',
      params: null,
      time: wallClock,
    },
    '3.16.1',
    0,
  );
}

function injectSchedulerInput(cib: XmlElement, cluster: Cluster, inj: Injections, out: TextOutput, err: string[], wallClock: number): void {
  out.beginList('Performing Requested Modifications');
  if (inj.quorum !== null) out.item(`Setting quorum: ${inj.quorum}`);
  if (inj.watchdog !== null) out.item(`Setting watchdog: ${inj.watchdog}`);
  if (inj.quorum !== null) cib.setAttr('have-quorum', inj.quorum);
  if (inj.watchdog !== null) {
    const config = cib.firstElement('configuration')!;
    let crm = config.firstElement('crm_config');
    if (!crm) crm = config.add('crm_config');
    let set = crm.firstElement('cluster_property_set');
    if (!set) set = crm.add('cluster_property_set', { id: 'cib-bootstrap-options' });
    const nv = set.elements('nvpair').find((n) => n.attrs['name'] === 'have-watchdog');
    if (nv) nv.setAttr('value', inj.watchdog);
    else set.add('nvpair', { id: `${set.attrs['id'] ?? 'cib-bootstrap-options'}-have-watchdog`, name: 'have-watchdog', value: inj.watchdog });
  }
  for (const node of inj.nodeUp) {
    out.item(`Bringing node ${node} online`);
    ensureNodeConfig(cib, node);
    injectNodeStateChange(cib, node, true);
  }
  for (const node of inj.nodeDown) {
    out.item(`Taking node ${node} offline`);
    injectNodeStateChange(cib, node, false);
    removeNodeChild(cib, node, 'lrm');
    removeNodeChild(cib, node, 'transient_attributes');
  }
  for (const node of inj.nodeFail) {
    out.item(`Failing node ${node}`);
    const state = injectNodeStateChange(cib, node, true);
    state.setAttr('in_ccm', 'false');
  }
  for (const t of inj.ticketGrant) {
    out.item(`Granting ticket ${t}`);
    setTicketAttr(cib, t, 'granted', true);
  }
  for (const t of inj.ticketRevoke) {
    out.item(`Revoking ticket ${t}`);
    setTicketAttr(cib, t, 'granted', false);
  }
  for (const t of inj.ticketStandby) {
    out.item(`Making ticket ${t} standby`);
    setTicketAttr(cib, t, 'standby', true);
  }
  for (const t of inj.ticketActivate) {
    out.item(`Activating ticket ${t}`);
    setTicketAttr(cib, t, 'standby', false);
  }
  for (const spec of inj.opInject) injectAction(cib, cluster, spec, out, err, wallClock);
  out.endList();
}

/** With --node-up, a node unknown to the configuration is added to it. */
function ensureNodeConfig(cib: XmlElement, uname: string): void {
  for (const el of cib.walk()) if (el.name === 'node' && el.attrs['uname'] === uname) return;
  const config = cib.firstElement('configuration');
  if (!config) return;
  let nodes = config.firstElement('nodes');
  if (!nodes) nodes = config.add('nodes');
  nodes.add('node', { id: uname, uname });
}

function hasInjections(inj: Injections): boolean {
  return (
    inj.nodeDown.length > 0 ||
    inj.nodeFail.length > 0 ||
    inj.nodeUp.length > 0 ||
    inj.opInject.length > 0 ||
    inj.ticketActivate.length > 0 ||
    inj.ticketGrant.length > 0 ||
    inj.ticketRevoke.length > 0 ||
    inj.ticketStandby.length > 0 ||
    inj.watchdog !== null ||
    inj.quorum !== null
  );
}

/**
 * crm_simulate's run. It edits `cib` as crm_simulate edits its working copy
 * (injections, the executed transition) and returns it as `output`: callers
 * that need the original pass a copy.
 */
export function simulate(cib: XmlElement, o: SimulateOptions): SimulateResult {
  const fancy = !o.showScores && !o.showUtilization;
  const out = new TextOutput(fancy);
  const err: string[] = [];
  if (!cib.firstElement('status')) cib.add('status');
  const quiet = o.quiet;

  let now = effectiveNow(cib, o, out);
  let cluster = unpack(cib, now, o);
  let printed = false;
  if (!quiet) {
    // crm_simulate shows the banner for maintenance mode only (not for stop-all-resources)
    if (cluster.maintenanceMode && printMaintenanceMode(out, cluster)) printed = true;
    if (cluster.disabledResources || cluster.blockedResources) {
      if (printed) out.spacer();
      out.info(
        `${cluster.disabledResources} of ${cluster.ninstances} resource instances DISABLED and ${cluster.blockedResources} BLOCKED from further action due to failure`,
      );
      printed = true;
    }
    printStatus(out, cluster, o, 'Current cluster status', printed, o.showPending);
    printed = true;
  }

  if (hasInjections(o.injections)) {
    if (printed) out.spacer();
    injectSchedulerInput(cib, cluster, o.injections, quiet ? new TextOutput(fancy) : out, err, o.wallClock);
    printed = true;
    now = effectiveNow(cib, o, out);
    cluster = unpack(cib, now, o);
  }
  const input = o.wantInput ? cib.clone() : null;

  let graph: TransitionGraph | null = null;
  let dot: string | null = null;
  if (o.process) {
    let listOpen = false;
    if (o.showScores || o.showUtilization) {
      if (printed) out.spacer();
      const title =
        o.showScores && o.showUtilization
          ? 'Allocation Scores and Utilization Information'
          : o.showScores
            ? 'Allocation Scores'
            : 'Utilization Information';
      out.beginList(title);
      listOpen = true;
      printed = true;
    }
    graph = scheduleActions(cluster).graph;
    if (listOpen) {
      for (const line of cluster.scoreLines) out.item(line);
      out.endList();
    }
    if (o.wantDot) dot = dotGraph(cluster, o.dotAllActions, o.dotVerbose);
    if (!quiet) {
      if (printed) out.spacer();
      out.beginList('Transition Summary');
      for (const line of transitionSummaryLines(cluster)) out.item(line);
      out.endList();
      printed = true;
    }
  }

  let complete = true;
  if (o.simulate && graph !== null) {
    if (printed) out.spacer();
    if (!quiet) out.beginList('Executing Cluster Transition');
    const say = quiet ? () => undefined : (line: string) => out.item(line);
    const info = quiet ? () => undefined : (line: string) => out.info(line);
    const scheduled = cluster;
    complete = executeGraph(cib, graph, {
      opFail: o.injections.opFail,
      knownResource: (id) => lookupResource(scheduled, id) !== undefined,
      wallClock: o.wallClock,
      say,
      info,
      err: (line) => err.push(line),
    });
    if (!complete) {
      err.push('Transition failed: terminated');
      err.push('An invalid transition was produced');
    }
    if (!quiet) {
      out.endList();
      now = effectiveNow(cib, o, out);
      const revised = unpack(cib, now, o);
      printStatus(out, revised, { ...o, sections: o.sections }, 'Revised Cluster Status', true, false);
    }
  }
  return {
    stdout: out.toString(),
    stderr: err.map((l) => l + '\n').join(''),
    input,
    output: cib,
    graph,
    cluster,
    dot,
    complete,
  };
}
