/**
 * crm_resource --set-parameter and --delete-parameter (with --meta or
 * --utilization): which resources' attribute sets get the change, as
 * Pacemaker decides (a clone instance's attribute goes to the clone unless the
 * instance has it; a group's members keep their own values), and the
 * messages and CIB requests that follow.
 */
import { ExitCode } from '../cli/exit-codes.js';
import { XmlElement } from '../cib/xml/node.js';
import type { Resource } from '../scheduler/model/resource.js';
import { cloneStrip } from '../scheduler/unpack/resources.js';
import { type AttributeQuery, lookUp } from './find-attribute.js';
import type { Plan, Step } from './plan.js';

export interface AttributeChange {
  /** instance_attributes, meta_attributes or utilization. */
  setType: string;
  /** --set-name */
  setId?: string;
  /** --nvpair */
  nvpairId?: string;
  name: string;
  /** --force: change the resource named, nothing else. */
  force: boolean;
  /** --quiet */
  quiet: boolean;
}

/** find_matching_attr_resources: the resources whose sets an update or delete goes to. */
function targets(cib: XmlElement, rsc: Resource, requested: string, c: AttributeChange, verb: string, steps: Step[]): Resource[] {
  if (c.force) return [rsc];
  const query = { setType: c.setType, setId: c.setId, nvpairId: c.nvpairId, name: c.name };
  if (rsc.parent?.variant === 'clone') {
    if (lookUp(cib, requested, query, steps).kind !== 'one') {
      steps.push({ info: `Performing ${verb} of '${c.name}' on '${rsc.parent.id}', the parent of '${requested}'` });
      return [rsc.parent];
    }
    return [rsc];
  }
  if (rsc.parent === null && rsc.variant === 'clone' && rsc.children.length > 0) {
    const child = rsc.children[0]!;
    if (child.variant === 'primitive') {
      const childId = cloneStrip(child.id);
      if (lookUp(cib, childId, query, steps).kind === 'one') {
        steps.push({
          info: `A value for '${c.name}' already exists in child '${childId}', performing ${verb} on that instead of '${requested}'`,
        });
        return [child];
      }
    }
    return [rsc];
  }
  // members that have the attribute themselves (post-order), then the resource
  const result: Resource[] = [];
  const visit = (r: Resource, depth: number): void => {
    for (const child of r.children) {
      visit(child, depth + 1);
      if (r.variant === 'clone') break;
    }
    if (lookUp(cib, cloneStrip(r.id), query, steps).kind === 'one' || depth === 0) result.push(r);
  };
  visit(rsc, 0);
  return result;
}

/** Any nvpair of that name anywhere in the resource's tree: Pacemaker lists them when several exist. */
function warnAmbiguous(cib: XmlElement, rsc: Resource, c: AttributeChange, steps: Step[]): void {
  if (c.nvpairId === undefined && !c.force) lookUp(cib, rsc.top.id, { name: c.name }, steps);
}

function setText(setId: string | undefined): string {
  return setId !== undefined ? ` set=${setId}` : '';
}

export function planAttributeUpdate(cib: XmlElement, rsc: Resource, requested: string, c: AttributeChange, value: string): Plan {
  const steps: Step[] = [];
  warnAmbiguous(cib, rsc, c, steps);
  let resources: Resource[];
  if (c.setType === 'instance_attributes') {
    if (!c.force) {
      const top = rsc.top.id;
      const meta = lookUp(cib, top, { setType: 'meta_attributes', setId: c.setId, nvpairId: c.nvpairId, name: c.name }, steps);
      if (meta.kind === 'one') {
        const id = meta.nvpair.attrs['id'] ?? '(null)';
        if (!c.quiet) {
          steps.push({ err: `WARNING: There is already a meta attribute for '${top}' called '${c.name}' (id=${id})` });
          steps.push({ err: `         Delete '${id}' first or use the force option to override` });
        }
        return { steps, failure: { code: ExitCode.MULTIPLE } };
      }
    }
    resources = [rsc];
  } else {
    resources = targets(cib, rsc, requested, c, 'update', steps);
  }
  // a set or nvpair named means one resource: the last of the list
  if (c.setId !== undefined || c.nvpairId !== undefined) resources = resources.slice(-1);
  for (const r of resources) {
    const lookupId = cloneStrip(r.id);
    const query: AttributeQuery = { setType: c.setType, setId: c.setId, nvpairId: c.nvpairId, name: c.name };
    const match = lookUp(cib, lookupId, query, steps);
    if (match.kind === 'many') return { steps, failure: { code: ExitCode.MULTIPLE } };
    let input: XmlElement;
    let shownId: string;
    let setId = c.setId;
    if (match.kind === 'one') {
      shownId = match.nvpair.attrs['id'] ?? '(null)';
      input = nvpair(shownId, c.name, value);
    } else {
      setId ??= `${lookupId}-${c.setType}`;
      const id = c.nvpairId ?? `${setId}-${c.name}`;
      // Pacemaker names only the id it made up itself
      shownId = c.nvpairId === undefined ? id : '(null)';
      input = new XmlElement(r.xml.name, { id: lookupId });
      input.add(c.setType, { id: setId }).appendChild(nvpair(id, c.name, value));
    }
    steps.push({
      request: { op: 'modify', scope: 'resources', input },
      done: `Set '${lookupId}' option: id=${shownId}${setText(setId)} name=${c.name} value=${value}`,
    });
  }
  return { steps };
}

export function planAttributeDelete(cib: XmlElement, rsc: Resource, requested: string, c: AttributeChange): Plan {
  const steps: Step[] = [];
  warnAmbiguous(cib, rsc, c, steps);
  const resources = c.setType === 'meta_attributes' ? targets(cib, rsc, requested, c, 'delete', steps) : [rsc];
  let nvpairId = c.nvpairId;
  for (const r of resources) {
    const lookupId = cloneStrip(r.id);
    const match = lookUp(cib, lookupId, { setType: c.setType, setId: c.setId, nvpairId: c.nvpairId, name: c.name }, steps);
    if (match.kind === 'none') continue;
    if (match.kind === 'many') return { steps, failure: { code: ExitCode.MULTIPLE } };
    const foundId = match.nvpair.attrs['id'] ?? '(null)';
    // the first id found is used for every resource after it, as in Pacemaker
    nvpairId ??= foundId;
    const input = new XmlElement('nvpair', { id: nvpairId, name: c.name });
    steps.push({
      request: { op: 'delete', scope: 'resources', input },
      done: `Deleted '${lookupId}' option: id=${foundId}${setText(c.setId)} name=${c.name}`,
    });
  }
  return { steps };
}

function nvpair(id: string, name: string, value: string): XmlElement {
  return new XmlElement('nvpair', { id, name, value });
}
