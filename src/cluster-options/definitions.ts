/**
 * The cluster options and fence device parameters each Pacemaker daemon
 * owns, with Pacemaker 2.1.5's names, types and defaults (which clients such
 * as pcs read from `<daemon> metadata` to validate properties). The words
 * are pacer's own, except the markers clients look for: a short description
 * starting "*** Advanced Use Only ***" (or "Advanced use only:" for fence
 * parameters) or "*** Deprecated ***".
 */
export type OptionType = 'boolean' | 'integer' | 'string' | 'time' | 'percentage' | 'select';

export interface OptionDefinition {
  name: string;
  type: OptionType;
  /** undefined: no default attribute at all. */
  default?: string;
  /** The allowed values of a select. */
  values?: string[];
  short: string;
  long: string;
}

export interface DaemonOptions {
  short: string;
  long: string;
  options: OptionDefinition[];
}

const ADV = '*** Advanced Use Only *** ';

const noQuorumPolicy: OptionDefinition = {
  name: 'no-quorum-policy',
  type: 'select',
  default: 'stop',
  values: ['stop', 'freeze', 'ignore', 'demote', 'suicide'],
  short: 'What the cluster does when its partition loses quorum',
  long: 'stop: stop all resources; freeze: keep running resources but start nothing new; ignore: carry on as if quorate; demote: demote promotable resources and stop the others; suicide: fence all nodes of the partition.  Allowed values: stop, freeze, ignore, demote, suicide',
};

const shutdownLock: OptionDefinition = {
  name: 'shutdown-lock',
  type: 'boolean',
  default: 'false',
  short: 'Whether the resources of a node shut down cleanly wait for it to come back',
  long: 'When true, resources active on a node that shuts down cleanly are not recovered elsewhere until the node returns or shutdown-lock-limit expires; useful for maintenance that is meant to be short.',
};

