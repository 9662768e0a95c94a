/** score.rng: the score attribute (an integer or ±INFINITY). */
import { attribute, choice, data, value, type Grammar } from '../rng/pattern.js';
import { external } from './common.js';

export function scoreFile(g: Grammar) {
  g.define('attribute-score', () => [
    attribute('score', choice(data('integer'), value('INFINITY'), value('+INFINITY'), value('-INFINITY'))),
  ]);
  return () => [g.ref('attribute-score')];
}

export const score = () => external(scoreFile);
