import test from 'ava';
import { Action } from '../../src/scheduler/model/action.js';
import { Order } from '../../src/scheduler/model/flags.js';
import { addOrdering } from '../../src/scheduler/ordering/links.js';

const action = (key: string) => new Action(null, null, 'stonith', key);

for (const others of [0, 100]) {
  test(`an ordering is added once, whatever the type of a repeat (${others} other links)`, (t) => {
    const fence = action('fence');
    for (let i = 0; i < others; i++) addOrdering(fence, action(`a${i}`), Order.Optional);
    const start = action('start');
    t.true(addOrdering(fence, start, Order.Optional));
    t.false(addOrdering(fence, start, Order.Optional | Order.RunnableLeft));
    t.true(addOrdering(fence, start, Order.RunnableLeft));
    t.is(fence.after.filter((l) => l.action === start).length, 2);
    t.is(start.before.length, 2);
    t.is(fence.after.length, others + 2);
  });
}

test('a link whose type was cleared no longer counts as a repeat', (t) => {
  const fence = action('fence');
  for (let i = 0; i < 100; i++) addOrdering(fence, action(`a${i}`), Order.Optional);
  const start = action('start');
  addOrdering(fence, start, Order.Optional);
  fence.after.find((l) => l.action === start)!.type = Order.None;
  t.true(addOrdering(fence, start, Order.Optional));
});
