/** Cluster options and resource/operation defaults: options-1.0, -3.0, -3.4, -3.5, -3.9. */
import { attribute, choice, data, element, group, interleave, notAllowed, optional, value, values, zeroOrMore, type Grammar, type Pattern } from '../rng/pattern.js';
import { nested, since, TEXT, type Version } from './common.js';
import { nvset, nvsetFile, nvsetWith } from './nvset.js';
import { rule39File } from './rule.js';

/** Cluster properties that the 3.x schemas no longer accept (upgrade-2.10.xsl renames them). */
const UNSUPPORTED_PROPERTIES = [
  'cluster-infrastructure',
  'cluster_recheck_interval',
  'dc_deadtime',
  'default-action-timeout',
  'default_action_timeout',
  'default-migration-threshold',
  'default_migration_threshold',
  'default-resource-failure-stickiness',
  'default_resource_failure_stickiness',
  'default-resource-stickiness',
  'default_resource_stickiness',
  'election_timeout',
  'expected-quorum-votes',
  'is-managed-default',
  'is_managed_default',
  'no_quorum_policy',
  'notification-agent',
  'notification-recipient',
  'remove_after_stop',
  'shutdown_escalation',
  'startup_fencing',
  'stonith_action',
  'stonith_enabled',
  'stop_orphan_actions',
  'stop_orphan_resources',
  'symmetric_cluster',
  'transition_idle_timeout',
];

const OLD_STACKS = ['heartbeat', 'openais', 'classic openais', 'classic openais (with plugin)', 'cman'];

function defaults(name: string, meta: () => Pattern[]): Pattern {
  return optional(element(name, zeroOrMore(element('meta_attributes', ...meta()))));
}

export function optionsFile(v: Version) {
  return (g: Grammar) => {
    if (!since(v, '3.0')) {
      return () => [
        interleave(
          element('crm_config', zeroOrMore(element('cluster_property_set', nvset('1.0')))),
          defaults('rsc_defaults', () => [nvset('1.0')]),
          defaults('op_defaults', () => [nvset('1.0')]),
        ),
      ];
    }
    if (since(v, '3.9')) rule39File(g);
    g.define('cluster_property_set.nvpair.name-value-unsupported', () => [
      choice(
        group(
          attribute('name', value('cluster-infrastructure', 'string')),
          attribute('value', data('string', { except: [values(...OLD_STACKS)] })),
        ),
        group(attribute('name', data('string', { except: [values(...UNSUPPORTED_PROPERTIES)] })), optional(attribute('value', TEXT()))),
      ),
    ]);
    const properties = () =>
      nvsetWith(v, { 'element-nvset.name-value': () => [g.parentRef('cluster_property_set.nvpair.name-value-unsupported')] });
    const metaDefaults = (ruleFlavour: string) =>
      since(v, '3.9') ? nested(nvsetFile(v), { 'element-nvset.rule': () => [g.parentRef(ruleFlavour)] }) : [nvset(v)];
    g.define('options', () => [
      interleave(
        element('crm_config', zeroOrMore(element('cluster_property_set', ...properties()))),
        defaults('rsc_defaults', () => metaDefaults('element-rule-rsc_defaults')),
        defaults('op_defaults', () => metaDefaults('element-rule-op_defaults')),
      ),
    ]);
    if (since(v, '3.9')) return () => [choice(g.ref('options'), notAllowed())];
    return () => [g.ref('options')];
  };
}
