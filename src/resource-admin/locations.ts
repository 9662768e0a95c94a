/**
 * The location constraints crm_resource --ban, --move and --clear make and
 * remove: cli-ban-RSC-on-NODE (-INFINITY) and cli-prefer-RSC (INFINITY),
 * with an optional lifetime as a date_expression, named as Pacemaker names
 * them so that either tool can clear what the other made.
 */
import type { CibRequest } from '../cib/ops/request.js';
import { XmlElement } from '../cib/xml/node.js';
import { selectNodes } from '../cib/xpath/index.js';
import { type CrmTime, compareTimes, parseDateTime } from '../scheduler/util/iso8601.js';
import type { Step } from './plan.js';

export interface Placement {
  rscId: string;
  node: string;
  /** Only the promoted role (--promoted). */
  promoted: boolean;
  /** When the constraint stops applying (crm_time_as_string of now + --lifetime). */
  until?: string;
}

function constraint(id: string, p: Placement, score: string, ids: { rule: string; expr: string; lifetime: string }): XmlElement {
  const constraints = new XmlElement('constraints');
  const location = constraints.add('rsc_location', { id, rsc: p.rscId, role: p.promoted ? 'Promoted' : 'Started' });
  if (p.until === undefined) {
    location.setAttr('node', p.node);
    location.setAttr('score', score);
  } else {
    const rule = location.add('rule', { id: ids.rule, score, 'boolean-op': 'and' });
    rule.add('expression', { id: ids.expr, attribute: '#uname', operation: 'eq', value: p.node, type: 'string' });
    rule.add('date_expression', { id: ids.lifetime, operation: 'lt', end: p.until });
  }
  return constraints;
}

/** cli_resource_ban: the warning, then the constraint. */
export function banSteps(p: Placement): Step[] {
  const id = `cli-ban-${p.rscId}-on-${p.node}`;
  const warning =
    `WARNING: Creating rsc_location constraint '${id}' with a score of -INFINITY for resource ${p.rscId} on ${p.node}.\n` +
    `\tThis will prevent ${p.rscId} from ${p.promoted ? 'being promoted' : 'running'} on ${p.node} until the constraint is removed ` +
    'using the clear option or by editing the CIB with an appropriate tool\n' +
    `\tThis will be the case even if ${p.node} is the last node in the cluster`;
  const input = constraint(id, p, '-INFINITY', { rule: `${id}-rule`, expr: `${id}-expr`, lifetime: `${id}-lifetime` });
  return [...lifetimeNotice(p), { info: warning }, { request: { op: 'modify', scope: 'constraints', input } }];
}

/** cli_resource_prefer */
export function preferSteps(p: Placement): Step[] {
  const input = constraint(`cli-prefer-${p.rscId}`, p, 'INFINITY', {
    rule: `cli-prefer-rule-${p.rscId}`,
    expr: `cli-prefer-expr-${p.rscId}`,
    lifetime: `cli-prefer-lifetime-end-${p.rscId}`,
  });
  return [...lifetimeNotice(p), { request: { op: 'modify', scope: 'constraints', input } }];
}

function lifetimeNotice(p: Placement): Step[] {
  return p.until !== undefined ? [{ info: `Migration will take effect until: ${p.until}` }] : [];
}

/**
 * cli_resource_clear for one node: the preference for it (either form) and,
 * with `bans`, the ban from it. With `force`, the preference goes whatever
 * node it names.
 */
export function clearSteps(rscId: string, node: string, bans: boolean, force: boolean): Step[] {
  const q = (s: string) => (s.includes("'") ? `"${s}"` : `'${s}'`);
  const xpath =
    `//rsc_location[@id=${q(`cli-prefer-${rscId}`)}][rule[@id=${q(`cli-prefer-rule-${rscId}`)}]` +
    `/expression[@attribute='#uname' and @value=${q(node)}]]`;
  const input = new XmlElement('constraints');
  if (bans) input.add('rsc_location', { id: `cli-ban-${rscId}-on-${node}` });
  const prefer = input.add('rsc_location', { id: `cli-prefer-${rscId}` });
  if (!force) prefer.setAttr('node', node);
  const byXPath: CibRequest = { op: 'delete', xpath };
  return [
    { request: byXPath, missingOk: true },
    { request: { op: 'delete', scope: 'constraints', input }, missingOk: true },
  ];
}

/** The ids of every location constraint, sorted (build_constraint_list). */
export function locationIds(cib: XmlElement): string[] {
  const ids: string[] = [];
  for (const el of cib.walk()) if (el.name === 'rsc_location' && el.attrs['id'] !== undefined) ids.push(el.attrs['id']);
  return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface ExpiredFilter {
  rscId?: string;
  node?: string;
  promoted: boolean;
}

/**
 * The XPath Pacemaker uses to find the lifetime of a constraint made by
 * --ban or --move, limited to a resource, node or the promoted role.
 */
function lifetimeXPath(location: XmlElement, f: ExpiredFilter): string | null {
  const id = location.attrs['id'] ?? '';
  const isBan = id.startsWith('cli-ban-');
  if (!isBan && !id.startsWith('cli-prefer-')) return null;
  const promotedRule = "@role='Promoted' or @role='Master'";
  let rscRole: string | null = null;
  if (f.rscId !== undefined) rscRole = f.promoted ? `@rsc='${f.rscId}' and (${promotedRule})` : `@rsc='${f.rscId}'`;
  else if (f.promoted) rscRole = promotedRule;
  let xpath = '//rsc_location';
  if (f.node !== undefined || rscRole !== null) {
    const tests = [...(f.node !== undefined ? [`@node='${f.node}'`] : []), ...(rscRole !== null ? [rscRole] : [])];
    xpath += `[${tests.join(' and ')}]`;
  }
  if (f.node !== undefined) {
    xpath += '|//rsc_location' + (rscRole !== null ? `[${rscRole}]` : '');
    xpath += `/rule[expression[@attribute='#uname' and @value='${f.node}']]`;
  }
  const lifetime = isBan ? `${id}-lifetime` : `cli-prefer-lifetime-end-${location.attrs['rsc'] ?? ''}`;
  return `${xpath}//date_expression[@id='${lifetime}']`;
}

/** --clear --expired: the constraints made by --ban and --move whose lifetime ended before now. */
export function expiredSteps(cib: XmlElement, f: ExpiredFilter, now: CrmTime, localOffset: number): Step[] {
  const steps: Step[] = [];
  const constraints = cib.findChild('configuration')?.findChild('constraints');
  if (!constraints) return steps;
  for (const location of constraints.walk()) {
    if (location.name !== 'rsc_location') continue;
    const xpath = lifetimeXPath(location, f);
    if (xpath === null) continue;
    const found = selectNodes(cib, xpath);
    if (found.length !== 1) continue;
    const end = parseDateTime(found[0]!.attrs['end'], { localOffset, now });
    if (end === null || compareTimes(now, end) !== 1) continue;
    const input = new XmlElement('constraints');
    input.add('rsc_location', { id: location.attrs['id'] ?? '' });
    steps.push({ request: { op: 'delete', scope: 'constraints', input } });
  }
  return steps;
}
