#!/usr/bin/env node
// npm run bench: runs every bench/NN-name.mjs in order. Each exports
// `title` and `run(tools)`, and prints its own table through tools.table();
// tools (bench/_tools.mjs) time commands (with hyperfine when installed) and
// in-process functions, side by side with the reference tools in /usr/sbin.
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tools from '../bench/_tools.mjs';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const only = process.argv[2];
for (const file of readdirSync(benchDir).filter((f) => /^\d+-.*\.mjs$/.test(f)).sort()) {
  if (only && !file.includes(only)) continue;
  const section = await import(pathToFileURL(join(benchDir, file)).href);
  console.log(`\n== ${section.title} (${file})\n`);
  const before = loadavg()[0];
  await section.run(tools);
  // the machine is shared: figures taken under load are slower and noisier
  console.log(`\n  load average (1 min): ${before.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after, on ${cpus().length} CPUs`);
}
