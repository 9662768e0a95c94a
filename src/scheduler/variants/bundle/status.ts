/**
 * A bundle's status behaviour: replicas, each a container (docker, podman
 * or rkt), optionally an IP address, and, when the bundle holds a
 * primitive, a Pacemaker Remote connection making the container a guest
 * node that runs one instance of the primitive (an internal clone).
 */
import { XmlElement } from '../../../cib/xml/node.js';
import { RscFlag } from '../../model/flags.js';
import { Discover, type Node, NodeScore } from '../../model/node.js';
import type { Resource } from '../../model/resource.js';
import { Role } from '../../model/role.js';
import { createNode } from '../../unpack/nodes.js';
import { addNvpair, createRemoteXml, findResource, sanitizeId, unpackResource } from '../../unpack/resources.js';
import { parseLeadingInt, INFINITY } from '../../util/score.js';
import { parseBoolean } from '../../util/text.js';

const REMOTE_PORT = '3121';
const REMOTE_KEY = '/etc/pacemaker/authkey';
const BUNDLE_LOG_DIR = '/var/log/pacemaker/bundles';

export type ContainerAgent = 'docker' | 'rkt' | 'podman';

interface Mount {
  source: string;
  target: string;
  options?: string;
  /** The source is a root under which each replica has its own folder. */
  subdir: boolean;
}

interface Port {
  source: string;
  target: string;
}

export interface Replica {
  offset: number;
  ipaddr?: string;
  /** The bundled primitive's instance on this replica. */
  child: Resource | null;
  container: Resource;
  ip: Resource | null;
  remote: Resource | null;
  /** The guest node the replica's container provides. */
  node: Node | null;
}

export interface BundleData {
  prefix: string;
  agent: ContainerAgent;
  image: string | undefined;
  replicas: Replica[];
  nreplicas: number;
  replicasPerHost: number;
  promotedMax: number;
  /** The internal clone of the bundled primitive. */
  child: Resource | null;
}

export function bundleData(rsc: Resource): BundleData {
  return rsc.variantData as BundleData;
}

function count(value: string | undefined, min: number): number {
  return Math.max(min, parseLeadingInt(value) ?? min);
}

/** The address after this one (IPv4 only), or undefined past the range. */
function nextIp(last: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)/.exec(last);
  if (!m) return undefined;
  let [o1, o2, o3, o4] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (o3 > 253) return undefined;
  if (o4 > 253) {
    o3++;
    o4 = 1;
  } else o4++;
  return `${o1}.${o2}.${o3}.${o4}`;
}

function primitiveXml(id: string, provider: string, type: string): XmlElement {
  return new XmlElement('primitive', { id: sanitizeId(id), class: 'ocf', provider, type });
}

function opXml(parent: XmlElement, prefix: string, task: string, interval: string): void {
  parent.add('op', { id: sanitizeId(`${prefix}-${task}-${interval}`), interval, name: task });
}

interface Settings {
  prefix: string;
  agent: ContainerAgent;
  image: string | undefined;
  runCommand: string | undefined;
  options: string | undefined;
  network: string | undefined;
  ipRangeStart: string | undefined;
  hostNetmask: string | undefined;
  hostInterface: string | undefined;
  controlPort: string | undefined;
  addHost: boolean;
  ports: Port[];
  mounts: Mount[];
  /** Options the replicas' addresses add to every container's command line. */
  hostOptions: string;
}

/** The container's run options (the run_opts parameter). */
function runOptions(s: Settings, r: Plan): string {
  let o = '';
  const rkt = s.agent === 'rkt';
  if (s.agent === 'docker') o += ' --restart=no';
  if (s.ipRangeStart !== undefined) o += rkt ? ` --hostname=${s.prefix}-${r.offset}` : ` -h ${s.prefix}-${r.offset}`;
  o += rkt ? ' --environment=PCMK_stderr=1' : ' -e PCMK_stderr=1';
  if (s.network) o += ` --net=${s.network}`;
  o += rkt ? ` --environment=PCMK_remote_port=${s.controlPort ?? REMOTE_PORT}` : ` -e PCMK_remote_port=${s.controlPort ?? REMOTE_PORT}`;
  s.mounts.forEach((m, volume) => {
    const source = m.subdir ? `${m.source}/${s.prefix}-${r.offset}` : m.source;
    if (rkt) {
      o += ` --volume vol${volume},kind=host,source=${source}`;
      if (m.options) o += `,${m.options}`;
      o += ` --mount volume=vol${volume},target=${m.target}`;
    } else {
      o += ` -v ${source}:${m.target}`;
      if (m.options) o += `:${m.options}`;
    }
  });
  for (const p of s.ports) {
    if (rkt) o += r.ipaddr ? ` --port=${p.target}:${r.ipaddr}:${p.source}` : ` --port=${p.target}:${p.source}`;
    else if (r.ipaddr) o += ` -p ${r.ipaddr}:${p.source}:${p.target}`;
    else if (s.network?.toLowerCase() !== 'host') o += ` -p ${p.source}:${p.target}`;
  }
  if (s.options) o += ` ${s.options}`;
  // always appended, even empty (a trailing space, as Pacemaker writes it)
  o += ` ${s.hostOptions}`;
  return o;
}

