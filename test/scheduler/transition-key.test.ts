import test from 'ava';
import { XmlElement } from '../../src/cib/xml/node.js';
import { targetRcOf } from '../../src/scheduler/unpack/transition-key.js';

const op = (key?: string) => new XmlElement('lrm_rsc_op', key === undefined ? {} : { 'transition-key': key });
const UUID = '00000000-0000-0000-0000-000000000000';

test('the target rc is the third field of a transition key', (t) => {
  t.is(targetRcOf(op(`12:3:7:${UUID}`)), 7);
  t.is(targetRcOf(op(`0:0:0:${UUID}`)), 0);
  t.is(targetRcOf(op(`5:1:008:x`)), 8);
});

test('keys with spaces or signs before the numbers are read as Pacemaker reads them', (t) => {
  t.is(targetRcOf(op(` 12: 3: 7:${UUID}`)), 7);
  t.is(targetRcOf(op(`12:3:+8:${UUID}`)), 8);
  t.is(targetRcOf(op(`12:-1:-3:${UUID}`)), -3);
  t.is(targetRcOf(op(`12:3:${'9'.repeat(16)}:${UUID}`)), 9999999999999999);
});

test('an entry without a well-formed transition key has no target rc', (t) => {
  t.is(targetRcOf(op()), -1);
  t.is(targetRcOf(op('')), -1);
  t.is(targetRcOf(op('12:3:7')), -1);
  t.is(targetRcOf(op('12:3:7:')), -1);
  t.is(targetRcOf(op('12:3:7: uuid')), -1);
  t.is(targetRcOf(op('12:x:7:uuid')), -1);
});
