/**
 * A graph action as XML (create_graph_action): the element for its kind
 * (rsc_op, pseudo_event, crm_event), the resource it acts on, its
 * parameters and meta-attributes (sorted), and the nodes it takes down.
 */
import { XmlElement } from '../../cib/xml/node.js';
import { opKey } from '../actions/operation.js';
import type { Action } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { RscFlag } from '../model/flags.js';
import type { Node } from '../model/node.js';
import { currentNode } from '../model/resource.js';
import { notifyKey } from '../ordering/update.js';
import { Task, textToTask } from '../actions/tasks.js';
import { resourceParams } from '../unpack/resources.js';

export const CRM_FEATURE_SET = '3.16.1';

/** CRM_meta_ name of a meta-attribute. */
export function metaName(name: string): string {
  return 'CRM_meta_' + name.replace(/-/g, '_');
}

/** pcmk__connection_host_for_action: the cluster node that relays actions for a remote node. */
export function connectionHostForAction(action: Action): Node | null {
  let task = action.task;
  const node = action.node;
  if (task.toLowerCase() === 'stonith' || node === null || node.type !== 'remote') return null;
  const conn = node.remoteRsc!;
  const began = currentNode(conn);
  const ended = conn.allocatedTo?.node ?? null;
  const partial = conn.container === null && conn.partialMigrationTarget !== null;
  if (began === null) return ended;
  if (ended === null) return began;
  if (began === ended) return began;
  if (task.toLowerCase() === 'notify') task = action.meta.get('notify_operation') ?? task;
  if (['cancel', 'stop', 'demote', 'migrate_from', 'migrate_to'].includes(task.toLowerCase()) && !partial) return began;
  return ended;
}

function cloneOpKey(action: Action, intervalMs: number): string {
  const rsc = action.rsc!;
  if (action.task === 'notify') {
    return notifyKey(rsc.clone_name!, action.meta.get('notify_type') ?? '', action.meta.get('notify_operation') ?? '');
  }
  if (action.cancelTask !== null) return opKey(rsc.clone_name!, action.cancelTask, intervalMs);
  return opKey(rsc.clone_name!, action.task, intervalMs);
}

function addResourceDetails(action: Action, el: XmlElement): void {
  const rsc = action.rsc!;
  if (
    rsc.lockNode !== null &&
    action.node !== null &&
    action.node === rsc.lockNode &&
    !(action.node.shutdown && action.task !== 'stop')
  ) {
    el.setAttr('shutdown-lock', String(rsc.lockTime));
  }
  const r = new XmlElement(rsc.xml.name);
  if (rsc.is(RscFlag.Orphan) && rsc.clone_name !== null) {
    r.setAttr('id', rsc.clone_name);
    r.setAttr('long-id', rsc.id);
  } else if (!rsc.is(RscFlag.Unique)) {
    const xmlId = rsc.xml.attrs['id'] ?? '';
    r.setAttr('id', xmlId);
    r.setAttr('long-id', rsc.clone_name !== null && xmlId !== rsc.clone_name ? rsc.clone_name : rsc.id);
  } else {
    r.setAttr('id', rsc.id);
  }
  for (const name of ['class', 'provider', 'type']) {
    const v = rsc.meta.get(name);
    if (v !== undefined) r.setAttr(name, v);
  }
  el.appendChild(r);
}

function setIfAbsent(map: Map<string, string>, name: string, value: string): void {
  if (!map.has(name)) map.set(name, value);
}

function addMetaFields(from: Map<string, string>, into: Map<string, string>): void {
  for (const [k, v] of from) {
    if (k.includes('#') || k.includes(':')) continue;
    setIfAbsent(into, metaName(k), v);
  }
}

/**
 * Actions on a guest node tell the agent which cluster node hosts the guest
 * (the container's current node for actions that take things down, its next
 * node for those that bring them up) and where node attributes should go.
 */
function addGuestHostMeta(attrs: Map<string, string>, action: Action): void {
  const guest = action.node;
  if (guest === null || !guest.isGuest) return;
  let task = textToTask(action.task);
  if (task === Task.Notify || task === Task.Notified) task = textToTask(action.meta.get('notify_operation'));
  const container = guest.remoteRsc!.container!;
  let host: Node | null = null;
  switch (task) {
    case Task.Stop:
    case Task.Stopped:
    case Task.Demote:
    case Task.Demoted:
      host = currentNode(container);
      break;
    case Task.Start:
    case Task.Started:
    case Task.Monitor:
    case Task.Promote:
    case Task.Promoted:
      host = container.allocatedTo?.node ?? null;
      break;
    default:
      break;
  }
  if (host === null) return;
  const target = action.rsc!.meta.get('container-attribute-target');
  if (target !== undefined) attrs.set(metaName('container-attribute-target'), target);
  attrs.set(metaName('physical_host'), host.uname);
}

