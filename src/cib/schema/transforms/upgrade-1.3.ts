/**
 * From the 1.x series to pacemaker-2.0 (the effect of Pacemaker's
 * upgrade-1.3.xsl): the old ACLs become the new ones. A user's role_ref
 * elements become role, a user with inline rules gets a role of its own
 * (auto-<user>) holding them, and read/write/deny rules become
 * acl_permission elements of that kind.
 */
import { XmlElement, cloneNode } from '../../xml/node.js';
import type { UpgradeLog } from '../upgrade.js';

const RULES = new Set(['read', 'write', 'deny']);

export function upgrade13(cib: XmlElement, log: UpgradeLog[]): XmlElement {
  return copy(cib, log)[0]!;
}

/** The copy of one element; some elements become two (a user and its role). */
function copy(el: XmlElement, log: UpgradeLog[]): XmlElement[] {
  if (el.name === 'cib') {
    const out = shallow(el, 'cib');
    out.setAttr('validate-with', 'pacemaker-2.0');
    appendChildren(out, el, log);
    return [out];
  }
  if (el.name === 'role_ref') {
    const out = shallow(el, 'role');
    appendChildren(out, el, log);
    return [out];
  }
  if (RULES.has(el.name)) return [permission(el, log)];
  if (el.name === 'acl_user') {
    if (el.elements('role_ref').length > 0) {
      const out = shallow(el, 'acl_target');
      appendChildren(out, el, log);
      return [out];
    }
    const target = shallow(el, 'acl_target');
    const rules = el.elements().filter((c) => RULES.has(c.name));
    if (rules.length === 0) return [target];
    const roleId = `auto-${el.attr('id') ?? ''}`;
    target.add('role', { id: roleId });
    const role = new XmlElement('acl_role', { id: roleId });
    for (const c of el.elements()) for (const r of copy(c, log)) role.appendChild(r);
    return [target, role];
  }
  const out = shallow(el, el.name);
  appendChildren(out, el, log);
  return [out];
}

function shallow(el: XmlElement, name: string): XmlElement {
  return new XmlElement(name, el.attrs);
}

function appendChildren(out: XmlElement, el: XmlElement, log: UpgradeLog[]): void {
  for (const c of el.children) {
    if (c.kind === 'element') for (const r of copy(c, log)) out.appendChild(r);
    else out.appendChild(cloneNode(c));
  }
}

function permission(rule: XmlElement, log: UpgradeLog[]): XmlElement {
  const p = new XmlElement('acl_permission');
  const id = rule.attr('id');
  if (id !== undefined) p.setAttr('id', id);
  p.setAttr('kind', rule.name);
  const attribute = rule.attr('attribute');
  const note = (text: string) => log.push({ level: 'warning', fn: 'cib_upgrade_err', text });
  if (rule.hasAttr('ref')) {
    p.setAttr('reference', rule.attr('ref')!);
    if (attribute !== undefined) note('ACLs: @attribute cannot accompany @ref for upgrade-1.3.xsl purposes, ignoring');
  } else if (rule.hasAttr('tag')) {
    p.setAttr('object-type', rule.attr('tag')!);
    if (attribute !== undefined) {
      note('ACLs: @attribute (with @tag) handling generalized a bit for upgrade-1.3.xsl purposes');
      p.setAttr('attribute', attribute);
    }
  } else if (attribute !== undefined) {
    note('ACLs: @attribute (with @xpath) handling generalized a bit for upgrade-1.3.xsl purposes');
    p.setAttr('xpath', `${rule.attr('xpath') ?? ''}[@${attribute}]`);
  } else if (rule.hasAttr('xpath')) {
    p.setAttr('xpath', rule.attr('xpath')!);
  }
  return p;
}
