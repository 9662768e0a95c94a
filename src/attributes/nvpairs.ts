/**
 * Name/value attributes kept in the CIB (cluster options, resource and
 * operation defaults, node attributes permanent or transient, ticket
 * attributes), found, set and removed the way Pacemaker's CIB attribute
 * helpers do it: a search by XPath under the section, a merge (modify) of a
 * small tree that creates the attribute set when missing, a delete by
 * example. Pure: takes the CIB, returns what to ask of it.
 */
import { CibError } from '../cib/errors.js';
import type { CibRequest } from '../cib/ops/request.js';
import { XmlElement } from '../cib/xml/node.js';
import { selectNodes, XPathError } from '../cib/xpath/index.js';
import { ExitCode } from '../cli/exit-codes.js';

export interface AttributeTarget {
  /** crm_config, rsc_defaults, op_defaults, nodes, status or tickets. */
  section: string;
  /** The node's uuid (nodes and status sections). */
  node?: string;
  /** Whether that node is a remote node (its <node> entry may need creating). */
  remoteNode?: boolean;
  /** The kind of set (utilization); instance_attributes when not given. */
  setType?: string;
  /** The set's id (--set-name). */
  setName?: string;
  /** The attribute's id (--id). */
  id?: string;
  /** The attribute's name (--name). */
  name?: string;
}

const SECTION_PATHS: Record<string, string> = {
  crm_config: '/cib/configuration/crm_config',
  rsc_defaults: '/cib/configuration/rsc_defaults',
  op_defaults: '/cib/configuration/op_defaults',
  nodes: '/cib/configuration/nodes',
  status: '/cib/status',
  tickets: '/cib/status/tickets',
  configuration: '/cib/configuration',
  resources: '/cib/configuration/resources',
  constraints: '/cib/configuration/constraints',
};

export const invalidArgument = () => new CibError(ExitCode.SOFTWARE, 'Invalid argument');
const unknownSection = () => new CibError(ExitCode.PROTOCOL, 'No message of desired type');
export const noSuchAttribute = () => new CibError(ExitCode.NOSUCH, 'No such device or address');

/** The XPath Pacemaker searches with; throws for a section it does not know. */
export function attributeXPath(t: AttributeTarget): string {
  let section = t.section;
  let setType = t.setType ?? 'instance_attributes';
  let node = t.node;
  let tickets = false;
  if (section === 'crm_config') {
    node = undefined;
    setType = 'cluster_property_set';
  } else if (section === 'op_defaults' || section === 'rsc_defaults') {
    node = undefined;
    setType = 'meta_attributes';
  } else if (section === 'tickets') {
    node = undefined;
    section = 'status';
    tickets = true;
  } else if (node === undefined) {
    throw invalidArgument();
  }
  const base = SECTION_PATHS[section];
  if (base === undefined) throw unknownSection();
  let xpath = base;
  if (tickets) xpath += '//tickets';
  else if (node !== undefined) {
    if (section === 'status') {
      xpath += `//node_state[@id='${node}']`;
      setType = 'transient_attributes';
    } else xpath += `//node[@id='${node}']`;
  }
  xpath += `//${setType}`;
  if (t.setName !== undefined) xpath += `[@id='${t.setName}']`;
  xpath += '//nvpair';
  if (t.id !== undefined && t.name !== undefined) xpath += `[@id='${t.id}' and @name='${t.name}']`;
  else if (t.id !== undefined) xpath += `[@id='${t.id}']`;
  else if (t.name !== undefined) xpath += `[@name='${t.name}']`;
  return xpath;
}

/** The nvpairs the target names, in document order. */
export function findAttributes(cib: XmlElement, t: AttributeTarget): XmlElement[] {
  const xpath = attributeXPath(t);
  try {
    return selectNodes(cib, xpath);
  } catch (e) {
    if (e instanceof XPathError) throw invalidArgument();
    throw e;
  }
}

/** Pacemaker's lines about an ambiguous name (printed before giving up). */
export function multipleMatchLines(matches: readonly XmlElement[], name: string | undefined): string[] {
  return [`Multiple attributes match name=${name ?? '(null)'}`, ...matches.map((m) => `  Value: ${m.attr('value') ?? '(null)'} \t(id=${m.id ?? '(null)'})`)];
}

