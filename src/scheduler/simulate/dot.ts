/** The transition as a dot graph (crm_simulate --save-dotfile). */
import { opKey } from '../actions/operation.js';
import { type Action, LinkState } from '../model/action.js';
import type { Cluster } from '../model/cluster.js';
import { ActionFlag, Order, RscFlag } from '../model/flags.js';
import { notifyKey } from '../ordering/update.js';

function actionName(action: Action, verbose: boolean): string {
  let prefix = '';
  let host: string | null = null;
  let task = action.task;
  if (action.node !== null) host = action.node.uname;
  else if (!action.pseudo) host = '<none>';
  if (action.task === 'cancel') {
    prefix = 'Cancel ';
    task = action.cancelTask ?? task;
  }
  const cloneName = action.rsc?.clone_name ?? null;
  let name: string;
  if (cloneName !== null) {
    const interval = Number(action.meta.get('interval') ?? '0') || 0;
    let key: string;
    if (action.task === 'notify' || action.task === 'notified') {
      key = notifyKey(cloneName, action.meta.get('notify_key_type') ?? '', action.meta.get('notify_key_operation') ?? '');
    } else key = opKey(cloneName, task, interval);
    name = host !== null ? `${prefix}${key} ${host}` : `${prefix}${key}`;
  } else if (action.task.toLowerCase() === 'stonith') {
    name = `${prefix}${action.task} '${action.meta.get('stonith_action') ?? ''}' ${host}`;
  } else if (action.rsc !== null && host !== null) {
    name = `${prefix}${action.uuid} ${host}`;
  } else if (host !== null) {
    name = `${prefix}${action.task} ${host}`;
  } else {
    name = action.uuid;
  }
  return verbose ? `${name} (${action.id})` : name;
}

export function dotGraph(cluster: Cluster, allActions: boolean, verbose: boolean): string {
  let out = ' digraph "g" {\n';
  const actions = [...cluster.actions].reverse();
  for (const action of actions) {
    let style = 'dashed';
    let font = 'black';
    let color = 'black';
    if (action.pseudo) font = 'orange';
    if (action.is(ActionFlag.Dumped)) {
      style = 'bold';
      color = 'green';
    } else if (action.rsc !== null && !action.rsc.is(RscFlag.Managed)) {
      color = 'red';
      font = 'purple';
      if (!allActions) continue;
    } else if (action.optional) {
      color = 'blue';
      if (!allActions) continue;
    } else {
      color = 'red';
    }
    action.set(ActionFlag.Dumped);
    out += `"${actionName(action, verbose)}" [ style=${style} color="${color}" fontcolor="${font}"]\n`;
  }
  for (const action of actions) {
    for (let i = action.before.length - 1; i >= 0; i--) {
      const before = action.before[i]!;
      let style = 'dashed';
      let optional = true;
      if (before.state === LinkState.Dumped) {
        optional = false;
        style = 'bold';
      } else if (before.type === Order.None) {
        continue;
      } else if (before.action.is(ActionFlag.Dumped) && action.is(ActionFlag.Dumped) && before.type !== Order.Load) {
        optional = false;
      }
      if (allActions || !optional) {
        out += `"${actionName(before.action, verbose)}" -> "${actionName(action, verbose)}" [ style = ${style}]\n`;
      }
    }
  }
  return out + '}\n';
}
