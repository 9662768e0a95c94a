/**
 * The scheduler's cluster options: names, defaults and validity, as the
 * scheduler reads them (a missing or invalid value takes the default, and
 * the default is then recorded in the options table).
 */
import type { Cluster } from '../model/cluster.js';
import { intervalIsValid } from '../util/interval.js';
import { parseBoolean } from '../util/text.js';

type Validator = (value: string) => boolean;

const isBoolean: Validator = (v) => parseBoolean(v) !== undefined;
const isInterval: Validator = (v) => intervalIsValid(v);
const isNumber: Validator = (v) => v === 'INFINITY' || v === '+INFINITY' || v === '-INFINITY' || /^\s*[+-]?\d/.test(v);
const oneOf =
  (...values: string[]): Validator =>
  (v) =>
    values.includes(v.toLowerCase());
const oneOfExact =
  (...values: string[]): Validator =>
  (v) =>
    values.includes(v);

interface OptionSpec {
  name: string;
  default: string;
  valid: Validator;
}

export const SCHEDULER_OPTIONS: OptionSpec[] = [
  { name: 'no-quorum-policy', default: 'stop', valid: oneOf('stop', 'freeze', 'ignore', 'demote', 'suicide') },
  { name: 'symmetric-cluster', default: 'true', valid: isBoolean },
  { name: 'maintenance-mode', default: 'false', valid: isBoolean },
  { name: 'start-failure-is-fatal', default: 'true', valid: isBoolean },
  { name: 'enable-startup-probes', default: 'true', valid: isBoolean },
  { name: 'shutdown-lock', default: 'false', valid: isBoolean },
  { name: 'shutdown-lock-limit', default: '0', valid: isInterval },
  { name: 'stonith-enabled', default: 'true', valid: isBoolean },
  { name: 'stonith-action', default: 'reboot', valid: oneOfExact('off', 'reboot', 'poweroff') },
  { name: 'stonith-timeout', default: '60s', valid: isInterval },
  { name: 'have-watchdog', default: 'false', valid: isBoolean },
  { name: 'concurrent-fencing', default: 'false', valid: isBoolean },
  { name: 'startup-fencing', default: 'true', valid: isBoolean },
  { name: 'priority-fencing-delay', default: '0', valid: isInterval },
  { name: 'cluster-delay', default: '60s', valid: isInterval },
  { name: 'batch-limit', default: '0', valid: isNumber },
  { name: 'migration-limit', default: '-1', valid: isNumber },
  { name: 'stop-all-resources', default: 'false', valid: isBoolean },
  { name: 'stop-orphan-resources', default: 'true', valid: isBoolean },
  { name: 'stop-orphan-actions', default: 'true', valid: isBoolean },
  { name: 'remove-after-stop', default: 'false', valid: isBoolean },
  { name: 'pe-error-series-max', default: '-1', valid: isNumber },
  { name: 'pe-warn-series-max', default: '5000', valid: isNumber },
  { name: 'pe-input-series-max', default: '4000', valid: isNumber },
  {
    name: 'node-health-strategy',
    default: 'none',
    valid: oneOf('none', 'custom', 'only-green', 'progressive', 'migrate-on-red'),
  },
  { name: 'node-health-base', default: '0', valid: isNumber },
  { name: 'node-health-green', default: '0', valid: isNumber },
  { name: 'node-health-yellow', default: '0', valid: isNumber },
  { name: 'node-health-red', default: '-INFINITY', valid: isNumber },
  { name: 'placement-strategy', default: 'default', valid: oneOf('default', 'utilization', 'minimal', 'balanced') },
];

const BY_NAME = new Map(SCHEDULER_OPTIONS.map((o) => [o.name, o]));

/** pe_pref: the option's value, or its default (which is then recorded). */
export function clusterOption(cluster: Cluster, name: string): string {
  const spec = BY_NAME.get(name.toLowerCase());
  if (!spec) throw new Error(`unknown cluster option ${name}`);
  const value = cluster.config.get(spec.name);
  if (value !== undefined) {
    if (spec.valid(value)) return value;
    cluster.configError(`Using default value for cluster option '${spec.name}' because '${value}' is invalid`);
  }
  cluster.config.set(spec.name, spec.default);
  return spec.default;
}

/** Checks every option once, recording defaults (verify_pe_options). */
export function verifyOptions(cluster: Cluster): void {
  for (const spec of SCHEDULER_OPTIONS) clusterOption(cluster, spec.name);
}
