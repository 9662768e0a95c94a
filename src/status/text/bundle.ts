/** Bundles in text: one line per replica, or each replica's resources with --show-detail. */
import { RscFlag } from '../../scheduler/model/flags.js';
import { type Resource, currentNode } from '../../scheduler/model/resource.js';
import { type Replica, bundleData } from '../../scheduler/variants/bundle/status.js';
import { filteredByNode } from '../clones.js';
import { Show, type StatusView, inList } from '../options.js';
import type { ListOutput } from '../text-output.js';
import { isFiltered, printPrimitiveAs, printResource } from './resources.js';

export function bundleHeader(rsc: Resource): string {
  const data = bundleData(rsc);
  return (
    `Container bundle${data.nreplicas > 1 ? ' set' : ''}: ${rsc.id} [${data.image ?? '(null)'}]` +
    (rsc.is(RscFlag.Unique) ? ' (unique)' : '') +
    (rsc.is(RscFlag.Managed) ? '' : ' (unmanaged)')
  );
}

/** Which of a replica's resources pass the resource filter. */
export function replicaShown(r: Replica, only: string[], everything: boolean) {
  const shown = (x: Resource | null) => x !== null && !isFiltered(x, only, everything);
  return { ip: shown(r.ip), child: shown(r.child), container: shown(r.container), remote: shown(r.remote) };
}

/** pe__bundle_text; false when nothing was printed. */
export function printBundle(out: ListOutput, rsc: Resource, view: StatusView, show: number): boolean {
  const only = view.onlyRscs;
  if (isFiltered(rsc, only, true)) return false;
  const data = bundleData(rsc);
  const everything = inList(rsc.id, only);
  let open = false;
  const begin = () => {
    if (!open) out.beginList(bundleHeader(rsc));
    open = true;
  };
  for (const r of data.replicas) {
    if (filteredByNode(r.container, view.onlyNodes)) continue;
    const p = replicaShown(r, only, everything);
    const any = p.ip || p.child || p.container || p.remote;
    if (show & Show.ImplicitRscs || (!everything && any)) {
      begin();
      // text lists the replica's resources under a "Replica[N]" item, HTML under a "Replica[N]" heading
      const several = data.replicas.length > 1;
      if (out.kind === 'text') {
        if (several) out.item(`Replica[${r.offset}]`);
        out.beginList(null);
      } else if (several) out.beginList(`Replica[${r.offset}]`);
      const implicit = show | Show.ImplicitRscs;
      if (p.ip) printResource(out, r.ip!, view, implicit);
      if (p.child) printResource(out, r.child!, view, implicit);
      if (p.container) printResource(out, r.container, view, implicit);
      if (p.remote) printResource(out, r.remote!, view, implicit);
      if (out.kind === 'text' || several) out.endList();
    } else if (!everything && !any) {
      continue;
    } else {
      begin();
      const name = (r.remote ?? r.container).printableId + (r.ipaddr !== undefined ? ` (${r.ipaddr})` : '');
      printPrimitiveAs(out, r.child ?? r.container, name, currentNode(r.container), show);
    }
  }
  if (open) out.endList();
  return open;
}
