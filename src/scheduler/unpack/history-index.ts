/**
 * Quick access to the status section's resource histories, answering as
 * Pacemaker's XPath lookups do: an lrm_resource (or an operation in it) is
 * found only when exactly one entry matches.
 */
import type { XmlElement } from '../../cib/xml/node.js';

export class HistoryIndex {
  /** Entries by resource id, per node, made on the first question about the node. */
  private byNode = new Map<string, Map<string, XmlElement[]>>();
  private listsByNode = new Map<string, XmlElement[]>();

  constructor(status: XmlElement | undefined) {
    if (!status) return;
    for (const state of status.elements('node_state')) {
      const uname = state.attrs['uname'];
      if (uname === undefined) continue;
      let lists = this.listsByNode.get(uname);
      if (!lists) this.listsByNode.set(uname, (lists = []));
      for (const lrm of state.elements('lrm')) lists.push(...lrm.elements('lrm_resources'));
    }
  }

  private entries(uname: string, rscId: string): XmlElement[] {
    let rscs = this.byNode.get(uname);
    if (!rscs) {
      rscs = new Map();
      for (const list of this.listsByNode.get(uname) ?? []) {
        for (const el of list.elements('lrm_resource')) {
          const id = el.attrs['id'];
          if (id === undefined) continue;
          const l = rscs.get(id);
          if (l) l.push(el);
          else rscs.set(id, [el]);
        }
      }
      this.byNode.set(uname, rscs);
    }
    return rscs.get(rscId) ?? [];
  }

  /** A node's lrm_resources element (when there is exactly one). */
  nodeResources(uname: string): XmlElement | undefined {
    const l = this.listsByNode.get(uname) ?? [];
    return l.length === 1 ? l[0] : undefined;
  }

  /** find_lrm_resource: the lrm_resource entry of a resource on a node. */
  resource(uname: string, rscId: string): XmlElement | undefined {
    const l = this.entries(uname, rscId);
    return l.length === 1 ? l[0] : undefined;
  }

  /** find_lrm_op: the one entry of an operation, optionally filtered on migration peer and result. */
  op(rscId: string, task: string, uname: string, peer: string | null, targetRc: number): XmlElement | undefined {
    const matches: XmlElement[] = [];
    for (const rsc of this.entries(uname, rscId)) {
      for (const op of rsc.elements('lrm_rsc_op')) {
        if (op.attrs['operation'] !== task) continue;
        if (peer !== null && task === 'migrate_to' && op.attrs['migrate_target'] !== peer) continue;
        if (peer !== null && task === 'migrate_from' && op.attrs['migrate_source'] !== peer) continue;
        matches.push(op);
      }
    }
    if (matches.length !== 1) return undefined;
    const op = matches[0]!;
    if (targetRc >= 0) {
      const rc = Number.parseInt(op.attrs['rc-code'] ?? '', 10);
      const status = Number.parseInt(op.attrs['op-status'] ?? '', 10);
      if ((Number.isNaN(rc) ? 1 : rc) !== targetRc || (Number.isNaN(status) ? 4 : status) !== 0) return undefined;
    }
    return op;
  }
}
