import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PacerCommand } from '../cli/command.js';
import { ExitCode, ToolError, UsageError } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';
import { readClusterConfig, ConfigError } from '../daemon/membership/config/cluster-config.js';
import { buildSetupConf, parseSetupArgs, SetupError, withQuorumFlags } from '../daemon/membership/config/setup.js';
import { writeConf } from '../daemon/membership/config/syntax.js';
import { writeAuthkey } from '../daemon/membership/authkey.js';
import { nodePaths } from '../paths.js';
import { nodeFs } from '../cib/store/fs.js';
import { writeAtomic } from '../cib/store/atomic-write.js';

export default class ClusterSetup extends PacerCommand {
  static override id = 'cluster setup';
  static override summary = 'pacer cluster setup - write the cluster configuration (corosync.conf)';
  static override description =
    "Writes corosync.conf for a new cluster from pcs's syntax: the cluster name, then each node\n" +
    'with its address (addr=ADDR; the node name when omitted), then optional keyword sections:\n' +
    'transport knet|udp|udpu, link mcastport=PORT, crypto cipher=aes256|none hash=sha256,\n' +
    'totem token=MS consensus=MS join=MS port=PORT ..., quorum wait_for_all=1 ....\n' +
    'Nodes are numbered 1, 2, ... in the order given; two nodes get two_node: 1.\n\n' +
    'With --local the file goes to $PACER_ROOT/etc/pacer/corosync.conf and an authkey is\n' +
    'generated beside it when there is none; --corosync_conf writes the file elsewhere.\n' +
    'Copy both files to every node before starting the daemons.';
  static override strict = false;
  static override synopsis = 'NAME NODE [addr=ADDR]... [transport knet] [totem OPTS] [quorum OPTS] (--local | --corosync_conf FILE)';
  static override flags = {
    local: sw(undefined, 'Write the configuration of this node ($PACER_ROOT/etc/pacer/corosync.conf)'),
    corosync_conf: opt(undefined, 'FILE', 'Write the configuration to FILE instead'),
    overwrite: sw(undefined, 'Replace an existing configuration file'),
    wait_for_all: opt(undefined, '0|1', 'Quorum: wait for all nodes before the first quorum', { options: ['0', '1'] }),
    auto_tie_breaker: opt(undefined, '0|1', 'Quorum: on an even split, the half with the lowest node id keeps quorum', { options: ['0', '1'] }),
    last_man_standing: opt(undefined, '0|1', 'Quorum: lower expected votes as nodes leave', { options: ['0', '1'] }),
    last_man_standing_window: opt(undefined, 'MS', 'Quorum: how long the cluster must be stable before expected votes are lowered'),
  };
  static override exitCodes = [ExitCode.CONFIG, ExitCode.EXISTS, ExitCode.CANTCREAT];
  static override pacerExamples = [
    {
      description: 'A three-node cluster with addresses on a private network:',
      command: 'pacer cluster setup web n1 addr=10.0.0.1 n2 addr=10.0.0.2 n3 addr=10.0.0.3 --local',
    },
    {
      description: 'Faster failure detection, written to a file to copy to the nodes:',
      command: 'pacer cluster setup web n1 n2 n3 totem token=500 --corosync_conf /tmp/corosync.conf',
    },
  ];

  async exec(): Promise<number> {
    const { flags, argv } = await this.parse(ClusterSetup, this.argv);
    if (!flags.local && !flags.corosync_conf) {
      throw new ToolError(ExitCode.UNIMPLEMENT_FEATURE, 'setting up remote nodes is not supported: use --local on each node, or --corosync_conf FILE');
    }
    if (flags.local && flags.corosync_conf) throw new UsageError('--local and --corosync_conf exclude each other');
    let text: string;
    try {
      const req = withQuorumFlags(parseSetupArgs(argv as string[]), flags);
      const items = buildSetupConf(req);
      readClusterConfig(items); // what we write must be a configuration the daemon accepts
      text = writeConf(items);
    } catch (e) {
      if (e instanceof SetupError) throw new UsageError(e.message);
      if (e instanceof ConfigError) throw new ToolError(ExitCode.CONFIG, e.reason);
      throw e;
    }
    const paths = nodePaths(this.ctx.env);
    const target = flags.corosync_conf ? resolve(this.ctx.cwd, flags.corosync_conf) : paths.corosyncConf;
    if (existsSync(target) && !flags.overwrite) {
      throw new ToolError(ExitCode.EXISTS, `${target} already exists, use --overwrite to replace it`);
    }
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeAtomic(nodeFs, target, Buffer.from(text), { mode: 0o644 });
      if (flags.local && !existsSync(paths.authkey)) writeAuthkey(paths.authkey);
    } catch (e) {
      throw new ToolError(ExitCode.CANTCREAT, (e as Error).message);
    }
    return ExitCode.OK;
  }
}
