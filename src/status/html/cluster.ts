/**
 * crm_mon's HTML page: the summary and node list in their HTML form, the
 * other sections through the same code as text.
 */
import type { Cluster } from '../../scheduler/model/cluster.js';
import type { Node } from '../../scheduler/model/node.js';
import { Section, Show, type StatusView, inList } from '../options.js';
import { clusterStack, dcInfo, lastChange, mixedVersions } from '../summary.js';
import { printNodeAttributes } from '../text/attributes.js';
import { printBans, printTickets } from '../text/constraints.js';
import { printFailures } from '../text/failures.js';
import { printNodeHistory } from '../text/history.js';
import { nodeDisplayName, nodeHealth } from '../text/nodes.js';
import { filterResources, printBrief, printResource, printResourceList } from '../text/resources.js';
import { type Moment, optionsLines } from '../text/summary.js';
import { plural } from '../../scheduler/util/text.js';
import { HtmlElement, type HtmlNode } from './document.js';
import { HtmlOutput } from './output.js';

function spans(li: HtmlElement, parts: [string, string | undefined][]): void {
  for (const [text, cls] of parts) li.add('span', cls, text);
}

function countsItems(out: HtmlOutput, cluster: Cluster): void {
  const nodes = cluster.nodes.length;
  out.place(new HtmlElement('li')).add('span', undefined, `${nodes} node${plural(nodes)} configured`);
  const n = cluster.ninstances;
  const disabled = cluster.disabledResources;
  const blocked = cluster.blockedResources;
  const li = out.place(new HtmlElement('li'));
  const head = `${n} resource instance${plural(n)} configured`;
  if (disabled && blocked) {
    spans(li, [[`${head} (${disabled} `, undefined], ['DISABLED', 'bold'], [`, ${blocked} `, undefined], ['BLOCKED', 'bold'], [' from further action due to failure)', undefined]]);
  } else if (disabled) {
    spans(li, [[`${head} (${disabled} `, undefined], ['DISABLED', 'bold'], [')', undefined]]);
  } else if (blocked) {
    spans(li, [[`${head} (${blocked} `, undefined], ['BLOCKED', 'bold'], [' from further action due to failure)', undefined]]);
  } else {
    li.add('span', undefined, head);
  }
}

function printSummary(out: HtmlOutput, cluster: Cluster, view: StatusView, moment: Moment): void {
  const s = view.sections;
  let open = false;
  const header = () => {
    if (!open) out.beginList('Cluster Summary');
    open = true;
  };
  if (s & Section.Stack) {
    header();
    spans(out.place(new HtmlElement('li')), [['Stack: ', 'bold'], [clusterStack(cluster), undefined]]);
  }
  if (s & Section.Dc || cluster.dcNode === null) {
    header();
    const dc = dcInfo(cluster, (view.show & Show.NodeId) !== 0);
    const li = out.place(new HtmlElement('li'));
    li.add('span', 'bold', 'Current DC: ');
    if (dc.node) {
      li.add('span', undefined, `${dc.name} (version ${dc.version ?? 'unknown'}) -`);
      if (mixedVersions(cluster)) li.add('span', 'warning', ' MIXED-VERSION');
      li.add('span', undefined, ' partition');
      if (dc.quorum) li.add('span', undefined, ' with');
      else li.add('span', 'warning', ' WITHOUT');
      li.add('span', undefined, ' quorum');
    } else {
      li.add('span', 'warning', 'NONE');
    }
  }
  if (s & Section.Times) {
    header();
    const updated = out.place(new HtmlElement('li'));
    spans(updated, [['Last updated: ', 'bold'], [moment.now, undefined]]);
    if (moment.localNode !== undefined) spans(updated, [[' on ', undefined], [moment.localNode, undefined]]);
    spans(out.place(new HtmlElement('li')), [['Last change: ', 'bold'], [lastChange(cluster), undefined]]);
  }
  if (s & Section.Counts) {
    header();
    countsItems(out, cluster);
  }
  if (s & Section.Options) {
    if (open) out.endList();
    out.beginList('Config Options');
    open = true;
    for (const line of optionsLines(cluster)) out.item(line);
    const li = out.place(new HtmlElement('li'));
    if (cluster.maintenanceMode) {
      spans(li, [['Resource management: ', undefined], ['DISABLED', 'bold'], [' (the cluster will not attempt to start, stop, or recover services)', undefined]]);
    } else if (cluster.stopEverything) {
      spans(li, [['Resource management: ', undefined], ['STOPPED', 'bold'], [' (the cluster will keep all resources stopped)', undefined]]);
    } else {
      li.append('Resource management: enabled');
    }
  }
  if (open) out.endList();
}

