import test from 'ava';
import { checkSeeds } from './sim-seeds.js';

test('simulator seeds 1501 to 2000 keep every invariant and form one view after healing', (t) => {
  checkSeeds(t, 1501, 2000);
});
