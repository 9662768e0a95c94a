/** Agent results (OCF exit codes) and execution statuses, as recorded in the status. */

export const Ocf = {
  Ok: 0,
  UnknownError: 1,
  InvalidParam: 2,
  UnimplementFeature: 3,
  InsufficientPriv: 4,
  NotInstalled: 5,
  NotConfigured: 6,
  NotRunning: 7,
  RunningPromoted: 8,
  FailedPromoted: 9,
  Degraded: 190,
  DegradedPromoted: 191,
  Unknown: 193,
} as const;

export const Exec = {
  Unknown: -2,
  Pending: -1,
  Done: 0,
  Cancelled: 1,
  Timeout: 2,
  NotSupported: 3,
  Error: 4,
  ErrorHard: 5,
  ErrorFatal: 6,
  NotInstalled: 7,
  NotConnected: 8,
  Invalid: 9,
  NoFenceDevice: 10,
  NoSecrets: 11,
} as const;

// Pacemaker 2.1.5 is built without the names of the deprecated results (194-199): they print as "unknown".
const OCF_NAMES: Record<number, string> = {
  0: 'ok',
  1: 'error',
  2: 'invalid parameter',
  3: 'unimplemented feature',
  4: 'insufficient privileges',
  5: 'not installed',
  6: 'not configured',
  7: 'not running',
  8: 'promoted',
  9: 'promoted (failed)',
  190: 'OCF_DEGRADED',
  191: 'promoted (degraded)',
};

export function ocfName(rc: number): string {
  return OCF_NAMES[rc] ?? 'unknown';
}

const EXEC_NAMES: Record<number, string> = {
  [-1]: 'pending',
  0: 'complete',
  1: 'Cancelled',
  2: 'Timed Out',
  3: 'NOT SUPPORTED',
  4: 'Error',
  5: 'Hard error',
  6: 'Fatal error',
  7: 'Not installed',
  8: 'Internal communication failure',
  9: 'Cannot execute now',
  10: 'No fence device',
  11: 'CIB secrets unavailable',
};

export function execStatusName(status: number): string {
  return EXEC_NAMES[status] ?? 'UNKNOWN!';
}

/** Degraded results count as the plain ones. */
export function effectiveRc(rc: number): number {
  if (rc === Ocf.Degraded) return Ocf.Ok;
  if (rc === Ocf.DegradedPromoted) return Ocf.RunningPromoted;
  return rc;
}
