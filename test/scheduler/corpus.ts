/** A corpus case through the library as `crm_simulate -x CASE -S` runs it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '../../src/cib/xml/parse.js';
import { serialize } from '../../src/cib/xml/serialize.js';
import { graphXml } from '../../src/scheduler/graph/build.js';
import { noInjections, simulate } from '../../src/scheduler/simulate/index.js';
import { SHARED } from '../helpers.js';

export const CORPUS = join(SHARED, 'conformance', 'scheduler');

/** The printed output (ocf:: shortened as the corpus has it) and the transition graph's XML. */
export function simulateCorpusCase(name: string): { summary: string; graph: string } {
  const cib = parseXml(readFileSync(join(CORPUS, 'xml', `${name}.xml`), 'utf8'));
  const result = simulate(cib, {
    process: true,
    simulate: true,
    showScores: false,
    showUtilization: false,
    showPending: true,
    sections: 0,
    quiet: false,
    useDate: null,
    localOffset: 0,
    wallClock: 0,
    sanitized: true,
    injections: noInjections(),
    wantGraph: true,
    wantInput: false,
    wantDot: false,
    dotAllActions: false,
    dotVerbose: false,
  });
  return { summary: result.stdout.replace(/ocf::/g, 'ocf:'), graph: serialize(graphXml(result.graph!)) };
}
