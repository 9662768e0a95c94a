/**
 * Agent metadata, as `crm_resource --show-metadata` prints it: an OCF
 * agent's own meta-data output, generated XML for LSB and systemd services,
 * and a fence agent's metadata with the changes Pacemaker makes to it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { ExitCode } from '../cli/exit-codes.js';
import type { AgentCatalog } from './catalog.js';
import { fenceMetadata } from './fence-metadata.js';
import { lsbMetadata } from './lsb-metadata.js';
import { parseAgentSpec } from './spec.js';
import { escapeXmlText } from './xml-text.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Metadata could not be had: Pacemaker's exit code and message. */
export class MetadataError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 30_000;

function inherited(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

async function run(file: string, args: string[], env: Record<string, string>, input?: string): Promise<string | null> {
  try {
    const r = await execa(file, args, { env, extendEnv: false, input, timeout: TIMEOUT_MS, reject: false, stripFinalNewline: false });
    return r.exitCode === 0 ? r.stdout : null;
  } catch {
    return null;
  }
}

function systemdMetadata(unit: string, description: string): string {
  return (
    '<?xml version="1.0"?>\n' +
    '<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">\n' +
    `<resource-agent name="${unit}" version="0.1">\n` +
    '  <version>1.1</version>\n' +
    '  <longdesc lang="en">\n' +
    `    ${escapeXmlText(description)}\n` +
    '  </longdesc>\n' +
    `  <shortdesc lang="en">systemd unit file for ${unit}</shortdesc>\n` +
    '  <parameters/>\n' +
    '  <actions>\n' +
    '    <action name="start"     timeout="100" />\n' +
    '    <action name="stop"      timeout="100" />\n' +
    '    <action name="status"    timeout="100" />\n' +
    '    <action name="monitor"   timeout="100" interval="60"/>\n' +
    '    <action name="meta-data" timeout="5"   />\n' +
    '  </actions>\n' +
    '  <special tag="systemd"/>\n' +
    '</resource-agent>\n'
  );
}

async function metadataOf(catalog: AgentCatalog, standard: string, provider: string | undefined, type: string, env: Env): Promise<string | null> {
  switch (standard.toLowerCase()) {
    case 'ocf': {
      if (type.includes('/') || provider!.includes('/')) return null;
      const environment = {
        ...inherited(env),
        OCF_ROOT: catalog.dirs.ocfRoot,
        OCF_RA_VERSION_MAJOR: '1',
        OCF_RA_VERSION_MINOR: '1',
        OCF_RESOURCE_INSTANCE: type,
        OCF_RESOURCE_TYPE: type,
        OCF_RESOURCE_PROVIDER: provider!,
        OCF_EXIT_REASON_PREFIX: 'ocf-exit-reason:',
      };
      return run(join(catalog.ocfAgentsDir, provider!, type), ['meta-data'], environment);
    }
    case 'lsb':
      if (!catalog.agents('lsb').includes(type)) return null;
      return lsbMetadata(type, readFileSync(join(catalog.dirs.lsb, type), 'utf8'));
    case 'systemd': {
      if (!catalog.systemdUnits().includes(type)) return null;
      const out = await run('systemctl', ['show', '--property=Description', '--value', `${type}.service`], inherited(env));
      return systemdMetadata(type, (out ?? '').trim());
    }
    case 'service':
      if (catalog.agents('lsb').includes(type)) return metadataOf(catalog, 'lsb', undefined, type, env);
      return metadataOf(catalog, 'systemd', undefined, type, env);
    case 'stonith': {
      if (!catalog.fenceAgents().includes(type)) return null;
      const out = await run(join(catalog.dirs.fence, type), [], inherited(env), 'action=metadata\n');
      return out === null ? null : fenceMetadata(out);
    }
    default:
      return null;
  }
}

export async function agentMetadata(catalog: AgentCatalog, spec: string, env: Env): Promise<string> {
  const parsed = parseAgentSpec(spec);
  if (!parsed) throw new MetadataError(ExitCode.NOSUCH, `'${spec}' is not a valid agent specification`);
  const xml = await metadataOf(catalog, parsed.standard, parsed.provider, parsed.type, env);
  if (xml === null) throw new MetadataError(ExitCode.NOSUCH, `Metadata query for ${spec} failed: No such device or address`);
  return xml;
}
