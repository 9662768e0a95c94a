/**
 * Whether a rule is in effect at a given time, as crm_rule --check answers
 * it: only rules with a single date expression can be checked, and a
 * date_spec only when it names years (and not moon).
 */
import type { XmlElement } from '../cib/xml/node.js';
import { selectNodes } from '../cib/xpath/index.js';
import { ExitCode } from '../cli/exit-codes.js';
import { evaluateDateExpression } from '../scheduler/rules/evaluate.js';
import { IdIndex } from '../scheduler/rules/id-index.js';
import type { CrmTime } from '../scheduler/util/iso8601.js';

export interface RuleCheck {
  /** Pacemaker's exit code for the answer: 0 in effect, 110 expired, 111 not yet... */
  code: number;
  /** Why the rule could not be checked. */
  error?: string;
}

export function checkRule(cib: XmlElement, ruleId: string, now: CrmTime, localOffset: number): RuleCheck {
  if (ruleId.includes("'")) return { code: ExitCode.NOSUCH, error: 'Rule not found' };
  const rule = `//rule[@id='${ruleId}']`;
  const rules = selectNodes(cib, rule);
  if (rules.length === 0) return { code: ExitCode.NOSUCH, error: 'Rule not found' };
  if (rules.length > 1) return { code: ExitCode.MULTIPLE, error: 'Found more than one rule with matching ID' };
  const dates = selectNodes(cib, `${rule}//date_expression`);
  if (dates.length !== 1) {
    return { code: ExitCode.UNIMPLEMENT_FEATURE, error: dates.length === 0 ? 'Rule does not have a date expression' : 'Rule has more than one date expression' };
  }
  let matches = selectNodes(cib, `${rule}//date_expression[@operation!='date_spec']`);
  if (matches.length === 0) {
    matches = selectNodes(cib, `${rule}//date_expression[@operation='date_spec' and date_spec/@years and not(date_spec/@moon)]`);
    if (matches.length === 0) return { code: ExitCode.UNIMPLEMENT_FEATURE, error: 'Rule must either not use date_spec, or use date_spec with years= but not moon=' };
  }
  switch (evaluateDateExpression(matches[0]!, { now, localOffset, ids: new IdIndex(cib) })) {
    case 'within':
    case 'ok':
      return { code: ExitCode.OK };
    case 'after':
      return { code: ExitCode.EXPIRED };
    case 'before':
      return { code: ExitCode.NOT_YET_IN_EFFECT };
    default:
      return { code: ExitCode.INDETERMINATE, error: 'Error parsing rule' };
  }
}

/** How crm_rule words an answer in text. */
export function ruleCheckText(ruleId: string, check: RuleCheck): string {
  switch (check.code) {
    case ExitCode.OK:
      return `Rule ${ruleId} is still in effect`;
    case ExitCode.EXPIRED:
      return `Rule ${ruleId} is expired`;
    case ExitCode.NOT_YET_IN_EFFECT:
      return `Rule ${ruleId} has not yet taken effect`;
    default:
      return `Could not determine whether rule ${ruleId} is in effect: ${check.error ?? 'unknown result'}`;
  }
}
