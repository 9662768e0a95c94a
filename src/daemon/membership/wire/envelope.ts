/**
 * Datagrams on the wire: a header naming the cluster, the sender, its
 * incarnation and a packet counter; the message (encrypted with AES-256-GCM
 * when crypto_cipher is set); and an HMAC-SHA256 over all of it. Keys come
 * from the authkey through HKDF, bound to the cluster name, so nodes of
 * another cluster with the same key are strangers too.
 *
 * Replay protection: per sender, the highest counter seen in its latest
 * incarnation and a window of the 1024 before it. A datagram outside the
 * window, or seen before, or from an older incarnation is dropped.
 *
 * Layout: "PC" version(1) flags(1) cluster(4) sender(4) incarnation(8)
 * counter(8) body ... hmac(32). The body bundles several messages, so that
 * small ones share the cost of a datagram and of its cryptography.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Message } from '../core/types.js';
import type { DropReason } from '../status/types.js';
import { BUNDLE_ENTRY_OVERHEAD, BUNDLE_OVERHEAD, decodeBundle, encodeBundle, encodeMessage, MalformedError } from './codec.js';

const MAGIC_0 = 0x50; // P
const MAGIC_1 = 0x43; // C
const VERSION = 1;
const FLAG_ENCRYPTED = 1;
const HEADER = 28;
const MAC = 32;
const GCM_TAG = 16;
const WINDOW = 1024;

export type Opened = { ok: true; from: number; inc: number; msgs: Message[] } | { ok: false; reason: DropReason };

/** What the envelope adds around the messages: IP and UDP headers, our header, HMAC, GCM tag. */
export const DATAGRAM_OVERHEAD = 20 + 8 + 28 + 32 + 16;

interface ReplayState {
  inc: number;
  highest: number;
  seen: Uint8Array;
}

export interface EnvelopeOptions {
  authkey: Uint8Array;
  clusterName: string;
  encrypt: boolean;
  self: { id: number; inc: number };
  /** Node ids of the nodelist: datagrams from others are foreign. */
  nodes: readonly number[];
}

export class Envelope {
  private readonly macKey: Buffer;
  private readonly clusterTag: number;
  private readonly encKeys = new Map<string, Buffer>();
  private readonly replay = new Map<number, ReplayState>();
  private readonly nodes: Set<number>;
  private counter = 0;

  constructor(private readonly opts: EnvelopeOptions) {
    this.macKey = Buffer.from(hkdfSync('sha256', opts.authkey, opts.clusterName, 'pacer datagram hmac v1', 32));
    this.clusterTag = createHash('sha256').update(opts.clusterName).digest().readUInt32BE(0);
    this.nodes = new Set(opts.nodes);
  }

  /**
   * Messages to the same peers packed into as few datagrams as fit in
   * `maxBody` bytes each; the same datagrams may go to several peers.
   */
  pack(msgs: readonly Message[], maxBody: number): Buffer[] {
    const out: Buffer[] = [];
    let parts: Buffer[] = [];
    let size = BUNDLE_OVERHEAD;
    for (const m of msgs) {
      const e = encodeMessage(m);
      if (parts.length && size + e.length + BUNDLE_ENTRY_OVERHEAD > maxBody) {
        out.push(this.sealBody(encodeBundle(parts)));
        parts = [];
        size = BUNDLE_OVERHEAD;
      }
      parts.push(e);
      size += e.length + BUNDLE_ENTRY_OVERHEAD;
    }
    if (parts.length) out.push(this.sealBody(encodeBundle(parts)));
    return out;
  }

  /** One datagram holding these messages. */
  seal(msgs: readonly Message[]): Buffer {
    return this.sealBody(encodeBundle(msgs.map(encodeMessage)));
  }

  private sealBody(body: Buffer): Buffer {
    const counter = ++this.counter;
    const header = Buffer.allocUnsafe(HEADER);
    header[0] = MAGIC_0;
    header[1] = MAGIC_1;
    header[2] = VERSION;
    header[3] = this.opts.encrypt ? FLAG_ENCRYPTED : 0;
    header.writeUInt32BE(this.clusterTag, 4);
    header.writeUInt32BE(this.opts.self.id, 8);
    header.writeDoubleBE(this.opts.self.inc, 12);
    header.writeDoubleBE(counter, 20);
    let payload: Buffer;
    if (this.opts.encrypt) {
      const cipher = createCipheriv('aes-256-gcm', this.encKey(this.opts.self.id, this.opts.self.inc), nonce(counter));
      cipher.setAAD(header);
      payload = Buffer.concat([cipher.update(body), cipher.final(), cipher.getAuthTag()]);
    } else payload = body;
    const mac = createHmac('sha256', this.macKey).update(header).update(payload).digest();
    return Buffer.concat([header, payload, mac]);
  }