export const DAEMON_OPTIONS: Record<string, DaemonOptions> = {
  'pacemaker-based': {
    short: 'Options of the CIB manager',
    long: 'Cluster options that the Cluster Information Base manager reads',
    options: [
      { name: 'enable-acl', type: 'boolean', default: 'false', short: 'Whether access control lists restrict CIB users', long: 'Whether access control lists (ACLs) decide what each user may read and change in the CIB' },
      {
        name: 'cluster-ipc-limit',
        type: 'integer',
        default: '500',
        short: 'How many IPC messages may wait for a cluster daemon before it is disconnected',
        long: 'Increase this when the logs report cluster daemons being evicted; the number of resources times the number of nodes is a reasonable value.',
      },
    ],
  },
  'pacemaker-controld': {
    short: 'Options of the controller',
    long: 'Cluster options that the controller reads',
    options: [
      { name: 'dc-version', type: 'string', default: 'none', short: 'Version of the software on the elected Designated Controller', long: 'Set by the cluster for diagnosis: the version and build of the Designated Controller.' },
      { name: 'cluster-infrastructure', type: 'string', default: 'corosync', short: 'The cluster layer underneath', long: 'Set by the cluster for diagnosis: the messaging and membership layer in use.' },
      {
        name: 'cluster-name',
        type: 'string',
        short: 'A name for the cluster',
        long: 'Free for administrators to set; rules can test it through the #cluster-name node attribute, and tools and agents may show or use it.',
      },
      { name: 'dc-deadtime', type: 'time', default: '20s', short: 'How long a starting node waits to hear from the others', long: 'The right value depends on how fast and busy the network between the nodes is.' },
      {
        name: 'cluster-recheck-interval',
        type: 'time',
        default: '15min',
        short: 'How often the cluster state is recomputed without any event',
        long: 'The cluster reacts to events and schedules its own rechecks for failure timeouts and most time-based rules; this polling catches date_spec rules and serves as a safety net. Zero turns polling off.  Allowed values: Zero disables polling, while positive values are an interval in seconds (or with a unit such as "5min")',
      },
      { name: 'load-threshold', type: 'percentage', default: '80%', short: 'How much of the system load cluster work may use', long: 'Above this share of the machine\'s load, the cluster runs fewer jobs at once.' },
      { name: 'node-action-limit', type: 'integer', default: '0', short: 'How many jobs may run on one node at once (0: twice the number of CPUs)', long: 'The most actions the cluster runs in parallel on any one node; 0 means twice its number of CPU cores.' },
      {
        name: 'fence-reaction',
        type: 'string',
        default: 'stop',
        short: 'What a node does when told that it was fenced',
        long: 'stop: stop the cluster services on the node; panic: reboot the node at once, without stopping anything first.  Allowed values: stop, panic',
      },
      { name: 'election-timeout', type: 'time', default: '2min', short: `${ADV}How long an election of the Designated Controller may take`, long: 'Declare an election failed when it lasts longer than this.' },
      { name: 'shutdown-escalation', type: 'time', default: '20min', short: `${ADV}How long a clean shutdown may take before the node stops regardless`, long: 'A node still shutting down after this long leaves the cluster anyway.' },
      { name: 'join-integration-timeout', type: 'time', default: '3min', short: `${ADV}How long the first phase of a node joining may take`, long: 'Declare the join failed when this phase lasts longer.' },
      { name: 'join-finalization-timeout', type: 'time', default: '30min', short: `${ADV}How long the last phase of a node joining may take`, long: 'Declare the join failed when this phase lasts longer.' },
      { name: 'transition-delay', type: 'time', default: '0s', short: `${ADV}How long to wait before running a new transition (slows every recovery)`, long: 'Meant only for debugging races between status updates; it delays every reaction of the cluster.' },
      {
        name: 'stonith-watchdog-timeout',
        type: 'time',
        default: '0',
        short: 'How long until a lost node may be taken for dead when a watchdog fences it',
        long: 'With watchdog-based self-fencing (SBD without shared storage), a node that lost quorum is assumed to have reset itself after this long; it must be longer than the watchdog timeout. 0 disables it; a negative value means twice the watchdog timeout.',
      },
      { name: 'stonith-max-attempts', type: 'integer', default: '10', short: 'How often fencing of a node may fail before the cluster gives up on it', long: 'After this many failed attempts to fence a target, the controller stops retrying.' },
      noQuorumPolicy,
      shutdownLock,
    ],
  },
  'pacemaker-schedulerd': {
    short: 'Options of the scheduler',
    long: 'Cluster options that the scheduler reads',
    options: [
      noQuorumPolicy,
      { name: 'symmetric-cluster', type: 'boolean', default: 'true', short: 'Whether resources may run anywhere unless a constraint says otherwise', long: 'When false, resources run only on nodes a location constraint allows.' },
      { name: 'maintenance-mode', type: 'boolean', default: 'false', short: 'Whether the cluster leaves all resources alone', long: 'When true, the cluster neither starts, stops nor monitors any resource.' },
      {
        name: 'start-failure-is-fatal',
        type: 'boolean',
        default: 'true',
        short: 'Whether one failed start keeps a resource off the node',
        long: 'When true, a resource that fails to start on a node is banned from it at once; when false, its fail count is weighed against migration-threshold.',
      },
      { name: 'enable-startup-probes', type: 'boolean', default: 'true', short: 'Whether nodes are checked for already active resources', long: 'When true, the cluster probes each node for resources running there before managing them.' },
      shutdownLock,
      {
        name: 'shutdown-lock-limit',
        type: 'time',
        default: '0',
        short: 'How long at most resources wait for a node shut down cleanly',
        long: 'With shutdown-lock, recover the resources elsewhere once the node has been gone this long; 0 means no limit.',
      },
      {
        name: 'stonith-enabled',
        type: 'boolean',
        default: 'true',
        short: `${ADV}Whether nodes may be fenced`,
        long: 'When false, failed nodes and resources that cannot be stopped are never fenced. Turning fencing off leaves data at risk: a fence device should be configured instead.',
      },
      {
        name: 'stonith-action',
        type: 'select',
        default: 'reboot',
        values: ['reboot', 'off', 'poweroff'],
        short: 'What fencing does to a node',
        long: 'The action sent to fence devices (poweroff is an old name of off).  Allowed values: reboot, off, poweroff',
      },
      { name: 'stonith-timeout', type: 'time', default: '60s', short: `${ADV}Not used by Pacemaker`, long: 'Kept for compatibility; fence devices have their own timeouts (pcmk_*_timeout).' },
      { name: 'have-watchdog', type: 'boolean', default: 'false', short: 'Whether a watchdog device is used for self-fencing', long: 'Set by the cluster: whether SBD watchdog-based self-fencing is enabled.' },
      { name: 'concurrent-fencing', type: 'boolean', default: 'false', short: 'Whether several nodes may be fenced at once', long: 'When true, fencing actions against different targets may run in parallel.' },
      { name: 'startup-fencing', type: 'boolean', default: 'true', short: `${ADV}Whether nodes never seen are fenced at start-up`, long: 'When true, nodes that the cluster has never seen are fenced when it starts. Turning this off is unsafe.' },
      {
        name: 'priority-fencing-delay',
        type: 'time',
        default: '0',
        short: 'Extra delay before fencing the node whose resources matter most',
        long: 'In a split, delay fencing actions against the node running the resources of highest priority, so that it tends to win. 0 disables it.',
      },
      { name: 'cluster-delay', type: 'time', default: '60s', short: 'The longest a message between nodes may take', long: 'Added to action timeouts: the time the network and the nodes may take to pass on and start an action.' },
      { name: 'batch-limit', type: 'integer', default: '0', short: 'How many jobs the cluster may run at once (0: by load)', long: 'The most actions the cluster runs in parallel; 0 lets it decide from load-threshold and the number of CPU cores.' },
      { name: 'migration-limit', type: 'integer', default: '-1', short: 'How many live migrations may run at once on a node (-1: no limit)', long: 'The most live migrations the cluster runs in parallel on any one node; -1 means no limit.' },
      { name: 'stop-all-resources', type: 'boolean', default: 'false', short: 'Whether all resources are to be stopped', long: 'When true, the cluster stops every active resource and starts none.' },
      { name: 'stop-orphan-resources', type: 'boolean', default: 'true', short: 'Whether resources no longer configured are stopped', long: 'When true, resources found active but missing from the configuration are stopped.' },
      { name: 'stop-orphan-actions', type: 'boolean', default: 'true', short: 'Whether recurring operations no longer configured are cancelled', long: 'When true, recurring monitors found running but missing from the configuration are cancelled.' },
      { name: 'remove-after-stop', type: 'boolean', default: 'false', short: '*** Deprecated *** Whether stopped resources are removed from the status section', long: 'Kept for compatibility only: clearing history this way is unsafe and unsupported.' },
      { name: 'pe-error-series-max', type: 'integer', default: '-1', short: 'How many scheduler inputs that had errors to keep (-1: all)', long: 'Inputs are kept for troubleshooting; -1 keeps them all, 0 none.' },
      { name: 'pe-warn-series-max', type: 'integer', default: '5000', short: 'How many scheduler inputs that had warnings to keep (-1: all)', long: 'Inputs are kept for troubleshooting; -1 keeps them all, 0 none.' },
      { name: 'pe-input-series-max', type: 'integer', default: '4000', short: 'How many other scheduler inputs to keep (-1: all)', long: 'Inputs are kept for troubleshooting; -1 keeps them all, 0 none.' },
      {
        name: 'node-health-strategy',
        type: 'select',
        default: 'none',
        values: ['none', 'migrate-on-red', 'only-green', 'progressive', 'custom'],
        short: 'How node health attributes affect placement',
        long: 'none: ignore them; migrate-on-red: move resources off nodes in red health; only-green: run resources only on nodes in green health; progressive and custom: add the scores of node-health-green, -yellow and -red (and node-health-base) to the nodes.  Allowed values: none, migrate-on-red, only-green, progressive, custom',
      },
      { name: 'node-health-base', type: 'integer', default: '0', short: 'Health score each node starts from', long: 'With the progressive strategy, the score every node starts with before its health attributes are added.' },
      { name: 'node-health-green', type: 'integer', default: '0', short: 'Score of a health attribute that is green', long: 'Added to a node for each of its health attributes whose value is green (custom and progressive strategies).' },
      { name: 'node-health-yellow', type: 'integer', default: '0', short: 'Score of a health attribute that is yellow', long: 'Added to a node for each of its health attributes whose value is yellow (custom and progressive strategies).' },
      { name: 'node-health-red', type: 'integer', default: '-INFINITY', short: 'Score of a health attribute that is red', long: 'Added to a node for each of its health attributes whose value is red (custom and progressive strategies).' },
      {
        name: 'placement-strategy',
        type: 'select',
        default: 'default',
        values: ['default', 'utilization', 'minimal', 'balanced'],
        short: 'How resources are spread over the nodes',
        long: 'default: by scores alone; utilization: only where capacity allows; minimal: on as few nodes as capacity allows; balanced: where the most capacity remains.  Allowed values: default, utilization, minimal, balanced',
      },
    ],
  },
  'pacemaker-fenced': {
    short: 'Parameters of every fence device',
    long: 'Instance attributes that every "stonith"-class resource accepts, read by the fencer',
    options: fenceParameters(),
  },
};

