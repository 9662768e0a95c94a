/** Tags: tags-1.3, -3.3 (from 3.3 a tag may name any object, not only an ID). */
import { attribute, element, oneOrMore, optional, zeroOrMore, type Grammar } from '../rng/pattern.js';
import { ID, IDREF, since, TEXT, type Version } from './common.js';

export function tagsFile(v: Version) {
  return (g: Grammar) => {
    g.define('element-tags', () => [
      element(
        'tags',
        zeroOrMore(element('tag', attribute('id', ID()), oneOrMore(element('obj_ref', attribute('id', since(v, '3.3') ? TEXT() : IDREF()))))),
      ),
    ]);
    return () => [optional(g.ref('element-tags'))];
  };
}
