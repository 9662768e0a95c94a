/**
 * Which node of the nodelist this process is: as Corosync does, the node
 * whose address is one of this machine's; --node decides when several are
 * (nodes sharing a machine in tests and demos).
 */
import { lookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import type { NodeConfig } from './config/cluster-config.js';

export class LocalNodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalNodeError';
  }
}

/** Every node's address, resolved (ring0_addr may be a host name). */
export async function resolveAddresses(nodes: readonly NodeConfig[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const n of nodes) {
    if (isIP(n.addr)) out.set(n.id, n.addr);
    else {
      try {
        out.set(n.id, (await lookup(n.addr)).address);
      } catch {
        throw new LocalNodeError(`cannot resolve the address of node ${n.name} (${n.addr})`);
      }
    }
  }
  return out;
}

/** Addresses of this machine; all of 127.0.0.0/8 is local on Linux. */
export function isLocalAddress(addr: string): boolean {
  if (/^127\./.test(addr) || addr === '::1') return true;
  return Object.values(networkInterfaces()).some((list) => list?.some((i) => i.address === addr));
}

export function findLocalNode(
  nodes: readonly NodeConfig[],
  addresses: Map<number, string>,
  isLocal: (addr: string) => boolean,
  nodeName?: string,
): NodeConfig {
  if (nodeName !== undefined) {
    const n = nodes.find((x) => x.name === nodeName);
    if (!n) throw new LocalNodeError(`no node named '${nodeName}' in the nodelist (${nodes.map((x) => x.name).join(', ')})`);
    if (!isLocal(addresses.get(n.id)!)) throw new LocalNodeError(`node ${n.name}'s address ${addresses.get(n.id)} is not an address of this machine`);
    return n;
  }
  const local = nodes.filter((n) => isLocal(addresses.get(n.id)!));
  if (local.length === 1) return local[0]!;
  if (local.length === 0) throw new LocalNodeError('no address of the nodelist belongs to this machine; use --node NAME');
  throw new LocalNodeError(`several nodes of the nodelist are on this machine (${local.map((n) => n.name).join(', ')}); use --node NAME`);
}
