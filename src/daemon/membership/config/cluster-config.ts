/**
 * The cluster configuration read from corosync.conf: typed, checked, with
 * pacer's defaults filled in. Keys pacer does not use (transport, version,
 * link options of real Corosync files) are accepted and ignored, so an
 * existing file keeps working; keys it uses are checked strictly and errors
 * name the line.
 */
import { parseConf, type ConfItem, type ConfSection } from './syntax.js';

export interface NodeConfig {
  id: number;
  name: string;
  addr: string;
  votes: number;
}

export type TieBreaker = 'lowest' | 'highest' | number[];

export interface QuorumConfig {
  /** quorum.expected_votes when given; otherwise the nodelist's votes count. */
  expectedVotes?: number;
  twoNode: boolean;
  waitForAll: boolean;
  lastManStanding: boolean;
  lastManStandingWindow: number;
  autoTieBreaker: boolean;
  autoTieBreakerNode: TieBreaker;
}

export interface TotemConfig {
  /** Milliseconds without a word from a member before it is declared lost (before token_coefficient). */
  token: number;
  tokenCoefficient: number;
  /** Milliseconds a view change may take before its coordinator drops the members that did not answer. */
  consensus: number;
  /** Milliseconds a coordinator waits for other nodes to show up before proposing a view. */
  join: number;
  cryptoCipher: 'none' | 'aes256';
  cryptoHash: 'sha256';
  port: number;
  netmtu: number;
}

export interface LoggingConfig {
  toStderr: boolean;
  toLogfile: boolean;
  logfile?: string;
  debug: boolean;
  timestamp: boolean;
}

export interface ClusterConfig {
  clusterName: string;
  totem: TotemConfig;
  nodes: NodeConfig[];
  /** null when no quorum provider is configured: the partition is always quorate. */
  quorum: QuorumConfig | null;
  logging: LoggingConfig;
}

/** pacer's defaults where Corosync's would be slower (see docs/membership.md). */
export const DEFAULTS = {
  token: 1000,
  tokenCoefficient: 0,
  consensusFactor: 1.2,
  join: 50,
  port: 5405,
  netmtu: 1500,
  lastManStandingWindow: 10000,
} as const;

export class ConfigError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(line > 0 ? `line ${line}: ${reason}` : reason);
    this.name = 'ConfigError';
  }
}

interface Scalar {
  value: string;
  line: number;
}

/** The entries of a section by key (last one wins, as in Corosync) and its subsections. */
function index(items: readonly ConfItem[]): { keys: Map<string, Scalar>; sections: ConfSection[] } {
  const keys = new Map<string, Scalar>();
  const sections: ConfSection[] = [];
  for (const item of items) {
    if (item.kind === 'entry') keys.set(item.key, { value: item.value, line: item.line });
    else sections.push(item);
  }
  return { keys, sections };
}

function int(s: Scalar | undefined, key: string, min: number, max: number): number | undefined {
  if (!s) return undefined;
  if (!/^\d+$/.test(s.value)) throw new ConfigError(s.line, `${key}: '${s.value}' is not a whole number`);
  const n = Number(s.value);
  if (n < min || n > max) throw new ConfigError(s.line, `${key}: ${n} is out of range (${min} to ${max})`);
  return n;
}

const TRUE = new Set(['1', 'yes', 'on', 'true']);
const FALSE = new Set(['0', 'no', 'off', 'false']);

function bool(s: Scalar | undefined, key: string): boolean | undefined {
  if (!s) return undefined;
  const v = s.value.toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new ConfigError(s.line, `${key}: '${s.value}' is not a boolean (use yes or no)`);
}

function single(sections: readonly ConfSection[], name: string): ConfSection | undefined {
  const found = sections.filter((s) => s.name === name);
  if (found.length > 1) throw new ConfigError(found[1]!.line, `section '${name}' appears more than once`);
  return found[0];
}

