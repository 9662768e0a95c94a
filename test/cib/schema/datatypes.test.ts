/**
 * The datatypes as libxml2 reads them, where the validator takes shortcuts:
 * IDs are checked as NCNames, plain ASCII first and by Unicode classes when
 * that is not enough.
 */
import test from 'ava';
import { checkDatatype, IdTable } from '../../../src/cib/schema/rng/datatypes.js';

const isId = (value: string) => checkDatatype('ID', value, null, new IdTable()) === 1;

test('an ASCII name is an ID', (t) => {
  for (const v of ['rsc1', '_x', 'a.b-c_d', 'A9']) t.true(isId(v), v);
});

test('letters and marks beyond ASCII make an ID too', (t) => {
  for (const v of ['résumé', 'ノード', 'x\u00B7y', '\u00E9t\u00E9']) t.true(isId(v), v);
});

test('blanks around an ID are tolerated, as libxml2 does', (t) => {
  for (const v of [' rsc1', 'rsc1\n', '\trésumé ']) t.true(isId(v), JSON.stringify(v));
});

test('what is not an NCName is not an ID', (t) => {
  for (const v of ['', '1rsc', '-x', 'a:b', 'a b', 'é:', '·x']) t.false(isId(v), JSON.stringify(v));
});
