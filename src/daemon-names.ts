/**
 * Names under which Pacemaker's daemons are started; pacer answers to them
 * (pcs runs `pacemaker-controld metadata` and the like). Filled in as the
 * daemon's subsystems arrive.
 */
export const DAEMON_NAMES: string[] = [];
