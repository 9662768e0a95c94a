/**
 * The transition graph (pcmk__create_graph): every required, runnable
 * action becomes a synapse, with the actions it must wait for as inputs.
 * Synapses are numbered as they are added: each resource's actions (newest
 * first, members after), then the cluster's remaining actions.
 */
import { XmlElement as XmlElementClass, type XmlElement } from '../../cib/xml/node.js';
import { type Action, type ActionLink, LinkState } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { ActionFlag, Order, RscFlag } from '../model/flags.js';
import { type Resource, isClone } from '../model/resource.js';
import { pseudoOp } from '../actions/create.js';
import { clusterOption } from '../unpack/options.js';
import { createGraphActionXml } from './action-xml.js';

export interface GraphSynapse {
  id: number;
  priority: number;
  action: Action;
  /** Graph XML of the action (with its resource, attributes and downed nodes). */
  xml: XmlElement;
  inputs: Action[];
  /** Graph XML of each input (identifying attributes only). */
  inputXml: XmlElement[];
}

export interface TransitionGraph {
  attrs: [string, string][];
  synapses: GraphSynapse[];
}

/** Builds the graph as the run goes; kept on the cluster while building. */
const building = new WeakMap<Cluster, TransitionGraph>();

function shouldAddActionToGraph(action: Action): boolean {
  if (!action.runnable) return false;
  if (action.optional && !action.is(ActionFlag.PrintAlways)) return false;
  if (action.rsc !== null && !action.rsc.is(RscFlag.Managed) && action.task !== 'monitor') {
    const interval = action.meta.get('interval');
    if (interval === undefined || interval === '0') return false;
  }
  if (action.pseudo || action.task.toLowerCase() === 'stonith' || action.task.toLowerCase() === 'do_shutdown') return true;
  if (action.node === null) return false;
  if (action.is(ActionFlag.Dc)) {
    // may run on the DC instead
  } else if (action.node.isGuest && !action.node.remoteRequiresReset) {
    // assumed runnable on the guest
  } else if (!action.node.online) {
    return false;
  } else if (action.node.unclean) {
    return false;
  }
  return true;
}

function orderingCanChangeActions(link: ActionLink): boolean {
  return (link.type & ~(Order.ImpliesFirstPrinted | Order.ImpliesThenPrinted | Order.Optional)) !== 0;
}

/** should_add_input_to_graph */
export function shouldAddInputToGraph(action: Action, input: ActionLink): boolean {
  const first = input.action;
  if (input.state === LinkState.Dumped) return true;
  if (input.type === Order.None) return false;
  if (!first.runnable && !orderingCanChangeActions(input)) return false;
  if (!first.runnable && input.type & Order.OneOrMore) return false;
  if (input.type & Order.ImpliesFirstMigratable && !first.runnable) return false;
  if (input.type & Order.ApplyFirstNonMigratable && first.is(ActionFlag.MigrateRunnable)) return false;
  if (input.type === Order.Optional && first.is(ActionFlag.MigrateRunnable) && first.uuid.endsWith('_stop_0')) return false;
  if (input.type === Order.Load) {
    const inputNode = first.node;
    if (action.rsc !== null && action.task.toLowerCase() === 'migrate_to') {
      const assigned = action.rsc.allocatedTo?.node ?? null;
      if (inputNode === null || assigned === null || inputNode !== assigned) {
        input.type = Order.None;
        return false;
      }
    } else if (inputNode === null || action.node === null || inputNode !== action.node) {
      input.type = Order.None;
      return false;
    } else if (first.optional) {
      input.type = Order.None;
      return false;
    }
  } else if (input.type === Order.AntiColocation) {
    if (first.node !== null && action.node !== null && first.node !== action.node) {
      input.type = Order.None;
      return false;
    } else if (first.optional) {
      input.type = Order.None;
      return false;
    }
  } else if (
    first.rsc !== null &&
    first.rsc !== action.rsc &&
    first.rsc.is(RscFlag.Failed) &&
    !first.rsc.is(RscFlag.Managed) &&
    first.uuid.endsWith('_stop_0') &&
    action.rsc !== null &&
    isClone(action.rsc)
  ) {
    return false;
  } else if (first.optional && !first.is(ActionFlag.PrintAlways | ActionFlag.Dumped) && !shouldAddActionToGraph(first)) {
    return false;
  }
  return true;
}

/** pcmk__graph_has_loop: whether ordering `input` before `action` would close a loop back to `init`. */
export function graphHasLoop(init: Action, action: Action, input: ActionLink): boolean {
  if (input.action.is(ActionFlag.Tracking)) return false;
  if (!shouldAddInputToGraph(action, input)) return false;
  if (input.action === init) return true;
  input.action.set(ActionFlag.Tracking);
  let loop = false;
  const before = input.action.before;
  for (let i = before.length - 1; i >= 0; i--) {
    if (graphHasLoop(init, input.action, before[i]!)) {
      loop = true;
      break;
    }
  }
  input.action.clear(ActionFlag.Tracking);
  return loop;
}

