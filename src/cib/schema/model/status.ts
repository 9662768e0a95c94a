/** The status section: status-1.0, which accepts anything. */
import { anyAttribute, anyElement, choice, text, zeroOrMore, type Grammar } from '../rng/pattern.js';

export function statusFile(g: Grammar) {
  g.define('element-status', () => [zeroOrMore(choice(anyAttribute(text()), anyElement(g.ref('element-status')), text()))]);
  return () => [g.ref('element-status')];
}
