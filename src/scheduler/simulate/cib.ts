/**
 * Edits to a CIB that crm_simulate makes: node states, resource history
 * entries, transient attributes. They work on the XML directly, as the
 * file-backed CIB crm_simulate uses would.
 */
import { XmlElement } from '../../cib/xml/node.js';
import { operationDigest } from '../../cib/digest.js';
import { filterForDigest } from '../unpack/digests.js';
import { opKey } from '../actions/operation.js';

export const FAKE_TE_ID = 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx';

export function statusSection(cib: XmlElement): XmlElement {
  let status = cib.firstElement('status');
  if (!status) status = cib.add('status');
  return status;
}

/** Elements named `tag` below `root` by the value of `attr`, in document order. */
function indexBy(root: XmlElement, tag: string, attr: string): Map<string, XmlElement[]> {
  const index = new Map<string, XmlElement[]>();
  for (const el of root.walk()) {
    if (el.name !== tag) continue;
    const value = el.attrs[attr];
    if (value === undefined) continue;
    const l = index.get(value);
    if (l) l.push(el);
    else index.set(value, [el]);
  }
  return index;
}

/** Node states by name, per CIB, built on first use and kept up to date by injectNode. */
const stateIndex = new WeakMap<XmlElement, Map<string, XmlElement[]>>();

function statesByName(cib: XmlElement): Map<string, XmlElement[]> {
  let index = stateIndex.get(cib);
  if (!index) stateIndex.set(cib, (index = indexBy(cib, 'node_state', 'uname')));
  return index;
}

/** "//node_state[@uname='X']" */
export function nodeStates(cib: XmlElement, uname: string): XmlElement[] {
  return statesByName(cib).get(uname) ?? [];
}

/** History entries (lrm_resource) by id, per node state; dropped when the state's history is removed. */
const historyIndex = new WeakMap<XmlElement, Map<string, XmlElement[]>>();

function historyById(state: XmlElement): Map<string, XmlElement[]> {
  let index = historyIndex.get(state);
  if (!index) historyIndex.set(state, (index = indexBy(state, 'lrm_resource', 'id')));
  return index;
}

/** query_node_uuid: a node's id from the configuration (or its name, for remote nodes). */
export function queryNodeUuid(cib: XmlElement, uname: string): string | undefined {
  const lower = uname.toLowerCase();
  const config = cib.firstElement('configuration');
  for (const node of config?.firstElement('nodes')?.elements('node') ?? []) {
    if ((node.attrs['uname'] ?? '').toLowerCase() === lower) {
      return node.attrs['type']?.toLowerCase() === 'remote' ? node.attrs['uname'] : node.attrs['id'];
    }
  }
  const resources = config?.firstElement('resources');
  for (const rsc of resources?.elements('primitive') ?? []) {
    if (
      rsc.attrs['class'] === 'ocf' &&
      rsc.attrs['provider'] === 'pacemaker' &&
      rsc.attrs['type'] === 'remote' &&
      (rsc.attrs['id'] ?? '').toLowerCase() === lower
    ) {
      return rsc.attrs['id'];
    }
  }
  for (const rsc of resources?.elements('primitive') ?? []) {
    for (const meta of rsc.elements('meta_attributes')) {
      for (const nv of meta.elements('nvpair')) {
        if (nv.attrs['name'] === 'remote-node' && (nv.attrs['value'] ?? '').toLowerCase() === lower) return nv.attrs['value'];
      }
    }
  }
  for (const state of statusSection(cib).elements('node_state')) {
    if (state.attrs['remote_node'] === 'true' && (state.attrs['id'] ?? '').toLowerCase() === lower) return state.attrs['uname'];
  }
  return undefined;
}

/** pcmk__inject_node: the node's state entry, created if missing. */
export function injectNode(cib: XmlElement, uname: string, uuid: string | null): XmlElement {
  const found = nodeStates(cib, uname);
  if (found.length > 1) throw new Error(`Detected multiple node_state entries for xpath=//node_state[@uname='${uname}'], bailing`);
  if (found.length === 1) return found[0]!;
  const state = new XmlElement('node_state');
  const id = uuid ?? queryNodeUuid(cib, uname);
  if (id !== undefined) state.setAttr('id', id);
  state.setAttr('uname', uname);
  statusSection(cib).appendChild(state);
  const index = statesByName(cib);
  index.set(uname, [state]);
  return state;
}

