/** Time spans in configuration values: "10s", "5min", "P1DT2H", plain seconds. */
import { parseDuration } from './iso8601.js';

/**
 * crm_get_msec: a number with an optional unit (ms, us, s, m/min, h/hr;
 * seconds by default) in milliseconds, or -1 when unparseable.
 */
export function parseMsec(input: string | undefined | null): number {
  if (input === undefined || input === null) return -1;
  const m = /^[ \t\n\r\f]*([0-9.]+)[ \t\n\r\f]*(.*)$/s.exec(input);
  if (!m) return -1;
  const num = m[1]!;
  const units = m[2]!.toLowerCase();
  let multiplier = 1000;
  let divisor = 1;
  if (units.startsWith('ms') || units.startsWith('msec')) multiplier = 1;
  else if (units.startsWith('us') || units.startsWith('usec')) {
    multiplier = 1;
    divisor = 1000;
  } else if (units.startsWith('s')) multiplier = 1000;
  else if (units.startsWith('m')) multiplier = 60000;
  else if (units.startsWith('h')) multiplier = 3600000;
  else if (units !== '' && units[0] !== '\n' && units[0] !== '\r') return -1;
  const lead = /^\d+/.exec(num);
  if (!lead) return -1;
  return Math.trunc((Number(lead[0]) * multiplier) / divisor);
}

/** crm_parse_interval_spec: milliseconds, 0 when missing or invalid. */
export function parseInterval(input: string | undefined | null): number {
  if (input === undefined || input === null) return 0;
  let msec = -1;
  if (input[0] === 'P') {
    const d = parseDuration(input);
    if (d) msec = 1000 * d.totalSeconds();
  } else {
    msec = parseMsec(input);
  }
  if (msec < 0) return 0;
  return Math.min(msec, 4294967295);
}

/** Whether a configured interval is valid (errno-free) and its value. */
export function intervalIsValid(input: string | undefined | null): boolean {
  if (input === undefined || input === null) return true;
  if (input[0] === 'P') return parseDuration(input) !== null;
  return parseMsec(input) >= 0;
}
