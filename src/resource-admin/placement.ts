/**
 * crm_resource --ban, --move and --clear: where the constraints go, given
 * where the resource runs now (cli_resource_ban, cli_resource_move,
 * ban_or_move and clear_constraints in Pacemaker).
 */
import { ExitCode } from '../cli/exit-codes.js';
import { RscFlag } from '../scheduler/model/flags.js';
import type { Node } from '../scheduler/model/node.js';
import { type Resource, currentNode, findActiveOn, isClone } from '../scheduler/model/resource.js';
import { Role } from '../scheduler/model/role.js';
import { banSteps, clearSteps, preferSteps } from './locations.js';
import type { Plan, Step } from './plan.js';

export interface PlacementOptions {
  promoted: boolean;
  /** The end of the constraints' lifetime, already worked out from --lifetime. */
  until?: string;
  force: boolean;
}

/** pe__find_active_requires: the node the resource is active on and how many nodes count. */
function activeRequires(rsc: Resource): { node: Node | null; count: number } {
  const r = findActiveOn(rsc, true);
  return { node: r.node, count: rsc.is(RscFlag.NeedsFencing) ? r.all : r.clean };
}

function promotedChildren(rsc: Resource): Resource[] {
  return rsc.children.filter((c) => c.fns.state(c, true) === Role.Promoted);
}

/** --ban or --move without a node: away from the one node it is active (or promoted) on. */
export function planBanHere(rsc: Resource, rscId: string, o: PlacementOptions): Plan {
  const active = activeRequires(rsc);
  if (active.count === 1 && active.node) {
    return { steps: banSteps({ rscId, node: active.node.uname, promoted: o.promoted, until: o.until }) };
  }
  if (rsc.is(RscFlag.Promotable)) {
    const promoted = promotedChildren(rsc);
    const node = promoted.length > 0 ? currentNode(promoted[promoted.length - 1]!) : null;
    if (promoted.length === 1 && node) {
      return { steps: banSteps({ rscId, node: node.uname, promoted: o.promoted, until: o.until }) };
    }
    return {
      steps: [],
      failure: {
        code: ExitCode.USAGE,
        message:
          `Resource '${rscId}' not moved: active in ${active.count} locations (promoted in ${promoted.length}).\n` +
          `To prevent '${rscId}' from running on a specific location, specify a node.` +
          `To prevent '${rscId}' from being promoted at a specific location, specify a node and the --promoted option.`,
      },
    };
  }
  return {
    steps: [],
    failure: {
      code: ExitCode.USAGE,
      message: `Resource '${rscId}' not moved: active in ${active.count} locations.\nTo prevent '${rscId}' from running on a specific location, specify a node.`,
    },
  };
}

/** --move to a node: clear earlier preferences and the ban from it, then prefer it. */
export function planMove(rsc: Resource, rscId: string, dest: Node, nodes: Node[], o: PlacementOptions): Plan {
  const steps: Step[] = [];
  let promotedOnly = o.promoted;
  if (promotedOnly && !rsc.is(RscFlag.Promotable)) {
    const top = rsc.top;
    if (top.is(RscFlag.Promotable)) {
      steps.push({ info: `Using parent '${rsc.id}' for move instead of '${rscId}'.` });
      rscId = top.id;
      rsc = top;
    } else {
      steps.push({ info: `Ignoring master option: ${rscId} is not promotable` });
      promotedOnly = false;
    }
  }
  let { node: current, count } = activeRequires(rsc);
  if (rsc.is(RscFlag.Promotable)) {
    const promoted = promotedChildren(rsc);
    if (promoted.length > 0) rsc = promoted[promoted.length - 1]!;
    if (promotedOnly || promoted.length > 0) {
      count = promoted.length;
      current = promoted.length > 0 ? currentNode(rsc) : null;
    }
  }
  if (count > 1) {
    if (!isClone(rsc)) return { steps, failure: { code: ExitCode.MULTIPLE } };
    current = null;
  }
  const currentIsDest = current !== null && current === dest;
  if (currentIsDest && !o.force) return { steps, failure: { code: ExitCode.EXISTS } };
  for (const n of nodes) steps.push(...clearSteps(rscId, n.uname, false, o.force));
  steps.push(...clearSteps(rscId, dest.uname, true, o.force));
  steps.push(...preferSteps({ rscId, node: dest.uname, promoted: promotedOnly, until: o.until }));
  if (o.force && !currentIsDest) {
    const role = promotedOnly ? 'promoted' : 'active';
    if (current) steps.push(...banSteps({ rscId, node: current.uname, promoted: promotedOnly, until: o.until }));
    else if (count > 1) {
      steps.push({ info: `Resource '${rscId}' is currently ${role} in ${count} locations. One may now move to ${dest.uname}` });
      steps.push({ info: `To prevent '${rscId}' from being ${role} at a specific location, specify a node.` });
    }
  }
  return { steps };
}

/** --clear: the constraints --move and --ban made, for one node or all. */
export function planClear(rscId: string, nodes: Node[], force: boolean): Plan {
  return { steps: nodes.flatMap((n) => clearSteps(rscId, n.uname, true, force)) };
}
