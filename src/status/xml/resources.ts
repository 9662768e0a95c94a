/** Resources in crm_mon's XML: primitives, groups and their members. */
import type { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../../scheduler/model/cluster.js';
import { RscFlag } from '../../scheduler/model/flags.js';
import type { Resource } from '../../scheduler/model/resource.js';
import { resourceIsDisabled } from '../../scheduler/unpack/resources.js';
import { configuredRoleText, filteredByNode } from '../clones.js';
import { bundleData } from '../../scheduler/variants/bundle/status.js';
import { replicaShown } from '../text/bundle.js';
import { Show, type StatusView, inList } from '../options.js';
import { agentName, displayState, isFiltered, pendingTask, skipChild } from '../text/resources.js';
import { element } from './element.js';

export function primitiveXml(rsc: Resource, view: StatusView, show: number): XmlElement[] {
  if (isFiltered(rsc, view.onlyRscs, true)) return [];
  const e = element('resource', [
    ['id', rsc.printableId],
    ['resource_agent', agentName(rsc)],
    ['role', displayState(rsc, (show & Show.Pending) !== 0)],
    ['target_role', rsc.meta.get('target-role')],
    ['active', rsc.fns.active(rsc, true)],
    ['orphaned', rsc.is(RscFlag.Orphan)],
    ['blocked', rsc.is(RscFlag.Block)],
    ['managed', rsc.is(RscFlag.Managed)],
    ['failed', rsc.is(RscFlag.Failed)],
    ['failure_ignored', rsc.is(RscFlag.FailureIgnored)],
    ['nodes_running_on', rsc.runningOn.length],
    ['pending', show & Show.Pending ? pendingTask(rsc) : undefined],
    ['locked_to', rsc.lockNode?.uname],
  ]);
  for (const node of rsc.runningOn) {
    e.appendChild(element('node', [['name', node.uname], ['id', node.id], ['cached', node.online]]));
  }
  return [e];
}

export function groupXml(rsc: Resource, view: StatusView, show: number): XmlElement[] {
  const only = view.onlyRscs;
  if (isFiltered(rsc, only, true)) return [];
  const parentPasses = inList(rsc.printableId, only) || (rsc.id.includes(':') && inList(rsc.id, only));
  let group: XmlElement | null = null;
  rsc.children.forEach((child, i) => {
    if (skipChild(child, parentPasses, only, show)) return;
    group ??= element('group', [
      ['id', rsc.id],
      // Pacemaker counts the members from the first one shown
      ['number_resources', rsc.children.length - i],
      ['managed', rsc.is(RscFlag.Managed)],
      ['disabled', resourceIsDisabled(rsc)],
    ]);
    for (const c of resourceXml(child, view, show)) group.appendChild(c);
  });
  return group ? [group] : [];
}

/** pe__clone_xml: the clone with every instance shown. */
export function cloneXml(rsc: Resource, view: StatusView, show: number): XmlElement[] {
  const only = view.onlyRscs;
  if (isFiltered(rsc, only, true)) return [];
  const everything = inList(rsc.printableId, only) || (rsc.id.includes(':') && inList(rsc.id, only));
  let clone: XmlElement | null = null;
  for (const child of rsc.children) {
    if (filteredByNode(child, view.onlyNodes)) continue;
    if (isFiltered(child, only, everything)) continue;
    clone ??= element('clone', [
      ['id', rsc.id],
      ['multi_state', rsc.is(RscFlag.Promotable)],
      ['unique', rsc.is(RscFlag.Unique)],
      ['managed', rsc.is(RscFlag.Managed)],
      ['disabled', resourceIsDisabled(rsc)],
      ['failed', rsc.is(RscFlag.Failed)],
      ['failure_ignored', rsc.is(RscFlag.FailureIgnored)],
      ['target_role', configuredRoleText(rsc)],
    ]);
    for (const c of resourceXml(child, { ...view, onlyRscs: ['*'] }, show)) clone.appendChild(c);
  }
  return clone ? [clone] : [];
}

/** pe__bundle_xml: the bundle and, per replica shown, its resources. */
export function bundleXml(rsc: Resource, view: StatusView, show: number): XmlElement[] {
  const only = view.onlyRscs;
  if (isFiltered(rsc, only, true)) return [];
  const data = bundleData(rsc);
  const everything = inList(rsc.id, only);
  let bundle: XmlElement | null = null;
  for (const r of data.replicas) {
    if (filteredByNode(r.container, view.onlyNodes)) continue;
    const p = replicaShown(r, only, everything);
    if (!everything && !p.ip && !p.child && !p.container && !p.remote) continue;
    bundle ??= element('bundle', [
      ['id', rsc.id],
      ['type', data.agent],
      ['image', data.image],
      ['unique', rsc.is(RscFlag.Unique)],
      ['managed', rsc.is(RscFlag.Managed)],
      ['failed', rsc.is(RscFlag.Failed)],
    ]);
    const replica = bundle.appendChild(element('replica', [['id', r.offset]]));
    for (const [shown, member] of [
      [p.ip, r.ip],
      [p.child, r.child],
      [p.container, r.container],
      [p.remote, r.remote],
    ] as const) {
      if (shown) for (const c of resourceXml(member!, view, show)) replica.appendChild(c);
    }
  }
  return bundle ? [bundle] : [];
}

/** The elements for one resource of any supported kind (none when filtered out). */
export function resourceXml(rsc: Resource, view: StatusView, show: number): XmlElement[] {
  switch (rsc.variant) {
    case 'primitive':
      return primitiveXml(rsc, view, show);
    case 'group':
      return groupXml(rsc, view, show);
    case 'clone':
      return cloneXml(rsc, view, show);
    case 'bundle':
      return bundleXml(rsc, view, show);
    default:
      throw new Error(`no XML display for ${rsc.variant} resources`);
  }
}

/** <resources>: every resource worth showing (inactive ones too), or null when none qualifies. */
export function resourceListXml(cluster: Cluster, view: StatusView): XmlElement | null {
  const show = view.show & ~Show.Brief;
  if (show & Show.RscsByNode && !(show & Show.InactiveRscs)) return null;
  let list: XmlElement | null = null;
  for (const rsc of cluster.resources) {
    const active = rsc.fns.active(rsc, true);
    const partial = rsc.fns.active(rsc, false);
    if (rsc.is(RscFlag.Orphan) && !active) continue;
    if (show & Show.RscsByNode) {
      if (active) continue;
    } else if (!partial && !(show & Show.InactiveRscs)) continue;
    else if (partial && !rsc.runningOn.some((n) => inList(n.uname, view.onlyNodes, true))) continue;
    list ??= element('resources');
    for (const c of resourceXml(rsc, view, show)) list.appendChild(c);
  }
  return list;
}