  /** Checks and decodes a datagram; never throws. */
  open(data: Uint8Array): Opened {
    if (data.length < HEADER + MAC || data[0] !== MAGIC_0 || data[1] !== MAGIC_1 || data[2] !== VERSION || (data[3]! & ~FLAG_ENCRYPTED) !== 0) {
      return { ok: false, reason: 'malformed' };
    }
    const buf = Buffer.from(data.buffer, data.byteOffset, data.length);
    if (buf.readUInt32BE(4) !== this.clusterTag) return { ok: false, reason: 'foreign' };
    const from = buf.readUInt32BE(8);
    if (!this.nodes.has(from) || from === this.opts.self.id) return { ok: false, reason: 'foreign' };
    const macAt = buf.length - MAC;
    const expected = createHmac('sha256', this.macKey).update(buf.subarray(0, macAt)).digest();
    if (!timingSafeEqual(expected, buf.subarray(macAt))) return { ok: false, reason: 'forged' };
    const inc = buf.readDoubleBE(12);
    const counter = buf.readDoubleBE(20);
    if (!Number.isSafeInteger(inc) || !Number.isSafeInteger(counter) || inc < 0 || counter < 1) return { ok: false, reason: 'malformed' };
    const encrypted = (buf[3]! & FLAG_ENCRYPTED) !== 0;
    if (encrypted !== this.opts.encrypt) return { ok: false, reason: 'forged' };
    const verdict = this.checkReplay(from, inc, counter);
    if (verdict) return { ok: false, reason: verdict };
    let body: Buffer = buf.subarray(HEADER, macAt);
    if (encrypted) {
      if (body.length < GCM_TAG) return { ok: false, reason: 'malformed' };
      try {
        const d = createDecipheriv('aes-256-gcm', this.encKey(from, inc), nonce(counter));
        d.setAAD(buf.subarray(0, HEADER));
        d.setAuthTag(body.subarray(body.length - GCM_TAG));
        body = Buffer.concat([d.update(body.subarray(0, body.length - GCM_TAG)), d.final()]);
      } catch {
        return { ok: false, reason: 'forged' };
      }
    }
    try {
      const msgs = decodeBundle(body);
      this.accept(from, inc, counter);
      return { ok: true, from, inc, msgs };
    } catch (e) {
      if (e instanceof MalformedError) return { ok: false, reason: 'malformed' };
      throw e;
    }
  }

  /** Each sender incarnation encrypts under its own key, so counters restarting at 1 never reuse a nonce. */
  private encKey(id: number, inc: number): Buffer {
    const k = `${id}:${inc}`;
    let key = this.encKeys.get(k);
    if (!key) {
      if (this.encKeys.size > 4 * this.nodes.size) this.encKeys.clear();
      key = Buffer.from(hkdfSync('sha256', this.opts.authkey, this.opts.clusterName, `pacer datagram aes-256-gcm v1 ${k}`, 32));
      this.encKeys.set(k, key);
    }
    return key;
  }

  private checkReplay(from: number, inc: number, counter: number): DropReason | null {
    const st = this.replay.get(from);
    if (!st || inc > st.inc) return null;
    if (inc < st.inc) return 'stale';
    if (counter > st.highest) return null;
    if (st.highest - counter >= WINDOW || st.seen[counter % WINDOW]) return 'replayed';
    return null;
  }

  private accept(from: number, inc: number, counter: number): void {
    let st = this.replay.get(from);
    if (!st || inc > st.inc) {
      st = { inc, highest: 0, seen: new Uint8Array(WINDOW) };
      this.replay.set(from, st);
    }
    if (counter > st.highest) {
      // forget the slots that fall out of the window
      for (let c = Math.max(st.highest + 1, counter - WINDOW + 1); c <= counter; c++) st.seen[c % WINDOW] = 0;
      if (counter - st.highest >= WINDOW) st.seen.fill(0);
      st.highest = counter;
    }
    st.seen[counter % WINDOW] = 1;
  }
}

function nonce(counter: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeDoubleBE(counter, 0);
  return n;
}
