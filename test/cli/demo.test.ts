import test from 'ava';
import { runPacer } from '../helpers.js';

test('pacer demo walks through the sample configuration and succeeds', (t) => {
  const r = runPacer(['demo'], { env: { PATH: '/usr/bin:/bin' } });
  t.is(r.code, 0, r.stderr);
  t.true(r.stdout.includes('$ crm_shadow --commit demo --force'));
  t.true(r.stdout.includes('<primitive id="web-server" class="ocf" provider="heartbeat" type="apache"/>'));
});
