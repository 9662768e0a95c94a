/**
 * A CIB writer for the store's process tests:
 *   node writer-process.js FILE PREFIX COUNT   adds COUNT property sets PREFIX-0.. one update at a time
 *   node writer-process.js FILE bump           bumps the epoch until killed, printing a line after each
 */
import { connectCib } from '../../src/cib/client.js';
import { parseXml } from '../../src/cib/xml/parse.js';

const [file, prefix, count] = process.argv.slice(2);
const ctx = { env: { CIB_file: file }, cwd: process.cwd() };

if (prefix === 'bump') {
  for (;;) {
    await (await connectCib(ctx)).request({ op: 'bump' });
    process.stdout.write('.\n');
  }
} else {
  for (let i = 0; i < Number(count); i++) {
    const cib = await connectCib(ctx);
    await cib.request({ op: 'create', scope: 'crm_config', input: parseXml(`<cluster_property_set id="${prefix}-${i}"/>`) });
  }
}
