/**
 * What the log says about datagrams dropped as hostile or broken. The first
 * of each kind is logged at once, with its source; while more keep coming,
 * one line per interval says how many, so a flood cannot flood the log.
 * Pure: the caller passes "now", logs the lines and calls expire() at
 * deadline(). Drops that are part of normal operation (datagrams of a
 * restarted node's old process, the test fault filter) are not reported.
 */
import type { DropReason } from '../status/types.js';

type Reported = 'malformed' | 'forged' | 'replayed' | 'foreign';

const FIRST: Record<Reported, (from: string) => string> = {
  malformed: (from) => `dropped a malformed datagram from ${from}`,
  forged: (from) => `dropped a datagram from ${from} that failed authentication (forged, or signed with another authkey)`,
  replayed: (from) => `dropped a replayed datagram from ${from}`,
  foreign: (from) => `dropped a datagram from ${from} of another cluster or an unknown node`,
};

const NOUN: Record<Reported, string> = {
  malformed: 'malformed',
  forged: 'unauthenticated',
  replayed: 'replayed',
  foreign: 'foreign',
};

function reported(reason: DropReason): reason is Reported {
  return reason in FIRST;
}

interface Window {
  until: number;
  count: number;
  from: string;
}

export class DropReport {
  private readonly windows = new Map<Reported, Window>();

  constructor(private readonly interval: number) {}

  /** A datagram was dropped: the line to log now, if any. */
  note(now: number, reason: DropReason, from: string): string | null {
    if (!reported(reason)) return null;
    const w = this.windows.get(reason);
    if (w) {
      w.count++;
      w.from = from;
      return null;
    }
    this.windows.set(reason, { until: now + this.interval, count: 0, from });
    return FIRST[reason](from);
  }

  /** Lines for the intervals that ended by now. */
  expire(now: number): string[] {
    const lines: string[] = [];
    for (const [reason, w] of this.windows) {
      if (w.until > now) continue;
      if (w.count === 0) {
        this.windows.delete(reason);
        continue;
      }
      const seconds = Math.round((now - w.until + this.interval) / 1000);
      lines.push(`${w.count} more ${NOUN[reason]} datagram${w.count === 1 ? '' : 's'} dropped in the last ${seconds} s, the latest from ${w.from}`);
      this.windows.set(reason, { until: now + this.interval, count: 0, from: w.from });
    }
    return lines;
  }

  /** When expire() has something to do next (Infinity: nothing). */
  deadline(): number {
    let d = Infinity;
    for (const w of this.windows.values()) d = Math.min(d, w.until);
    return d;
  }
}