/** The node's state in spans (status_node). */
function statusSpans(li: HtmlElement, cluster: Cluster, node: Node): void {
  if (node.online) li.add('span', 'online', ' online');
  else li.add('span', 'offline', ' OFFLINE');
  if (node.standbyOnFail && node.runningRsc.length > 0) li.add('span', 'standby', ' (in standby due to on-fail, with active resources)');
  else if (node.standbyOnFail) li.add('span', 'standby', ' (in standby due to on-fail)');
  else if (node.standby && node.runningRsc.length > 0) li.add('span', 'standby', ' (in standby, with active resources)');
  else if (node.standby) li.add('span', 'standby', ' (in standby)');
  if (node.maintenance) li.add('span', 'maint', ' (in maintenance mode)');
  const health = nodeHealth(cluster, node);
  if (health < 0) li.add('span', 'health_red', ' (health is RED)');
  else if (health === 0) li.add('span', 'health_yellow', ' (health is YELLOW)');
}

function printNodes(out: HtmlOutput, cluster: Cluster, view: StatusView): void {
  let open = false;
  for (const node of cluster.nodes) {
    if (!inList(node.uname, view.onlyNodes, true)) continue;
    if (!open) out.beginList('Node List');
    open = true;
    const name = nodeDisplayName(node, (view.show & Show.NodeId) !== 0);
    if (view.show & Show.RscsByNode) {
      out.beginList(`${name}:`);
      const li = out.place(new HtmlElement('li'));
      li.add('span', undefined, 'Status:');
      statusSpans(li, cluster, node);
      if (view.show & Show.Brief) {
        const rscs = filterResources(node.runningRsc, view.onlyRscs);
        if (rscs.length > 0) {
          out.beginList('Resources');
          printBrief(out, rscs, (view.show | Show.RscOnly) & ~Show.InactiveRscs);
          out.endList();
        }
      } else if (node.runningRsc.length > 0) {
        out.beginList('Resources');
        for (const rsc of node.runningRsc) printResource(out, rsc, view, view.show | Show.RscOnly);
        out.endList();
      }
      out.endList();
    } else {
      const li = out.place(new HtmlElement('li'));
      li.add('span', 'bold', `${name}:`);
      statusSpans(li, cluster, node);
    }
  }
  if (open) out.endList();
}

/** The page body for the sections the view asks for. */
export function htmlStatus(cluster: Cluster, view: StatusView, moment: Moment): HtmlNode[] {
  const out = new HtmlOutput();
  const s = view.sections;
  printSummary(out, cluster, view, moment);
  if (s & Section.Nodes && view.onlyNodes.length > 0) printNodes(out, cluster, view);
  if (s & Section.Resources) printResourceList(out, cluster, view, true, false);
  if (s & Section.Attributes) printNodeAttributes(out, cluster, view, false);
  if (s & (Section.Operations | Section.Failcounts)) printNodeHistory(out, cluster, view, false);
  if (s & Section.Failures && cluster.failed.elements().length > 0) printFailures(out, cluster, view, false);
  if (s & Section.Tickets) printTickets(out, cluster, false);
  if (s & Section.Bans) printBans(out, cluster, view, false);
  return out.body;
}

/** The page body when the status could not be had: the messages as a list. */
export function htmlMessages(messages: string[]): HtmlNode[] {
  const ul = new HtmlElement('ul');
  for (const m of messages) ul.add('li', undefined, m);
  return [ul];
}
