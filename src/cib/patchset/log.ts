/**
 * The lines Pacemaker's library logs on stderr while comparing or patching.
 *
 * A failed internal check (CRM_CHECK) always shows, and from then on so do
 * errors, which are otherwise silent in the command-line tools: crm_diff's
 * users see exactly that, so pacer reproduces it.
 */
export type LogSink = (line: string) => void;

export function assertionLine(fn: string, where: string, condition: string): string {
  return `(log_assertion_as) \terror: ${fn}: Triggered fatal assertion at ${where} : ${condition}`;
}

export class DiagnosticLog {
  private errorsShown = false;

  constructor(private readonly sink: LogSink = () => {}) {}

  assertion(fn: string, where: string, condition: string): void {
    this.errorsShown = true;
    this.sink(assertionLine(fn, where, condition));
  }

  error(fn: string, message: string): void {
    if (this.errorsShown) this.sink(`(${fn}) \terror: ${message}`);
  }
}

/** The checks Pacemaker makes before it pairs two elements, and where its source makes them. */
export const SAME_NAME = 'pcmk__str_eq(crm_element_name(target), crm_element_name(patch), pcmk__str_casei)';
export const SAME_ID = 'pcmk__str_eq(ID(target), ID(patch), pcmk__str_casei)';
