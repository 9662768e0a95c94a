/**
 * The node daemon: reads the configuration, finds which node it is, starts
 * the membership layer and the IPC server, then the subsystems given to it.
 * Subsystems (CIB manager, attribute manager, controller, fencer) get a
 * DaemonContext: they join process groups and follow views and quorum
 * through `membership`, and answer tools by registering an IPC service.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../cli/exit-codes.js';
import { nodePaths, type NodePaths } from '../paths.js';
import { createLogger, type Logger } from './log.js';
import { IpcRouter, IpcServer } from './ipc/server.js';
import { socketPath } from './ipc/protocol.js';
import { readAuthkey } from './membership/authkey.js';
import { ConfigError, parseClusterConfig, type ClusterConfig } from './membership/config/cluster-config.js';
import { ConfSyntaxError } from './membership/config/syntax.js';
import { membershipHandler } from './membership/ipc-handlers.js';
import { findLocalNode, isLocalAddress, LocalNodeError, resolveAddresses } from './membership/local-node.js';
import { MembershipService, type MembershipApi } from './membership/service.js';
import type { NodeRef } from './membership/status/types.js';

export interface DaemonContext {
  local: NodeRef;
  config: ClusterConfig;
  paths: NodePaths;
  log: Logger;
  membership: MembershipApi;
  ipc: IpcRouter;
}

export interface Subsystem {
  readonly name: string;
  start(ctx: DaemonContext): void | Promise<void>;
  stop?(): void | Promise<void>;
}

/** A failure to start, with the exit code the daemon command ends with. */
export class DaemonError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'DaemonError';
  }
}

export interface DaemonOptions {
  env: Readonly<Record<string, string | undefined>>;
  nodeName?: string;
  subsystems?: Subsystem[];
}

export interface RunningDaemon {
  local: NodeRef;
  membership: MembershipService;
  stop(): Promise<void>;
}

function loadConfig(paths: NodePaths): ClusterConfig {
  if (!existsSync(paths.corosyncConf)) {
    throw new DaemonError(ExitCode.NOT_CONFIGURED, `${paths.corosyncConf} does not exist: run "pacer cluster setup ... --local" first`);
  }
  try {
    return parseClusterConfig(readFileSync(paths.corosyncConf, 'utf8'));
  } catch (e) {
    if (e instanceof ConfSyntaxError || e instanceof ConfigError) throw new DaemonError(ExitCode.CONFIG, `${paths.corosyncConf}: ${e.message}`);
    throw e;
  }
}

export async function startDaemon(opts: DaemonOptions): Promise<RunningDaemon> {
  const paths = nodePaths(opts.env);
  const config = loadConfig(paths);
  const root = opts.env['PACER_ROOT'];
  const logfile = config.logging.toLogfile && config.logging.logfile ? (root ? join(root, config.logging.logfile) : config.logging.logfile) : undefined;
  const log = createLogger({ toStderr: config.logging.toStderr, file: logfile, debug: config.logging.debug, timestamp: config.logging.timestamp });
  let authkey: Buffer;
  try {
    authkey = readAuthkey(paths.authkey);
  } catch (e) {
    throw new DaemonError(ExitCode.NOT_CONFIGURED, `cannot read the authkey: ${(e as Error).message} (generate one with "pacer corosync-keygen")`);
  }
  let local;
  let addresses;
  try {
    addresses = await resolveAddresses(config.nodes);
    local = findLocalNode(config.nodes, addresses, isLocalAddress, opts.nodeName);
  } catch (e) {
    if (e instanceof LocalNodeError) throw new DaemonError(ExitCode.CONFIG, e.message);
    throw e;
  }
  const membership = new MembershipService({
    config,
    local,
    addresses,
    authkey,
    stateFile: join(paths.varLib, `membership-${local.id}.json`),
    log: log.sub('MEMB'),
    faultFile: opts.env['PACER_FAULT_FILE'],
  });
  const router = new IpcRouter();
  router.register('membership', membershipHandler(membership));
  const ipc = new IpcServer(socketPath(opts.env), router, log.sub('IPC'));
  try {
    await membership.start();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new DaemonError(ExitCode.OSERR, `cannot listen on ${addresses.get(local.id)}:${config.totem.port}: ${err.code === 'EADDRINUSE' ? 'the address is in use (is a daemon already running?)' : err.message}`);
  }
  try {
    await ipc.start();
  } catch (e) {
    membership.stop();
    throw new DaemonError(ExitCode.OSERR, `cannot open the IPC socket ${socketPath(opts.env)}: ${(e as Error).message}`);
  }
  const ctx: DaemonContext = { local: membership.local, config, paths, log, membership, ipc: router };
  const started: Subsystem[] = [];
  for (const s of opts.subsystems ?? []) {
    await s.start({ ...ctx, log: log.sub(s.name) });
    started.push(s);
  }
  log.log('notice', `pacer daemon running as node ${local.id} (${local.name})`);
  return {
    local: membership.local,
    membership,
    async stop() {
      for (const s of started.reverse()) await s.stop?.();
      ipc.close();
      membership.stop();
      log.log('notice', 'pacer daemon stopped');
    },
  };
}