function containerXml(s: Settings, r: Plan, withChild: boolean): XmlElement {
  const x = primitiveXml(`${s.prefix}-${s.agent}-${r.offset}`, 'heartbeat', s.agent);
  const attrs = x.add('instance_attributes', { id: sanitizeId(`${s.prefix}-attributes-${r.offset}`) });
  addNvpair(attrs, 'image', s.image ?? '');
  addNvpair(attrs, 'allow_pull', 'true');
  addNvpair(attrs, 'force_kill', 'false');
  addNvpair(attrs, 'reuse', 'false');
  addNvpair(attrs, 'run_opts', runOptions(s, r));
  const mountPoints = s.mounts.filter((m) => m.subdir).map((m) => `${m.source}/${s.prefix}-${r.offset}`);
  addNvpair(attrs, 'mount_points', mountPoints.join(','));
  if (withChild) addNvpair(attrs, 'run_cmd', s.runCommand ?? '/usr/sbin/pacemaker-remoted');
  else if (s.runCommand !== undefined) addNvpair(attrs, 'run_cmd', s.runCommand);
  addNvpair(attrs, 'monitor_cmd', '/bin/true');
  opXml(x.add('operations'), x.attrs['id']!, 'monitor', '60s');
  return x;
}

function ipXml(s: Settings, r: Plan): XmlElement {
  const x = primitiveXml(`${s.prefix}-ip-${r.ipaddr}`, 'heartbeat', 'IPaddr2');
  const attrs = x.add('instance_attributes', { id: sanitizeId(`${s.prefix}-attributes-${r.offset}`) });
  addNvpair(attrs, 'ip', r.ipaddr!);
  if (s.hostInterface !== undefined) addNvpair(attrs, 'nic', s.hostInterface);
  addNvpair(attrs, 'cidr_netmask', s.hostNetmask ?? '32');
  opXml(x.add('operations'), x.attrs['id']!, 'monitor', '60s');
  return x;
}

/** Sets a node's score to -INFINITY (never probed) in a resource's and its members' allowed nodes. */
function disallowNode(rsc: Resource, nodeId: string): void {
  const score = rsc.allowedNodes.get(nodeId);
  if (score) {
    score.weight = -INFINITY;
    score.discover = Discover.Never;
  }
  for (const c of rsc.children) disallowNode(c, nodeId);
}

function addRemote(bundle: Resource, s: Settings, r: Replica): boolean {
  const cluster = bundle.cluster;
  let id = `${s.prefix}-${r.offset}`;
  if (findResource(cluster.resources, id)) id = `pcmk-internal-${r.child!.id}-remote-${r.offset}`;
  // a connection without an address of its own goes to the bundle's host (nested remotes)
  const xml = createRemoteXml(new XmlElement('resources'), id, r.container.id, undefined, undefined, undefined, r.ipaddr ?? '#uname', s.controlPort ?? REMOTE_PORT);
  xml.remove();
  const uname = xml.attrs['id']!;
  let node = cluster.findNode(uname);
  if (!node) node = createNode(cluster, uname, uname, 'remote', '-INFINITY');
  else node.weight = -INFINITY;
  node.discover = Discover.Never;
  for (const other of cluster.resources) disallowNode(other, node.id);
  r.node = node;
  const own = new NodeScore(node, 500, false, Discover.Exclusive);
  r.child!.allowedNodes = new Map([[node.id, own.copy()]]);
  r.child!.parent!.allowedNodes.set(node.id, new NodeScore(node, -INFINITY, false, Discover.Exclusive));
  const remote = unpackResource(cluster, xml, bundle);
  if (!remote) return false;
  for (const score of remote.allowedNodes.values()) if (score.node.type === 'remote') score.weight = -INFINITY;
  node.remoteRsc = remote;
  remote.container = r.container;
  node.attrs.set('#kind', 'container');
  bundle.children.push(remote);
  r.remote = remote;
  return true;
}

