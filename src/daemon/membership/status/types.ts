import type { QuorumResult } from '../quorum/votequorum.js';

/**
 * What the membership service tells the tools over IPC: plain data, the
 * same for the text, XML and JSON renderings.
 */

export interface RingId {
  /** The node that formed the view. */
  rep: number;
  /** Grows with every view the cluster forms. */
  seq: number;
}

export interface NodeRef {
  id: number;
  name: string;
}

/** crm_node's view: every node known (configured or seen) and whether it is in our partition. */
export interface NodesReply {
  local: NodeRef;
  quorate: boolean;
  nodes: (NodeRef & { state: 'member' | 'lost' })[];
}

export interface QuorumReport extends QuorumResult {
  /** null when no quorum provider is configured. */
  provider: string | null;
  nodeId: number;
  ring: RingId | null;
  members: (NodeRef & { votes: number })[];
}

export type DropReason = 'malformed' | 'forged' | 'replayed' | 'stale' | 'foreign' | 'filtered';

export interface LinkReport extends NodeRef {
  addr: string;
  /** 'localhost' for this node, else whether we heard from it within the token timeout. */
  status: 'localhost' | 'connected' | 'disconnected';
  /** Milliseconds since the last datagram from the node, if any. */
  lastHeardMs: number | null;
}

export interface MembershipReport {
  clusterName: string;
  local: NodeRef & { addr: string; port: number; incarnation: number };
  ring: RingId | null;
  /** operational, gather (looking for members), or sync (installing a new view). */
  state: string;
  members: (NodeRef & { incarnation: number })[];
  links: LinkReport[];
  counters: {
    received: number;
    sent: number;
    retransmitted: number;
    viewChanges: number;
    delivered: number;
    dropped: Record<DropReason, number>;
  };
  timeouts: { token: number; consensus: number; join: number; heartbeat: number };
}

/** Corosync's way of printing a ring id: representative and sequence, in hex. */
export function ringIdText(ring: RingId | null): string {
  return ring ? `${ring.rep.toString(16)}.${ring.seq.toString(16)}` : '0.0';
}
