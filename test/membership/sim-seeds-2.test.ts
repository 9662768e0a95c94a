import test from 'ava';
import { checkSeeds } from './sim-seeds.js';

test('simulator seeds 501 to 1000 keep every invariant and form one view after healing', (t) => {
  checkSeeds(t, 501, 1000);
});
