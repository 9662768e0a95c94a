/**
 * Fail counts as the cluster records them: transient node attributes
 * fail-count-<resource>#<operation>_<interval ms> (and last-failure-...),
 * or the single fail-count-<resource> of older releases.
 */
import type { XmlElement } from '../cib/xml/node.js';

/** Pacemaker's score ceiling: fail counts at or above it are INFINITY. */
const INFINITY = 1_000_000;

export interface FailCount {
  /** The attribute shown (the per-operation prefix when summed). */
  name: string;
  value: string;
}

function transientPairs(cib: XmlElement, nodeUuid: string): XmlElement[] {
  const state = cib.findChild('status')?.elements('node_state').find((s) => s.id === nodeUuid);
  return (state?.elements('transient_attributes') ?? []).flatMap((t) => t.elements('instance_attributes')).flatMap((s) => s.elements('nvpair'));
}

const opSuffix = (operation: string, intervalMs: number) => `#${operation}_${intervalMs}`;

/**
 * The fail count of a resource on a node: of one operation, or the sum of
 * all its operations; the legacy per-resource count when that is zero.
 */
export function failCount(cib: XmlElement, nodeUuid: string, resource: string, op?: { name: string; intervalMs: number }): FailCount {
  const pairs = transientPairs(cib, nodeUuid);
  const base = `fail-count-${resource}`;
  let name = base;
  let value: string;
  if (op) {
    name = base + opSuffix(op.name, op.intervalMs);
    value = pairs.find((p) => p.attr('name') === name)?.attr('value') ?? '0';
  } else {
    value = sum(pairs.filter((p) => p.attr('name')?.startsWith(`${base}#`)).map((p) => p.attr('value') ?? ''));
  }
  if (value === '0') {
    const legacy = pairs.find((p) => p.attr('name') === base)?.attr('value') ?? '0';
    if (legacy !== '0') return { name: base, value: legacy };
  }
  return { name, value };
}

function sum(values: string[]): string {
  let total = 0;
  for (const v of values) {
    if (v === 'INFINITY') return 'INFINITY';
    if (/^[0-9]+$/.test(v)) total += Number(v);
  }
  return total >= INFINITY ? 'INFINITY' : String(total);
}

/** The failure records (fail-count-*, last-failure-*) of a resource on a node, of one operation or all. */
export function failureRecords(cib: XmlElement, nodeUuid: string, resource: string, op?: { name: string; intervalMs: number }): XmlElement[] {
  const names = ['fail-count', 'last-failure'].map((p) => `${p}-${resource}`);
  return transientPairs(cib, nodeUuid).filter((p) => {
    const n = p.attr('name') ?? '';
    return op ? names.some((b) => n === b + opSuffix(op.name, op.intervalMs)) : names.some((b) => n === b || n.startsWith(`${b}#`));
  });
}
