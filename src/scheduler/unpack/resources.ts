/**
 * The resources section: templates, meta-attributes with their inheritance,
 * resource options (stickiness, failure handling, requires...), and the
 * remote and guest nodes that resources define.
 */
import { XmlElement } from '../../cib/xml/node.js';
import type { Cluster } from '../model/cluster.js';
import { RscFlag } from '../model/flags.js';
import { Recovery, Resource, type Variant, isClone } from '../model/resource.js';
import { Role, parseRole } from '../model/role.js';
import { resourceLocation } from '../placement/resource-location.js';
import { glibSort } from '../util/glib.js';
import { parseInterval } from '../util/interval.js';
import { INFINITY, parseScore } from '../util/score.js';
import { isTrue } from '../util/text.js';
import { methodsFor } from '../variants/registry.js';
import { createNode, handleStartupFencing } from './nodes.js';
import { unpackSets } from './sets.js';

/** Agent standards' capabilities (pcmk_get_ra_caps). */
export const RaCap = {
  Provider: 0x1,
  Status: 0x2,
  Params: 0x4,
  Unique: 0x8,
  Promotable: 0x10,
  Stdin: 0x20,
  FenceParams: 0x40,
} as const;

export function raCaps(standard: string | undefined): number {
  switch (standard?.toLowerCase()) {
    case undefined:
      return 0;
    case 'ocf':
      return RaCap.Provider | RaCap.Params | RaCap.Unique | RaCap.Promotable;
    case 'stonith':
      return RaCap.Params | RaCap.Unique | RaCap.Stdin | RaCap.FenceParams;
    case 'systemd':
    case 'service':
    case 'lsb':
    case 'upstart':
      return RaCap.Status;
    case 'nagios':
      return RaCap.Params;
    default:
      return 0;
  }
}

/** An ocf:pacemaker:remote primitive defines a remote node. */
export function isRemoteConnectionXml(xml: XmlElement | null | undefined): boolean {
  if (!xml) return false;
  return (
    xml.attrs['type']?.toLowerCase() === 'remote' &&
    xml.attrs['class']?.toLowerCase() === 'ocf' &&
    xml.attrs['provider']?.toLowerCase() === 'pacemaker'
  );
}

function variantOf(name: string): Variant | null {
  switch (name.toLowerCase()) {
    case 'primitive':
      return 'primitive';
    case 'group':
      return 'group';
    case 'clone':
    case 'master':
      return 'clone';
    case 'bundle':
      return 'bundle';
    default:
      return null;
  }
}