export class MultipleMatches extends Error {
  constructor(readonly matches: XmlElement[]) {
    super('several attributes match');
  }
}

/** Characters Pacemaker replaces in the ids it makes up. */
const sanitizeId = (id: string) => id.replace(/[:#]/g, '.');

function nvpair(id: string | undefined, name: string | undefined, value: string | undefined): XmlElement {
  const el = new XmlElement('nvpair');
  if (id !== undefined) el.setAttr('id', id);
  if (name !== undefined) el.setAttr('name', name);
  if (value !== undefined) el.setAttr('value', value);
  return el;
}

/**
 * The request that sets the attribute: the existing nvpair changed in
 * place, or a new one in a set created as needed. Throws MultipleMatches
 * when the name is ambiguous.
 */
export function updateRequest(cib: XmlElement, t: AttributeTarget, value: string): { request: CibRequest; setName?: string } {
  if (t.id === undefined && t.name === undefined) throw invalidArgument();
  const found = findAttributes(cib, t);
  if (found.length > 1) throw new MultipleMatches(found);
  let section = t.section;
  if (found.length === 1) return { request: { op: 'modify', scope: section, input: nvpair(found[0]!.id, t.name, value) }, setName: t.setName };

  let node = t.node;
  let top: XmlElement | undefined;
  let parent: XmlElement | undefined;
  let tag: string | undefined;
  let tickets = false;
  if (section === 'tickets') {
    node = undefined;
    section = 'status';
    tickets = true;
    top = new XmlElement('status');
    parent = top.add('tickets');
  } else if (section === 'nodes') {
    if (node === undefined) throw invalidArgument();
    if (t.remoteNode) {
      top = new XmlElement('nodes');
      parent = top.add('node', { type: 'remote', id: node, uname: node });
    } else tag = 'node';
  } else if (section === 'status') {
    if (node === undefined) throw invalidArgument();
    tag = 'transient_attributes';
    top = new XmlElement('node_state', { id: node });
    parent = top;
  } else {
    tag = section;
    node = undefined;
  }

  let setName = t.setName;
  if (setName === undefined) {
    if (section === 'crm_config') setName = 'cib-bootstrap-options';
    else if (tickets) setName = `${section}-tickets`;
    else if (node !== undefined) setName = `${section}-${node}${t.setType ? `-${t.setType}` : ''}`;
    else setName = `${section}-options`;
  }
  let id = t.id;
  let name = t.name;
  if (id === undefined) id = sanitizeId(`${setName}-${name}`);
  else if (name === undefined) name = id;

  if (tag !== undefined) {
    const el = new XmlElement(tag);
    if (node !== undefined) el.setAttr('id', node);
    parent?.appendChild(el);
    parent = el;
    top ??= el;
  }
  const setTag =
    node === undefined && !tickets ? (section === 'crm_config' ? 'cluster_property_set' : 'meta_attributes') : (t.setType ?? 'instance_attributes');
  const set = parent ? parent.add(setTag, { id: setName }) : new XmlElement(setTag, { id: setName });
  top ??= set;
  set.appendChild(nvpair(id, name, value));
  return { request: { op: 'modify', scope: section, input: top }, setName };
}

export interface DeletePlan {
  request?: CibRequest;
  /** The id that was looked up (undefined when the caller gave it). */
  foundId?: string;
  /** Several matched: nothing is deleted, and Pacemaker still succeeds. */
  multiple?: XmlElement[];
}

/** What deleting the attribute takes; throws noSuchAttribute when there is none. */
export function deletePlan(cib: XmlElement, t: AttributeTarget): DeletePlan {
  if (t.id === undefined && t.name === undefined) throw invalidArgument();
  let id = t.id;
  let foundId: string | undefined;
  if (id === undefined) {
    const found = findAttributes(cib, t);
    if (found.length === 0) throw noSuchAttribute();
    if (found.length > 1) return { multiple: found };
    id = foundId = found[0]!.id;
  }
  return { request: { op: 'delete', scope: t.section === 'tickets' ? 'status' : t.section, input: nvpair(id, t.name, undefined) }, foundId };
}