function settingsOf(rsc: Resource): { settings: Settings; agentXml: XmlElement } | null {
  const agentXml = rsc.xml.firstElement('docker') ?? rsc.xml.firstElement('rkt') ?? rsc.xml.firstElement('podman');
  if (!agentXml) return null;
  const network = rsc.xml.firstElement('network');
  const settings: Settings = {
    prefix: rsc.id,
    agent: agentXml.name as ContainerAgent,
    image: agentXml.attrs['image'],
    runCommand: agentXml.attrs['run-command'],
    options: agentXml.attrs['options'],
    network: agentXml.attrs['network'],
    ipRangeStart: network?.attrs['ip-range-start'],
    hostNetmask: network?.attrs['host-netmask'],
    hostInterface: network?.attrs['host-interface'],
    controlPort: network?.attrs['control-port'],
    addHost: parseBoolean(network?.attrs['add-host']) ?? true,
    ports: [],
    mounts: [],
    hostOptions: '',
  };
  for (const p of network?.elements() ?? []) {
    const port = p.attrs['port'];
    const source = port ?? p.attrs['range'];
    if (source === undefined || source === '') {
      rsc.cluster.configError(`Invalid port directive ${p.attrs['id']}`);
      continue;
    }
    settings.ports.push({ source, target: (port !== undefined ? p.attrs['internal-port'] : undefined) ?? source });
  }
  for (const m of rsc.xml.firstElement('storage')?.elements() ?? []) {
    const dir = m.attrs['source-dir'];
    const source = dir ?? m.attrs['source-dir-root'];
    const target = m.attrs['target-dir'];
    if (source !== undefined && target !== undefined) {
      settings.mounts.push({ source, target, options: m.attrs['options'], subdir: dir === undefined });
    } else {
      rsc.cluster.configError(`Invalid mount directive ${m.attrs['id']}`);
    }
  }
  return { settings, agentXml };
}

/** The internal clone's configuration: the bundled primitive, one instance per replica. */
function childCloneXml(s: Settings, data: BundleData, primitive: XmlElement): XmlElement {
  const x = new XmlElement('clone', { id: sanitizeId(`${s.prefix}-${data.promotedMax ? 'master' : 'clone'}`) });
  const meta = x.add('meta_attributes', { id: sanitizeId(`${s.prefix}-clone-meta`) });
  addNvpair(meta, 'ordered', 'true');
  addNvpair(meta, 'clone-max', String(data.nreplicas));
  addNvpair(meta, 'clone-node-max', String(data.replicasPerHost));
  addNvpair(meta, 'globally-unique', String(data.replicasPerHost > 1));
  if (data.promotedMax) {
    addNvpair(meta, 'promotable', 'true');
    addNvpair(meta, 'promoted-max', String(data.promotedMax));
  }
  x.appendChild(primitive.clone());
  return x;
}

/** A replica before its resources are made. */
type Plan = Pick<Replica, 'offset' | 'child' | 'ipaddr'>;

function allocateIp(s: Settings, r: Plan, last: string | undefined): string | undefined {
  if (s.ipRangeStart === undefined) return undefined;
  r.ipaddr = last !== undefined ? nextIp(last) : s.ipRangeStart;
  if (s.agent === 'rkt' || !s.addHost) s.hostOptions += ` --hosts-entry=${r.ipaddr}=${s.prefix}-${r.offset}`;
  else s.hostOptions += ` --add-host=${s.prefix}-${r.offset}:${r.ipaddr}`;
  return r.ipaddr;
}