/** pcmk__inject_node_state_change */
export function injectNodeStateChange(cib: XmlElement, uname: string, up: boolean): XmlElement {
  const state = injectNode(cib, uname, null);
  if (up) {
    state.setAttr('in_ccm', 'true');
    state.setAttr('crmd', 'online');
    state.setAttr('join', 'member');
    state.setAttr('expected', 'member');
  } else {
    state.setAttr('in_ccm', 'false');
    state.setAttr('crmd', 'offline');
    state.setAttr('join', 'down');
    state.setAttr('expected', 'down');
  }
  state.setAttr('crm-debug-origin', 'crm_simulate');
  return state;
}

/** Removes the first match of //node_state[@uname='X']/<child>. */
export function removeNodeChild(cib: XmlElement, uname: string, child: string): void {
  for (const state of nodeStates(cib, uname)) {
    const el = state.firstElement(child);
    if (el) {
      el.remove();
      historyIndex.delete(state);
      return;
    }
  }
}

/** Adds a transient attribute to a node's state (expanding "value++"). */
export function injectTransientAttr(state: XmlElement, name: string, value: string, say: (line: string) => void): void {
  // Pacemaker edits a copy of the node state taken by a query, which libxml2 names by itself
  say(`Injecting attribute ${name}=${value} into /${state.name} '${state.attrs['id'] ?? ''}'`);
  const id = state.attrs['id'] ?? '';
  let attrs = state.firstElement('transient_attributes');
  if (!attrs) attrs = state.add('transient_attributes', { id });
  let set = attrs.firstElement('instance_attributes');
  if (!set) set = attrs.add('instance_attributes', { id });
  let stored = value;
  const old = set.elements('nvpair').find((nv) => nv.attrs['name'] === name);
  if (value === 'value++') {
    const n = Number.parseInt(old?.attrs['value'] ?? '0', 10);
    stored = String((Number.isNaN(n) ? 0 : n) + 1);
  }
  const nvId = `${id}-${name}`.replace(/[^a-zA-Z0-9_.-]/g, '.');
  if (old) old.setAttr('value', stored);
  else set.add('nvpair', { id: nvId, name, value: stored });
}

/** pcmk__inject_failcount */
export function injectFailcount(
  state: XmlElement,
  rsc: string,
  task: string,
  intervalMs: number,
  rc: number,
  now: number,
  say: (line: string) => void,
): void {
  if (rc === 0) return;
  if (rc === 7 && intervalMs === 0) return;
  injectTransientAttr(state, `fail-count-${rsc}#${task}_${intervalMs}`, 'value++', say);
  injectTransientAttr(state, `last-failure-${rsc}#${task}_${intervalMs}`, String(Math.trunc(now)), say);
}

/** pcmk__inject_resource_history: the node's history entry of a resource, created if needed. */
export function injectResourceHistory(
  state: XmlElement,
  resource: string,
  lrmName: string,
  cls: string | undefined,
  type: string | undefined,
  provider: string | undefined,
): { entry?: XmlElement; error?: string } {
  const find = (id: string) => {
    const matches = historyById(state).get(id) ?? [];
    return matches.length === 1 ? matches[0] : undefined;
  };
  let entry = find(resource);
  if (entry) return { entry };
  if (resource !== lrmName) {
    entry = find(lrmName);
    if (entry) return { entry };
  }
  if (cls === undefined || type === undefined) {
    return {
      error: `Resource ${resource} not found in the status section of ${state.attrs['id']}.  Please supply the class and type to continue`,
    };
  }
  if (!['ocf', 'stonith', 'service', 'upstart', 'systemd', 'lsb'].includes(cls.toLowerCase())) {
    return { error: `Invalid class for ${resource}: ${cls}` };
  }
  if (cls.toLowerCase() === 'ocf' && provider === undefined) return { error: `Please specify the provider for resource ${resource}` };
  let lrm = state.firstElement('lrm');
  if (!lrm) lrm = state.add('lrm', { id: state.attrs['id'] ?? '' });
  let list = lrm.firstElement('lrm_resources');
  if (!list) list = lrm.add('lrm_resources');
  entry = list.add('lrm_resource', { id: lrmName });
  const index = historyById(state);
  const l = index.get(lrmName);
  if (l) l.push(entry);
  else index.set(lrmName, [entry]);
  entry.setAttr('class', cls);
  if (provider !== undefined) entry.setAttr('provider', provider);
  entry.setAttr('type', type);
  return { entry };
}

