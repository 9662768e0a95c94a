/** Resources in text: one line per primitive, groups as nested lists. */
import { parseOpKey } from '../../scheduler/actions/operation.js';
import { maskableProbeFailure } from '../../scheduler/unpack/history.js';
import { RaCap, raCaps, resourceIsDisabled } from '../../scheduler/unpack/resources.js';
import type { Cluster } from '../../scheduler/model/cluster.js';
import { RscFlag } from '../../scheduler/model/flags.js';
import type { Node } from '../../scheduler/model/node.js';
import { type Resource, currentNode } from '../../scheduler/model/resource.js';
import { ocfName } from '../../scheduler/model/results.js';
import { Role, parseRole, roleName } from '../../scheduler/model/role.js';
import { glibSort } from '../../scheduler/util/glib.js';
import { compareBytes, compareNumericIgnoreCase, isTrue, plural } from '../../scheduler/util/text.js';
import { Show, type StatusView, inList } from '../options.js';
import type { ListOutput } from '../text-output.js';
import { cloneData } from '../../scheduler/variants/clone/status.js';
import { printClone } from './clone.js';
import { printBundle } from './bundle.js';
import { bundleData } from '../../scheduler/variants/bundle/status.js';

function pendingState(rsc: Resource): string | null {
  switch (rsc.pendingTask?.toLowerCase()) {
    case 'start':
      return 'Starting';
    case 'stop':
      return 'Stopping';
    case 'migrate_to':
    case 'migrate_from':
      return 'Migrating';
    case 'promote':
      return 'Promoting';
    case 'demote':
      return 'Demoting';
    default:
      return null;
  }
}

export function pendingTask(rsc: Resource): string | null {
  return rsc.pendingTask?.toLowerCase() === 'monitor' ? 'Monitoring' : null;
}

/** The role shown: a promotable clone's started instance shows as Unpromoted. */
export function displayRole(rsc: Resource): Role {
  if (rsc.role === Role.Started && rsc.top.is(RscFlag.Promotable)) return Role.Unpromoted;
  return rsc.role;
}

export function displayState(rsc: Resource, showPending: boolean): string {
  return (showPending ? pendingState(rsc) : null) ?? roleName(displayRole(rsc));
}

/** A failed probe of the resource on the node (any node when null). */
export function failedProbe(rsc: Resource, nodeName: string | null): XmlOp | null {
  const top = rsc.top;
  const rscId = top.variant === 'clone' ? (cloneData(top).child?.attrs['id'] ?? rsc.id) : rsc.id;
  for (const op of rsc.cluster.failed.elements()) {
    if (!maskableProbeFailure(op)) continue;
    const onNode = op.attrs['on_node'];
    if (onNode === undefined || (nodeName !== null && onNode.toLowerCase() !== nodeName.toLowerCase())) continue;
    const parsed = parseOpKey(op.attrs['operation_key'] ?? op.attrs['id'] ?? '');
    if (!parsed || parsed.rsc !== rscId) continue;
    return op;
  }
  return null;
}

type XmlOp = ReturnType<Cluster['failed']['elements']>[number];

/** pcmk__native_output_string: "name\t(class:provider:type):\t State node (flags)". */
export function primitiveDescription(
  rsc: Resource,
  name: string,
  nodeIn: Node | null,
  show: number,
  targetRole: string | undefined,
  showNodes: boolean,
): string {
  const cls = rsc.standard ?? 'unknown';
  const kind = rsc.agentType ?? 'unknown';
  const provider = raCaps(cls) & RaCap.Provider ? rsc.provider : undefined;
  let node = nodeIn;
  if (node === null && rsc.lockNode !== null) node = rsc.lockNode;
  const multiple = rsc.runningOn.length > 1;
  if (show & Show.RscOnly || multiple) node = null;

  let s = `${name}\t(${cls}${provider !== undefined ? ':' : ''}${provider ?? ''}:${kind}):\t`;
  if (rsc.is(RscFlag.Orphan)) s += ' ORPHANED';
  if (rsc.is(RscFlag.Failed)) {
    const role = displayRole(rsc);
    s += ' FAILED';
    if (role > Role.Unpromoted) s += ' ' + roleName(role);
  } else {
    s += ' ' + displayState(rsc, (show & Show.Pending) !== 0);
  }
  if (node) s += ' ' + node.uname;

  if (displayRole(rsc) === Role.Stopped) {
    const probe = failedProbe(rsc, node ? node.uname : null);
    if (probe) s += ` (${ocfName(Number.parseInt(probe.attrs['rc-code'] ?? '0', 10) || 0)}) `;
  }

  const flags: string[] = [];
  if (node && !node.online && node.unclean) flags.push('UNCLEAN');
  if (node && node === rsc.lockNode) flags.push('LOCKED');
  if (show & Show.Pending) {
    const t = pendingTask(rsc);
    if (t) flags.push(t);
  }
  if (targetRole !== undefined) {
    const role = parseRole(targetRole);
    if (role === Role.Stopped) flags.push('disabled');
    else if (rsc.top.is(RscFlag.Promotable) && role === Role.Unpromoted) flags.push('target-role:' + targetRole);
  }
  if (rsc.is(RscFlag.Block)) flags.push('blocked');
  else if (!rsc.is(RscFlag.Managed)) flags.push('unmanaged');
  if (rsc.is(RscFlag.FailureIgnored)) flags.push('failure ignored');
  if (flags.length > 0) s += ` (${flags.join(', ')})`;

  if (show & Show.RscOnly || multiple) {
    const desc = rsc.xml.attrs['description'];
    if (desc !== undefined) s += ' ' + desc;
  }
  if (showNodes && !(show & Show.RscOnly) && multiple) {
    s += ' [ ' + rsc.runningOn.map((n) => n.uname).join(' ') + ' ]';
  }
  return s;
}

