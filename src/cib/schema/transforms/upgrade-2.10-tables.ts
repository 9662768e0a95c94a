/**
 * What changes between the 2.x and 3.x CIB, as tables of name/value
 * replacements (the content of Pacemaker's upgrade-2.10.xsl maps): which
 * option or attribute is renamed, moved elsewhere, given another value, or
 * dropped, and what is said about it.
 */

export interface Replacement {
  what: string;
  /** new name; '' drops the item */
  with: string;
  /** where the item moves to (rsc_defaults, op_defaults, meta_attributes, ...) */
  where?: string;
  /** only for these values, '|'-separated ('' when present but empty) */
  inCaseOf?: string;
  /** only for values starting with this prefix, which is then dropped */
  inCaseOfDroppablePrefix?: string;
  redefinedAs?: string;
  msgExtra?: string;
  msgSeverity?: 'WARNING' | 'INFO' | 'DEBUG';
}

export interface Table {
  msgPrefix: string;
  whereCases?: string;
  replace: Replacement[];
}

const CLUSTER_PROPERTY_EXTRA = 'migration-threshold in rsc_defaults can be configured instead';

export const CLUSTER_PROPERTIES: Table = {
  msgPrefix: 'Cluster properties',
  whereCases: 'op_defaults|rsc_defaults',
  replace: [
    {
      what: 'cluster-infrastructure',
      with: '',
      inCaseOf: 'heartbeat|openais|classic openais|classic openais (with plugin)|cman',
      msgExtra: 'corosync (2+) infrastructure can be used instead, though the value is not of significance',
    },
    { what: 'cluster_recheck_interval', with: 'cluster-recheck-interval' },
    { what: 'dc_deadtime', with: 'dc-deadtime' },
    { what: 'default-action-timeout', with: 'timeout', where: 'op_defaults' },
    { what: 'default_action_timeout', with: 'timeout', where: 'op_defaults' },
    { what: 'default-migration-threshold', with: '', msgExtra: CLUSTER_PROPERTY_EXTRA },
    { what: 'default_migration_threshold', with: '', msgExtra: CLUSTER_PROPERTY_EXTRA },
    { what: 'default-resource-stickiness', with: 'resource-stickiness', where: 'rsc_defaults' },
    { what: 'default_resource_stickiness', with: 'resource-stickiness', where: 'rsc_defaults' },
    { what: 'default-resource-failure-stickiness', with: 'migration-threshold', where: 'rsc_defaults', inCaseOf: '-INFINITY', redefinedAs: '1' },
    { what: 'default-resource-failure-stickiness', with: '', msgExtra: CLUSTER_PROPERTY_EXTRA },
    { what: 'default_resource_failure_stickiness', with: 'migration-threshold', where: 'rsc_defaults', inCaseOf: '-INFINITY', redefinedAs: '1' },
    { what: 'default_resource_failure_stickiness', with: '', msgExtra: CLUSTER_PROPERTY_EXTRA },
    { what: 'election_timeout', with: 'election-timeout' },
    { what: 'expected-quorum-votes', with: '', msgExtra: 'corosync (2+) infrastructure tracks quorum on its own' },
    { what: 'is-managed-default', with: 'is-managed', where: 'rsc_defaults' },
    { what: 'is_managed_default', with: 'is-managed', where: 'rsc_defaults' },
    { what: 'no_quorum_policy', with: 'no-quorum-policy' },
    { what: 'notification-agent', with: '', msgExtra: 'standalone alerts can be configured instead' },
    { what: 'notification-recipient', with: '', msgExtra: 'standalone alerts can be configured instead' },
    { what: 'remove_after_stop', with: 'remove-after-stop' },
    { what: 'shutdown_escalation', with: 'shutdown-escalation' },
    { what: 'startup_fencing', with: 'startup-fencing' },
    { what: 'stonith_action', with: 'stonith-action' },
    { what: 'stonith_enabled', with: 'stonith-enabled' },
    { what: 'stop_orphan_actions', with: 'stop-orphan-actions' },
    { what: 'stop_orphan_resources', with: 'stop-orphan-resources' },
    { what: 'symmetric_cluster', with: 'symmetric-cluster' },
    { what: 'transition_idle_timeout', with: 'cluster-delay' },
  ],
};

export const CLUSTER_NODE: Table = {
  msgPrefix: 'Cluster node',
  replace: [{ what: 'type', with: 'type', inCaseOf: 'normal', redefinedAs: 'member' }],
};

export const RESOURCE_INSTANCE_ATTRIBUTES: Table = {
  msgPrefix: 'Resource instance_attributes',
  replace: [
    { what: 'pcmk_arg_map', with: '' },
    { what: 'pcmk_arg_map', with: 'pcmk_host_argument', inCaseOfDroppablePrefix: 'port:' },
    { what: 'pcmk_list_cmd', with: 'pcmk_list_action' },
    { what: 'pcmk_monitor_cmd', with: 'pcmk_monitor_action' },
    { what: 'pcmk_off_cmd', with: 'pcmk_off_action' },
    { what: 'pcmk_on_cmd', with: 'pcmk_on_action' },
    { what: 'pcmk_reboot_cmd', with: 'pcmk_reboot_action' },
    { what: 'pcmk_status_cmd', with: 'pcmk_status_action' },
  ],
};

