/**
 * ISO 8601 dates, times and durations with Pacemaker's semantics (its own
 * parser accepts and rejects exactly these forms, and rules, date
 * expressions, failure timeouts and `crm_simulate -t` all go through it).
 *
 * A time is a year, a day of that year (1-based), seconds into the day and an
 * offset from UTC in seconds; a duration additionally counts months.
 */

const DAY = 86400;
const HOUR = 3600;
/** Seconds from 0001-01-01 to 1970-01-01 as Pacemaker counts them. */
const EPOCH_SECONDS = 62135596800;

export class CrmTime {
  years = 0;
  months = 0;
  days = 0;
  seconds = 0;
  offset = 0;
  duration = false;

  clone(): CrmTime {
    const t = new CrmTime();
    t.years = this.years;
    t.months = this.months;
    t.days = this.days;
    t.seconds = this.seconds;
    t.offset = this.offset;
    t.duration = this.duration;
    return t;
  }

  isDefined(): boolean {
    return this.years !== 0 || this.months !== 0 || this.days !== 0 || this.seconds !== 0 || this.offset !== 0;
  }

  /** The same instant (or duration) in UTC. */
  utc(): CrmTime {
    const u = new CrmTime();
    u.years = this.years;
    u.days = this.days;
    u.seconds = this.seconds;
    if (this.offset) addSeconds(u, -this.offset);
    else u.months = this.months;
    return u;
  }

  /** Seconds since 0001-01-01 (crm_time_get_seconds). */
  totalSeconds(): number {
    const u = this.utc();
    let s = 0;
    for (let y = 1; y < u.years; y++) s += DAY * yearDays(y);
    if (u.months > 0) s += DAY * 30 * u.months;
    if (u.days > 0) s += DAY * (u.days - 1);
    return s + u.seconds;
  }

  epochSeconds(): number {
    return this.totalSeconds() - EPOCH_SECONDS;
  }

  /** Year, month and day of month. */
  gregorian(): [number, number, number] {
    let months = 0;
    let days = this.days;
    if (this.years !== 0) {
      for (months = 1; months <= 12 && days > 0; months++) {
        const md = daysInMonth(months, this.years);
        if (md >= days) break;
        days -= md;
      }
    } else if (this.months) {
      months = this.months;
    }
    return [this.years, months, days];
  }

  timeOfDay(): [number, number, number] {
    return splitSeconds(this.seconds);
  }

  /** ISO week-numbering year, week and weekday (Monday = 1). */
  isoWeek(): [number, number, number] {
    const jan1 = january1Weekday(this.years);
    const h = this.days + jan1 - 1;
    const d = 1 + ((h - 1) % 7);
    let w = 0;
    let yearNum: number;
    if (this.days <= 8 - jan1 && jan1 > 4) {
      yearNum = this.years - 1;
      w = weeksInYear(yearNum);
    } else {
      yearNum = this.years;
    }
    if (yearNum === this.years) {
      const dmax = yearDays(yearNum);
      const correction = 4 - d;
      if (dmax - this.days < correction) {
        yearNum = this.years + 1;
        w = 1;
      }
    }
    if (yearNum === this.years) {
      const j = this.days + (7 - d) + (jan1 - 1);
      w = Math.trunc(j / 7);
      if (jan1 > 4) w -= 1;
    }
    return [yearNum, w, d];
  }
}

export function isLeapYear(year: number): boolean {
  let leap = year % 4 === 0;
  if (year % 100 === 0 && year % 400 !== 0) leap = false;
  return leap;
}

export function yearDays(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 29];

export function daysInMonth(month: number, year: number): number {
  if (month < 1 || month > 12) return 0;
  if (month === 2 && isLeapYear(year)) return MONTH_DAYS[12]!;
  return MONTH_DAYS[month - 1]!;
}

function january1Weekday(year: number): number {
  const yy = (year - 1) % 100;
  const c = year - 1 - yy;
  const g = yy + Math.trunc(yy / 4);
  return 1 + ((((Math.trunc(c / 100) % 4) * 5) + g) % 7);
}

