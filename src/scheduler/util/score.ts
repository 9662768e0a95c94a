/**
 * Scores: integers bounded by ±INFINITY (1000000), with Pacemaker's rules for
 * adding infinite values (-INFINITY wins over +INFINITY).
 */
export const INFINITY = 1000000;

/** Scores of the node health colours (from the cluster's health options). */
export interface HealthColours {
  red: number;
  yellow: number;
  green: number;
}

const NO_COLOURS: HealthColours = { red: 0, yellow: 0, green: 0 };

/** A leading decimal integer, as strtoll reads it; undefined when there is none. */
export function parseLeadingInt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  // By hand rather than by regular expression: history holds tens of thousands of these.
  let i = 0;
  let c = text.charCodeAt(0);
  while (c === 0x20 || (c >= 0x09 && c <= 0x0d)) c = text.charCodeAt(++i);
  let sign = 1;
  if (c === 0x2b || c === 0x2d) {
    if (c === 0x2d) sign = -1;
    c = text.charCodeAt(++i);
  }
  if (!(c >= 0x30 && c <= 0x39)) return undefined;
  let n = 0;
  while (c >= 0x30 && c <= 0x39) {
    n = n * 10 + (c - 0x30);
    c = text.charCodeAt(++i);
  }
  return sign * n;
}

/** Text to score (char2score); colour names score as the health options say. */
export function parseScore(text: string | undefined | null, colours: HealthColours = NO_COLOURS): number {
  if (text === undefined || text === null) return 0;
  if (text === '-INFINITY') return -INFINITY;
  if (text === 'INFINITY' || text === '+INFINITY') return INFINITY;
  const lower = text.toLowerCase();
  if (lower === 'red') return colours.red;
  if (lower === 'yellow') return colours.yellow;
  if (lower === 'green') return colours.green;
  const n = parseLeadingInt(text) ?? 0;
  if (n > INFINITY) return INFINITY;
  if (n < -INFINITY) return -INFINITY;
  return n;
}

export function addScores(a: number, b: number): number {
  if (a <= -INFINITY || b <= -INFINITY) return -INFINITY;
  if (a >= INFINITY || b >= INFINITY) return INFINITY;
  const sum = a + b;
  if (sum >= INFINITY) return INFINITY;
  if (sum <= -INFINITY) return -INFINITY;
  return sum;
}

export function readableScore(score: number): string {
  if (score >= INFINITY) return 'INFINITY';
  if (score <= -INFINITY) return '-INFINITY';
  return String(score);
}
