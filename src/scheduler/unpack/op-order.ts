/**
 * Which of two operation history entries happened later: by call id on the
 * same node, else by last-rc-change, else (pending operations) by
 * transition number (pe__is_newer_op and sort_op_by_callid).
 */
import type { XmlElement } from '../../cib/xml/node.js';
import { glibSort } from '../util/glib.js';
import { parseLeadingInt } from '../util/score.js';
import { decodeTransitionMagic } from './transition-key.js';

/** An integer attribute of a history entry, read as strtoll would (dflt when there is none). */
export function intAttr(op: XmlElement, name: string, dflt: number): number {
  return parseLeadingInt(op.attrs[name]) ?? dflt;
}

/** >0 when a is newer than b, <0 when older, 0 when undecided. */
export function compareOpAge(a: XmlElement, b: XmlElement, sameNodeDefault: boolean): number {
  const aNode = a.attrs['on_node'];
  const bNode = b.attrs['on_node'];
  const sameNode =
    aNode === undefined || bNode === undefined ? sameNodeDefault : aNode.toLowerCase() === bNode.toLowerCase();
  if (sameNode && a.attrs['id'] === b.attrs['id']) return 0;
  const aCall = intAttr(a, 'call-id', -1);
  const bCall = intAttr(b, 'call-id', -1);
  if (aCall === -1 && bCall === -1) return 0;
  if (sameNode && aCall >= 0 && aCall < bCall) return -1;
  if (sameNode && bCall >= 0 && aCall > bCall) return 1;
  if (aCall >= 0 && bCall >= 0 && (!sameNode || aCall === bCall)) {
    const lastA = intAttr(a, 'last-rc-change', -1);
    const lastB = intAttr(b, 'last-rc-change', -1);
    if (lastA >= 0 && lastA < lastB) return -1;
    if (lastB >= 0 && lastA > lastB) return 1;
    return 0;
  }
  const am = decodeTransitionMagic(a.attrs['transition-magic']);
  const bm = decodeTransitionMagic(b.attrs['transition-magic']);
  if (!am || !bm) return 0;
  if (am.uuid.toLowerCase() !== bm.uuid.toLowerCase() || am.transitionId === bm.transitionId) {
    if (bCall === -1) return -1;
    if (aCall === -1) return 1;
  } else if ((am.transitionId >= 0 && am.transitionId < bm.transitionId) || bm.transitionId === -1) {
    return -1;
  } else if ((bm.transitionId >= 0 && am.transitionId > bm.transitionId) || am.transitionId === -1) {
    return 1;
  }
  return 0;
}

/** A resource's operation entries oldest first, as Pacemaker sorts them. */
export function sortOpsByAge(ops: XmlElement[]): XmlElement[] {
  if (ops.length < 2) return [...ops];
  // Pacemaker builds the list by prepending, then merge-sorts it.
  return glibSort([...ops].reverse(), (a, b) => compareOpAge(a, b, true));
}
