/**
 * crm_standby and crm_master are thin front ends of crm_attribute, as in
 * Pacemaker: they run it in-process with the arguments they build.
 */
import type { PacerCommand } from '../cli/command.js';
import { runTool } from '../cli/command.js';

export async function runCrmAttribute(from: PacerCommand, args: string[], options: { silent?: boolean } = {}): Promise<number> {
  const { default: CrmAttribute } = await import('../commands/crm_attribute.js');
  const ctx = options.silent ? { ...from.ctx, out: () => {}, err: () => {} } : from.ctx;
  return runTool(CrmAttribute, args, { ...ctx, tool: 'crm_attribute' }, from.config);
}