const ISOLATION = {
  with: 'target-role',
  redefinedAs: 'Stopped',
  msgExtra: 'i.e. resource at hand disabled; isolation wrappers obsoleted with bundle resources',
  msgSeverity: 'WARNING' as const,
};

export const RESOURCE_META_ATTRIBUTES: Table = {
  msgPrefix: 'Resource meta_attributes',
  replace: [
    { what: 'isolation', ...ISOLATION },
    { what: 'isolation-host', ...ISOLATION },
    { what: 'isolation-instance', ...ISOLATION },
    { what: 'isolation-wrapper', ...ISOLATION },
    { what: 'resource-failure-stickiness', with: 'migration-threshold', inCaseOf: '-INFINITY', redefinedAs: '1' },
    { what: 'resource-failure-stickiness', with: '', msgExtra: 'migration-threshold can be configured instead' },
    { what: 'resource_failure_stickiness', with: 'migration-threshold', inCaseOf: '-INFINITY', redefinedAs: '1' },
    { what: 'resource_failure_stickiness', with: '', msgExtra: 'migration-threshold can be configured instead' },
  ],
};

const ONLY_START_PROMOTE = 'only start/promote operation taken into account';

export const RESOURCES_OPERATION: Table = {
  msgPrefix: 'Resources-operation',
  whereCases: 'meta_attributes',
  replace: [
    { what: 'requires', with: '', msgExtra: ONLY_START_PROMOTE },
    { what: 'requires', with: 'requires', inCaseOf: 'start|promote', where: 'meta_attributes' },
  ],
};

export const RESOURCE_OPERATION_INSTANCE_ATTRIBUTES: Table = {
  msgPrefix: 'Resources-operation instance_attributes',
  whereCases: 'meta_attributes|per-resource-meta_attributes',
  replace: [
    { what: 'requires', with: '', msgExtra: ONLY_START_PROMOTE },
    { what: 'requires', with: 'requires', inCaseOf: 'start|promote', where: 'per-resource-meta_attributes' },
    ...['interval-origin', 'start-delay', 'enabled', 'on-fail', 'record-pending', 'role', 'timeout'].map((n) => ({
      what: n,
      with: n,
      where: 'meta_attributes',
    })),
  ],
};

export const CONSTRAINTS_COLOCATION: Table = {
  msgPrefix: 'Constraints-colocation',
  replace: [
    { what: 'score-attribute', with: '', msgExtra: 'was actually never in effect' },
    { what: 'score-attribute-mangle', with: '', msgExtra: 'was actually never in effect' },
  ],
};

function inCase(list: string, value: string): boolean {
  return `|${list}|`.includes(`|${value}|`);
}

/**
 * The replacements that apply to an item, as the stylesheet selects them:
 * an entry for specific values wins over a general one for the same name.
 * `prefixes` also lets entries match on a droppable value prefix.
 */
export function replacementsFor(table: Table, name: string, value: string, prefixes = false): Replacement[] {
  const specific = (r: Replacement) =>
    (r.inCaseOf !== undefined && inCase(r.inCaseOf, value)) ||
    (prefixes && r.inCaseOfDroppablePrefix !== undefined && value.startsWith(r.inCaseOfDroppablePrefix) && !value.includes(','));
  const candidates = table.replace.filter((r) => r.what === name);
  const anySpecific = candidates.some(specific);
  return candidates.filter(
    (r) => specific(r) || (r.inCaseOf === undefined && (!prefixes || r.inCaseOfDroppablePrefix === undefined) && !anySpecific),
  );
}

/** The messages the stylesheet gives about one replacement. */
export function replacementMessages(table: Table, r: Replacement, context: string | null): string[] {
  const severity = r.msgSeverity ?? (r.msgExtra !== undefined ? 'INFO' : 'DEBUG');
  const label = `${severity}: `;
  const prefix = `${table.msgPrefix}: `;
  let text = label + prefix + (context ? `${context}: ` : '');
  if (r.with) {
    if (r.where) text += `moving ${r.what} under ${r.where}`;
    else if (r.with === r.what) text += `keeping ${r.what}`;
    else text += `renaming ${r.what}`;
    text += ` as ${r.with}`;
    if (r.where !== undefined) text += ' unless already defined there';
  } else {
    text += `dropping ${r.what}`;
  }
  if (r.redefinedAs) {
    text += `, redefined as ${r.redefinedAs}`;
    if (r.inCaseOf !== undefined) text += ',';
  }
  if (r.inCaseOf) text += ` for matching ${r.inCaseOf}`;
  else if (r.inCaseOf !== undefined) text += ' for matching "empty string"';
  else if (r.inCaseOfDroppablePrefix !== undefined) text += ` for matching ${r.inCaseOfDroppablePrefix} prefix that will, meanwhile, get dropped`;
  const out = [text];
  if (r.msgExtra !== undefined) out.push(`${label}${prefix}... ${r.msgExtra}`);
  return out;
}