/** pcmk__deduplicate_action_inputs: one input per action, in action id order. */
function deduplicateInputs(action: Action): void {
  // Pacemaker's list is newest first; sort by id ascending, keeping the first of equal ids.
  const list = [...action.before].reverse();
  list.sort((a, b) => a.action.id - b.action.id);
  const out: ActionLink[] = [];
  let last: ActionLink | null = null;
  for (const input of list) {
    if (last !== null && input.action.id === last.action.id) {
      last.type |= input.type;
      if (input.state === LinkState.Dumped) last.state = LinkState.Dumped;
    } else {
      last = input;
      input.state = LinkState.NotDumped;
      out.push(input);
    }
  }
  // Stored oldest first: reverse so that iterating backwards walks them in id order.
  action.before = out.reverse();
}

function addActionToGraph(cluster: Cluster, action: Action): void {
  const graph = building.get(cluster)!;
  if (!action.is(ActionFlag.Dedup)) {
    deduplicateInputs(action);
    action.set(ActionFlag.Dedup);
  }
  if (action.is(ActionFlag.Dumped) || !shouldAddActionToGraph(action)) return;
  action.set(ActionFlag.Dumped);
  let priority = action.rsc?.priority ?? 0;
  if (action.priority > priority) priority = action.priority;
  const synapse: GraphSynapse = {
    id: cluster.numSynapse++,
    priority,
    action,
    xml: null as unknown as XmlElement,
    inputs: [],
    inputXml: [],
  };
  graph.synapses.push(synapse);
  synapse.xml = createGraphActionXml(cluster, action, false);
  for (let i = action.before.length - 1; i >= 0; i--) {
    const input = action.before[i]!;
    if (shouldAddInputToGraph(action, input)) {
      input.state = LinkState.Dumped;
      synapse.inputXml.push(createGraphActionXml(cluster, input.action, true));
      synapse.inputs.push(input.action);
    }
  }
}

/** pcmk__add_rsc_actions_to_graph */
export function addResourceActionsToGraph(rsc: Resource): void {
  for (let i = rsc.actions.length - 1; i >= 0; i--) addActionToGraph(rsc.cluster, rsc.actions[i]!);
  for (const child of rsc.children) child.cmds.addActionsToGraph(child);
}

function maintenanceNodeCount(cluster: Cluster): number {
  let count = 0;
  for (const node of cluster.nodes) {
    if (node.type !== 'remote') continue;
    if (node.maintenance !== (node.remoteMaintenance !== 0)) count++;
  }
  return count;
}

export function createGraph(cluster: Cluster): TransitionGraph {
  const graph: TransitionGraph = { attrs: [], synapses: [] };
  building.set(cluster, graph);
  const a = graph.attrs;
  a.push(['cluster-delay', clusterOption(cluster, 'cluster-delay')]);
  a.push(['stonith-timeout', clusterOption(cluster, 'stonith-timeout')]);
  a.push(['failed-stop-offset', 'INFINITY']);
  a.push(['failed-start-offset', cluster.startFailureFatal ? 'INFINITY' : '1']);
  a.push(['batch-limit', clusterOption(cluster, 'batch-limit')]);
  a.push(['transition_id', '0']);
  const limit = clusterOption(cluster, 'migration-limit');
  const m = /^\s*([+-]?\d+)/.exec(limit);
  if (m && Number(m[1]) > 0) a.push(['migration-limit', limit]);
  if (cluster.recheckBy > 0) a.push(['recheck-by', String(cluster.recheckBy)]);

  for (const rsc of cluster.resources) rsc.cmds.addActionsToGraph(rsc);
  if (maintenanceNodeCount(cluster) > 0) {
    const op = pseudoOp(cluster, 'maintenance_nodes');
    op.set(ActionFlag.PrintAlways);
  }
  for (let i = cluster.actions.length - 1; i >= 0; i--) {
    const action = cluster.actions[i]!;
    addActionToGraph(cluster, action);
  }
  building.delete(cluster);
  return graph;
}

/** The graph in Pacemaker's XML format (crm_simulate --save-graph). */
export function graphXml(graph: TransitionGraph): XmlElement {
  const root = new XmlElementClass('transition_graph');
  for (const [k, v] of graph.attrs) root.setAttr(k, v);
  for (const syn of graph.synapses) {
    const s = root.add('synapse', { id: String(syn.id) });
    if (syn.priority > 0) s.setAttr('priority', String(syn.priority));
    s.add('action_set').appendChild(syn.xml.clone());
    const inputs = s.add('inputs');
    for (const x of syn.inputXml) inputs.add('trigger').appendChild(x.clone());
  }
  return root;
}