/** An executor result, as crm_simulate fakes it. */
export interface FakeEvent {
  rscId: string;
  task: string;
  intervalMs: number;
  rc: number;
  status: number;
  callId: number;
  exitReason: string | null;
  params: Map<string, string> | null;
  /** The run time (seconds since the epoch). */
  time: number;
}

/** The next call id after those in a resource's history. */
export function nextCallId(entry: XmlElement): number {
  let max = 0;
  for (const op of entry.elements()) {
    const n = Number.parseInt(op.attrs['call-id'] ?? '0', 10);
    if (!Number.isNaN(n) && n > max) max = n;
  }
  return max + 1;
}

function didFail(ev: FakeEvent, targetRc: number): boolean {
  switch (ev.status) {
    case -1: // cancelled
    case 0x100: // pending placeholder (not used)
      return false;
    case 0:
      return targetRc !== ev.rc;
    default:
      return true;
  }
}

/** pcmk__create_history_xml, as crm_simulate records a result. */
export function createHistoryXml(parent: XmlElement, ev: FakeEvent, featureSet: string, targetRc: number): XmlElement {
  let task = ev.task;
  if (task === 'reload' || task === 'reload-agent') task = ev.status === 0 ? 'start' : 'monitor';
  const key = opKey(ev.rscId, task, ev.intervalMs);
  let opId: string;
  let additional: string | null = null;
  let exitReason: string | null = null;
  if (task === 'notify') {
    opId = `${ev.rscId}_${ev.params?.get('CRM_meta_notify_type') ?? ''}_notify_${ev.params?.get('CRM_meta_notify_operation') ?? ''}_0`;
  } else if (ev.task === 'migrate_to' || ev.task === 'migrate_from') {
    opId = key;
  } else if (didFail(ev, targetRc)) {
    opId = opKey(ev.rscId, 'last_failure', 0);
    if (ev.intervalMs === 0) additional = opKey(ev.rscId, 'last', 0);
    exitReason = ev.exitReason;
  } else if (ev.intervalMs > 0) {
    opId = key;
  } else {
    opId = opKey(ev.rscId, 'last', 0);
  }
  const userData = `${ev.callId}:-1:${targetRc}:${FAKE_TE_ID}`;
  const magic = `${ev.status}:${ev.rc};${userData}`;
  let op: XmlElement | undefined;
  for (;;) {
    op = parent.elements('lrm_rsc_op').find((o) => o.attrs['id'] === opId);
    if (!op) op = parent.add('lrm_rsc_op');
    op.setAttr('id', opId);
    op.setAttr('operation_key', key);
    op.setAttr('operation', task);
    op.setAttr('crm-debug-origin', 'crm_simulate');
    op.setAttr('crm_feature_set', featureSet);
    op.setAttr('transition-key', userData);
    op.setAttr('transition-magic', magic);
    op.setAttr('exit-reason', exitReason ?? '');
    op.setAttr('call-id', String(ev.callId));
    op.setAttr('rc-code', String(ev.rc));
    op.setAttr('op-status', String(ev.status));
    op.setAttr('interval', String(ev.intervalMs));
    if (ev.time) {
      op.setAttr('last-rc-change', String(Math.trunc(ev.time)));
      op.setAttr('exec-time', '0');
      op.setAttr('queue-time', '0');
    }
    if (ev.task === 'migrate_to' || ev.task === 'migrate_from') {
      const src = ev.params?.get('CRM_meta_migrate_source');
      const tgt = ev.params?.get('CRM_meta_migrate_target');
      if (src !== undefined) op.setAttr('migrate_source', src);
      if (tgt !== undefined) op.setAttr('migrate_target', tgt);
    }
    if (ev.params !== null) {
      const args = new XmlElement('parameters');
      for (const [k, v] of ev.params) if (!(k in args.attrs)) args.setAttr(k, v);
      filterForDigest(args);
      op.setAttr('op-digest', operationDigest(args));
    }
    if (additional === null) break;
    opId = additional;
    additional = null;
  }
  return op;
}
