import test from 'ava';
import { parseLeadingInt } from '../../src/scheduler/util/score.js';

test('a leading integer is read as strtoll reads it', (t) => {
  t.is(parseLeadingInt('42'), 42);
  t.is(parseLeadingInt(' \t\n-7ms'), -7);
  t.is(parseLeadingInt('+3'), 3);
  t.is(parseLeadingInt('1700000000'), 1700000000);
});

test('text without a leading integer has none', (t) => {
  t.is(parseLeadingInt(undefined), undefined);
  t.is(parseLeadingInt(''), undefined);
  t.is(parseLeadingInt('-'), undefined);
  t.is(parseLeadingInt('x1'), undefined);
  t.is(parseLeadingInt('- 1'), undefined);
});