function weeksInYear(year: number): number {
  let weeks = 52;
  const jan1 = january1Weekday(year);
  if (jan1 === 4) weeks++;
  else if (january1Weekday(year + 1) === 5) weeks++;
  return weeks;
}

function ordinalDays(y: number, m: number, d: number): number {
  for (let i = 1; i < m; i++) d += daysInMonth(i, y);
  return d;
}

function splitSeconds(sec: number): [number, number, number] {
  let s = Math.abs(sec);
  const h = Math.trunc(s / HOUR);
  s -= HOUR * h;
  const m = Math.trunc(s / 60);
  s -= 60 * m;
  return [h, m, s];
}

export function addSeconds(t: CrmTime, extra: number): void {
  t.seconds += extra;
  let days = Math.trunc(t.seconds / DAY);
  t.seconds %= DAY;
  if (t.seconds < 0) {
    t.seconds += DAY;
    days--;
  }
  addDays(t, days);
}

export function addDays(t: CrmTime, extra: number): void {
  let ydays = yearDays(t.years);
  t.days += extra;
  while (t.days > ydays) {
    t.years++;
    t.days -= ydays;
    ydays = yearDays(t.years);
  }
  const lower = t.duration ? 0 : 1;
  while (t.days < lower) {
    t.years--;
    t.days += yearDays(t.years);
  }
}

export function addMonths(t: CrmTime, extra: number): void {
  let [y, m, d] = t.gregorian();
  if (extra > 0) {
    for (let i = extra; i > 0; i--) {
      m++;
      if (m === 13) {
        m = 1;
        y++;
      }
    }
  } else {
    for (let i = -extra; i > 0; i--) {
      m--;
      if (m === 0) {
        m = 12;
        y--;
      }
    }
  }
  const dmax = daysInMonth(m, y);
  if (dmax < d) d = dmax;
  t.years = y;
  t.days = ordinalDays(y, m, d);
}

export function addYears(t: CrmTime, extra: number): void {
  t.years += extra;
}

/** a + duration */
export function addDuration(t: CrmTime, value: CrmTime): CrmTime {
  const answer = t.clone();
  const u = value.utc();
  answer.years += u.years;
  addMonths(answer, u.months);
  addDays(answer, u.days);
  addSeconds(answer, u.seconds);
  return answer;
}

/** a - duration */
export function subtractDuration(t: CrmTime, value: CrmTime): CrmTime {
  const answer = t.clone();
  const u = value.utc();
  answer.years -= u.years;
  if (u.months !== 0) addMonths(answer, -u.months);
  addDays(answer, -u.days);
  addSeconds(answer, -u.seconds);
  return answer;
}

export function compareTimes(a: CrmTime | null, b: CrmTime | null): number {
  if (!a && !b) return 0;
  if (!a) return -1;
  if (!b) return 1;
  const t1 = a.utc();
  const t2 = b.utc();
  for (const f of ['years', 'days', 'seconds'] as const) {
    if (t1[f] > t2[f]) return 1;
    if (t1[f] < t2[f]) return -1;
  }
  return 0;
}

/** Sensible date and time of day (crm_time_check). */
export function isValidTime(t: CrmTime): boolean {
  return t.days > 0 && t.days <= yearDays(t.years) && t.seconds >= 0 && t.seconds < DAY;
}

/**
 * A time from seconds since the epoch, in the zone with this offset (what
 * localtime() gives for the given offset).
 */
export function timeFromEpoch(epoch: number, offsetSeconds = 0): CrmTime {
  const d = new Date((epoch + offsetSeconds) * 1000);
  const t = new CrmTime();
  const year = d.getUTCFullYear();
  t.years = year;
  const start = Date.UTC(year, 0, 1);
  t.days = 1 + Math.floor((Date.UTC(year, d.getUTCMonth(), d.getUTCDate()) - start) / 86400000);
  t.seconds = d.getUTCHours() * HOUR + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  const hOff = Math.trunc(offsetSeconds / HOUR);
  const mOff = Math.trunc((offsetSeconds - HOUR * hOff) / 60);
  t.offset = HOUR * hOff + 60 * mOff;
  return t;
}

