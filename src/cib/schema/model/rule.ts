/**
 * Rules: rule.rng (here '1.0'), rule-2.9, rule-3.4, rule-3.5, and the
 * reworked rule-3.9 with one rule flavour per context.
 */
import { attribute, choice, element, group, oneOrMore, optional, value, values, type Grammar, type Pattern } from '../rng/pattern.js';
import { external, ID, IDREF, since, TEXT, type Version } from './common.js';
import { score } from './score.js';

const opt = (name: string, content?: Pattern) => optional(attribute(name, content ?? TEXT()));

function operations(): Pattern {
  return values('lt', 'gt', 'lte', 'gte', 'eq', 'ne', 'defined', 'not_defined');
}

function valueSource(): Pattern {
  return optional(attribute('value-source', values('literal', 'param', 'meta')));
}

/** The rule files before 3.9. */
export function ruleFile(v: Version) {
  return (g: Grammar) => {
    g.define('element-rule', () => [
      element(
        'rule',
        choice(
          attribute('id-ref', IDREF()),
          group(
            attribute('id', ID()),
            choice(score(), attribute('score-attribute', TEXT())),
            optional(attribute('boolean-op', values('or', 'and'))),
            opt('role'),
            oneOrMore(
              choice(
                element(
                  'expression',
                  attribute('id', ID()),
                  attribute('attribute', TEXT()),
                  attribute('operation', operations()),
                  opt('value'),
                  optional(attribute('type', since(v, '3.5') ? values('string', 'integer', 'number', 'version') : values('string', 'number', 'version'))),
                  ...(since(v, '2.9') ? [valueSource()] : []),
                ),
                element(
                  'date_expression',
                  attribute('id', ID()),
                  choice(
                    group(
                      attribute('operation', value('in_range')),
                      choice(
                        group(opt('start'), attribute('end', TEXT())),
                        group(attribute('start', TEXT()), element('duration', g.ref('date-common'))),
                      ),
                    ),
                    group(attribute('operation', value('gt')), attribute('start', TEXT())),
                    group(attribute('operation', value('lt')), choice(attribute('end', TEXT()))),
                    group(attribute('operation', value('date_spec')), element('date_spec', g.ref('date-common'))),
                  ),
                ),
                ...(since(v, '3.4')
                  ? [
                      element('rsc_expression', attribute('id', ID()), opt('class'), opt('provider'), opt('type')),
                      element('op_expression', attribute('id', ID()), attribute('name', TEXT()), opt('interval')),
                    ]
                  : []),
                g.ref('element-rule'),
              ),
            ),
          ),
        ),
      ),
    ]);
    g.define('date-common', () => [
      attribute('id', ID()),
      ...['hours', 'monthdays', 'weekdays', 'yearsdays', 'months', 'weeks', 'years', 'weekyears', 'moon'].map((a) => opt(a)),
    ]);
    return () => [g.ref('element-rule')];
  };
}

/** rule-3.9.rng */
export function rule39File(g: Grammar) {
  const scoreOrAttribute = () => optional(choice(score(), attribute('score-attribute', TEXT())));
  const flavour = (name: string, children: () => Pattern[]) =>
    g.define(name, () => [
      element('rule', choice(attribute('id-ref', IDREF()), group(g.ref('rule-common'), oneOrMore(choice(...children())), scoreOrAttribute()))),
    ]);
  flavour('element-rule', () => [
    g.ref('expression'),
    g.ref('date_expression'),
    g.ref('element-rule'),
    g.ref('rsc_expression'),
    g.ref('op_expression'),
  ]);
  flavour('element-rule-location', () => [
    g.ref('expression-location'),
    g.ref('date_expression'),
    g.ref('element-rule-location'),
    g.ref('rsc_expression'),
    g.ref('op_expression'),
  ]);
  flavour('element-rule-rsc_defaults', () => [
    g.ref('expression'),
    g.ref('date_expression'),
    g.ref('rsc_expression'),
    g.ref('element-rule-rsc_defaults'),
    g.ref('op_expression'),
  ]);
  flavour('element-rule-op_defaults', () => [
    g.ref('expression'),
    g.ref('date_expression'),
    g.ref('rsc_expression'),
    g.ref('op_expression'),
    g.ref('element-rule-op_defaults'),
  ]);
  g.define('rule-common', () => [attribute('id', ID()), optional(attribute('boolean-op', values('or', 'and'))), opt('role')]);
  g.define('expression', () => [element('expression', g.ref('expression-common'), valueSource())]);
  g.define('expression-location', () => [element('expression', g.ref('expression-common'), valueSource())]);
  g.define('expression-common', () => [
    attribute('id', ID()),
    attribute('attribute', TEXT()),
    attribute('operation', operations()),
    opt('value'),
    optional(attribute('type', values('string', 'integer', 'number', 'version'))),
  ]);
  g.define('date_expression', () => [
    element(
      'date_expression',
      attribute('id', ID()),
      choice(
        group(
          attribute('operation', value('in_range')),
          choice(attribute('start', TEXT()), attribute('end', TEXT()), group(attribute('start', TEXT()), attribute('end', TEXT()))),
          optional(g.ref('duration')),
        ),
        group(attribute('operation', value('gt')), attribute('start', TEXT())),
        group(attribute('operation', value('lt')), attribute('end', TEXT())),
        group(attribute('operation', value('date_spec')), g.ref('date_spec')),
      ),
    ),
  ]);
  g.define('rsc_expression', () => [element('rsc_expression', attribute('id', ID()), opt('class'), opt('provider'), opt('type'))]);
  g.define('op_expression', () => [element('op_expression', attribute('id', ID()), attribute('name', TEXT()), opt('interval'))]);
  g.define('duration', () => [
    element(
      'duration',
      attribute('id', ID()),
      ...['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'monthdays', 'weekdays', 'yearsdays', 'weekyears', 'moon'].map((a) => opt(a)),
    ),
  ]);
  g.define('date_spec', () => [
    element(
      'date_spec',
      attribute('id', ID()),
      ...['years', 'months', 'monthdays', 'hours', 'minutes', 'seconds', 'yeardays', 'weekyears', 'weeks', 'weekdays', 'moon', 'yearsdays'].map((a) =>
        opt(a),
      ),
    ),
  ]);
  return () => [g.ref('element-rule')];
}

/** <externalRef> to the rule file of version v. */
export function rule(v: Version): Pattern {
  return external(since(v, '3.9') ? rule39File : ruleFile(v));
}
