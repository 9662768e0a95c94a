/**
 * The <cib> element's own attributes: versions.rng (validate-with and the
 * version counters) and cib-1.0 / cib-1.2.
 */
import { attribute, data, interleave, optional, values, type Grammar } from '../rng/pattern.js';
import { external, since, TEXT, type Version } from './common.js';

/** The validate-with values Pacemaker 2.1.5's versions.rng accepts, in its order. */
export const VALIDATE_WITH_VALUES = [
  'none',
  'pacemaker-0.6',
  'transitional-0.6',
  'pacemaker-0.7',
  'pacemaker-1.1',
  'pacemaker-next',
  'pacemaker-1.0',
  'pacemaker-1.2',
  'pacemaker-1.3',
  'pacemaker-2.0',
  'pacemaker-2.1',
  'pacemaker-2.2',
  'pacemaker-2.3',
  'pacemaker-2.4',
  'pacemaker-2.5',
  'pacemaker-2.6',
  'pacemaker-2.7',
  'pacemaker-2.8',
  'pacemaker-2.9',
  'pacemaker-2.10',
  'pacemaker-3.0',
  'pacemaker-3.1',
  'pacemaker-3.2',
  'pacemaker-3.3',
  'pacemaker-3.4',
  'pacemaker-3.5',
  'pacemaker-3.6',
  'pacemaker-3.7',
  'pacemaker-3.8',
  'pacemaker-3.9',
];

export function versionsFile(_g: Grammar) {
  const counter = (name: string) => attribute(name, data('nonNegativeInteger'));
  return () => [
    interleave(
      optional(attribute('validate-with', values(...VALIDATE_WITH_VALUES))),
      counter('admin_epoch'),
      counter('epoch'),
      counter('num_updates'),
    ),
  ];
}

export function cibFile(v: Version) {
  return (g: Grammar) => {
    const text = (name: string) => optional(attribute(name, TEXT()));
    g.define('attribute-options', () => [
      external(versionsFile),
      text('crm_feature_set'),
      optional(attribute('remote-tls-port', data('nonNegativeInteger'))),
      optional(attribute('remote-clear-port', data('nonNegativeInteger'))),
      optional(attribute('have-quorum', data('boolean'))),
      text('dc-uuid'),
      text('cib-last-written'),
      optional(attribute('no-quorum-panic', data('boolean'))),
      ...(since(v, '1.2') ? [text('update-origin'), text('update-client'), text('update-user'), text('execution-date')] : []),
    ]);
    return () => [g.ref('attribute-options')];
  };
}