// --- parsing -----------------------------------------------------------

/** A sscanf-like reader of integers ("%d" and "%Nd"). */
class Scanner {
  pos = 0;
  constructor(readonly s: string) {}
  int(width = Infinity): number | undefined {
    let p = this.pos;
    while (p < this.s.length && /\s/.test(this.s[p]!)) p++;
    const start = p;
    let limit = width;
    if (p < this.s.length && (this.s[p] === '+' || this.s[p] === '-') && limit > 0) {
      p++;
      limit--;
    }
    const digitsStart = p;
    while (p < this.s.length && limit > 0 && /[0-9]/.test(this.s[p]!)) {
      p++;
      limit--;
    }
    if (p === digitsStart) return undefined;
    this.pos = p;
    return parseInt(this.s.slice(start, p), 10);
  }
  lit(c: string): boolean {
    if (this.s[this.pos] === c) {
      this.pos++;
      return true;
    }
    return false;
  }
}

/** Counts how many of the pattern's conversions matched, like sscanf's result. */
function scan(s: string, pattern: (string | number)[]): number[] {
  const sc = new Scanner(s);
  const out: number[] = [];
  for (const p of pattern) {
    if (typeof p === 'string') {
      if (!sc.lit(p)) break;
    } else {
      const v = sc.int(p === 0 ? Infinity : p);
      if (v === undefined) break;
      out.push(v);
    }
  }
  return out;
}

function parseSecondsOfDay(text: string): number | undefined {
  let v = scan(text, [0, ':', 0, ':', 0]);
  if (v.length === 1) v = scan(text, [2, 2, 2]);
  if (v.length === 0) return undefined;
  const [hour = 0, minute = 0, second = 0] = v;
  if (!(hour === 24 && minute === 0 && second === 0) && hour >= 24) return undefined;
  if (minute >= 60 || second >= 60) return undefined;
  return hour * HOUR + minute * 60 + second;
}

function parseOffset(text: string | undefined, localOffset: number): number | undefined {
  if (text === undefined) return localOffset;
  if (text[0] === 'Z') return 0;
  if (text[0] === '+' || text[0] === '-' || /[0-9]/.test(text[0] ?? '')) {
    let negate = false;
    let rest = text;
    if (rest[0] === '+') rest = rest.slice(1);
    else if (rest[0] === '-') {
      negate = true;
      rest = rest.slice(1);
    }
    const s = parseSecondsOfDay(rest);
    if (s === undefined) return undefined;
    return negate ? -s : s;
  }
  return 0;
}

function parseTimeOfDay(text: string, t: CrmTime, localOffset: number): boolean {
  const s = parseSecondsOfDay(text);
  if (s === undefined) return false;
  t.seconds = s;
  let offsetText: string | undefined;
  const z = text.indexOf('Z');
  if (z >= 0) offsetText = text.slice(z);
  else {
    const sp = text.indexOf(' ');
    if (sp >= 0) offsetText = text.slice(sp).replace(/^\s+/, '');
  }
  const off = parseOffset(offsetText, localOffset);
  if (off === undefined) return false;
  t.offset = off;
  if (t.seconds === DAY) {
    t.seconds = 0;
    addDays(t, 1);
  }
  return true;
}

export interface ParseContext {
  /** The local zone's offset from UTC, in seconds, for times without one. */
  localOffset: number;
  /** "now", for a time of day given without a date. */
  now?: CrmTime;
}

