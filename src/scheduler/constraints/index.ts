/** Unpacking the constraints section (pcmk__unpack_constraints). */
import type { Cluster } from '../model/cluster.js';
import { evaluateRules } from '../rules/evaluate.js';
import type { CrmTime } from '../util/iso8601.js';
import { unpackColocation } from './colocation.js';
import { unpackLocation } from './location.js';
import { unpackOrdering } from './ordering.js';
import { unpackTicketConstraint } from './tickets.js';

export function unpackConstraints(cluster: Cluster): void {
  let section = undefined;
  for (const el of cluster.input.walk()) {
    if (el.name === 'constraints') {
      section = el;
      break;
    }
  }
  for (const xml of section?.elements() ?? []) {
    const id = xml.attrs['id'];
    if (id === undefined) {
      cluster.configError(`Ignoring <${xml.name}> constraint without id`);
      continue;
    }
    const lifetime = xml.firstElement('lifetime');
    if (lifetime) {
      cluster.configWarning(
        `Support for 'lifetime' attribute (in ${id}) is deprecated (the rules it contains should instead be direct descendents of the constraint object)`,
      );
      const next: { time: CrmTime | null } = { time: null };
      const active = evaluateRules(lifetime, cluster.ruleContext({ nextChange: next }));
      if (next.time) cluster.noteRecheck(next.time);
      if (!active) continue;
    }
    switch (xml.name.toLowerCase()) {
      case 'rsc_order':
        unpackOrdering(cluster, xml);
        break;
      case 'rsc_colocation':
        unpackColocation(cluster, xml);
        break;
      case 'rsc_location':
        unpackLocation(cluster, xml);
        break;
      case 'rsc_ticket':
        unpackTicketConstraint(cluster, xml);
        break;
      default:
        cluster.configError(`Unsupported constraint type: ${xml.name}`);
    }
  }
}
