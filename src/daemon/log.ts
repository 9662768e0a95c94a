/**
 * The daemon's log: one line per event, "time [SUBSYSTEM] level: message",
 * to stderr and, when corosync.conf's logging section asks for it, a file.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Level = 'debug' | 'info' | 'notice' | 'warning' | 'error';

export interface Logger {
  log(level: Level, message: string): void;
  sub(subsystem: string): Logger;
}

export interface LogOptions {
  toStderr: boolean;
  file?: string;
  debug: boolean;
  timestamp: boolean;
}

export function createLogger(opts: LogOptions, subsystem = 'MAIN'): Logger {
  if (opts.file) mkdirSync(dirname(opts.file), { recursive: true });
  const write = (sub: string, level: Level, message: string) => {
    if (level === 'debug' && !opts.debug) return;
    const stamp = opts.timestamp ? new Date().toISOString() + ' ' : '';
    const line = `${stamp}[${sub.padEnd(5)}] ${level}: ${message}\n`;
    if (opts.toStderr) process.stderr.write(line);
    if (opts.file) {
      try {
        appendFileSync(opts.file, line);
      } catch {
        // a full or missing disk must not stop the daemon
      }
    }
  };
  const make = (sub: string): Logger => ({
    log: (level, message) => write(sub, level, message),
    sub: (s) => make(s),
  });
  return make(subsystem);
}
