/**
 * What checking a configuration reports: lines a tool prints as they are
 * (libxml2's validity messages, some notices), and log lines that Pacemaker's
 * tools show on standard error from a given verbosity, formatted
 * "(function) \tlevel: text".
 */
export type LogLevel = 'error' | 'warning' | 'notice' | 'info' | 'debug';

export type Diagnostic = { kind: 'text'; text: string } | { kind: 'log'; level: LogLevel; fn: string; text: string };

/** How many -V it takes for a log line of this level to appear. */
const THRESHOLD: Record<LogLevel, number> = { error: 1, warning: 2, notice: 3, info: 4, debug: 5 };

/** The text of a diagnostic at a given verbosity, or null if it stays hidden. */
export function renderDiagnostic(d: Diagnostic, verbosity: number): string | null {
  if (d.kind === 'text') return d.text;
  return verbosity >= THRESHOLD[d.level] ? `(${d.fn}) \t${d.level}: ${d.text}` : null;
}
