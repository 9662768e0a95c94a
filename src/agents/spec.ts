/** Agent specifications: "class:provider:type", or "class:type" for classes without providers. */
import { RaCap, raCaps } from '../scheduler/unpack/resources.js';

export interface AgentSpec {
  standard: string;
  provider?: string;
  type: string;
}

/** crm_parse_agent_spec; null when the text is not a valid specification. */
export function parseAgentSpec(spec: string): AgentSpec | null {
  const colon = spec.indexOf(':');
  if (colon <= 0) return null;
  const standard = spec.slice(0, colon);
  let rest = spec.slice(colon + 1);
  let provider: string | undefined;
  if (raCaps(standard) & RaCap.Provider) {
    const c = rest.indexOf(':');
    if (c <= 0) return null;
    provider = rest.slice(0, c);
    rest = rest.slice(c + 1);
  }
  if (rest === '') return null;
  return { standard, provider, type: rest };
}
