import test from 'ava';
import { checkSeeds } from './sim-seeds.js';

test('simulator seeds 1 to 500 keep every invariant and form one view after healing', (t) => {
  checkSeeds(t, 1, 500);
});
