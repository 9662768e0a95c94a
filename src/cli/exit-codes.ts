/**
 * Pacemaker's exit codes (CRM_EX_*) and the words its tools use for them,
 * which also appear in `--output-as=xml` results (`<status code message>`).
 */
export const ExitCode = {
  OK: 0,
  ERROR: 1,
  INVALID_PARAM: 2,
  UNIMPLEMENT_FEATURE: 3,
  INSUFFICIENT_PRIV: 4,
  NOT_INSTALLED: 5,
  NOT_CONFIGURED: 6,
  NOT_RUNNING: 7,
  PROMOTED: 8,
  FAILED_PROMOTED: 9,
  USAGE: 64,
  DATAERR: 65,
  NOINPUT: 66,
  NOUSER: 67,
  NOHOST: 68,
  UNAVAILABLE: 69,
  SOFTWARE: 70,
  OSERR: 71,
  OSFILE: 72,
  CANTCREAT: 73,
  IOERR: 74,
  TEMPFAIL: 75,
  PROTOCOL: 76,
  NOPERM: 77,
  CONFIG: 78,
  FATAL: 100,
  PANIC: 101,
  DISCONNECT: 102,
  OLD: 103,
  DIGEST: 104,
  NOSUCH: 105,
  QUORUM: 106,
  UNSAFE: 107,
  EXISTS: 108,
  MULTIPLE: 109,
  EXPIRED: 110,
  NOT_YET_IN_EFFECT: 111,
  INDETERMINATE: 112,
  UNSATISFIED: 113,
  TIMEOUT: 124,
  DEGRADED: 190,
  DEGRADED_PROMOTED: 191,
  NONE: 193,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const DESCRIPTIONS: Record<number, string> = {
  0: 'OK',
  1: 'Error occurred',
  2: 'Invalid parameter',
  3: 'Unimplemented',
  4: 'Insufficient privileges',
  5: 'Not installed',
  6: 'Not configured',
  7: 'Not running',
  8: 'Promoted',
  9: 'Failed in promoted role',
  64: 'Incorrect usage',
  65: 'Invalid data given',
  66: 'Input file not available',
  67: 'User does not exist',
  68: 'Host does not exist',
  69: 'Necessary service unavailable',
  70: 'Internal software bug',
  71: 'Operating system error occurred',
  72: 'System file not available',
  73: 'Cannot create output file',
  74: 'I/O error occurred',
  75: 'Temporary failure, try again',
  76: 'Protocol violated',
  77: 'Insufficient privileges',
  78: 'Invalid configuration',
  100: 'Fatal error occurred, will not respawn',
  101: 'System panic required',
  102: 'Not connected',
  103: 'Update was older than existing configuration',
  104: 'Digest mismatch',
  105: 'No such object',
  106: 'Quorum required',
  107: 'Operation not safe',
  108: 'Requested item already exists',
  109: 'Multiple items match request',
  110: 'Requested item has expired',
  111: 'Requested item is not yet in effect',
  112: 'Could not determine status',
  113: 'Not applicable under current conditions',
  124: 'Timeout occurred',
  190: 'Service is active but might fail soon',
  191: 'Service is promoted but might fail soon',
  193: 'No exit status available',
};

/** Pacemaker's text for an exit code (crm_exit_str). */
export function exitCodeText(code: number): string {
  return DESCRIPTIONS[code] ?? 'Unknown exit status';
}

/** The symbolic name, CRM_EX_..., for man pages and `crm_error -n`. */
export function exitCodeName(code: number): string {
  for (const [k, v] of Object.entries(ExitCode)) if (v === code) return 'CRM_EX_' + k;
  return 'CRM_EX_UNKNOWN';
}

/** A failure that ends a tool with a Pacemaker exit code and a message on stderr. */
export class ToolError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** Print the message without the "tool: " prefix. */
    readonly bare = false,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

/** Bad command-line usage: exit 64. */
export class UsageError extends ToolError {
  constructor(message: string, bare = false) {
    super(ExitCode.USAGE, message, bare);
    this.name = 'UsageError';
  }
}

/** What Pacemaker's tools say when a dangerous command lacks --force. */
export const DANGEROUS_COMMAND =
  'The supplied command is considered dangerous.  To prevent accidental destruction of the cluster, the --force flag is required in order to proceed.';
