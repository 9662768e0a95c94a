import test from 'ava';
import { randomBytes } from 'node:crypto';
import type { Message } from '../../src/daemon/membership/core/types.js';
import { Rng } from '../../src/daemon/membership/sim/random.js';
import { decodeMessage, encodeMessage, MalformedError } from '../../src/daemon/membership/wire/codec.js';
import { Envelope } from '../../src/daemon/membership/wire/envelope.js';

const ring = { seq: 7, rep: 2 };
const SAMPLES: Message[] = [
  { t: 'status', ring, phase: 'op', promised: ring, maxSeq: 7, clock: 99, sent: 12, contig: [3, 12, 0] },
  { t: 'status', ring: null, phase: 'gather', promised: null, maxSeq: 0, clock: 0, sent: 0, contig: [] },
  { t: 'data', ring, sender: 3, seq: 5, ts: 123456789, last: true, payload: Uint8Array.from([1, 2, 3]) },
  { t: 'nak', ring, sender: 1, ranges: [[3, 5], [9, 9]] },
  { t: 'propose', ring, members: [{ id: 1, inc: 1700000000000 }, { id: 2, inc: 5 }] },
  { t: 'accept', ring, old: { ring: { seq: 6, rep: 1 }, members: [1, 2], contig: [4, 0] } },
  { t: 'accept', ring, old: null },
  { t: 'reject', ring, maxSeq: 9, reason: 'coordinator' },
  { t: 'sync', ring, reports: [null, { ring: { seq: 6, rep: 1 }, members: [1], contig: [4] }] },
  { t: 'synced', ring, state: { q: { votes: 1 }, g: ['cib'] } },
  { t: 'commit', ring, states: [{ g: [] }, null] },
  { t: 'leave' },
];

/** A comparable copy: byte arrays (Buffer or not) as plain arrays. */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return [...v];
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}
const roundTrip = (m: Message) => plain(decodeMessage(encodeMessage(m)));

test('every message type survives encoding and decoding', (t) => {
  for (const m of SAMPLES) t.deepEqual(roundTrip(m), plain(m), m.t);
});

test('truncated or padded messages are malformed, never a crash', (t) => {
  for (const m of SAMPLES) {
    const bytes = encodeMessage(m);
    for (let n = 0; n < bytes.length; n++) t.throws(() => decodeMessage(bytes.subarray(0, n)), { instanceOf: MalformedError });
    t.throws(() => decodeMessage(Buffer.concat([bytes, Buffer.from([0])])), { instanceOf: MalformedError });
  }
});

test('random bytes decode to a message or a MalformedError, nothing else', (t) => {
  const rng = new Rng(5);
  for (let i = 0; i < 20000; i++) {
    const bytes = Uint8Array.from({ length: rng.int(80) }, () => rng.int(256));
    bytes[0] = rng.int(11);
    try {
      decodeMessage(bytes);
    } catch (e) {
      if (!(e instanceof MalformedError)) t.fail(`unexpected ${(e as Error).stack}`);
    }
  }
  t.pass();
});

const KEY = randomBytes(256);
const NODES = [1, 2, 3];

function pair(opts: { encrypt?: boolean; key?: Buffer; cluster?: string; inc?: number } = {}) {
  const sender = new Envelope({ authkey: opts.key ?? KEY, clusterName: opts.cluster ?? 'c', encrypt: !!opts.encrypt, self: { id: 1, inc: opts.inc ?? 10 }, nodes: NODES });
  const receiver = new Envelope({ authkey: KEY, clusterName: 'c', encrypt: !!opts.encrypt, self: { id: 2, inc: 20 }, nodes: NODES });
  return { sender, receiver };
}

for (const encrypt of [false, true]) {
  test(`a sealed datagram opens to the same message (${encrypt ? 'AES-256-GCM and ' : ''}HMAC-SHA256)`, (t) => {
    const { sender, receiver } = pair({ encrypt });
    for (const m of SAMPLES) {
      const r = receiver.open(sender.seal([m]));
      t.true(r.ok);
      if (r.ok) {
        t.is(r.from, 1);
        t.is(r.inc, 10);
        t.deepEqual(plain(r.msgs), [plain(m)]);
      }
    }
  });

  test(`any flipped bit is caught (${encrypt ? 'encrypted' : 'authenticated'})`, (t) => {
    const { sender, receiver } = pair({ encrypt });
    const d = sender.seal([SAMPLES[2]!]);
    for (let i = 0; i < d.length * 8; i += 7) {
      const copy = Buffer.from(d);
      copy[i >> 3]! ^= 1 << (i & 7);
      const r = receiver.open(copy);
      t.false(r.ok, `bit ${i}`);
    }
  });
}

