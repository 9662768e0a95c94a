/** Alerts: alerts-2.5, -2.9, -2.10 (adds <select>), -3.5, -3.9. */
import { attribute, choice, element, empty, interleave, optional, zeroOrMore, type Grammar, type Pattern } from '../rng/pattern.js';
import { ID, since, TEXT, type Version } from './common.js';
import { nvset } from './nvset.js';

function nvsetVersion(v: Version): Version {
  if (since(v, '3.9')) return '3.9';
  if (since(v, '3.5')) return '3.5';
  if (since(v, '2.9')) return '2.9';
  return '1.3';
}

export function alertsFile(v: Version) {
  return (g: Grammar) => {
    const recipients = (): Pattern =>
      zeroOrMore(
        element(
          'recipient',
          attribute('id', ID()),
          optional(attribute('description', TEXT())),
          attribute('value', TEXT()),
          g.ref('element-alert-extra'),
        ),
      );
    const select = (): Pattern =>
      optional(
        element(
          'select',
          interleave(
            optional(element('select_attributes', zeroOrMore(element('attribute', attribute('id', ID()), attribute('name', TEXT()))))),
            optional(element('select_fencing', empty())),
            optional(element('select_nodes', empty())),
            optional(element('select_resources', empty())),
          ),
        ),
      );
    g.define('element-alerts', () => [
      optional(
        element(
          'alerts',
          zeroOrMore(
            element(
              'alert',
              attribute('id', ID()),
              optional(attribute('description', TEXT())),
              attribute('path', TEXT()),
              ...(since(v, '2.10') ? [interleave(g.ref('element-alert-extra'), select(), recipients())] : [g.ref('element-alert-extra'), recipients()]),
            ),
          ),
        ),
      ),
    ]);
    g.define('element-alert-extra', () => [
      zeroOrMore(choice(element('meta_attributes', nvset(nvsetVersion(v))), element('instance_attributes', nvset(nvsetVersion(v))))),
    ]);
    return () => [g.ref('element-alerts')];
  };
}
