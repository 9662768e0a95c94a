/**
 * The UDP side of the membership layer: one socket bound to this node's
 * address, datagrams sent to each peer's address. A fault filter, for tests
 * only, drops datagrams to or from chosen nodes: it is read from the file
 * named by PACER_FAULT_FILE, when that variable is set, lines such as
 * "drop 2" (both directions), "drop-in 2", "drop-out 2".
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { readFileSync, statSync } from 'node:fs';

export interface Peer {
  id: number;
  addr: string;
  port: number;
}

export interface TransportOptions {
  bind: { addr: string; port: number };
  peers: readonly Peer[];
  faultFile?: string;
  onDatagram: (data: Buffer, from: RemoteInfo) => void;
  onFiltered: () => void;
}

const SOCKET_BUFFER = 4 * 1024 * 1024;

export class UdpTransport {
  private socket: Socket | null = null;
  private readonly peers = new Map<number, Peer>();
  private readonly byAddress = new Map<string, number>();
  private dropIn = new Set<number>();
  private dropOut = new Set<number>();
  private faultStamp = -1;
  private faultTimer: NodeJS.Timeout | null = null;
  sendErrors = 0;

  constructor(private readonly opts: TransportOptions) {
    for (const p of opts.peers) {
      this.peers.set(p.id, p);
      this.byAddress.set(`${p.addr}:${p.port}`, p.id);
    }
  }

  start(): Promise<void> {
    const family = this.opts.bind.addr.includes(':') ? 'udp6' : 'udp4';
    const socket = createSocket({ type: family, recvBufferSize: SOCKET_BUFFER, sendBufferSize: SOCKET_BUFFER });
    this.socket = socket;
    socket.on('message', (data, rinfo) => {
      const id = this.byAddress.get(`${rinfo.address}:${rinfo.port}`);
      if (id !== undefined && this.dropIn.has(id)) {
        this.opts.onFiltered();
        return;
      }
      this.opts.onDatagram(data, rinfo);
    });
    if (this.opts.faultFile) {
      this.readFaults();
      this.faultTimer = setInterval(() => this.readFaults(), 50);
      this.faultTimer.unref();
    }
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.opts.bind.port, this.opts.bind.addr, () => {
        socket.off('error', reject);
        // A send to a peer that is down may report ECONNREFUSED later: not our concern.
        socket.on('error', () => this.sendErrors++);
        resolve();
      });
    });
  }

  send(to: readonly number[], data: Buffer): number {
    const socket = this.socket;
    if (!socket) return 0;
    let sent = 0;
    for (const id of to) {
      const p = this.peers.get(id);
      if (!p) continue;
      if (this.dropOut.has(id)) {
        this.opts.onFiltered();
        continue;
      }
      socket.send(data, p.port, p.addr, (err) => {
        if (err) this.sendErrors++;
      });
      sent++;
    }
    return sent;
  }

  close(): void {
    if (this.faultTimer) clearInterval(this.faultTimer);
    this.socket?.close();
    this.socket = null;
  }

  private readFaults(): void {
    const file = this.opts.faultFile!;
    let stamp: number;
    try {
      stamp = statSync(file).mtimeMs;
    } catch {
      stamp = 0;
    }
    if (stamp === this.faultStamp) return;
    this.faultStamp = stamp;
    const dropIn = new Set<number>();
    const dropOut = new Set<number>();
    let text = '';
    try {
      text = stamp ? readFileSync(file, 'utf8') : '';
    } catch {
      text = '';
    }
    for (const line of text.split('\n')) {
      const [what, arg] = line.trim().split(/\s+/);
      const id = Number(arg);
      if (!Number.isInteger(id)) continue;
      if (what === 'drop' || what === 'drop-in') dropIn.add(id);
      if (what === 'drop' || what === 'drop-out') dropOut.add(id);
    }
    this.dropIn = dropIn;
    this.dropOut = dropOut;
  }
}
