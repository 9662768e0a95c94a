/**
 * The node a node attribute command works on when none is named (or it is
 * named "auto" or "localhost"): the one the cluster runs the calling
 * resource agent for, as told by the agent's environment.
 */
export function agentTargetNode(given: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (given !== undefined && !/^(auto|localhost)$/i.test(given)) return undefined;
  const physical = env['OCF_RESKEY_CRM_meta_physical_host'];
  if (physical && env['OCF_RESKEY_CRM_meta_container_attribute_target']?.toLowerCase() === 'host') return physical;
  return env['OCF_RESKEY_CRM_meta_on_node'] || given;
}
