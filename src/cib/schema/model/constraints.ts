/**
 * Constraints: constraints-1.0, -1.2, -2.1, -2.2, -2.3, -2.6, -2.9, -3.0,
 * -3.5, -3.6, -3.7, -3.9 and -next.
 */
import { attribute, choice, data, element, group, oneOrMore, optional, values, zeroOrMore, type Grammar, type Pattern } from '../rng/pattern.js';
import { ID, IDREF, nested, since, TEXT, type Version } from './common.js';
import { rule, rule39File } from './rule.js';
import { score } from './score.js';

const NEXT = 'next';

function at(v: Version, min: Version): boolean {
  return v === NEXT || since(v, min);
}

export function constraintsFile(v: Version) {
  return (g: Grammar) => {
    const ruleRef = (): Pattern[] => {
      if (at(v, '3.9')) return nested(rule39File, {}, (inner) => [inner.ref('element-rule-location')]);
      if (at(v, '3.5')) return [rule('3.5')];
      if (at(v, '2.9')) return [rule('2.9')];
      return [rule('1.0')];
    };
    const roles = () => attribute('role', g.ref('attribute-roles'));
    g.define('element-constraints', () => [
      element(
        'constraints',
        zeroOrMore(
          choice(
            g.ref('element-location'),
            g.ref('element-colocation'),
            g.ref('element-order'),
            ...(at(v, '1.2') ? [g.ref('element-rsc_ticket')] : []),
          ),
        ),
      ),
    ]);
    g.define('element-location', () => {
      const where = choice(group(score(), attribute('node', TEXT())), oneOrMore(...ruleRef()));
      if (!at(v, '1.2')) {
        return [element('rsc_location', attribute('id', ID()), attribute('rsc', IDREF()), where, optional(g.ref('element-lifetime')))];
      }
      const rsc = at(v, '2.6') ? choice(attribute('rsc', IDREF()), attribute('rsc-pattern', TEXT())) : attribute('rsc', IDREF());
      return [
        element(
          'rsc_location',
          attribute('id', ID()),
          choice(group(rsc, optional(roles())), oneOrMore(g.ref('element-resource-set'))),
          where,
          optional(g.ref('element-lifetime')),
          ...(at(v, '2.2') ? [optional(attribute('resource-discovery', g.ref('attribute-discovery')))] : []),
        ),
      ];
    });
    g.define('element-resource-set', () => [
      element(
        'resource_set',
        choice(
          attribute('id-ref', IDREF()),
          group(
            attribute('id', ID()),
            optional(attribute('sequential', data('boolean'))),
            ...(at(v, '1.2') ? [optional(attribute('require-all', data('boolean')))] : []),
            ...(at(v, '2.1') ? [optional(attribute('ordering', values('group', 'listed')))] : []),
            optional(attribute('action', g.ref('attribute-actions'))),
            optional(roles()),
            at(v, '3.0') ? optional(choice(score(), attribute('kind', g.ref('order-types')))) : optional(score()),
            oneOrMore(element('resource_ref', attribute('id', IDREF()))),
          ),
        ),
      ),
    ]);
    g.define('element-colocation', () => [
      element(
        'rsc_colocation',
        attribute('id', ID()),
        at(v, '3.0')
          ? optional(score())
          : optional(choice(score(), attribute('score-attribute', TEXT()), attribute('score-attribute-mangle', TEXT()))),
        ...(at(v, '3.6') ? [optional(attribute('influence', TEXT()))] : []),
        optional(g.ref('element-lifetime')),
        choice(
          oneOrMore(g.ref('element-resource-set')),
          group(
            attribute('rsc', IDREF()),
            attribute('with-rsc', IDREF()),
            optional(attribute('node-attribute', TEXT())),
            optional(attribute('rsc-role', g.ref('attribute-roles'))),
            optional(attribute('with-rsc-role', g.ref('attribute-roles'))),
            ...(v === NEXT
              ? [optional(attribute('rsc-instance', data('integer'))), optional(attribute('with-rsc-instance', data('integer')))]
              : []),
          ),
        ),
      ),
    ]);
    g.define('element-order', () => [
      element(
        'rsc_order',
        attribute('id', ID()),
        optional(g.ref('element-lifetime')),
        optional(attribute('symmetrical', data('boolean'))),
        ...(at(v, '2.3') ? [optional(attribute('require-all', data('boolean')))] : []),
        optional(choice(score(), attribute('kind', g.ref('order-types')))),
        choice(
          oneOrMore(g.ref('element-resource-set')),
          group(
            attribute('first', IDREF()),
            attribute('then', IDREF()),
            optional(attribute('first-action', g.ref('attribute-actions'))),
            optional(attribute('then-action', g.ref('attribute-actions'))),
            ...(v === NEXT
              ? [optional(attribute('first-instance', data('integer'))), optional(attribute('then-instance', data('integer')))]
              : []),
          ),
        ),
      ),
    ]);
    if (at(v, '1.2')) {
      g.define('element-rsc_ticket', () => [
        element(
          'rsc_ticket',
          attribute('id', ID()),
          choice(oneOrMore(g.ref('element-resource-set')), group(attribute('rsc', IDREF()), optional(attribute('rsc-role', g.ref('attribute-roles'))))),
          attribute('ticket', TEXT()),
          optional(attribute('loss-policy', values('stop', 'demote', 'fence', 'freeze'))),
        ),
      ]);
    }
    if (at(v, '2.2')) g.define('attribute-discovery', () => [values('always', 'never', 'exclusive')]);
    g.define('attribute-actions', () => [values('start', 'promote', 'demote', 'stop')]);
    g.define('attribute-roles', () => [
      at(v, '3.7') ? values('Stopped', 'Started', 'Promoted', 'Unpromoted', 'Master', 'Slave') : values('Stopped', 'Started', 'Master', 'Slave'),
    ]);
    g.define('order-types', () => [values('Optional', 'Mandatory', 'Serialize')]);
    g.define('element-lifetime', () => [element('lifetime', oneOrMore(...ruleRef()))]);
    return () => [g.ref('element-constraints')];
  };
}