export function sanitizeId(id: string): string {
  return id.replace(/[:#]/g, '.');
}

export function addNvpair(parent: XmlElement, name: string, value: string): void {
  parent.add('nvpair', { id: sanitizeId(`${parent.attrs['id'] ?? 'nvpair'}-${name}`), name, value });
}

/** The connection resource a guest node's meta-attributes call for (pe_create_remote_xml). */
export function createRemoteXml(
  parent: XmlElement,
  uname: string,
  containerId: string | undefined,
  migrateable: string | undefined,
  managed: string | undefined,
  startTimeout: string | undefined,
  server: string | undefined,
  port: string | undefined,
): XmlElement {
  const remote = parent.add('primitive', { id: uname, class: 'ocf', provider: 'pacemaker', type: 'remote' });
  const meta = remote.add('meta_attributes', { id: sanitizeId(`${uname}-meta_attributes`) });
  addNvpair(meta, 'internal_rsc', 'true');
  if (containerId !== undefined) addNvpair(meta, 'container', containerId);
  if (migrateable !== undefined) addNvpair(meta, 'allow-migrate', migrateable);
  if (managed !== undefined) addNvpair(meta, 'is-managed', managed);
  if (port !== undefined || server !== undefined) {
    const inst = remote.add('instance_attributes', { id: sanitizeId(`${uname}-instance_attributes`) });
    if (server !== undefined) addNvpair(inst, 'addr', server);
    if (port !== undefined) addNvpair(inst, 'port', port);
  }
  const ops = remote.add('operations');
  const op = (task: string, interval: string, timeout: string) =>
    ops.add('op', { id: sanitizeId(`${uname}-${task}-${interval}`), interval, name: task, timeout });
  op('monitor', '30s', '30s');
  if (startTimeout !== undefined) op('start', '0', startTimeout);
  return remote;
}

/** A guest node's connection, from "remote-node" meta-attributes. */
function expandRemoteMeta(cluster: Cluster, xml: XmlElement, parent: XmlElement): string | null {
  let name: string | undefined;
  let server: string | undefined;
  let port: string | undefined;
  let timeout: string | undefined = '60s';
  let migrate: string | undefined;
  let managed: string | undefined;
  for (const set of xml.elements()) {
    if (set.name.toLowerCase() !== 'meta_attributes') continue;
    for (const attr of set.elements()) {
      const value = attr.attrs['value'];
      switch (attr.attrs['name']?.toLowerCase()) {
        case 'remote-node':
          name = value;
          break;
        case 'remote-addr':
          server = value;
          break;
        case 'remote-port':
          port = value;
          break;
        case 'remote-connect-timeout':
          timeout = value;
          break;
        case 'remote-allow-migrate':
          migrate = value;
          break;
        case 'is-managed':
          managed = value;
          break;
      }
    }
  }
  if (name === undefined) return null;
  if (findResource(cluster.resources, name)) return null;
  createRemoteXml(parent, name, xml.attrs['id'], migrate, managed, timeout, server, port);
  return name;
}

/**
 * Remote and guest nodes that resources define, before resources are
 * unpacked. Returns the connection resources that guest nodes imply, to be
 * unpacked after the configured ones; they are kept out of the input
 * document, which callers may go on using.
 */
export function unpackRemoteNodes(cluster: Cluster, section: XmlElement | undefined): XmlElement[] {
  const generated = new XmlElement('resources');
  if (!section) return [];
  for (const xml of section.elements()) {
    if (isRemoteConnectionXml(xml)) {
      const id = xml.attrs['id'];
      if (id !== undefined && !cluster.findNode(id)) createNode(cluster, id, id, 'remote', undefined);
      continue;
    }
    if (xml.name === 'primitive') {
      const id = expandRemoteMeta(cluster, xml, generated);
      if (id !== null && !cluster.findNode(id)) createNode(cluster, id, id, 'remote', undefined);
      continue;
    }
    if (xml.name === 'group') {
      for (const member of xml.elements()) {
        const id = expandRemoteMeta(cluster, member, generated);
        if (id !== null && !cluster.findNode(id)) createNode(cluster, id, id, 'remote', undefined);
      }
    }
  }
  return generated.elements();
}

function templateOpKey(op: XmlElement): string {
  let role = op.attrs['role'];
  if (role === undefined || ['started', 'unpromoted', 'slave'].includes(role.toLowerCase())) role = 'Unknown';
  return `${op.attrs['name']}-${role}`;
}

/** The configuration with its template merged in (unpack_template); null on error. */
function expandTemplate(cluster: Cluster, xml: XmlElement): XmlElement | null | undefined {
  const ref = xml.attrs['template'];
  if (ref === undefined) return undefined;
  const id = xml.attrs['id']!;
  if (ref === id) {
    cluster.configError(`The resource object '${id}' should not reference itself`);
    return null;
  }
  const resources = cluster.input.firstElement('configuration')?.firstElement('resources');
  const template = resources?.elements('template').find((t) => t.attrs['id'] === ref);
  if (!template) {
    cluster.configError(`No template named '${ref}'`);
    return null;
  }
  const expanded = new XmlElement(xml.name, template.attrs);
  for (const c of template.children) expanded.appendChild(c.kind === 'element' ? c.clone() : { ...c, parent: null });
  expanded.attrs['id'] = id;
  const clone = xml.attrs['clone'];
  if (clone !== undefined) expanded.attrs['clone'] = clone;
  const templateOps = expanded.firstElement('operations');
  let rscOps: XmlElement | undefined;
  for (const c of xml.elements()) {
    const copy = expanded.appendChild(c.clone());
    if (copy.name === 'operations') rscOps = copy;
  }
  if (templateOps && rscOps) {
    const have = new Set(rscOps.elements().map(templateOpKey));
    for (const op of templateOps.elements()) if (!have.has(templateOpKey(op))) rscOps.appendChild(op.clone());
    templateOps.remove();
  }
  return expanded;
}

function addIfAbsent(map: Map<string, string>, name: string, value: string | undefined): void {
  if (value === undefined || value === '#default') return;
  if (!map.has(name)) map.set(name, value);
}

/** Meta-attributes with inheritance from parents and defaults (get_meta_attributes). */
function unpackMeta(cluster: Cluster, rsc: Resource): void {
  const rule = { rsc: { standard: rsc.standard, provider: rsc.provider, agent: rsc.agentType } };
  for (const [k, v] of Object.entries(rsc.xml.attrs)) addIfAbsent(rsc.meta, k, v);
  unpackSets(cluster, rsc.xml, 'meta_attributes', rsc.meta, { rule });
  if (rsc.parent) {
    const fromParents = new Map<string, string>();
    for (let p: Resource | null = rsc.parent; p; p = p.parent) {
      unpackSets(cluster, p.xml, 'meta_attributes', fromParents, { rule });
    }
    for (const [k, v] of fromParents) addIfAbsent(rsc.meta, k, v);
  }
  unpackSets(cluster, cluster.rscDefaults, 'meta_attributes', rsc.meta, { rule });
  if (rsc.parent) for (const [k, v] of rsc.parent.meta) addIfAbsent(rsc.meta, k, v);
}

/** Instance parameters for a node (pe_rsc_params), cached per node name. */
export function resourceParams(rsc: Resource, nodeName: string | null, nodeAttrs?: Map<string, string>): Map<string, string> {
  const key = nodeName ?? '';
  let params = rsc.parameterCache.get(key);
  if (!params) {
    params = new Map();
    collectParams(rsc, params, nodeAttrs);
    rsc.parameterCache.set(key, params);
  }
  return params;
}

function collectParams(rsc: Resource, into: Map<string, string>, nodeAttrs?: Map<string, string>): void {
  const rule = { nodeAttrs };
  unpackSets(rsc.cluster, rsc.xml, 'instance_attributes', into, { rule });
  if (rsc.parent) collectParams(rsc.parent, into, nodeAttrs);
  else unpackSets(rsc.cluster, rsc.cluster.rscDefaults, 'instance_attributes', into, { rule });
}

function unpackRequires(cluster: Cluster, rsc: Resource, value: string | undefined): void {
  const v = value?.toLowerCase();
  if (v === 'nothing') return;
  if (v === 'quorum') {
    rsc.set(RscFlag.NeedsQuorum);
    return;
  }
  if (v === 'fencing') {
    rsc.set(RscFlag.NeedsFencing);
    if (!cluster.stonithEnabled) cluster.configWarning(`${rsc.id} requires fencing but fencing is disabled`);
    return;
  }
  if (v === 'unfencing') {
    if (rsc.is(RscFlag.FenceDevice)) {
      cluster.configWarning(
        `Resetting "requires" for ${rsc.id} to "quorum" because fencing devices cannot require unfencing`,
      );
      unpackRequires(cluster, rsc, 'quorum');
    } else if (!cluster.stonithEnabled) {
      cluster.configWarning(`Resetting "requires" for ${rsc.id} to "quorum" because fencing is disabled`);
      unpackRequires(cluster, rsc, 'quorum');
    } else {
      rsc.set(RscFlag.NeedsFencing | RscFlag.NeedsUnfencing);
    }
    return;
  }
  let def: string;
  if (rsc.is(RscFlag.FenceDevice)) def = 'quorum';
  else if (rsc.variant === 'primitive' && isRemoteConnectionXml(rsc.xml)) def = 'quorum';
  else if (cluster.enableUnfencing) def = 'unfencing';
  else if (cluster.stonithEnabled) def = 'fencing';
  else if (cluster.noQuorumPolicy === 2 /* ignore */) def = 'nothing';
  else def = 'quorum';
  if (value !== undefined) {
    cluster.configError(`Resetting 'requires' for ${rsc.id} to '${def}' because '${value}' is not valid`);
  }
  unpackRequires(cluster, rsc, def);
}

/** The target-role meta-attribute, when it restricts the resource (get_target_role). */
export function targetRole(rsc: Resource): Role | null {
  const value = rsc.meta.get('target-role');
  if (value === undefined || value.toLowerCase() === 'started' || value.toLowerCase() === 'default') return null;
  const role = parseRole(value);
  if (role === Role.Unknown) {
    rsc.cluster.configError(`Ignoring 'target-role' for ${rsc.id} because '${value}' is not valid`);
    return null;
  }
  if (role > Role.Started) {
    if (rsc.top.is(RscFlag.Promotable)) {
      if (role > Role.Unpromoted) return null;
    } else {
      rsc.cluster.configError(
        `Ignoring 'target-role' for ${rsc.id} because '${value}' only makes sense for promotable clones`,
      );
      return null;
    }
  }
  return role;
}

/** pe__unpack_resource: one resource (and its members) from its XML; null if invalid. */
export function unpackResource(cluster: Cluster, xmlIn: XmlElement, parent: Resource | null): Resource | null {
  const id = xmlIn.attrs['id'];
  if (id === undefined) {
    cluster.configError(`Ignoring <${xmlIn.name}> configuration without id`);
    return null;
  }
  const expanded = expandTemplate(cluster, xmlIn);
  if (expanded === null) return null;
  const xml = expanded ?? xmlIn;
  const variant = variantOf(xml.name);
  if (variant === null) {
    cluster.configError(`Ignoring resource '${id}' of unknown type '${xml.name}'`);
    return null;
  }
  const incarnation = xml.attrs['clone'];
  const rsc = new Resource(incarnation !== undefined ? `${id}:${incarnation}` : id, xml, variant, cluster);
  const methods = methodsFor(variant);
  rsc.fns = methods.fns;
  rsc.cmds = methods.cmds;
  if (expanded) rsc.origXml = xmlIn;
  rsc.parent = parent;
  const ops = xml.firstElement('operations');
  rsc.opsXml = ops ? (cluster.ids.expand(ops) ?? null) : null;
  if (incarnation !== undefined) addIfAbsent(rsc.meta, 'clone', incarnation);

  unpackMeta(cluster, rsc);
  rsc.set(RscFlag.Runnable | RscFlag.Provisional);
  if (!cluster.maintenanceMode) rsc.set(RscFlag.Managed);
  rsc.role = Role.Stopped;
  rsc.nextRole = Role.Unknown;
  rsc.priority = parseScore(rsc.meta.get('priority'));
  const critical = rsc.meta.get('critical');
  if (critical === undefined || isTrue(critical)) rsc.set(RscFlag.Critical);
  if (isTrue(rsc.meta.get('notify'))) rsc.set(RscFlag.Notify);

  let guestNode = false;
  let remoteNode = false;
  if (isRemoteConnectionXml(xml)) {
    rsc.isRemoteNode = true;
    if (rsc.meta.get('container') !== undefined) guestNode = true;
    else remoteNode = true;
  }
  const migrate = rsc.meta.get('allow-migrate');
  if (isTrue(migrate) || (migrate === undefined && remoteNode)) rsc.set(RscFlag.AllowMigrate);
  const managed = rsc.meta.get('is-managed');
  if (managed !== undefined && managed.toLowerCase() !== 'default') {
    if (isTrue(managed)) rsc.set(RscFlag.Managed);
    else rsc.clear(RscFlag.Managed);
  }
  if (isTrue(rsc.meta.get('maintenance')) || cluster.maintenanceMode) {
    rsc.clear(RscFlag.Managed);
    rsc.set(RscFlag.Maintenance);
  }
  if (isClone(rsc.top)) {
    if (isTrue(rsc.meta.get('globally-unique'))) rsc.set(RscFlag.Unique);
    if (isTrue(rsc.meta.get('promotable')) || xml.name.toLowerCase() === 'master') {
      if (xml.name.toLowerCase() === 'master') rsc.meta.set('promotable', 'true');
      rsc.set(RscFlag.Promotable);
    }
  } else {
    rsc.set(RscFlag.Unique);
  }
  if (rsc.meta.get('restart-type')?.toLowerCase() === 'restart') {
    rsc.restartTypeRestart = true;
    cluster.configWarning('Support for restart-type is deprecated and will be removed in a future release');
  }
  switch (rsc.meta.get('multiple-active')?.toLowerCase()) {
    case 'stop_only':
      rsc.recovery = Recovery.StopOnly;
      break;
    case 'block':
      rsc.recovery = Recovery.Block;
      break;
    case 'stop_unexpected':
      rsc.recovery = Recovery.StopUnexpected;
      break;
    default:
      rsc.recovery = Recovery.StopStart;
  }
  const stickiness = rsc.meta.get('resource-stickiness');
  if (stickiness !== undefined && stickiness.toLowerCase() !== 'default') rsc.stickiness = parseScore(stickiness);
  const threshold = rsc.meta.get('migration-threshold');
  if (threshold !== undefined && threshold.toLowerCase() !== 'default') {
    rsc.migrationThreshold = parseScore(threshold);
    if (rsc.migrationThreshold < 0) rsc.migrationThreshold = 1;
  }
  if (rsc.standard?.toLowerCase() === 'stonith') {
    cluster.haveStonithResource = true;
    rsc.set(RscFlag.FenceDevice);
  }
  unpackRequires(cluster, rsc, rsc.meta.get('requires'));
  const failureTimeout = rsc.meta.get('failure-timeout');
  if (failureTimeout !== undefined) rsc.failureTimeout = Math.trunc(parseInterval(failureTimeout) / 1000);
  if (remoteNode) {
    const reconnect = resourceParams(rsc, null).get('reconnect_interval');
    if (reconnect !== undefined) {
      rsc.remoteReconnectMs = parseInterval(reconnect);
      rsc.failureTimeout = Math.trunc(rsc.remoteReconnectMs / 1000);
    }
  }
  const target = targetRole(rsc);
  if (target !== null) rsc.nextRole = target;

  if (!rsc.fns.unpack(rsc)) return null;

  if (cluster.symmetric) resourceLocation(rsc, null, 0, 'symmetric_default', cluster);
  else if (guestNode) resourceLocation(rsc, null, 0, 'remote_connection_default', cluster);

  unpackSets(cluster, rsc.xml, 'utilization', rsc.utilization);
  if (expanded) addTagRef(cluster.templateRscSets, xmlIn.attrs['template']!, id);
  return rsc;
}

export function addTagRef(table: Map<string, { id: string; refs: string[] } | null>, tag: string, ref: string): void {
  let entry = table.get(tag);
  if (!entry) {
    entry = { id: tag, refs: [] };
    table.set(tag, entry);
  }
  if (!entry.refs.includes(ref)) entry.refs.push(ref);
}

/** Links guest resources to their containers (setup_container). */
function setupContainer(cluster: Cluster, rsc: Resource): void {
  if (rsc.children.length > 0) {
    for (const c of rsc.children) setupContainer(cluster, c);
    return;
  }
  const containerId = rsc.meta.get('container');
  if (containerId !== undefined && containerId.toLowerCase() !== rsc.id.toLowerCase()) {
    const container = lookupResource(cluster, containerId);
    if (container) {
      rsc.container = container;
      container.set(RscFlag.IsContainer);
      container.fillers.push(rsc);
    } else {
      cluster.configError(`Resource ${rsc.id}: Unknown resource container (${containerId})`);
    }
  }
}

/** Connects a remote connection resource to its node (link_rsc2remotenode). */
export function linkRemoteNode(cluster: Cluster, rsc: Resource): void {
  if (!rsc.isRemoteNode) return;
  const node = cluster.findNode(rsc.id);
  if (!node) return;
  node.remoteRsc = rsc;
  if (rsc.container === null) handleStartupFencing(cluster, node);
  else node.attrs.set('#kind', 'container');
}

export function unpackResources(cluster: Cluster, section: XmlElement | undefined, generated: XmlElement[] = []): void {
  if (section) {
    for (const xml of [...section.elements(), ...generated]) {
      const id = xml.attrs['id'];
      if (!id) {
        cluster.configError(`Ignoring <${xml.name}> resource without ID`);
        continue;
      }
      if (xml.name === 'template') {
        if (!cluster.templateRscSets.has(id)) cluster.templateRscSets.set(id, null);
        continue;
      }
      const rsc = unpackResource(cluster, xml, null);
      if (rsc) {
        cluster.resources.push(rsc);
        indexResource(cluster, rsc);
      }
      else cluster.configError(`Ignoring <${xml.name}> resource '${id}' because configuration is invalid`);
    }
  }
  for (const rsc of cluster.resources) {
    setupContainer(cluster, rsc);
    linkRemoteNode(cluster, rsc);
  }
  cluster.resources = glibSort(cluster.resources, (a, b) => (a.priority > b.priority ? -1 : a.priority < b.priority ? 1 : 0));
  if (cluster.stonithEnabled && !cluster.haveStonithResource) {
    cluster.configError('Resource start-up disabled since no STONITH resources have been defined', 'unpack_resources');
    cluster.configError('Either configure some or disable STONITH with the stonith-enabled option', 'unpack_resources');
    cluster.configError('NOTE: Clusters with shared data need STONITH to ensure data integrity', 'unpack_resources');
  }
}

/** pe_find_resource: by id (or history name) among these resources and their members. */
export function findResource(list: Resource[], id: string): Resource | undefined {
  for (const r of list) {
    const found = findInResource(r, id, Find.Renamed);
    if (found) return found;
  }
  return undefined;
}

/**
 * pe_find_resource over the whole cluster: the first resource, in order,
 * with that id or history name (through the index when no history uses it).
 */
export function lookupResource(cluster: Cluster, id: string): Resource | undefined {
  return cluster.historyNames.has(id) ? findResource(cluster.resources, id) : cluster.resourceIndex.get(id);
}

/** Indexes a resource and its members by id. */
export function indexResource(cluster: Cluster, rsc: Resource): void {
  if (!cluster.resourceIndex.has(rsc.id)) cluster.resourceIndex.set(rsc.id, rsc);
  for (const c of rsc.children) indexResource(cluster, c);
}

export const Find = { Renamed: 0x1, Anon: 0x2, Clone: 0x4, Current: 0x8, Inactive: 0x10, Any: 0x20 } as const;

/** native_find_rsc without a node: this resource or a member with that id. */
export function findInResource(rsc: Resource, id: string, flags: number): Resource | undefined {
  let match = false;
  if (flags & Find.Clone) {
    const rid = rsc.xml.attrs['id'];
    match = isClone(rsc.top) && (id === rsc.id || id === rid);
  } else if (id === rsc.id) match = true;
  else if (flags & Find.Renamed && rsc.clone_name === id) match = true;
  else if (flags & Find.Any || (flags & Find.Anon && !rsc.is(RscFlag.Unique))) match = baseNameEquals(rsc, id);
  if (match) return rsc;
  for (const c of rsc.children) {
    const r = findInResource(c, id, flags);
    if (r) return r;
  }
  return undefined;
}

/** Whether an id names this resource, ignoring any instance number. */
function baseNameEquals(rsc: Resource, id: string): boolean {
  const base = cloneStrip(rsc.id);
  return base === id;
}

/** An id without its ":N" instance suffix. */
export function cloneStrip(id: string): string {
  const m = /^(.*?):\d+$/.exec(id);
  return m && m[1] !== '' ? m[1]! : id;
}

/** The ":0" instance name of an id. */
export function cloneZero(id: string): string {
  return `${cloneStrip(id)}:0`;
}

export function resourceIsDisabled(rsc: Resource): boolean {
  const target = rsc.meta.get('target-role');
  if (target === undefined) return false;
  const role = parseRole(target);
  return role === Role.Stopped || (role === Role.Unpromoted && rsc.top.is(RscFlag.Promotable));
}

export { INFINITY };
