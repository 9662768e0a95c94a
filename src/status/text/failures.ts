/** "Failed Resource Actions" in text. */
import type { Cluster } from '../../scheduler/model/cluster.js';
import { friendlyFailure, shownFailures, technicalFailure } from '../failures.js';
import { Show, type StatusView } from '../options.js';
import type { ListOutput } from '../text-output.js';

export function printFailures(out: ListOutput, cluster: Cluster, view: StatusView, spacer: boolean): boolean {
  const failures = shownFailures(cluster, view);
  if (failures.length === 0) return false;
  if (spacer) out.spacer();
  out.beginList('Failed Resource Actions');
  for (const op of failures) out.item(view.show & Show.FailedDetail ? technicalFailure(op) : friendlyFailure(op));
  out.endList();
  return true;
}
