/**
 * The scheduler's checks of a configuration, the part of crm_verify that
 * needs the cluster's state to be unpacked and, with a status section,
 * actions to be scheduled ("no STONITH resources have been defined" and the
 * like).
 *
 * This is the hook where the scheduler plugs in: verifyCib calls it after the
 * schema checks pass. It reports nothing yet; a configuration that passes
 * the schema checks is then taken as valid.
 */
import type { XmlElement } from '../xml/node.js';
import type { Diagnostic } from './diagnostic.js';

export interface SchedulerCheckOptions {
  /** unpack and schedule actions (the CIB had a status section, or is the live one), not just unpack */
  schedule: boolean;
  /** "now", in seconds since the epoch */
  now: number;
}

export interface SchedulerCheckReport {
  /** what the scheduler logs along the way, in order */
  diagnostics: Diagnostic[];
  /** a configuration error was found (Pacemaker's pcmk__config_err) */
  errors: boolean;
  /** a configuration warning was found (pcmk__config_warn) */
  warnings: boolean;
}

export function schedulerChecks(_cib: XmlElement, _options: SchedulerCheckOptions): SchedulerCheckReport {
  return { diagnostics: [], errors: false, warnings: false };
}
