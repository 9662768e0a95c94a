import test from 'ava';
import { checkSeeds } from './sim-seeds.js';

test('simulator seeds 1001 to 1500 keep every invariant and form one view after healing', (t) => {
  checkSeeds(t, 1001, 1500);
});