function fenceParameters(): OptionDefinition[] {
  const FADV = 'Advanced use only: ';
  const params: OptionDefinition[] = [
    {
      name: 'pcmk_host_argument',
      type: 'string',
      default: 'port',
      short: `${FADV}The device parameter that names the target, instead of 'port'`,
      long: "For devices that take the machine to fence under another parameter than 'port'. none passes no such parameter.",
    },
    { name: 'pcmk_host_map', type: 'string', default: '', short: 'Which ports fence which nodes, for devices that know ports rather than names', long: 'For example node1:1;node2:2,3: port 1 fences node1, ports 2 and 3 fence node2.' },
    { name: 'pcmk_host_list', type: 'string', default: '', short: 'The nodes this device can fence, e.g. node1,node2', long: 'Used when pcmk_host_check is static-list.' },
    {
      name: 'pcmk_host_check',
      type: 'string',
      default: 'dynamic-list',
      short: 'How to find out which nodes the device can fence',
      long: "dynamic-list: ask the device (its 'list' action); static-list: read pcmk_host_list; status: ask the device about each node (its 'status' action); none: assume it can fence any node.",
    },
    { name: 'pcmk_delay_max', type: 'time', default: '0s', short: 'Longest random delay before this device fences', long: 'Fencing waits pcmk_delay_base plus a random part, in total at most this long, so that two nodes do not fence each other at the same moment.' },
    {
      name: 'pcmk_delay_base',
      type: 'string',
      default: '0s',
      short: 'Fixed delay before this device fences',
      long: 'Either one delay for all targets, or a delay per node as node1:0s;node2:10s. Added to the random delay of pcmk_delay_max.',
    },
    { name: 'pcmk_action_limit', type: 'integer', default: '1', short: 'How many actions the device may run at once (-1: no limit)', long: 'Needs concurrent-fencing for values above 1.' },
  ];
  for (const action of ['reboot', 'off', 'on', 'list', 'monitor', 'status']) {
    params.push(
      {
        name: `pcmk_${action}_action`,
        type: 'string',
        default: action,
        short: `${FADV}The device command to run instead of '${action}'`,
        long: `For devices that name the '${action}' action differently.`,
      },
      {
        name: `pcmk_${action}_timeout`,
        type: 'time',
        default: '60s',
        short: `${FADV}Timeout of '${action}' actions instead of stonith-timeout`,
        long: `For devices that need more or less time than usual to complete '${action}' actions.`,
      },
      {
        name: `pcmk_${action}_retries`,
        type: 'integer',
        default: '2',
        short: `${FADV}How often a failed '${action}' is retried within the timeout`,
        long: `For devices that refuse a command while busy with another: '${action}' is retried this many times while time remains.`,
      },
    );
  }
  return params;
}