/** An ISO 8601 date and time (or "epoch"); null when invalid. */
export function parseDateTime(text: string | undefined, ctx: ParseContext): CrmTime | null {
  if (!text) return null;
  let t: CrmTime;
  let timeText: string | undefined;
  if (text[0] === 'T' || text[2] === ':') {
    t = ctx.now ? ctx.now.clone() : new CrmTime();
    timeText = text[0] === 'T' ? text.slice(1) : text;
  } else {
    t = new CrmTime();
    if (/^epoch(\/|\s|$)/i.test(text)) {
      t.days = 1;
      t.years = 1970;
      return t;
    }
    let v = scan(text, [0, '-', 0, '-', 0]);
    if (v.length === 1) v = scan(text, [4, 2, 2]);
    if (v.length === 3) {
      const [year, month, day] = v as [number, number, number];
      if (month > 12 || day > daysInMonth(month, year)) return null;
      t.years = year;
      t.days = ordinalDays(year, month, day);
    } else {
      const o = scan(text, [0, '-', 0]);
      if (o.length === 2) {
        const [year, day] = o as [number, number];
        if (day > yearDays(year)) return null;
        t.days = day;
        t.years = year;
      } else {
        const w = scan(text, [0, '-', 'W', 0, '-', 0]);
        if (w.length !== 3) return null;
        const [year, week, day] = w as [number, number, number];
        if (week > weeksInYear(year) || day < 1 || day > 7) return null;
        const jan1 = january1Weekday(year);
        t.years = year;
        addDays(t, (week - 1) * 7);
        if (jan1 <= 4) addDays(t, 1 - jan1);
        else addDays(t, 8 - jan1);
        addDays(t, day);
      }
    }
    const m = /^[0-9W-]*/.exec(text)![0].length;
    if (text[m] === ' ' || text[m] === 'T') timeText = text.slice(m + 1);
  }
  if (timeText !== undefined && !parseTimeOfDay(timeText, t, ctx.localOffset)) return null;
  if (!isValidTime(t)) return null;
  return t;
}

/** Reads one ISO 8601 number field; returns [value, characters consumed]. */
function parseIsoInt(s: string, width: number): [number, number] {
  let offset = 0;
  let negate = false;
  if (s[offset] === 'T') offset++;
  if (s[offset] === '.' || s[offset] === ',') {
    // Pacemaker's fraction handling yields zero; keep its result.
    offset++;
    let n = 0;
    while (/[0-9]/.test(s[offset] ?? '')) {
      offset++;
      n++;
    }
    return n > 0 ? [0, offset] : [0, 0];
  }
  if (s[offset] === '-') {
    negate = true;
    offset++;
  } else if (s[offset] === '+' || s[offset] === ':') offset++;
  let result = 0;
  let n = 0;
  while (n < width && /[0-9]/.test(s[offset] ?? '')) {
    result = result * 10 + Number(s[offset]);
    offset++;
    n++;
  }
  if (negate) result = -result;
  return n > 0 ? [result, offset] : [0, 0];
}

/** An ISO 8601 duration ("P1Y2M3DT4H5M6S", "P2W"); null when invalid. */
export function parseDuration(text: string | undefined): CrmTime | null {
  if (!text || text[0] !== 'P') return null;
  if (text.length === 1 || /\s/.test(text[1]!)) return null;
  const d = new CrmTime();
  d.duration = true;
  let isTime = false;
  let i = 1;
  while (i < text.length && text[i] !== '/' && !/\s/.test(text[i]!)) {
    if (text[i] === 'T') {
      isTime = true;
      i++;
      continue;
    }
    const [value, used] = parseIsoInt(text.slice(i), 10);
    if (used === 0) return null;
    i += used;
    switch (text[i]) {
      case 'Y':
        d.years = value;
        break;
      case 'M':
        if (isTime) d.seconds += value * 60;
        else d.months = value;
        break;
      case 'W':
        d.days += value * 7;
        break;
      case 'D':
        d.days += value;
        break;
      case 'H':
        d.seconds += value * HOUR;
        break;
      case 'S':
        d.seconds += value;
        break;
      default:
        return null;
    }
    i++;
  }
  if (!d.isDefined()) return null;
  return d;
}

