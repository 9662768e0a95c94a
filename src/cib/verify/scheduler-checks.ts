/**
 * The scheduler's checks of a configuration, the part of crm_verify that
 * needs the cluster's state to be unpacked and, with a status section,
 * actions to be scheduled ("no STONITH resources have been defined" and the
 * like): what the unpacking reports as configuration errors and warnings.
 */
import type { XmlElement } from '../xml/node.js';
import type { Diagnostic } from './diagnostic.js';
import { unpackCluster } from '../../scheduler/unpack/index.js';
import { timeFromEpoch } from '../../scheduler/util/iso8601.js';
import { UnsupportedFeature } from '../../scheduler/unpack/unsupported.js';

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

export function schedulerChecks(cib: XmlElement, options: SchedulerCheckOptions): SchedulerCheckReport {
  const now = Math.trunc(options.now);
  const offset = -new Date(now * 1000).getTimezoneOffset() * 60;
  const diagnostics: Diagnostic[] = [];
  let cluster;
  try {
    cluster = unpackCluster(cib, { now: timeFromEpoch(now, offset), localOffset: offset });
  } catch (e) {
    if (!(e instanceof UnsupportedFeature)) throw e;
    // what pacer cannot unpack yet goes unchecked, said where -V -V -V shows it
    diagnostics.push({ kind: 'log', level: 'notice', fn: 'pacer', text: `Scheduler checks skipped: ${e.message}` });
    return { diagnostics, errors: false, warnings: false };
  }
  let errors = false;
  let warnings = false;
  for (const m of cluster.messages) {
    if (m.level === 'error') errors = true;
    if (m.level === 'warning') warnings = true;
    diagnostics.push({ kind: 'log', level: m.level, fn: m.fn ?? 'cluster_status', text: m.text });
  }
  return { diagnostics, errors, warnings };
}
