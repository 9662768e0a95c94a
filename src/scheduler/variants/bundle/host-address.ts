/**
 * A bundle's connection with no address of its own (addr="#uname") reaches
 * its container through the host the container runs on: a guest node may
 * itself sit on a remote node. Until the containers are placed the host is
 * unknown, so digests of such connections wait for placement.
 */
import type { Node } from '../../model/node.js';
import type { Resource } from '../../model/resource.js';
import { currentNode } from '../../model/resource.js';
import { isRemoteConnectionXml, resourceParams } from '../../unpack/resources.js';
import { type Replica, bundleData } from './status.js';

/** pe__bundle_needs_remote_name: a remote connection whose address is still "#uname". */
export function needsHostAddress(rsc: Resource): boolean {
  return resourceParams(rsc, null).get('addr')?.toLowerCase() === '#uname' && isRemoteConnectionXml(rsc.xml);
}

function replicaOf(remote: Resource): Replica | null {
  let top = remote;
  while (top.parent !== null) top = top.parent;
  if (top.variant !== 'bundle') return null;
  return bundleData(top).replicas.find((r) => r.remote === remote) ?? null;
}

/**
 * The host a "#uname" connection is to use: where its container is placed,
 * or, if it will not run, where it runs now (pe__add_bundle_remote_name).
 */
export function hostAddress(rsc: Resource): Node | null {
  if (!needsHostAddress(rsc)) return null;
  const r = replicaOf(rsc);
  if (r === null) return null;
  return r.container.allocatedTo?.node ?? currentNode(r.container);
}

/** Writes the host into the connection's definition, for the graph (pcmk__bundle_expand). */
export function setHostAddress(remote: Resource): void {
  const node = hostAddress(remote);
  if (node === null) return;
  for (const el of remote.xml.walk()) {
    if (el.name === 'nvpair' && el.attrs['name'] === 'addr') el.setAttr('value', node.uname);
  }
  resourceParams(remote, null).set('addr', node.uname);
}