/** Whether a resource is left out by a resource filter (pe__*_is_filtered). */
export function isFiltered(rsc: Resource, only: string[], checkParent: boolean): boolean {
  if (rsc.variant === 'bundle') {
    if (inList(rsc.printableId, only)) return false;
    return bundleData(rsc).replicas.every((r) => {
      const passes = (x: Resource | null) => x !== null && !isFiltered(x, only, false);
      return !(passes(r.ip) || passes(r.child) || passes(r.container) || passes(r.remote));
    });
  }
  if (rsc.variant === 'clone') {
    if (inList(rsc.printableId, only)) return false;
    if (inList(cloneData(rsc).child?.attrs['id'], only)) return false;
    return rsc.children.every((c) => isFiltered(c, only, false));
  }
  if (rsc.variant === 'group') {
    let passes = false;
    if (checkParent && inList(rsc.top.printableId, only)) passes = true;
    else if (inList(rsc.printableId, only)) passes = true;
    else if (rsc.id.includes(':') && inList(rsc.id, only)) passes = true;
    else passes = rsc.children.some((c) => !isFiltered(c, only, false));
    return !passes;
  }
  if (inList(rsc.printableId, only) || inList(rsc.id, only)) return false;
  if (checkParent && rsc.parent) {
    const up = rsc.top;
    if (up.parent) return isFiltered(up.parent, only, false);
    return isFiltered(up, only, false);
  }
  return true;
}

function printPrimitive(out: ListOutput, rsc: Resource, view: StatusView, show: number): boolean {
  if (isFiltered(rsc, view.onlyRscs, true)) return false;
  return printPrimitiveAs(out, rsc, rsc.printableId, currentNode(rsc) ?? rsc.pendingNode, show);
}

/** pe__common_output_text: a primitive's line under a given name; internal resources only when asked for. */
export function printPrimitiveAs(out: ListOutput, rsc: Resource, name: string, node: Node | null, show: number): boolean {
  if (isTrue(rsc.meta.get('internal_rsc')) && !(show & Show.ImplicitRscs)) return false;
  out.resourceItem(rsc, primitiveDescription(rsc, name, node, show, rsc.meta.get('target-role'), true));
  return true;
}

function groupHeader(out: ListOutput, rsc: Resource, inactive: number, showInactive: boolean): void {
  const attrs: string[] = [];
  if (inactive > 0 && !showInactive) attrs.push(`${inactive} member${plural(inactive)} inactive`);
  if (!rsc.is(RscFlag.Managed)) attrs.push('unmanaged');
  if (resourceIsDisabled(rsc)) attrs.push('disabled');
  out.beginList(attrs.length > 0 ? `Resource Group: ${rsc.id} (${attrs.join(', ')})` : `Resource Group: ${rsc.id}`);
}

export function skipChild(child: Resource, parentPasses: boolean, only: string[], show: number): boolean {
  const star = only.length === 1 && only[0] === '*';
  const filtered = isFiltered(child, only, false);
  const active = child.fns.active(child, false);
  const showInactive = (show & Show.InactiveRscs) !== 0;
  if (!star && !filtered) return false;
  if (!filtered && (active || showInactive)) return false;
  if (parentPasses && (active || showInactive)) return false;
  return true;
}

function printGroup(out: ListOutput, rsc: Resource, view: StatusView, show: number): boolean {
  const only = view.onlyRscs;
  const parentPasses = inList(rsc.printableId, only) || (rsc.id.includes(':') && inList(rsc.id, only));
  const active = rsc.fns.active(rsc, true);
  const partial = rsc.fns.active(rsc, false);
  if (isFiltered(rsc, only, true)) return false;
  const inactive = !active && partial ? rsc.children.filter((c) => !c.fns.active(c, true)).length : 0;
  if (show & Show.Brief) {
    const members = filterResources(rsc.children, only);
    if (members.length === 0) return false;
    groupHeader(out, rsc, inactive, (show & Show.InactiveRscs) !== 0);
    printBrief(out, members, show | Show.InactiveRscs);
    out.endList();
    return true;
  }
  let printed = false;
  for (const child of rsc.children) {
    if (skipChild(child, parentPasses, only, show)) continue;
    if (!printed) {
      groupHeader(out, rsc, inactive, (show & Show.InactiveRscs) !== 0);
      printed = true;
    }
    printResource(out, child, view, show);
  }
  if (printed) out.endList();
  return printed;
}

