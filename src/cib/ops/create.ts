/**
 * --create: adds objects to a section. An object that is already there (same
 * name and id among the section's children) is refused; the refusal comes
 * with Pacemaker's <failed> report. Without a section, or given a whole
 * <cib>, create works like modify.
 */
import { alreadyExists, invalidArgument } from '../errors.js';
import { childMatching } from '../match.js';
import { copyAttrsExpanded } from '../plus-plus.js';
import { findSection } from '../sections.js';
import type { ChangeTracker } from '../tracking.js';
import { XmlElement } from '../xml/node.js';
import { modify } from './modify.js';
import type { CibRequest } from './request.js';

export function create(cib: XmlElement, req: CibRequest, t: ChangeTracker): void {
  let section = req.scope ?? req.xpath; // Pacemaker's create takes an XPath for a section name
  if (section?.toLowerCase() === 'all' || section?.toLowerCase() === 'cib' || req.input?.name.toLowerCase() === 'cib') {
    section = undefined;
  }
  const input = req.input;
  if (!input) throw invalidArgument();
  if (section === undefined) return modify(cib, { ...req, scope: undefined, xpath: undefined }, t);

  const parent = findSection(cib, section);
  const objects = input.name.toLowerCase() === section.toLowerCase() ? input.elements() : [input];
  for (const obj of objects) {
    const failure = parent === null ? invalidArgument() : childMatching(parent, obj.name, ...idKey(obj)) ? alreadyExists() : null;
    if (failure) {
      failure.details.output = failedReport(obj, failure.reason);
      throw failure;
    }
    addObject(t, parent!, obj);
  }
}

function idKey(obj: XmlElement): [string?, string?] {
  return obj.id === undefined ? [] : ['id', obj.id];
}

/**
 * Adds `update` under `parent`, merging into an existing child of the same
 * name and id. A `replace="a,b"` attribute first drops the named children.
 */
function addObject(t: ChangeTracker, parent: XmlElement, update: XmlElement): void {
  const target = childMatching(parent, update.name, ...idKey(update)) ?? t.createChild(parent, update.name);
  const replace = update.attr('replace');
  const attrs = new XmlElement(update.name, update.attrs);
  if (replace !== undefined) {
    for (const name of replace.split(',')) {
      const victim = name === '' ? undefined : target.firstElement(name);
      if (victim) t.remove(victim);
    }
    attrs.removeAttr('replace');
    t.removeAttr(target, 'replace');
  }
  copyAttrsExpanded(t, target, attrs);
  for (const child of update.children) {
    if (child.kind === 'element') addObject(t, target, child);
    else if (child.kind === 'comment') t.appendCopy(target, child);
  }
}

/** <failed><failed_update id= object_type= operation= reason=>copy</failed_update></failed> */
function failedReport(obj: XmlElement, reason: string): XmlElement {
  const failed = new XmlElement('failed');
  const entry = failed.add('failed_update');
  entry.appendChild(obj.clone());
  if (obj.id !== undefined) entry.setAttr('id', obj.id);
  entry.setAttr('object_type', obj.name);
  entry.setAttr('operation', 'cib_create');
  entry.setAttr('reason', reason);
  return failed;
}
