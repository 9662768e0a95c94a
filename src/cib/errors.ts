/**
 * Failures of CIB operations, carrying Pacemaker's exit code and the words
 * Pacemaker uses for the underlying result (printed as "Call failed: ...").
 */
import { ExitCode } from '../cli/exit-codes.js';
import type { XmlElement } from './xml/node.js';

export class CibError extends Error {
  constructor(
    /** Pacemaker exit code (CRM_EX_*). */
    readonly code: number,
    /** Pacemaker's description of the result, e.g. "No such device or address". */
    readonly reason: string,
    readonly details: {
      /** A reply that Pacemaker prints even on failure (the <failed> list of --create). */
      output?: XmlElement;
      /** The CIB that failed schema validation, shown with line numbers. */
      candidate?: XmlElement;
      /** Explanations beyond Pacemaker's words (schema errors), shown when asked for. */
      notes?: string[];
    } = {},
  ) {
    super(reason);
    this.name = 'CibError';
  }
}

/** The change was made but could not be stored; Pacemaker exits 1 for this. */
export class CibWriteError extends CibError {
  constructor(message: string) {
    super(ExitCode.ERROR, message);
    this.name = 'CibWriteError';
  }
}

export const noSuchObject = () => new CibError(ExitCode.NOSUCH, 'No such device or address');
export const alreadyExists = () => new CibError(ExitCode.EXISTS, 'File exists');
export const invalidArgument = (output?: XmlElement) => new CibError(ExitCode.SOFTWARE, 'Invalid argument', { output });
export const olderThanExisting = () => new CibError(ExitCode.OLD, 'Update was older than existing configuration');
export const newerFeatureSet = () => new CibError(ExitCode.PROTOCOL, 'Protocol not supported');
export const notConnected = () => new CibError(ExitCode.DISCONNECT, 'Transport endpoint is not connected');
export const schemaViolation = (candidate?: XmlElement, notes?: string[]) =>
  new CibError(ExitCode.CONFIG, 'Update does not conform to the configured schema', { candidate, notes });