function readTotem(sec: ConfSection | undefined, nodeCount: number): { clusterName: string; totem: TotemConfig } {
  const { keys, sections } = index(sec?.items ?? []);
  const clusterName = keys.get('cluster_name')?.value ?? '';
  if (!clusterName) throw new ConfigError(sec?.line ?? 0, 'totem.cluster_name is required');
  const token = int(keys.get('token'), 'token', 10, 600000) ?? DEFAULTS.token;
  const tokenCoefficient = int(keys.get('token_coefficient'), 'token_coefficient', 0, 60000) ?? DEFAULTS.tokenCoefficient;
  const effective = effectiveToken(token, tokenCoefficient, nodeCount);
  const consensusEntry = keys.get('consensus');
  const consensus = int(consensusEntry, 'consensus', 10, 3600000) ?? Math.round(effective * DEFAULTS.consensusFactor);
  if (consensus < effective) {
    throw new ConfigError(consensusEntry!.line, `consensus (${consensus} ms) must not be shorter than the token timeout (${effective} ms)`);
  }
  const join = int(keys.get('join'), 'join', 1, 60000) ?? DEFAULTS.join;
  const cipher = keys.get('crypto_cipher');
  const cipherValue = (cipher?.value ?? 'none').toLowerCase();
  if (cipherValue !== 'none' && cipherValue !== 'aes256') {
    throw new ConfigError(cipher!.line, `crypto_cipher: '${cipher!.value}' is not supported (use aes256 or none)`);
  }
  const hash = keys.get('crypto_hash');
  if (hash && hash.value.toLowerCase() !== 'sha256') {
    throw new ConfigError(hash.line, `crypto_hash: '${hash.value}' is not supported: pacer authenticates every datagram with sha256`);
  }
  // Corosync keeps the port of link 0 in an interface section; pacer also reads totem.port.
  let port = int(keys.get('port'), 'port', 1, 65535);
  for (const iface of sections.filter((s) => s.name === 'interface')) {
    const ik = index(iface.items).keys;
    const link = ik.get('linknumber') ?? ik.get('ringnumber');
    if (link && link.value !== '0') continue;
    port ??= int(ik.get('mcastport'), 'mcastport', 1, 65535);
  }
  const netmtu = int(keys.get('netmtu'), 'netmtu', 576, 65000) ?? DEFAULTS.netmtu;
  return {
    clusterName,
    totem: {
      token,
      tokenCoefficient,
      consensus,
      join,
      cryptoCipher: cipherValue as 'none' | 'aes256',
      cryptoHash: 'sha256',
      port: port ?? DEFAULTS.port,
      netmtu,
    },
  };
}

/** Corosync's rule: token_coefficient is added for every node beyond two in the nodelist. */
export function effectiveToken(token: number, coefficient: number, nodeCount: number): number {
  return token + (nodeCount > 2 ? (nodeCount - 2) * coefficient : 0);
}

function readNodes(sec: ConfSection | undefined): NodeConfig[] {
  if (!sec) throw new ConfigError(0, 'a nodelist section is required');
  const nodes: NodeConfig[] = [];
  for (const item of sec.items) {
    if (item.kind === 'entry') continue;
    if (item.name !== 'node') throw new ConfigError(item.line, `unexpected section '${item.name}' in nodelist`);
    const { keys } = index(item.items);
    const addr = keys.get('ring0_addr')?.value;
    if (!addr) throw new ConfigError(item.line, 'node without ring0_addr');
    const idEntry = keys.get('nodeid');
    if (!idEntry) throw new ConfigError(item.line, `node ${addr} has no nodeid`);
    const id = int(idEntry, 'nodeid', 1, 0xffffffff)!;
    const name = keys.get('name')?.value || addr;
    const votes = int(keys.get('quorum_votes'), 'quorum_votes', 0, 255) ?? 1;
    for (const other of nodes) {
      if (other.id === id) throw new ConfigError(idEntry.line, `nodeid ${id} is used twice`);
      if (other.name === name) throw new ConfigError(item.line, `node name '${name}' is used twice`);
      if (other.addr === addr) throw new ConfigError(item.line, `ring0_addr ${addr} is used twice`);
    }
    nodes.push({ id, name, addr, votes });
  }
  if (nodes.length === 0) throw new ConfigError(sec.line, 'the nodelist has no nodes');
  return nodes;
}

