/**
 * The protocol's clocks, all derived from corosync.conf's totem timeouts so
 * one setting (token) scales everything.
 */
import { effectiveToken, type TotemConfig } from '../config/cluster-config.js';

export interface Timing {
  /** Silence after which a node is declared lost. */
  token: number;
  /** How long a view change may wait for an answer before giving up on the silent. */
  consensus: number;
  /** How long a coordinator waits for others to show up before proposing. */
  join: number;
  /** Interval of heartbeats to every configured node. */
  heartbeat: number;
  /** Interval of retransmissions of the view-change messages (proposal, sync). */
  retransmit: number;
  /** Interval between repeated NAKs of the same gap. */
  nakRepeat: number;
  /** A sender resends its oldest fragments that a member has not acknowledged after this long. */
  resend: number;
  /** Delay before a gap is reported, so that mere reordering does not cause a retransmission. */
  nakDelay: number;
  /** Delay before an acknowledgement is sent, to acknowledge a burst at once (0: at the end of the input batch). */
  ackDelay: number;
  /** Ordered fragments a sender may have in flight before all members acknowledge them. */
  window: number;
  /** Bytes of application data per datagram. */
  fragment: number;
}

/**
 * Heartbeats every token/10: a node is declared lost only after about ten
 * heartbeats in a row are missing, which keeps false alarms away under heavy
 * loss, while the token timeout itself bounds detection time.
 */
export function timingFor(totem: TotemConfig, nodeCount: number): Timing {
  const token = effectiveToken(totem.token, totem.tokenCoefficient, nodeCount);
  return {
    token,
    consensus: totem.consensus,
    join: totem.join,
    heartbeat: Math.max(5, Math.floor(token / 10)),
    retransmit: Math.max(5, Math.min(50, Math.floor(token / 20))),
    nakRepeat: Math.max(10, Math.min(100, Math.floor(token / 10))),
    resend: Math.max(20, Math.min(200, Math.floor(token / 5))),
    nakDelay: Math.max(1, Math.min(10, Math.floor(token / 100))),
    ackDelay: 0,
    window: 256,
    // netmtu less the datagram's headers and tags (104 bytes), the bundle entry and the data header
    fragment: totem.netmtu - 104 - 6 - 40,
  };
}