test('a replayed datagram is dropped as replayed', (t) => {
  const { sender, receiver } = pair();
  const d = sender.seal([SAMPLES[0]!]);
  t.true(receiver.open(d).ok);
  t.deepEqual(receiver.open(d), { ok: false, reason: 'replayed' });
});

test('reordering within the replay window is accepted once', (t) => {
  const { sender, receiver } = pair();
  const ds = Array.from({ length: 50 }, () => sender.seal([SAMPLES[0]!]));
  for (const d of [...ds].reverse()) t.true(receiver.open(d).ok);
  for (const d of ds) t.false(receiver.open(d).ok);
});

test('datagrams far older than the window are dropped', (t) => {
  const { sender, receiver } = pair();
  const old = sender.seal([SAMPLES[0]!]);
  for (let i = 0; i < 1100; i++) receiver.open(sender.seal([SAMPLES[0]!]));
  t.deepEqual(receiver.open(old), { ok: false, reason: 'replayed' });
});

test('datagrams of an older incarnation are stale once a newer one spoke', (t) => {
  const receiver = pair().receiver;
  const before = new Envelope({ authkey: KEY, clusterName: 'c', encrypt: false, self: { id: 1, inc: 10 }, nodes: NODES });
  const after = new Envelope({ authkey: KEY, clusterName: 'c', encrypt: false, self: { id: 1, inc: 11 }, nodes: NODES });
  const old = before.seal([SAMPLES[0]!]);
  t.true(receiver.open(after.seal([SAMPLES[0]!])).ok);
  t.deepEqual(receiver.open(old), { ok: false, reason: 'stale' });
});

test('a wrong key is a forgery, another cluster or unknown node is foreign, garbage is malformed', (t) => {
  t.deepEqual(pair({ key: randomBytes(256) }).receiver.open(pair({ key: randomBytes(256) }).sender.seal([SAMPLES[0]!])), { ok: false, reason: 'forged' });
  t.deepEqual(pair().receiver.open(pair({ cluster: 'other' }).sender.seal([SAMPLES[0]!])), { ok: false, reason: 'foreign' });
  const stranger = new Envelope({ authkey: KEY, clusterName: 'c', encrypt: false, self: { id: 9, inc: 1 }, nodes: [...NODES, 9] });
  t.deepEqual(pair().receiver.open(stranger.seal([SAMPLES[0]!])), { ok: false, reason: 'foreign' });
  const rng = new Rng(9);
  const { receiver } = pair();
  for (let i = 0; i < 5000; i++) {
    const junk = Buffer.from(Array.from({ length: rng.int(200) }, () => rng.int(256)));
    if (rng.chance(0.5) && junk.length > 4) junk.set([0x50, 0x43, 1, 0]);
    const r = receiver.open(junk);
    t.false(r.ok);
  }
});

test('an unencrypted datagram is refused where encryption is configured', (t) => {
  const clear = pair().sender.seal([SAMPLES[0]!]);
  t.deepEqual(pair({ encrypt: true }).receiver.open(clear), { ok: false, reason: 'forged' });
});

test('messages are packed into datagrams that fit the size limit', (t) => {
  const { sender, receiver } = pair({ encrypt: true });
  const msgs = Array.from({ length: 40 }, (_, i) => ({ ...SAMPLES[2]!, seq: i + 1, payload: new Uint8Array(100) }) as Message);
  const datagrams = sender.pack(msgs, 1396);
  t.is(datagrams.length, 5, "nine 142-byte entries fit in 1396 bytes");
  const back = datagrams.flatMap((d) => {
    const r = receiver.open(d);
    return r.ok ? r.msgs : [];
  });
  t.deepEqual(back.map((m) => (m.t === 'data' ? m.seq : 0)), msgs.map((_, i) => i + 1));
  t.true(datagrams.every((d) => d.length + 28 <= 1500));
});