function readQuorum(sec: ConfSection | undefined, nodes: readonly NodeConfig[]): QuorumConfig | null {
  if (!sec) return null;
  const { keys } = index(sec.items);
  const provider = keys.get('provider');
  if (!provider) return null;
  if (provider.value !== 'corosync_votequorum') {
    throw new ConfigError(provider.line, `provider: '${provider.value}' is not supported (use corosync_votequorum)`);
  }
  const twoNode = bool(keys.get('two_node'), 'two_node') ?? false;
  const atbEntry = keys.get('auto_tie_breaker_node');
  let autoTieBreakerNode: TieBreaker = 'lowest';
  if (atbEntry) {
    const v = atbEntry.value.trim();
    if (v === 'lowest' || v === 'highest') autoTieBreakerNode = v;
    else {
      const ids = v.split(/\s+/).map((x) => int({ value: x, line: atbEntry.line }, 'auto_tie_breaker_node', 1, 0xffffffff)!);
      for (const id of ids) {
        if (!nodes.some((n) => n.id === id)) throw new ConfigError(atbEntry.line, `auto_tie_breaker_node: no node has nodeid ${id}`);
      }
      autoTieBreakerNode = ids;
    }
  }
  return {
    expectedVotes: int(keys.get('expected_votes'), 'expected_votes', 1, 0xffffffff),
    twoNode,
    // two_node implies wait_for_all unless it is set explicitly
    waitForAll: bool(keys.get('wait_for_all'), 'wait_for_all') ?? twoNode,
    lastManStanding: bool(keys.get('last_man_standing'), 'last_man_standing') ?? false,
    lastManStandingWindow: int(keys.get('last_man_standing_window'), 'last_man_standing_window', 1, 3600000) ?? DEFAULTS.lastManStandingWindow,
    autoTieBreaker: bool(keys.get('auto_tie_breaker'), 'auto_tie_breaker') ?? false,
    autoTieBreakerNode,
  };
}

function readLogging(sec: ConfSection | undefined): LoggingConfig {
  const { keys } = index(sec?.items ?? []);
  const toLogfile = bool(keys.get('to_logfile'), 'to_logfile') ?? false;
  const logfile = keys.get('logfile')?.value;
  if (toLogfile && !logfile) throw new ConfigError(sec!.line, 'to_logfile is set but no logfile is given');
  const debug = keys.get('debug');
  const ts = keys.get('timestamp');
  return {
    toStderr: bool(keys.get('to_stderr'), 'to_stderr') ?? true,
    toLogfile,
    logfile: toLogfile ? logfile : undefined,
    debug: debug ? debug.value === 'trace' || bool(debug, 'debug')! : false,
    timestamp: ts ? ts.value === 'hires' || bool(ts, 'timestamp')! : true,
  };
}

export function readClusterConfig(items: readonly ConfItem[]): ClusterConfig {
  const { sections } = index(items);
  const nodes = readNodes(single(sections, 'nodelist'));
  const { clusterName, totem } = readTotem(single(sections, 'totem'), nodes.length);
  return {
    clusterName,
    totem,
    nodes,
    quorum: readQuorum(single(sections, 'quorum'), nodes),
    logging: readLogging(single(sections, 'logging')),
  };
}

/** Parses and checks a corosync.conf text; throws ConfSyntaxError or ConfigError with the line. */
export function parseClusterConfig(text: string): ClusterConfig {
  return readClusterConfig(parseConf(text));
}
