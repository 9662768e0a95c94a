/**
 * Executing a transition graph as crm_simulate does: synapses fire in
 * order, pass after pass, each once its inputs are confirmed; a resource
 * action becomes a history entry with the expected result (or an injected
 * failure), fencing takes the node down, pseudo-actions just confirm.
 */
import type { XmlElement } from '../../cib/xml/node.js';
import type { GraphSynapse, TransitionGraph } from '../graph/build.js';
import { CRM_FEATURE_SET } from '../graph/action-xml.js';
import { INFINITY } from '../util/score.js';
import {
  createHistoryXml,
  injectFailcount,
  injectNode,
  injectNodeStateChange,
  injectResourceHistory,
  nextCallId,
  removeNodeChild,
} from './cib.js';

export interface ExecuteOptions {
  /** Injected failures, "rsc_task_interval@node=rc". */
  opFail: string[];
  /** Resource ids known to the scheduler (to choose between instance and configured names). */
  knownResource: (id: string) => boolean;
  /** Wall-clock seconds, for history timestamps. */
  wallClock: number;
  /** A list item of the transition's progress. */
  say: (line: string) => void;
  /** A line of its own, outside the list. */
  info: (line: string) => void;
  err: (line: string) => void;
}

interface State {
  confirmed: Set<number>;
  failed: Set<number>;
  executed: Set<GraphSynapse>;
  abortPriority: number;
  /** Failed actions: they confirm only inputs of INFINITY-priority synapses. */
  infinityConfirmed: Set<number>;
}

function params(xml: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  const attrs = xml.firstElement('attributes');
  if (!attrs) return out;
  for (const [k, v] of Object.entries(attrs.attrs)) out.set(k, v);
  for (const p of attrs.elements('param')) {
    const n = p.attrs['name'];
    const v = p.attrs['value'];
    if (n !== undefined && v !== undefined) out.set(n, v);
  }
  return out;
}

function simulateResourceAction(cib: XmlElement, syn: GraphSynapse, st: State, o: ExecuteOptions): void {
  const xml = syn.xml;
  const operation = xml.attrs['operation'] ?? '';
  const node = xml.attrs['on_node'] ?? '';
  if (operation === 'probe_again') return;
  const rscXml = xml.firstElement('primitive');
  if (!rscXml) return;
  const configName = rscXml.attrs['id'] ?? '';
  let resource = configName;
  if (!o.knownResource(resource)) {
    const longname = rscXml.attrs['long-id'];
    if (longname !== undefined && o.knownResource(longname)) resource = longname;
  }
  const interval = Number.parseInt(params(xml).get('CRM_meta_interval') ?? '0', 10) || 0;
  if (operation === 'delete' || operation === 'meta-data') {
    o.say(`Resource action: ${resource.padEnd(15)} ${operation} on ${node}`);
    return;
  }
  const p = params(xml);
  const targetOutcome = Number.parseInt(p.get('CRM_meta_op_target_rc') ?? '0', 10) || 0;
  const router = xml.attrs['router_node'];
  const state = injectNode(cib, node, router === undefined ? (xml.attrs['on_node_uuid'] ?? null) : node);
  const hist = injectResourceHistory(state, resource, configName, rscXml.attrs['class'], rscXml.attrs['type'], rscXml.attrs['provider']);
  if (!hist.entry) {
    o.err(hist.error ?? '');
    return;
  }
  const ev = {
    rscId: configName,
    task: operation,
    intervalMs: interval,
    rc: targetOutcome,
    status: 0,
    callId: nextCallId(hist.entry),
    exitReason: 'User-injected result',
    params: p,
    time: o.wallClock,
  };
  o.say(
    interval
      ? `Resource action: ${resource.padEnd(15)} ${operation}=${interval} on ${node}`
      : `Resource action: ${resource.padEnd(15)} ${operation} on ${node}`,
  );
  for (const spec of o.opFail) {
    let match: string | null = null;
    const k1 = `${resource}_${operation}_${interval}@${node}=`;
    if (spec.toLowerCase().startsWith(k1.toLowerCase())) match = resource;
    if (match === null && resource !== configName) {
      const k2 = `${configName}_${operation}_${interval}@${node}=`;
      if (spec.toLowerCase().startsWith(k2.toLowerCase())) match = configName;
    }
    if (match === null) continue;
    const m = /^[^=]*=\s*([+-]?\d+)/.exec(spec);
    if (!m) {
      o.err(`Invalid failed operation '${spec}' (result code must be integer)`);
      continue;
    }
    ev.rc = Number(m[1]);
    o.info(`Pretending action ${syn.action.id} failed with rc=${ev.rc}`);
    st.failed.add(syn.action.id);
    st.abortPriority = INFINITY;
    injectFailcount(state, match, operation, interval, ev.rc, o.wallClock, o.say);
    break;
  }
  createHistoryXml(hist.entry, ev, CRM_FEATURE_SET, targetOutcome);
}

