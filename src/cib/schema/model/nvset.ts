/**
 * Name/value sets (meta_attributes, instance_attributes, utilization, ...):
 * nvset.rng (here '1.0'), nvset-1.3, -2.9, -3.0, -3.4, -3.5, -3.9. From 3.0
 * on, parent schemas may restrict nvpair names through the definitions
 * "element-nvset.name" and "element-nvset.name-value", and from 3.9 on
 * choose the rule flavour through "element-nvset.rule".
 */
import { attribute, choice, element, group, interleave, optional, zeroOrMore, type Grammar, type Pattern } from '../rng/pattern.js';
import { external, ID, IDREF, nested, since, TEXT, type Version } from './common.js';
import { rule } from './rule.js';
import { score } from './score.js';

/** The rule file an nvset file refers to. */
function ruleVersion(v: Version): Version {
  if (since(v, '3.9')) return '3.9';
  if (since(v, '3.5')) return '3.5';
  if (since(v, '3.4')) return '3.4';
  if (since(v, '2.9')) return '2.9';
  return '1.0';
}

export function nvsetFile(v: Version) {
  return (g: Grammar) => {
    if (since(v, '3.0')) {
      g.define('element-nvset.name', () => [attribute('name', TEXT())]);
      g.define('element-nvset.name-value', () => [g.ref('element-nvset.name'), optional(attribute('value', TEXT()))]);
    }
    if (since(v, '3.9')) g.define('element-nvset.rule', () => [rule('3.9')]);
    const nvpair = (): Pattern => {
      if (!since(v, '1.3')) {
        return element('nvpair', attribute('id', ID()), attribute('name', TEXT()), optional(attribute('value', TEXT())));
      }
      const named = since(v, '3.0')
        ? group(attribute('id', ID()), g.ref('element-nvset.name-value'))
        : group(attribute('id', ID()), attribute('name', TEXT()), optional(attribute('value', TEXT())));
      return element('nvpair', choice(group(attribute('id-ref', IDREF()), optional(attribute('name', TEXT()))), named));
    };
    g.define('element-nvset', () => [
      choice(
        attribute('id-ref', IDREF()),
        group(
          attribute('id', ID()),
          interleave(
            optional(since(v, '3.9') ? g.ref('element-nvset.rule') : rule(ruleVersion(v))),
            zeroOrMore(nvpair()),
            optional(score()),
          ),
        ),
      ),
    ]);
    return () => [g.ref('element-nvset')];
  };
}

/** <externalRef> to nvset file v. */
export function nvset(v: Version): Pattern {
  return external(nvsetFile(v));
}

/** nvset file v included in a nested grammar with some definitions replaced. */
export function nvsetWith(v: Version, overrides: Record<string, () => Pattern[]>): Pattern[] {
  return nested(nvsetFile(v), overrides);
}
