/**
 * Real daemons on loopback addresses (127.0.0.x, all local on Linux), each
 * with its own PACER_ROOT, for tests and benchmarks. Partitions go through
 * the daemons' fault filter (PACER_FAULT_FILE). Every process is killed on
 * cleanup, and when this process exits, even after a failed test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipcCall } from '../../src/daemon/ipc/client.js';
import type { MembershipReport, NodesReply, QuorumReport } from '../../src/daemon/membership/status/types.js';
import { PACER, runPacer } from '../helpers.js';

export interface ClusterOptions {
  nodes: number;
  /** Last byte of the first node's address: 127.0.0.<first>. */
  first: number;
  port: number;
  setupArgs?: string[];
  /** Give each daemon the test fault filter (the default); off for measuring a daemon as it runs in production. */
  faultFilter?: boolean;
}

export interface LocalNode {
  id: number;
  name: string;
  addr: string;
  root: string;
  env: Record<string, string>;
  proc: ChildProcess | null;
  log: string;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

export class LocalCluster {
  readonly dir: string;
  readonly nodes: LocalNode[];

  constructor(readonly opts: ClusterOptions) {
    this.dir = mkdtempSync(join(tmpdir(), 'pacer-cluster-'));
    this.nodes = Array.from({ length: opts.nodes }, (_, i) => {
      const root = join(this.dir, `node${i + 1}`);
      const env: Record<string, string> = { PACER_ROOT: root };
      if (opts.faultFilter !== false) env['PACER_FAULT_FILE'] = join(root, 'fault');
      return {
        id: i + 1,
        name: `node${i + 1}`,
        addr: `127.0.0.${opts.first + i}`,
        root,
        env,
        proc: null,
        log: '',
      };
    });
    const conf = join(this.dir, 'corosync.conf');
    const key = join(this.dir, 'authkey');
    const args = ['cluster', 'setup', 'test', ...this.nodes.flatMap((n) => [n.name, `addr=${n.addr}`]), 'totem', `port=${opts.port}`, ...(opts.setupArgs ?? [])];
    const r = runPacer([...args, '--corosync_conf', conf]);
    if (r.code !== 0) throw new Error(`cluster setup failed: ${r.stderr}`);
    if (runPacer(['corosync-keygen', '-k', key]).code !== 0) throw new Error('corosync-keygen failed');
    for (const n of this.nodes) {
      mkdirSync(join(n.root, 'etc/pacer'), { recursive: true });
      copyFileSync(conf, join(n.root, 'etc/pacer/corosync.conf'));
      copyFileSync(key, join(n.root, 'etc/pacer/authkey'));
      if (n.env['PACER_FAULT_FILE']) writeFileSync(n.env['PACER_FAULT_FILE'], '');
    }
  }

  node(id: number): LocalNode {
    return this.nodes[id - 1]!;
  }

  start(id: number): void {
    const n = this.node(id);
    const proc = spawn(process.execPath, [PACER, 'daemon', '--node', n.name], { env: n.env, stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (s: string) => (n.log += s));
    live.add(proc);
    proc.once('exit', () => live.delete(proc));
    n.proc = proc;
  }

  startAll(): void {
    for (const n of this.nodes) this.start(n.id);
  }

  signal(id: number, sig: NodeJS.Signals): void {
    this.node(id).proc?.kill(sig);
  }

  /** kill -9, and wait until the process is gone. */
  async kill(id: number): Promise<void> {
    const p = this.node(id).proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((resolve) => p.once('exit', resolve));
    p.kill('SIGKILL');
    await gone;
    this.node(id).proc = null;
  }

  /** Cuts every link between the groups through the fault filters. */
  partition(...groups: number[][]): void {
    for (const g of groups) {
      const others = groups.filter((x) => x !== g).flat();
      for (const id of g) writeFileSync(this.node(id).env['PACER_FAULT_FILE']!, others.map((o) => `drop ${o}\n`).join(''));
    }
  }

  reconnect(): void {
    for (const n of this.nodes) writeFileSync(n.env['PACER_FAULT_FILE']!, '');
  }

  nodesOf(id: number): Promise<NodesReply> {
    return ipcCall<NodesReply>(this.node(id).env, 'membership', 'nodes');
  }

  status(id: number): Promise<MembershipReport> {
    return ipcCall<MembershipReport>(this.node(id).env, 'membership', 'status');
  }

  quorum(id: number): Promise<QuorumReport> {
    return ipcCall<QuorumReport>(this.node(id).env, 'membership', 'quorum');
  }

  /** The member ids a node reports, or null when it does not answer. */
  async members(id: number): Promise<number[] | null> {
    try {
      return (await this.status(id)).members.map((m) => m.id);
    } catch {
      return null;
    }
  }

  /** Waits until every listed node reports exactly these members; returns the time it took. */
  async waitForView(ids: number[], members: number[], timeoutMs = 20000): Promise<number> {
    const started = Date.now();
    const want = JSON.stringify(members);
    for (;;) {
      const views = await Promise.all(ids.map((id) => this.members(id)));
      if (views.every((v) => JSON.stringify(v) === want)) return Date.now() - started;
      if (Date.now() - started > timeoutMs) {
        throw new Error(`nodes ${ids} did not reach view [${members}] in ${timeoutMs} ms: ${JSON.stringify(views)}\n${this.logs()}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Polls `probe` until `ok` holds for its value, which it returns; fails with the last value after timeoutMs. */
  async until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20000): Promise<T> {
    const started = Date.now();
    for (;;) {
      const v = await probe();
      if (ok(v)) return v;
      if (Date.now() - started > timeoutMs) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(v)}\n${this.logs()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  logs(): string {
    return this.nodes.map((n) => `--- ${n.name}\n${n.log.split('\n').slice(-15).join('\n')}`).join('\n');
  }

  logfile(id: number): string {
    try {
      return readFileSync(join(this.node(id).root, 'var/log/pacer/pacer.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.nodes.map((n) => this.kill(n.id)));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