/** pe__filter_rsc_list: resources named in the filter, or whose parent is. */
export function filterResources(rscs: Resource[], only: string[]): Resource[] {
  return rscs.filter((r) => inList(r.printableId, only) || (r.parent !== null && inList(r.parent.printableId, only)));
}

/** "class:provider:type" (no provider for classes without one). */
export function agentName(rsc: Resource): string {
  const cls = rsc.standard;
  const provider = raCaps(cls) & RaCap.Provider ? rsc.provider : undefined;
  return `${cls ?? '(null)'}${provider !== undefined ? ':' + provider : ''}:${rsc.agentType ?? '(null)'}`;
}

/**
 * The brief summary of primitives: per agent, how many are active on each
 * node (and, with inactive resources shown, out of how many); true if any
 * line was printed.
 */
export function printBrief(out: ListOutput, rscs: Resource[], show: number): boolean {
  const totals = new Map<string, number>();
  const active = new Map<string, Map<string, number>>();
  for (const rsc of rscs) {
    if (rsc.variant !== 'primitive') continue;
    const key = agentName(rsc);
    totals.set(key, (totals.get(key) ?? 0) + 1);
    for (const node of rsc.runningOn) {
      if (!node.unclean && !node.online && rsc.is(RscFlag.Managed)) continue;
      let perNode = active.get(node.uname);
      if (!perNode) active.set(node.uname, (perNode = new Map()));
      perNode.set(key, (perNode.get(key) ?? 0) + 1);
    }
  }
  const nodes = glibSort([...active.keys()], compareNumericIgnoreCase);
  let printed = false;
  const inactive = (show & Show.InactiveRscs) !== 0;
  for (const key of [...totals.keys()].sort(compareBytes)) {
    const total = totals.get(key)!;
    let all = 0;
    for (const name of nodes) {
      const n = active.get(name)!.get(key) ?? 0;
      if (n === 0) continue;
      all += n;
      const where = show & Show.RscOnly ? '' : name;
      out.item(inactive ? `${n}/${total}\t(${key}):\tActive ${where}` : `${n}\t(${key}):\tActive ${where}`);
      printed = true;
    }
    if (inactive && all === 0) {
      out.item(`0/${total}\t(${key}):\tActive`);
      printed = true;
    }
  }
  return printed;
}

/** Prints one resource of any supported kind; false if nothing was printed. */
export function printResource(out: ListOutput, rsc: Resource, view: StatusView, show: number): boolean {
  switch (rsc.variant) {
    case 'primitive':
      return printPrimitive(out, rsc, view, show);
    case 'group':
      return printGroup(out, rsc, view, show);
    case 'clone':
      return printClone(out, rsc, view, show);
    case 'bundle':
      return printBundle(out, rsc, view, show);
    default:
      throw new Error(`no text display for ${rsc.variant} resources`);
  }
}

function resourceHeader(out: ListOutput, show: number): void {
  if (show & Show.RscsByNode) out.beginList('Inactive Resources');
  else if (show & Show.InactiveRscs) out.beginList('Full List of Resources');
  else out.beginList('Active Resources');
}

/** Whether a resource runs on any of these nodes. */
function runningOnAny(rsc: Resource, nodes: string[]): boolean {
  return rsc.runningOn.some((n) => inList(n.uname, nodes, true));
}

/** The resource list section ("Full List of Resources"); true if printed. */
export function printResourceList(
  out: ListOutput,
  cluster: Cluster,
  view: StatusView,
  printSummary: boolean,
  spacer: boolean,
): boolean {
  const show = view.show;
  if (show & Show.RscsByNode && !(show & Show.InactiveRscs)) return false;
  let printedHeader = false;
  let printedAny = false;
  const header = () => {
    if (printedHeader) return;
    if (spacer) out.spacer();
    resourceHeader(out, show);
    printedHeader = true;
  };
  if (show & Show.Brief && !(show & Show.RscsByNode)) {
    header();
    if (printBrief(out, filterResources(cluster.resources, view.onlyRscs), show)) printedAny = true;
  }
  for (const rsc of cluster.resources) {
    const active = rsc.fns.active(rsc, true);
    const partial = rsc.fns.active(rsc, false);
    if (rsc.is(RscFlag.Orphan) && !active) continue;
    if (show & Show.RscsByNode) {
      if (active) continue;
    } else if (show & Show.Brief && rsc.variant === 'primitive') continue;
    else if (!partial && !(show & Show.InactiveRscs)) continue;
    else if (partial && !runningOnAny(rsc, view.onlyNodes)) continue;
    header();
    if (printResource(out, rsc, view, show)) printedAny = true;
  }
  if (printSummary && !printedAny) {
    header();
    if (show & Show.RscsByNode) out.item('No inactive resources');
    else if (show & Show.InactiveRscs) out.item('No resources');
    else out.item('No active resources');
  }
  if (printedHeader) out.endList();
  return printedAny;
}
