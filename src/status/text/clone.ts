/**
 * Clones in text: anonymous instances summarised as "Started: [ nodes ]"
 * (and Promoted, Unpromoted, Stopped), the others listed one by one.
 */
import { RscFlag } from '../../scheduler/model/flags.js';
import type { Node } from '../../scheduler/model/node.js';
import type { Resource } from '../../scheduler/model/resource.js';
import { ocfName } from '../../scheduler/model/results.js';
import { Role } from '../../scheduler/model/role.js';
import { resourceIsDisabled } from '../../scheduler/unpack/resources.js';
import { glibSort } from '../../scheduler/util/glib.js';
import { compareBytes, compareNumericIgnoreCase } from '../../scheduler/util/text.js';
import { cloneData } from '../../scheduler/variants/clone/status.js';
import { configuredRole, filteredByNode, flagRecursive, singleLocation } from '../clones.js';
import { scanMinInt } from '../failures.js';
import { Show, type StatusView, inList } from '../options.js';
import type { ListOutput } from '../text-output.js';
import { failedProbe, isFiltered, printResource } from './resources.js';

function header(rsc: Resource): string {
  const attrs: string[] = [];
  if (rsc.is(RscFlag.Promotable)) attrs.push('promotable');
  if (rsc.is(RscFlag.Unique)) attrs.push('unique');
  if (!rsc.is(RscFlag.Managed)) attrs.push('unmanaged');
  if (resourceIsDisabled(rsc)) attrs.push('disabled');
  const title = `Clone Set: ${rsc.id} [${cloneData(rsc).child?.attrs['id'] ?? ''}]`;
  return attrs.length > 0 ? `${title} (${attrs.join(', ')})` : title;
}

function byName(a: Node, b: Node): number {
  return compareNumericIgnoreCase(a.uname, b.uname);
}

/** pe__clone_default; false when nothing was printed. */
export function printClone(out: ListOutput, rsc: Resource, view: StatusView, show: number): boolean {
  const only = view.onlyRscs;
  if (isFiltered(rsc, only, true)) return false;
  const everything = inList(rsc.printableId, only) || (rsc.id.includes(':') && inList(rsc.id, only));
  let open = false;
  const begin = () => {
    if (!open) out.beginList(header(rsc));
    open = true;
  };
  let stopped: Map<string, string> | null = null;
  const promoted: Node[] = [];
  const started: Node[] = [];
  for (const child of rsc.children) {
    const partial = child.fns.active(child, false);
    if (filteredByNode(child, view.onlyNodes)) continue;
    if (isFiltered(child, only, everything)) continue;
    let full = (show & Show.CloneDetail) !== 0;
    if (rsc.is(RscFlag.Unique)) {
      // Pacemaker tests the clone's orphan flag here, not the instance's
      if (partial || !rsc.is(RscFlag.Orphan)) full = true;
    } else if (show & Show.Pending && child.pendingTask !== null && child.pendingTask !== 'probe') {
      full = true;
    } else if (!partial) {
      if (!child.is(RscFlag.Orphan) && !(show & Show.CloneDetail) && show & Show.InactiveRscs) {
        (stopped ??= new Map()).set(child.id, 'Stopped');
      }
    } else if (
      flagRecursive(child, RscFlag.Orphan, true) ||
      !flagRecursive(child, RscFlag.Managed, false) ||
      flagRecursive(child, RscFlag.Failed, true)
    ) {
      full = true;
    } else if (child.fns.active(child, true)) {
      const where = singleLocation(child);
      if (!where) full = true;
      else if (!where.online && where.unclean) full = true;
      else if (child.fns.state(child, true) > Role.Unpromoted) promoted.push(where);
      else started.push(where);
    } else {
      full = true;
    }
    if (full) {
      begin();
      printResource(out, child, { ...view, onlyRscs: ['*'] }, show);
    }
  }
  if (show & Show.CloneDetail) {
    if (open) out.endList();
    return open;
  }
  let active = 0;
  const names = (nodes: Node[]) => {
    const shown = glibSort(nodes, byName)
      .map((n) => n.uname)
      .filter((n) => inList(n, view.onlyNodes, true));
    active += shown.length;
    return shown.join(' ');
  };
  const promotedNames = names(promoted);
  if (promotedNames) {
    begin();
    out.item(`Promoted: [ ${promotedNames} ]`);
  }
  const startedNames = names(started);
  if (startedNames) {
    begin();
    if (!rsc.is(RscFlag.Promotable)) out.item(`Started: [ ${startedNames} ]`);
    else if (configuredRole(rsc) === Role.Unpromoted) out.item(`Unpromoted (target-role): [ ${startedNames} ]`);
    else out.item(`Unpromoted: [ ${startedNames} ]`);
  }
  if (show & Show.InactiveRscs) {
    if (!rsc.is(RscFlag.Unique) && cloneData(rsc).cloneMax > active) {
      stopped = null;
      let candidates = [...rsc.allowedNodes.values()].map((s) => s.node);
      if (candidates.length === 0) candidates = [...rsc.knownOn.values()];
      for (const node of glibSort(candidates, byName)) {
        if (rsc.runningOn.some((n) => n.uname.toLowerCase() === node.uname.toLowerCase())) continue;
        if (!inList(node.uname, view.onlyNodes, true)) continue;
        const probe = failedProbe(rsc, node.uname);
        const state = configuredRole(rsc) === Role.Stopped ? 'Stopped (disabled)' : 'Stopped';
        (stopped ??= new Map()).set(node.uname, probe ? `Stopped (${ocfName(scanMinInt(probe.attrs['rc-code'], 0))})` : state);
      }
    }
    if (stopped) {
      begin();
      for (const status of [...new Set(stopped.values())].sort(compareBytes)) {
        const nodes = glibSort(
          [...stopped].filter(([, s]) => s === status).map(([n]) => n),
          compareNumericIgnoreCase,
        );
        if (nodes.length > 0) out.item(`${status}: [ ${nodes.join(' ')} ]`);
      }
    } else if (active === 0) {
      begin();
    }
  }
  if (open) out.endList();
  return open;
}
