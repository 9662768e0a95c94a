/** Access control lists: acls-1.2 (users and roles), acls-2.0 and -3.8 (targets, groups, permissions). */
import { attribute, choice, element, group, optional, values, zeroOrMore, type Grammar } from '../rng/pattern.js';
import { ID, IDREF, since, TEXT, type Version } from './common.js';

export function aclsFile(v: Version) {
  return (g: Grammar) => {
    if (!since(v, '2.0')) {
      g.define('element-acls', () => [
        element(
          'acls',
          zeroOrMore(
            choice(
              element(
                'acl_user',
                attribute('id', ID()),
                choice(zeroOrMore(element('role_ref', attribute('id', IDREF()))), zeroOrMore(g.ref('element-acl'))),
              ),
              element('acl_role', attribute('id', ID()), zeroOrMore(g.ref('element-acl'))),
            ),
          ),
        ),
      ]);
      g.define('element-acl', () => [
        choice(
          element('read', g.ref('attribute-acl')),
          element('write', g.ref('attribute-acl')),
          element('deny', g.ref('attribute-acl')),
        ),
      ]);
      g.define('attribute-acl', () => [
        attribute('id', ID()),
        choice(
          attribute('tag', TEXT()),
          attribute('ref', IDREF()),
          group(attribute('tag', TEXT()), attribute('ref', IDREF())),
          attribute('xpath', TEXT()),
        ),
        optional(attribute('attribute', TEXT())),
      ]);
      return () => [optional(g.ref('element-acls'))];
    }
    const name = () => (since(v, '3.8') ? [optional(attribute('name', TEXT()))] : []);
    const roles = () => zeroOrMore(element('role', attribute('id', IDREF())));
    g.define('element-acls', () => [
      element(
        'acls',
        zeroOrMore(
          choice(
            element('acl_target', attribute('id', TEXT()), ...name(), roles()),
            element('acl_group', attribute('id', ID()), ...name(), roles()),
            element('acl_role', attribute('id', ID()), optional(attribute('description', TEXT())), zeroOrMore(g.ref('element-permission'))),
          ),
        ),
      ),
    ]);
    g.define('element-permission', () => [
      element(
        'acl_permission',
        attribute('id', ID()),
        attribute('kind', values('read', 'write', 'deny')),
        choice(
          attribute('xpath', TEXT()),
          attribute('reference', IDREF()),
          group(attribute('object-type', TEXT()), optional(attribute('attribute', TEXT()))),
        ),
        optional(attribute('description', TEXT())),
      ),
    ]);
    return () => [optional(g.ref('element-acls'))];
  };
}