function addActionAttributes(action: Action, el: XmlElement): void {
  const attrs = new Map<string, string>();
  const params: [string, string][] = [];
  attrs.set('crm_feature_set', CRM_FEATURE_SET);
  for (const [k, v] of action.extra) setIfAbsent(attrs, k, v);
  const smart = (from: Map<string, string>) => {
    for (const [k, v] of from) {
      if (/^[0-9]/.test(k)) params.push([k, v]);
      else setIfAbsent(attrs, k, v);
    }
  };
  const rsc = action.rsc;
  if (rsc !== null && action.node !== null) {
    const p = new Map(resourceParams(rsc, action.node.uname, action.node.attrs));
    if (p.get('addr') === '#uname') {
      const base = resourceParams(rsc, null).get('addr');
      if (base !== undefined) p.set('addr', base);
    }
    smart(p);
  } else if (rsc !== null && rsc.variant === 'primitive') {
    smart(resourceParams(rsc, null));
  }
  addMetaFields(action.meta, attrs);
  if (rsc !== null) {
    for (let p: typeof rsc | null = rsc; p; p = p.parent) {
      const extra = new Map<string, string>();
      p.cmds.addGraphMeta(p, extra);
      for (const [k, v] of extra) attrs.set(k, v);
    }
    addGuestHostMeta(attrs, action);
  } else if (action.task === 'stonith' && action.node !== null) {
    addMetaFields(action.node.attrs, attrs);
  }
  const out = new XmlElement('attributes');
  for (const k of [...attrs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out.setAttr(k, attrs.get(k)!);
  for (const [k, v] of params) out.appendChild(new XmlElement('param', { name: k, value: v }));
  el.appendChild(out);
}

function addDownedNodes(cluster: Cluster, el: XmlElement, action: Action): void {
  const node = action.node!;
  const downed = (ids: string[]) => {
    const d = new XmlElement('downed');
    for (const id of ids) d.appendChild(new XmlElement('node', { id }));
    el.appendChild(d);
  };
  if (action.task.toLowerCase() === 'do_shutdown') {
    downed([node.id]);
  } else if (action.task.toLowerCase() === 'stonith') {
    const op = action.meta.get('stonith_action');
    if (op === 'reboot' || op === 'off' || op === 'poweroff') {
      const ids = [node.id];
      for (const rsc of node.runningRsc) {
        if (rsc.isRemoteNode && rsc.container !== null) {
          const guest = cluster.findNode(rsc.id);
          if (guest) ids.push(guest.id);
        }
      }
      downed(ids);
    }
  } else if (action.rsc !== null && action.rsc.isRemoteNode && action.task.toLowerCase() === 'stop') {
    let migrating = false;
    for (const input of action.before) {
      const a = input.action;
      if (a.rsc !== null && a.rsc.id.toLowerCase() === action.rsc.id.toLowerCase() && a.task.toLowerCase() === 'migrate_from') {
        migrating = true;
        break;
      }
    }
    if (!migrating) downed([action.rsc.id]);
  }
}

/** Whether any remote node's maintenance state changes (for the maintenance_nodes pseudo-action). */
function addMaintenanceNodes(cluster: Cluster, el: XmlElement): void {
  const m = new XmlElement('maintenance');
  for (const node of cluster.nodes) {
    if (node.type !== 'remote') continue;
    if (node.maintenance !== (node.remoteMaintenance !== 0)) {
      m.appendChild(new XmlElement('node', { id: node.id, node_in_maintenance: node.maintenance ? '1' : '0' }));
    }
  }
  el.appendChild(m);
}

/** create_graph_action; `skipDetails` for inputs (only the identifying attributes). */
export function createGraphActionXml(cluster: Cluster, action: Action, skipDetails: boolean): XmlElement {
  let needsNodeInfo = true;
  let needsMaintenance = false;
  let el: XmlElement;
  const task = action.task;
  if (task.toLowerCase() === 'stonith') {
    el = new XmlElement(action.pseudo ? 'pseudo_event' : 'crm_event');
  } else if (task.toLowerCase() === 'do_shutdown' || task.toLowerCase() === 'clear_failcount') {
    el = new XmlElement('crm_event');
  } else if (task === 'lrm_delete') {
    el = new XmlElement('crm_event');
    el.setAttr('mode', 'cib');
  } else if (action.pseudo) {
    if (task === 'maintenance_nodes') needsMaintenance = true;
    el = new XmlElement('pseudo_event');
    needsNodeInfo = false;
  } else {
    el = new XmlElement('rsc_op');
  }
  el.setAttr('id', String(action.id));
  el.setAttr('operation', task);
  if (action.rsc !== null && action.rsc.clone_name !== null) {
    const interval = Number(action.meta.get('interval') ?? '0') || 0;
    el.setAttr('operation_key', cloneOpKey(action, interval));
    el.setAttr('internal_operation_key', action.uuid);
  } else {
    el.setAttr('operation_key', action.uuid);
  }
  if (needsNodeInfo && action.node !== null) {
    const router = connectionHostForAction(action);
    el.setAttr('on_node', action.node.uname);
    el.setAttr('on_node_uuid', action.node.id);
    if (router !== null) el.setAttr('router_node', router.uname);
    action.meta.set('on_node', action.node.uname);
    action.meta.set('on_node_uuid', action.node.id);
  }
  if (skipDetails) return el;
  if (action.rsc !== null && !action.pseudo) addResourceDetails(action, el);
  addActionAttributes(action, el);
  if (needsNodeInfo && action.node !== null) addDownedNodes(cluster, el, action);
  if (needsMaintenance) addMaintenanceNodes(cluster, el);
  return el;
}

