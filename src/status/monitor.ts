/** crm_mon --simple-status: one line in the style of monitoring plugins. */
import type { Cluster } from '../scheduler/model/cluster.js';
import { plural } from '../scheduler/util/text.js';

/** The line, and whether it is a warning (no DC, or nodes offline). */
export function monitorLine(cluster: Cluster): { line: string; warn: boolean } {
  let online = 0;
  let standby = 0;
  let maintenance = 0;
  const offline: string[] = [];
  for (const node of cluster.nodes) {
    if (node.standby && node.online) standby++;
    else if (node.maintenance && node.online) maintenance++;
    else if (node.online) online++;
    else offline.push(`offline node: ${node.uname}`);
  }
  const noDc = cluster.dcNode === null;
  if (noDc || offline.length > 0) {
    const parts = `${noDc ? 'No DC' : ''}${noDc && offline.length > 0 ? ', ' : ''}${offline.join(' ')}`;
    return { line: `CLUSTER WARN: ${parts}`, warn: true };
  }
  const n = cluster.ninstances;
  return {
    line:
      `CLUSTER OK: ${online} node${plural(online)} online` +
      (standby > 0 ? `, ${standby} standby node${plural(standby)}` : '') +
      (maintenance > 0 ? `, ${maintenance} maintenance node${plural(maintenance)}` : '') +
      `, ${n} resource instance${plural(n)} configured`,
    warn: false,
  };
}
