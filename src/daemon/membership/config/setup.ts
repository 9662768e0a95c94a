/**
 * The corosync.conf that `pacer cluster setup` writes, from pcs's command
 * syntax: `NAME NODE [addr=ADDR] ... [transport knet [OPTS]] [link OPTS]
 * [crypto OPTS] [totem OPTS] [quorum OPTS]`. Nodes get ids 1, 2, ... in the
 * order given, as pcs numbers them.
 */
import { entry, section, type ConfEntry, type ConfItem } from './syntax.js';

export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

export interface SetupNode {
  name: string;
  addr: string;
}

export interface SetupRequest {
  clusterName: string;
  nodes: SetupNode[];
  totem: [string, string][];
  quorum: [string, string][];
  crypto: [string, string][];
  link: [string, string][];
  transport: string;
}

const KEYWORDS = new Set(['transport', 'link', 'crypto', 'totem', 'quorum', 'compression']);
const TOTEM_KEYS = new Set(['token', 'token_coefficient', 'consensus', 'join', 'port', 'netmtu', 'token_retransmit', 'hold', 'miss_count_const', 'fail_recv_const', 'send_join', 'max_messages', 'window_size']);
const QUORUM_KEYS = new Set(['wait_for_all', 'last_man_standing', 'last_man_standing_window', 'auto_tie_breaker', 'auto_tie_breaker_node', 'two_node', 'expected_votes']);
const CRYPTO_KEYS = new Set(['cipher', 'hash', 'model']);
const LINK_KEYS = new Set(['linknumber', 'mcastport', 'link_priority', 'ping_interval', 'ping_precision', 'ping_timeout', 'pong_count', 'transport']);

function option(word: string, where: string): [string, string] {
  const eq = word.indexOf('=');
  if (eq <= 0) throw new SetupError(`'${word}' is not an option of the form NAME=VALUE (in ${where})`);
  return [word.slice(0, eq), word.slice(eq + 1)];
}

/** Reads the positional arguments of `cluster setup`. */
export function parseSetupArgs(args: readonly string[]): SetupRequest {
  const [clusterName, ...rest] = args;
  if (!clusterName) throw new SetupError('a cluster name is required');
  if (!/^[A-Za-z0-9_.-]+$/.test(clusterName)) throw new SetupError(`'${clusterName}' is not a valid cluster name`);
  const req: SetupRequest = { clusterName, nodes: [], totem: [], quorum: [], crypto: [], link: [], transport: 'knet' };
  let i = 0;
  while (i < rest.length && !KEYWORDS.has(rest[i]!)) {
    const name = rest[i++]!;
    if (name.includes('=')) throw new SetupError(`'${name}' must follow a node name`);
    const addrs: string[] = [];
    while (i < rest.length && rest[i]!.startsWith('addr=')) addrs.push(rest[i++]!.slice('addr='.length));
    if (addrs.length > 1) throw new SetupError(`node ${name}: pacer uses one link, give one addr`);
    if (addrs[0] === '') throw new SetupError(`node ${name}: empty addr`);
    if (req.nodes.some((n) => n.name === name)) throw new SetupError(`node ${name} is given twice`);
    req.nodes.push({ name, addr: addrs[0] ?? name });
  }
  if (req.nodes.length === 0) throw new SetupError('at least one node is required');
  const seenAddr = new Set<string>();
  for (const n of req.nodes) {
    if (seenAddr.has(n.addr)) throw new SetupError(`address ${n.addr} is given to two nodes`);
    seenAddr.add(n.addr);
  }
  while (i < rest.length) {
    const keyword = rest[i++]!;
    if (!KEYWORDS.has(keyword)) throw new SetupError(`unexpected '${keyword}'`);
    if (keyword === 'transport') {
      const t = rest[i++];
      if (t !== 'knet' && t !== 'udp' && t !== 'udpu') throw new SetupError(`transport '${t ?? ''}' is not supported (use knet, udp or udpu)`);
      req.transport = t;
    }
    const opts: [string, string][] = [];
    while (i < rest.length && !KEYWORDS.has(rest[i]!)) opts.push(option(rest[i++]!, keyword));
    const allowed = { transport: null, compression: null, link: LINK_KEYS, crypto: CRYPTO_KEYS, totem: TOTEM_KEYS, quorum: QUORUM_KEYS }[keyword];
    for (const [k] of opts) {
      if (allowed === null) throw new SetupError(`${keyword} options are not supported by pacer ('${k}')`);
      if (!allowed!.has(k)) throw new SetupError(`unknown ${keyword} option '${k}'`);
    }
    if (keyword === 'totem') req.totem.push(...opts);
    if (keyword === 'quorum') req.quorum.push(...opts);
    if (keyword === 'crypto') req.crypto.push(...opts);
    if (keyword === 'link') req.link.push(...opts);
  }
  return req;
}

/** Quorum options given as --wait_for_all=1 and the like, merged with `quorum` ones (the latter win). */
export function withQuorumFlags(req: SetupRequest, flags: Record<string, string | undefined>): SetupRequest {
  const extra: [string, string][] = [];
  for (const k of ['wait_for_all', 'auto_tie_breaker', 'last_man_standing', 'last_man_standing_window']) {
    const v = flags[k];
    if (v !== undefined && !req.quorum.some(([q]) => q === k)) extra.push([k, v]);
  }
  return { ...req, quorum: [...extra, ...req.quorum] };
}

export function buildSetupConf(req: SetupRequest): ConfItem[] {
  const cipher = req.crypto.find(([k]) => k === 'cipher')?.[1] ?? 'aes256';
  const hash = req.crypto.find(([k]) => k === 'hash')?.[1] ?? 'sha256';
  const totem: ConfItem[] = [
    entry('version', 2),
    entry('cluster_name', req.clusterName),
    entry('transport', req.transport),
    entry('crypto_cipher', cipher),
    entry('crypto_hash', hash),
    ...req.totem.map(([k, v]) => entry(k, v)),
  ];
  if (req.link.length) {
    const link = new Map(req.link);
    totem.push(section('interface', [entry('linknumber', link.get('linknumber') ?? 0), ...req.link.filter(([k]) => k !== 'linknumber').map(([k, v]) => entry(k, v))]));
  }
  const nodes = req.nodes.map((n, i) => section('node', [entry('ring0_addr', n.addr), entry('name', n.name), entry('nodeid', i + 1)]));
  const quorum: ConfEntry[] = [entry('provider', 'corosync_votequorum')];
  const q = new Map(req.quorum);
  // pcs turns two_node on for two nodes unless auto_tie_breaker is chosen
  if (req.nodes.length === 2 && !q.has('two_node') && q.get('auto_tie_breaker') !== '1') quorum.push(entry('two_node', 1));
  for (const [k, v] of req.quorum) quorum.push(entry(k, v));
  return [
    section('totem', totem),
    section('nodelist', nodes),
    section('quorum', quorum),
    section('logging', [entry('to_logfile', 'yes'), entry('logfile', '/var/log/pacer/pacer.log'), entry('to_syslog', 'no'), entry('timestamp', 'on')]),
  ];
}