export interface FormatOptions {
  date?: boolean;
  timeOfDay?: boolean;
  withTimezone?: boolean;
  /** The date as year and day of year (2019-182). */
  ordinal?: boolean;
  /** The date as ISO year, week and weekday (2019-W27-1). */
  week?: boolean;
  /** Only the seconds since 0000-001 (crm_time_seconds). */
  seconds?: boolean;
  /** Only the seconds since the Unix epoch (crm_time_epoch). */
  epoch?: boolean;
}

/** crm_time_as_string for the date and time-of-day forms. */
export function formatTime(t: CrmTime, opts: FormatOptions): string {
  const dt = t.offset && !opts.withTimezone ? t.utc() : t;
  if (!dt.isDefined()) return '<undefined time>';
  if (opts.seconds) return String(dt.totalSeconds());
  if (opts.epoch) return String(dt.epochSeconds());
  let out = '';
  if (opts.date) {
    if (opts.week) {
      const [y, w, d] = dt.isoWeek();
      out += `${y}-W${pad(w, 2)}-${d}`;
    } else if (opts.ordinal) {
      out += `${dt.years}-${pad(dt.days, 3)}`;
    } else {
      const [y, m, d] = dt.gregorian();
      out += `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
    }
  }
  if (opts.timeOfDay) {
    if (out) out += ' ';
    const [h, m, s] = dt.timeOfDay();
    out += `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`;
    if (opts.withTimezone && dt.offset !== 0) {
      const [oh, om] = splitSeconds(dt.offset);
      out += ` ${dt.offset < 0 ? '-' : '+'}${pad(oh, 2)}:${pad(om, 2)}`;
    } else out += 'Z';
  }
  return out;
}

const plural = (n: number) => (n === 1 ? '' : 's');

/** A duration as Pacemaker words it: " 1 month  3 days 90 seconds (1 minute 30 seconds)". */
export function formatDuration(d: CrmTime): string {
  let out = '';
  if (d.years) out += `${String(d.years).padStart(4)} year${plural(d.years)} `;
  if (d.months) out += `${String(d.months).padStart(2)} month${plural(d.months)} `;
  if (d.days) out += `${String(d.days).padStart(2)} day${plural(d.days)} `;
  if ((out === '' || d.seconds !== 0) && d.seconds > -60 && d.seconds < 60) return `${out}${d.seconds} second${plural(d.seconds)}`;
  if (d.seconds === 0) return out;
  const abs = Math.abs(d.seconds);
  const [h, m, s] = [Math.trunc(abs / HOUR), Math.trunc((abs % HOUR) / 60), abs % 60];
  const parts: string[] = [];
  if (h) parts.push(`${h} hour${plural(h)}`);
  if (m) parts.push(`${m} minute${plural(m)}`);
  if (s) parts.push(`${s} second${plural(s)}`);
  return `${out}${d.seconds} seconds (${parts.join(' ')})`;
}

/** An ISO 8601 period: start/end, start/duration or duration/end; null when invalid. */
export function parsePeriod(text: string, ctx: ParseContext & { now: CrmTime }): { start: CrmTime; end: CrmTime } | null {
  const slash = text.indexOf('/');
  const first = slash < 0 ? text : text.slice(0, slash);
  const second = slash < 0 ? undefined : text.slice(slash + 1);
  let start: CrmTime | null = null;
  let end: CrmTime | null = null;
  let diff: CrmTime | null = null;
  if (first.startsWith('P')) {
    diff = parseDuration(first);
    if (!diff) return null;
  } else {
    start = parseDateTime(first, ctx);
    if (!start) return null;
  }
  if (second !== undefined) {
    if (second.startsWith('P')) {
      if (diff) return null;
      diff = parseDuration(second);
      if (!diff) return null;
    } else {
      end = parseDateTime(second, ctx);
      if (!end) return null;
    }
  } else if (diff) start = ctx.now.clone();
  else return null;
  if (!start && !end) return null;
  if (!start) start = subtractDuration(end!, diff!);
  else if (!end) end = addDuration(start, diff!);
  if (!end || !isValidTime(start) || !isValidTime(end)) return null;
  return { start, end };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
