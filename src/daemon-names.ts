/**
 * Names under which Pacemaker's daemons are started; pacer answers to them
 * (pcs runs `pacemaker-controld metadata` and the like) from the folder
 * `pacer install-links --daemon-dir` links them into.
 */
export const DAEMON_NAMES: string[] = ['pacemaker-based', 'pacemaker-controld', 'pacemaker-fenced', 'pacemaker-schedulerd'];
