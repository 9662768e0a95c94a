/** Fencing topology: fencing-1.2, -2.4. */
import { attribute, choice, data, element, group, optional, zeroOrMore, type Grammar } from '../rng/pattern.js';
import { ID, since, TEXT, type Version } from './common.js';

export function fencingFile(v: Version) {
  return (g: Grammar) => {
    g.define('element-stonith', () => [element('fencing-topology', zeroOrMore(g.ref('element-level')))]);
    g.define('element-level', () => [
      element(
        'fencing-level',
        attribute('id', ID()),
        choice(
          attribute('target', TEXT()),
          attribute('target-pattern', TEXT()),
          ...(since(v, '2.4') ? [group(attribute('target-attribute', TEXT()), attribute('target-value', TEXT()))] : []),
        ),
        attribute('index', data('positiveInteger')),
        attribute('devices', data('string', { pattern: '([a-zA-Z0-9_\\.\\-]+)(,[a-zA-Z0-9_\\.\\-]+)*' })),
      ),
    ]);
    return () => [optional(g.ref('element-stonith'))];
  };
}
