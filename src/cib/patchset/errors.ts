/**
 * Why a patchset did not apply, with the exit code and words Pacemaker's
 * tools use for each reason (crm_diff prints "Could not apply patch: ...",
 * cibadmin "Call failed: ...").
 */
import { ExitCode } from '../../cli/exit-codes.js';

export const enum PatchFailure {
  /** The CIB is newer than the patch's source version, or the patch changes no version. */
  OldData = 'old-data',
  /** The CIB is older than the patch's source version. */
  DiffResync = 'diff-resync',
  /** A change did not apply, or the result does not have the patch's digest. */
  DiffFailed = 'diff-failed',
  /** A modification without its resulting attributes. */
  NoMessage = 'no-message',
  /** A format 1 patch with more than one tree on a side. */
  NotUnique = 'not-unique',
  /** An unknown patch format. */
  InvalidArgument = 'invalid-argument',
}

const DETAILS: Record<PatchFailure, [number, string]> = {
  [PatchFailure.OldData]: [ExitCode.OLD, 'Update was older than existing configuration'],
  [PatchFailure.DiffResync]: [ExitCode.ERROR, 'Application of update diff failed, requesting full refresh'],
  [PatchFailure.DiffFailed]: [ExitCode.ERROR, 'Application of update diff failed'],
  [PatchFailure.NoMessage]: [ExitCode.PROTOCOL, 'No message of desired type'],
  [PatchFailure.NotUnique]: [ExitCode.MULTIPLE, 'Name not unique on network'],
  [PatchFailure.InvalidArgument]: [ExitCode.SOFTWARE, 'Invalid argument'],
};

export class PatchError extends Error {
  /** Pacemaker's exit code for this failure. */
  readonly code: number;

  constructor(readonly failure: PatchFailure) {
    const [code, message] = DETAILS[failure];
    super(message);
    this.name = 'PatchError';
    this.code = code;
  }
}