export function unpackBundle(rsc: Resource): boolean {
  const cluster = rsc.cluster;
  const parsed = settingsOf(rsc);
  if (!parsed) return false;
  const { settings: s, agentXml } = parsed;
  const promotedMax = count(agentXml.attrs['promoted-max'] ?? agentXml.attrs['masters'], 0);
  const replicasText = agentXml.attrs['replicas'];
  const data: BundleData = {
    prefix: s.prefix,
    agent: s.agent,
    image: s.image,
    replicas: [],
    nreplicas: replicasText === undefined && promotedMax > 0 ? promotedMax : count(replicasText, 1),
    replicasPerHost: count(agentXml.attrs['replicas-per-host'], 1),
    promotedMax,
    child: null,
  };
  rsc.variantData = data;
  if (data.replicasPerHost === 1) rsc.clear(RscFlag.Unique);
  const validNetwork = s.ipRangeStart !== undefined || s.controlPort !== undefined;
  if (s.ipRangeStart === undefined && s.controlPort !== undefined && data.replicasPerHost > 1) {
    cluster.configError(`Specifying the 'control-port' for ${s.prefix} requires 'replicas-per-host=1'`);
    data.replicasPerHost = 1;
  }
  const primitive = rsc.xml.firstElement('primitive');
  if (primitive && !validNetwork) {
    cluster.configError(`Cannot control ${rsc.id} inside ${primitive.attrs['id']} without either ip-range-start or control-port`);
    return false;
  }
  let last: string | undefined;
  const plans: Plan[] = [];
  if (primitive) {
    const child = unpackResource(cluster, childCloneXml(s, data, primitive), rsc);
    if (!child) {
      cluster.configError(`Failed unpacking resource ${rsc.id}`);
      return false;
    }
    data.child = child;
    s.mounts.push({ source: REMOTE_KEY, target: REMOTE_KEY, subdir: false });
    if (!s.mounts.some((m) => m.target === '/var/log')) s.mounts.push({ source: BUNDLE_LOG_DIR, target: '/var/log', subdir: true });
    s.ports.push({ source: s.controlPort ?? REMOTE_PORT, target: s.controlPort ?? REMOTE_PORT });
    child.children.forEach((instance, offset) => {
      instance.exclusiveDiscover = true;
      if (instance.is(RscFlag.Notify)) child.set(RscFlag.Notify);
      const plan: Plan = { offset, child: instance };
      last = allocateIp(s, plan, last) ?? last;
      plans.push(plan);
    });
    const target = plans.map((p) => p.child!.meta.get('container-attribute-target')).filter((t) => t !== undefined).pop();
    if (target !== undefined) {
      rsc.meta.set('container-attribute-target', target);
      child.meta.set('container-attribute-target', target);
    }
  } else {
    for (let offset = 0; offset < data.nreplicas; offset++) {
      const plan: Plan = { offset, child: null };
      last = allocateIp(s, plan, last) ?? last;
      plans.push(plan);
    }
  }
  for (const plan of plans) {
    const container = unpackResource(cluster, containerXml(s, plan, plan.child !== null), rsc);
    if (!container) return false;
    const r: Replica = { ...plan, container, ip: null, remote: null, node: null };
    data.replicas.push(r);
    rsc.children.push(container);
    if (r.ipaddr !== undefined) {
      const ip = unpackResource(cluster, ipXml(s, r), rsc);
      if (!ip) return false;
      r.ip = ip;
      rsc.children.push(ip);
    }
    if (r.child && validNetwork && !addRemote(rsc, s, r)) return false;
    if (r.child && r.ipaddr !== undefined && !r.child.meta.has('external-ip')) r.child.meta.set('external-ip', r.ipaddr);
    if (r.remote) r.remote.set(RscFlag.AllowRemoteRemotes);
    if (r.child) {
      // utilization configured on the bundled primitive applies to its container
      const empty = r.container.utilization;
      r.container.utilization = r.child.utilization;
      r.child.utilization = empty;
    }
  }
  if (data.child) rsc.children.push(data.child);
  return true;
}

/** One replica member's vote on the bundle's activity, or null to look further. */
function memberActive(rsc: Resource | null, all: boolean): boolean | null {
  if (!rsc) return null;
  const active = rsc.fns.active(rsc, all);
  if (active && !all) return true;
  if (!active && all) return false;
  return null;
}

export function bundleActive(rsc: Resource, all: boolean): boolean {
  for (const r of bundleData(rsc).replicas) {
    for (const m of [r.ip, r.child, r.container, r.remote]) {
      const v = memberActive(m, all);
      if (v !== null) return v;
    }
  }
  return all;
}

export function bundleState(): Role {
  return Role.Unknown;
}

export function countBundle(rsc: Resource): void {
  for (const r of bundleData(rsc).replicas) {
    for (const m of [r.ip, r.child, r.container, r.remote]) if (m) m.fns.count(m);
  }
}

/** The bundled primitive's instance on a guest node of the bundle (pe__find_bundle_replica). */
export function bundleReplicaOn(bundle: Resource, node: Node): Resource | null {
  return bundleData(bundle).replicas.find((r) => r.node === node)?.child ?? null;
}

/**
 * The bundled instance in the replica whose container this is, if the
 * replica's guest node is the given node (replica_for_container).
 */
export function bundledInstanceIn(bundle: Resource, container: Resource, node: Node | null): Resource | null {
  if (bundle.variant !== 'bundle' || node === null) return null;
  const r = bundleData(bundle).replicas.find((x) => x.child !== null && x.container === container && x.node === node);
  return r?.child ?? null;
}