function simulateFencing(cib: XmlElement, syn: GraphSynapse, o: ExecuteOptions): void {
  const op = params(syn.xml).get('CRM_meta_stonith_action') ?? '';
  const target = syn.xml.attrs['on_node'] ?? '';
  o.say(`Fencing ${target} (${op})`);
  if (op.toLowerCase() !== 'on') {
    const state = injectNodeStateChange(cib, target, false);
    state.setAttr('crm-debug-origin', 'simulate_fencing_action');
    removeNodeChild(cib, target, 'lrm');
    removeNodeChild(cib, target, 'transient_attributes');
  }
}

function fire(cib: XmlElement, syn: GraphSynapse, st: State, o: ExecuteOptions): void {
  st.executed.add(syn);
  const xml = syn.xml;
  switch (xml.name) {
    case 'pseudo_event': {
      const node = xml.attrs['on_node'];
      o.say(`Pseudo action:   ${xml.attrs['operation_key'] ?? ''}${node !== undefined ? ' on ' + node : ''}`);
      break;
    }
    case 'rsc_op':
      simulateResourceAction(cib, syn, st, o);
      break;
    case 'crm_event':
      if ((xml.attrs['operation'] ?? '').toLowerCase() === 'stonith') simulateFencing(cib, syn, o);
      else {
        const rsc = xml.firstElement('primitive');
        const node = xml.attrs['on_node'] ?? '';
        const task = xml.attrs['operation'] ?? '';
        o.say(rsc ? `Cluster action:  ${task} for ${rsc.attrs['id']} on ${node}` : `Cluster action:  ${task} on ${node}`);
      }
      break;
    default:
      break;
  }
  const id = syn.action.id;
  // pcmk__update_graph: a failed action confirms only the inputs of INFINITY-priority synapses.
  if (!st.failed.has(id)) st.confirmed.add(id);
  else st.infinityConfirmed.add(id);
}

/** Runs the graph to completion; returns false if it could not complete. */
export function executeGraph(cib: XmlElement, graph: TransitionGraph, o: ExecuteOptions): boolean {
  const st: State = {
    confirmed: new Set(),
    failed: new Set(),
    executed: new Set(),
    abortPriority: 0,
    infinityConfirmed: new Set(),
  };
  for (;;) {
    let fired = 0;
    let incomplete = 0;
    for (const syn of graph.synapses) {
      if (st.executed.has(syn)) continue;
      const ready = syn.inputs.every(
        (a) =>
          (st.confirmed.has(a.id) || (syn.priority === INFINITY && st.infinityConfirmed.has(a.id))) &&
          !(st.failed.has(a.id) && !canFail(a)),
      );
      if (!ready) {
        incomplete++;
        continue;
      }
      if (syn.xml.name !== 'pseudo_event' && syn.priority < st.abortPriority) {
        continue;
      }
      fired++;
      fire(cib, syn, st, o);
    }
    if (fired === 0) return incomplete === 0 || st.abortPriority > 0;
  }
}

function canFail(action: { meta: Map<string, string> }): boolean {
  const v = action.meta.get('can_fail');
  return v !== undefined && /^(true|on|yes|y|1)$/i.test(v);
}
