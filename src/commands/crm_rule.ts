import { connectCib } from '../cib/client.js';
import { CibError } from '../cib/errors.js';
import { parseXml, XmlParseError } from '../cib/xml/parse.js';
import type { XmlElement } from '../cib/xml/node.js';
import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError } from '../cli/exit-codes.js';
import { opt, optMany, sw } from '../cli/flags.js';
import { el, jsonFromXml, jsonResult, outputFlags, outputFormat, outputSink, requestLine, xmlResult } from '../cli/output.js';
import { checkRule, ruleCheckText } from '../rule-check/check.js';
import { parseDateTime, timeFromEpoch } from '../scheduler/util/iso8601.js';

export default class CrmRule extends PacerCommand {
  static override id = 'crm_rule';
  static override summary = 'crm_rule - evaluate rules from the Pacemaker configuration';
  static override description =
    'Tells whether rules of the configuration are in effect now or at a given date: exit code 0 when\n' +
    'all are, 110 when one has expired, 111 when one has not taken effect yet (the last such answer\n' +
    'counts). Only rules with a single date expression can be checked (a date_spec only with years=).\n' +
    'The CIB is the one of CIB_file or CIB_shadow, or the XML given with --xml-text.';
  static override flags = {
    ...outputFlags(),
    check: sw('c', 'Tell whether each --rule is in effect', { group: 'Modes (mutually exclusive)' }),
    'xml-text': opt('X', 'XML', 'Use this XML as the CIB (- reads it from standard input)', { group: 'Data' }),
    date: opt('d', 'DATE', 'Check at this date and time (ISO 8601) instead of now', { group: 'Additional Options' }),
    rule: optMany('r', 'ID', 'A rule to check (may be given several times)', { group: 'Additional Options' }),
  };
  static override exitCodes = [ExitCode.EXPIRED, ExitCode.NOT_YET_IN_EFFECT, ExitCode.NOSUCH, ExitCode.UNIMPLEMENT_FEATURE, ExitCode.DATAERR];
  static override pacerExamples = [
    { description: 'Is rule cli-prefer-rule-web in effect now?', command: 'crm_rule --check --rule cli-prefer-rule-web' },
    { description: 'Will two rules be in effect on 1 July 2030?', command: 'crm_rule -c -r r1 -r r2 -d 2030-07-01' },
    { description: 'Check a rule of a CIB read from standard input:', command: 'cibadmin -Q | crm_rule -c -r r1 --xml-text -' },
  ];
  static override seeAlso = ['iso8601(8)', 'crm_resource(8)'];

  async exec(): Promise<number> {
    const { flags } = await this.parse(CrmRule, this.argv);
    const format = outputFormat(flags);
    const write = outputSink(this.ctx, flags);
    if (!flags.check) throw new ToolError(ExitCode.USAGE, 'No mode operation given');
    const rules = flags.rule ?? [];
    if (rules.length === 0) throw new ToolError(ExitCode.USAGE, '--check requires use of --rule=');
    const now = Math.trunc(this.ctx.now());
    const offset = -new Date(now * 1000).getTimezoneOffset() * 60;
    let when = timeFromEpoch(now, offset);
    if (flags.date !== undefined) {
      const given = parseDateTime(flags.date, { localOffset: offset, now: when });
      if (!given) throw new ToolError(ExitCode.DATAERR, `Invalid date specified: '${flags.date}'`);
      when = given;
    }
    const cib = await this.cib(flags['xml-text']);

    let code: number = ExitCode.OK;
    const lines: string[] = [];
    const errors: string[] = [];
    const body: XmlElement[] = [];
    for (const id of rules) {
      const check = checkRule(cib, id, when, offset);
      body.push(el('rule-check', { 'rule-id': id, rc: check.code }));
      (check.error ? errors : lines).push(ruleCheckText(id, check));
      if (check.code !== ExitCode.OK) code = check.code;
    }
    if (format === 'text') {
      if (lines.length) write(lines.map((l) => `${l}\n`).join(''));
      if (errors.length) this.ctx.err(errors.map((l) => `${l}\n`).join(''));
    } else {
      const request = requestLine('crm_rule', this.rawArgs);
      write(format === 'xml' ? xmlResult(request, body, code, errors) : jsonResult(request, jsonFromXml(body), code, errors));
    }
    return code;
  }

  private async cib(xmlText: string | undefined): Promise<XmlElement> {
    if (xmlText !== undefined) {
      const text = xmlText === '-' ? this.ctx.stdin() : xmlText;
      try {
        return parseXml(text);
      } catch (e) {
        if (e instanceof XmlParseError) throw new ToolError(ExitCode.NOSUCH, `Could not parse the XML given with --xml-text: ${e.message}`);
        throw e;
      }
    }
    try {
      return (await connectCib(this.ctx)).current();
    } catch (e) {
      if (e instanceof CibError) throw new ToolError(e.code, `Could not connect to the CIB: ${e.reason}`);
      throw e;
    }
  }
}
