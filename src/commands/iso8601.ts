import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';
import {
  addDuration,
  type CrmTime,
  type FormatOptions,
  formatDuration,
  formatTime,
  parseDateTime,
  parseDuration,
  parsePeriod,
  timeFromEpoch,
} from '../scheduler/util/iso8601.js';

export default class Iso8601 extends PacerCommand {
  static override id = 'iso8601';
  static override summary = 'iso8601 - display and parse ISO 8601 dates and times';
  static override description =
    'Reads dates, durations and periods the way Pacemaker reads them in rules and options, and prints\n' +
    'how it understood them; handy to check a date_expression before putting it in the configuration.';
  static override flags = {
    now: sw('n', 'Print the current date and time', { group: 'Commands' }),
    date: opt('d', 'DATE', "Read a date and time (e.g. '2019-09-24 00:30:00 +01:00', '2019-040' or 'now')", { group: 'Commands' }),
    period: opt('p', 'PERIOD', "Read a period: start/end, start/duration or duration/end (e.g. '2005-040/2005-043')", { group: 'Commands' }),
    duration: opt('D', 'DURATION', "Read a duration (e.g. 'P1M'); with --date, also print when it ends", { group: 'Commands' }),
    expected: opt('E', 'TEXT', 'Exit with status 1 unless the result (of --date, or its end with --duration) prints as this text', {
      group: 'Commands',
    }),
    seconds: sw('s', 'Print times as seconds since 0000-001 00:00:00Z', { group: 'Output modifiers' }),
    epoch: sw('S', 'Print times as seconds since the epoch (1970-001 00:00:00Z)', { group: 'Output modifiers' }),
    local: sw('L', 'Print times with their own time zone rather than in UTC', { group: 'Output modifiers' }),
    ordinal: sw('O', 'Print dates as year and day of the year (2019-182)', { group: 'Output modifiers' }),
    week: sw('W', 'Print dates as ISO year, week and weekday (2019-W27-1)', { group: 'Output modifiers' }),
  };
  static override exitCodes = [ExitCode.INVALID_PARAM];
  static override pacerExamples = [
    { description: 'How is this date read?', command: "iso8601 -d '2019-09-24 00:30:00 +01:00'" },
    { description: 'When does a month from then end?', command: "iso8601 -d '2019-09-24 00:30:00' -D P1M" },
    { description: 'Which days does a period cover?', command: 'iso8601 -p 2005-040/P3D' },
    { description: 'Now, as seconds since the epoch:', command: 'iso8601 -n -S' },
  ];
  static override seeAlso = ['crm_rule(8)'];

  async exec(): Promise<number> {
    const { flags } = await this.parse(Iso8601, this.argv);
    const print: FormatOptions = { seconds: flags.seconds, epoch: flags.epoch, withTimezone: flags.local, ordinal: flags.ordinal, week: flags.week };
    const full = { ...print, date: true, timeOfDay: true };
    const nowSeconds = Math.trunc(this.ctx.now());
    const offset = -new Date(nowSeconds * 1000).getTimezoneOffset() * 60;
    const now = timeFromEpoch(nowSeconds, offset);
    const line = (label: string, text: string) => this.ctx.out(`${label}: ${text}\n`);

    let date: CrmTime | undefined;
    if (flags.now || flags.date?.toLowerCase() === 'now') {
      date = now;
      line('Current date/time', formatTime(date, full));
    } else if (flags.date !== undefined) {
      date = parseDateTime(flags.date, { localOffset: offset, now }) ?? undefined;
      if (!date) throw new ToolError(ExitCode.INVALID_PARAM, `Invalid date/time specified: ${flags.date}`);
      line('Date', formatTime(date, full));
    }
    let duration: CrmTime | undefined;
    if (flags.duration !== undefined) {
      duration = parseDuration(flags.duration) ?? undefined;
      if (!duration) throw new ToolError(ExitCode.INVALID_PARAM, `Invalid duration specified: ${flags.duration}`);
      line('Duration', formatDuration(duration));
    }
    if (flags.period !== undefined) {
      const period = parsePeriod(flags.period, { localOffset: offset, now });
      if (!period) throw new ToolError(ExitCode.INVALID_PARAM, `Invalid interval specified: ${flags.period}`);
      line('Period', `${formatTime(period.start, full)} to ${formatTime(period.end, full)}`);
    }
    let result = date;
    if (date && duration) {
      result = addDuration(date, duration);
      line('Duration ends at', formatTime(result, { ...full, withTimezone: true }));
    }
    if (result && flags.expected !== undefined && formatTime(result, full) !== flags.expected) return ExitCode.ERROR;
    return ExitCode.OK;
  }
}
