import { PacerCommand } from '../cli/command.js';
import { ExitCode, UsageError, exitCodeText } from '../cli/exit-codes.js';
import { opt, optMany, sw } from '../cli/flags.js';
import { TextElement, jsonFromXml, jsonResult, outputFlags, outputFormat, outputSink, requestLine, xmlResult } from '../cli/output.js';
import { type CibConnection, connectCib, locateCib } from '../cib/client.js';
import { CibError } from '../cib/errors.js';
import { validateCib } from '../cib/schema/validate.js';
import { XmlElement, cdata } from '../cib/xml/node.js';
import { numbered } from '../cib/xml/numbered.js';
import { serialize } from '../cib/xml/serialize.js';
import { type AgentCatalog, agentCatalog } from '../agents/catalog.js';
import { MetadataError, agentMetadata } from '../agents/metadata.js';
import type { Cluster } from '../scheduler/model/cluster.js';
import type { Node } from '../scheduler/model/node.js';
import { type Resource, findActiveOn, isClone } from '../scheduler/model/resource.js';
import { Find, findInResource } from '../scheduler/unpack/resources.js';
import { unpackCluster } from '../scheduler/unpack/index.js';
import { UnsupportedFeature } from '../scheduler/unpack/unsupported.js';
import { addDuration, formatTime, parseDuration, timeFromEpoch } from '../scheduler/util/iso8601.js';
import { type AttributeChange, planAttributeDelete, planAttributeUpdate } from '../resource-admin/attributes.js';
import { banSteps, expiredSteps, locationIds } from '../resource-admin/locations.js';
import { planBanHere, planClear, planMove } from '../resource-admin/placement.js';
import type { Plan } from '../resource-admin/plan.js';
import { type AttributeSet, resourceAttributes } from '../resource-queries/attributes.js';
import { instanceNames } from '../resource-queries/names.js';
import { findOperations } from '../resource-queries/operations.js';
import { checkLines, reasons } from '../resource-queries/reasons.js';
import { constraintsXml, printConstraints } from '../resource-queries/constraints.js';
import { unpackConstraints } from '../scheduler/constraints/index.js';
import { searchResource } from '../resource-queries/search.js';
import { configUpdateWarnings } from '../status/config-update.js';
import { Show } from '../status/options.js';
import { operationDescription, operationXml } from '../status/operations.js';
import { TextOutput } from '../status/text-output.js';
import { printResource, printResourceList } from '../status/text/resources.js';
import { element } from '../status/xml/element.js';
import { resourceListXml, resourceXml } from '../status/xml/resources.js';

/** crm_resource's commands; the last one given wins, as in Pacemaker. */
const COMMANDS = {
  list: 'list',
  'list-raw': 'list-raw',
  'list-cts': 'unsupported',
  'list-operations': 'operations',
  'list-all-operations': 'all-operations',
  'list-standards': 'standards',
  'list-ocf-providers': 'providers',
  'list-agents': 'agents',
  'list-ocf-alternatives': 'alternatives',
  'show-metadata': 'metadata',
  'query-xml': 'query-xml',
  'query-xml-raw': 'query-xml-raw',
  'get-parameter': 'get-parameter',
  'get-property': 'get-property',
  locate: 'locate',
  stack: 'stack',
  constraints: 'constraints',
  why: 'why',
  validate: 'unsupported',
  cleanup: 'unsupported',
  refresh: 'unsupported',
  'set-parameter': 'set-parameter',
  'delete-parameter': 'delete-parameter',
  'set-property': 'unsupported',
  move: 'move',
  ban: 'ban',
  clear: 'clear',
  delete: 'delete',
  fail: 'unsupported',
  restart: 'unsupported',
  wait: 'unsupported',
  digests: 'unsupported',
  'force-demote': 'unsupported',
  'force-stop': 'unsupported',
  'force-start': 'unsupported',
  'force-promote': 'unsupported',
  'force-check': 'unsupported',
} as const;

type Option = keyof typeof COMMANDS;
type Command = (typeof COMMANDS)[Option];

/** Commands that work without a resource (-r). */
const NO_RESOURCE = new Set<Command>(['list', 'list-raw', 'operations', 'all-operations', 'standards', 'providers', 'agents', 'alternatives', 'metadata', 'why']);
/** Commands that read the agents installed here, not the CIB. */
const AGENT_COMMANDS = new Set<Command>(['standards', 'providers', 'agents', 'alternatives', 'metadata']);
/** How each command finds the resource named (pe_find_resource_with_flags). */
const FIND_ANY = new Set<Command>(['query-xml', 'query-xml-raw', 'get-parameter', 'get-property', 'set-parameter', 'delete-parameter', 'delete']);
/** Commands that need a running cluster (not built yet). */
const NEEDS_CLUSTER = new Set<Option>(['cleanup', 'refresh', 'restart', 'fail', 'wait']);
/** Commands that change the CIB. */
const CHANGES = new Set<Command>(['set-parameter', 'delete-parameter', 'move', 'ban', 'clear', 'delete']);
/** Commands that work on a whole clone, never on one of its instances. */
const NOT_INSTANCES = new Set<Command>(['move', 'ban', 'clear']);

/** A failure: the exit code, and the message (shown with "Error performing operation"). */
class Failure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface Answer {
  text: string;
  xml: XmlElement[];
  /** Messages printed as they happen: on stderr (text) or in the status element (XML). */
  notices: string[];
  /** What ended the command, if it failed. */
  error?: string;
  code: number;
}

export default class CrmResource extends PacerCommand {
  static override id = 'crm_resource';
  static override summary = 'crm_resource - perform tasks related to Pacemaker cluster resources';
  static override description =
    'Shows resources: their state and where they run, their configuration and attributes, their operation ' +
    'history and why they are not running; lists the resource agents installed on this machine and shows their ' +
    'metadata. With CIB_file or CIB_shadow set, it works on that CIB.';
  static override flags = {
    ...outputFlags(),
    'text-fancy': sw(undefined, 'Use the richer text layout (with --output-as=text)', { group: 'Output Options', hidden: true }),
    quiet: sw('Q', 'Print less: just the values or node names'),
    resource: opt('r', 'ID', 'The resource to work on'),

    list: sw('L', 'List every resource with its state', { group: 'Queries' }),
    'list-raw': sw('l', 'List the ids of every resource instance (group members and clone instances, not their parents)', {
      group: 'Queries',
    }),
    'list-cts': sw('c', 'List resources in the format of the cluster test suite', { group: 'Queries', hidden: true }),
    'list-operations': sw('O', 'List the operations in effect (optionally only of --resource and/or on --node)', { group: 'Queries' }),
    'list-all-operations': sw('o', 'List all recorded operations (optionally only of --resource and/or on --node)', { group: 'Queries' }),
    'list-standards': sw(undefined, 'List the agent standards (classes) available here', { group: 'Queries' }),
    'list-ocf-providers': sw(undefined, 'List the OCF agent providers installed here', { group: 'Queries' }),
    'list-agents': opt(undefined, 'STD:PROV', 'List the agents of a standard (and provider) installed here', { group: 'Queries' }),
    'list-ocf-alternatives': opt(undefined, 'AGENT', 'List the OCF providers that have this agent', { group: 'Queries' }),
    'show-metadata': opt(undefined, 'SPEC', "Print an agent's metadata (class[:provider]:type)", { group: 'Queries' }),
    'query-xml': sw('q', "Print the resource's configuration (with any template expanded)", { group: 'Queries' }),
    'query-xml-raw': sw('w', "Print the resource's configuration as written (template not expanded)", { group: 'Queries' }),
    'get-parameter': opt('g', 'PARAM', 'Print an instance attribute of the resource (or, with --meta or --utilization, one of those)', {
      group: 'Queries',
    }),
    'get-property': opt('G', 'PROPERTY', "Print the resource's class, type or provider", { group: 'Queries', hidden: true }),
    locate: sw('W', 'Print the nodes the resource runs on', { group: 'Queries' }),
    constraints: sw('a', 'Print the location and colocation constraints of the resource', {
      group: 'Queries',
    }),
    stack: sw('A', 'Like --constraints, following colocations through the resources colocated', { group: 'Queries' }),
    why: sw('Y', 'Tell why resources are not running (optionally only --resource and/or on --node)', { group: 'Queries' }),

    validate: opt(undefined, 'LEVEL', "Run the agent's validate-all action (needs a running cluster)", {
      group: 'Commands',
      optional: true,
      implicit: '',
    }),
    cleanup: sw('C', 'Clear the failures of resources (needs a running cluster)', { group: 'Commands' }),
    refresh: sw('R', 'Forget the history of resources so it is rechecked (needs a running cluster)', { group: 'Commands' }),
    'set-parameter': opt('p', 'PARAM', 'Set an instance attribute of the resource (or, with --meta or --utilization, one of those) to the value of -v', { group: 'Commands' }),
    'delete-parameter': opt('d', 'PARAM', 'Delete an instance attribute of the resource (or, with --meta or --utilization, one of those)', { group: 'Commands' }),
    'set-property': opt('S', 'PROPERTY', "Set the resource's class, type or provider (not implemented yet)", {
      group: 'Commands',
      hidden: true,
    }),

    move: sw('M', 'Move the resource to --node with a location constraint (without --node: ban it from where it runs)', { group: 'Locations' }),
    ban: sw('B', 'Keep the resource off --node (or the node it runs on) with a location constraint', { group: 'Locations' }),
    clear: sw('U', 'Remove the constraints made by --move and --ban (on --node only, if given)', { group: 'Locations' }),
    expired: sw('e', 'With --clear, remove only constraints whose lifetime has expired', { group: 'Locations' }),
    lifetime: opt('u', 'TIMESPEC', 'Lifetime of the constraints --move and --ban make (ISO 8601 duration)', { group: 'Locations' }),
    promoted: sw(undefined, 'Limit --move, --ban and --clear to the promoted role', { group: 'Locations' }),
    master: sw(undefined, 'Deprecated name of --promoted', { group: 'Locations' }),

    delete: sw('D', '(Advanced) Delete the resource from the CIB (needs -t)', { group: 'Advanced' }),
    fail: sw('F', '(Advanced) Tell the cluster the resource failed (needs a running cluster)', { group: 'Advanced' }),
    restart: sw(undefined, '(Advanced) Restart the resource and what depends on it (needs a running cluster)', { group: 'Advanced' }),
    wait: sw(undefined, '(Advanced) Wait until the cluster is stable (needs a running cluster)', { group: 'Advanced' }),
    digests: sw(undefined, '(Advanced) Print the parameter digests Pacemaker compares to detect changes (needs --resource and --node)', {
      group: 'Advanced',
    }),
    'force-demote': sw(undefined, '(Advanced) Demote the resource here, bypassing the cluster', { group: 'Advanced' }),
    'force-stop': sw(undefined, '(Advanced) Stop the resource here, bypassing the cluster', { group: 'Advanced' }),
    'force-start': sw(undefined, '(Advanced) Start the resource here, bypassing the cluster', { group: 'Advanced' }),
    'force-promote': sw(undefined, '(Advanced) Promote the resource here, bypassing the cluster', { group: 'Advanced' }),
    'force-check': opt(undefined, 'LEVEL', '(Advanced) Check the resource here, bypassing the cluster', {
      group: 'Advanced',
      optional: true,
      implicit: '',
    }),

    node: opt('N', 'NAME', 'The node to work on', { group: 'Additional Options' }),
    recursive: sw(undefined, 'Follow colocations (with --set-parameter --meta; not implemented yet)', { group: 'Additional Options' }),
    'resource-type': opt('t', 'ELEMENT', 'The resource element (primitive, group...), with --delete', { group: 'Additional Options' }),
    'parameter-value': opt('v', 'PARAM', 'The value for --set-parameter', { group: 'Additional Options' }),
    meta: sw('m', 'Work on a meta-attribute instead of an instance attribute (with -p, -g, -d)', { group: 'Additional Options' }),
    utilization: sw('z', 'Work on a utilization attribute instead of an instance attribute (with -p, -g, -d)', {
      group: 'Additional Options',
    }),
    operation: opt('n', 'OPERATION', 'The operation to clean up (with -C -r)', { group: 'Additional Options' }),
    interval: opt('I', 'N', 'The interval of the operation to clean up (with -C -r -n)', { group: 'Additional Options' }),
    class: opt(undefined, 'CLASS', 'The agent standard, with --validate and --force-*', { group: 'Additional Options' }),
    agent: opt(undefined, 'AGENT', 'The agent, with --validate and --force-*', { group: 'Additional Options' }),
    provider: opt(undefined, 'PROVIDER', 'The agent provider, with --validate and --force-*', { group: 'Additional Options' }),
    option: optMany(undefined, 'PARAM', 'An agent parameter as NAME=VALUE, with --validate (repeatable)', { group: 'Additional Options' }),
    'set-name': opt('s', 'ID', '(Advanced) The id of the attribute set to use (with -p, -d)', { group: 'Additional Options' }),
    nvpair: opt('i', 'ID', '(Advanced) The id of the nvpair to use (with -p, -d)', { group: 'Additional Options' }),
    timeout: opt('T', 'N', '(Advanced) Give up after this time (with --restart, --wait, --force-*)', { group: 'Additional Options' }),
    force: sw('f', 'Go ahead regardless of quorum and of the checks commands make', { group: 'Additional Options' }),
    'xml-file': opt('x', 'FILE', 'Read the CIB from this file', { group: 'Additional Options', hidden: true }),
    'host-uname': opt('H', 'HOST', 'Same as --node', { group: 'Additional Options', hidden: true }),
  };
  static override exitCodes = [ExitCode.UNIMPLEMENT_FEATURE, ExitCode.CONFIG, ExitCode.NOSUCH];
  static override pacerExamples = [
    { description: 'List every resource and its state:', command: 'crm_resource --list' },
    { description: 'Show where a resource runs:', command: 'crm_resource --locate --resource web' },
    { description: 'Show why a resource is not running:', command: 'crm_resource --why --resource web' },
    { description: "Print a resource's meta-attribute:", command: 'crm_resource --resource web --meta --get-parameter target-role' },
    { description: 'List the OCF agents from the heartbeat provider:', command: 'crm_resource --list-agents ocf:heartbeat' },
    { description: "Print an agent's metadata:", command: 'crm_resource --show-metadata ocf:heartbeat:IPaddr2' },
    { description: 'Stop a resource by setting its target-role:', command: 'crm_resource --resource web --meta --set-parameter target-role --parameter-value Stopped' },
    { description: 'Keep a resource off a node for a day:', command: 'crm_resource --ban --resource web --node node2 --lifetime P1D' },
    { description: 'Move a resource to a node:', command: 'crm_resource --move --resource web --node node1' },
    { description: 'Remove the constraints --ban and --move made:', command: 'crm_resource --clear --resource web' },
  ];

  async exec(): Promise<number> {
    const { flags } = await this.parse(CrmResource, this.argv);
    const format = outputFormat(flags);
    const write = outputSink(this.ctx, flags);
    const request = requestLine('crm_resource', this.rawArgs);
    const option = [...this.order].reverse().find((o): o is Option => o in COMMANDS);
    const command: Command = option ? COMMANDS[option] : 'list';
    let answer: Answer;
    try {
      // without a CIB file, these fail as Pacemaker's do when no cluster runs here
      if (option !== undefined && NEEDS_CLUSTER.has(option) && !locateCib(this.ctx)) await this.open();
      if (command === 'unsupported') throw new Failure(ExitCode.UNIMPLEMENT_FEATURE, `--${option} is not implemented yet`);
      if (!flags.resource && !NO_RESOURCE.has(command)) throw new UsageError('Must supply a resource id with -r');
      if (AGENT_COMMANDS.has(command)) answer = await this.agents(command, flags);
      else if (CHANGES.has(command)) answer = await this.change(command, flags);
      else answer = await this.query(command, flags, format !== 'text');
    } catch (e) {
      answer = failureAnswer(e);
    }
    let error = answer.error;
    if (answer.code !== ExitCode.OK && answer.code !== ExitCode.USAGE) {
      const failed = `Error performing operation: ${exitCodeText(answer.code)}`;
      error = error !== undefined ? `${error}\n${failed}` : failed;
    }
    const errors = [...answer.notices, ...(error !== undefined ? [`crm_resource: ${error}`] : [])];
    if (format === 'xml') write(xmlResult(request, answer.xml, answer.code, errors));
    else if (format === 'json') write(jsonResult(request, jsonFromXml(answer.xml), answer.code, errors));
    else {
      write(answer.text);
      for (const e of errors) this.ctx.err(`${e}\n`);
    }
    return answer.code;
  }

  private async agents(command: Command, flags: Record<string, string | undefined>): Promise<Answer> {
    const catalog = agentCatalog(this.ctx.env);
    switch (command) {
      case 'standards':
        return listAnswer('standards', catalog.standards(), null);
      case 'providers':
        return providersAnswer(catalog, undefined);
      case 'alternatives':
        return providersAnswer(catalog, flags['list-ocf-alternatives']);
      case 'agents':
        return agentsAnswer(catalog, flags['list-agents']!);
      case 'metadata': {
        const spec = flags['show-metadata']!;
        let xml: string;
        try {
          xml = await agentMetadata(catalog, spec, this.ctx.env);
        } catch (e) {
          if (e instanceof MetadataError) throw new Failure(e.code, e.message);
          throw e;
        }
        const e = new XmlElement('metadata');
        e.appendChild(cdata(xml));
        return { text: xml.endsWith('\n') ? xml : xml + '\n', xml: [e], notices: [], code: ExitCode.OK };
      }
      default:
        throw new Error(`not an agent command: ${command}`);
    }
  }

  private async query(command: Command, flags: Record<string, unknown>, structured: boolean): Promise<Answer> {
    const cluster = await this.cluster();
    const rscId = flags['resource'] as string | undefined;
    const nodeName = (flags['node'] ?? flags['host-uname']) as string | undefined;
    let rsc: Resource | null = null;
    if (rscId !== undefined && command !== 'list' && command !== 'list-raw' && command !== 'operations' && command !== 'all-operations') {
      rsc = findWithFlags(cluster, rscId, FIND_ANY.has(command) ? Find.Renamed | Find.Any : Find.Renamed | Find.Anon);
      if (!rsc) throw new Failure(ExitCode.NOSUCH, `Resource '${rscId}' not found`);
    }
    let node: Node | null = null;
    if (nodeName !== undefined) {
      node = cluster.findNode(nodeName) ?? null;
      if (!node) throw new Failure(ExitCode.NOSUCH, `Node '${nodeName}' not found`);
    }
    const quiet = flags['quiet'] === true;
    switch (command) {
      case 'list':
        return listResources(cluster);
      case 'list-raw': {
        const names = instanceNames(cluster.resources);
        if (names.length === 0) return { text: '', xml: [], notices: ['NO resources configured\n'], code: ExitCode.NOSUCH };
        return listAnswer('resource names', names, 'resource');
      }
      case 'operations':
      case 'all-operations':
        return operationsAnswer(cluster, rscId, nodeName, command === 'operations');
      case 'locate':
        return locateAnswer(rsc!, rscId!, quiet);
      case 'why':
        return whyAnswer(cluster, rsc, node, structured);
      case 'constraints':
      case 'stack':
        return constraintsAnswer(cluster, rsc!, command === 'stack');
      case 'query-xml':
      case 'query-xml-raw':
        return configAnswer(rsc!, command === 'query-xml-raw');
      case 'get-parameter':
        return parameterAnswer(rsc!, flags['get-parameter'] as string, attributeSet(flags));
      case 'get-property': {
        const name = flags['get-property'] as string;
        const value = rsc!.xml.attrs[name];
        if (value === undefined) return { text: '', xml: [], notices: [], code: ExitCode.NOSUCH };
        return listAnswerNamed('properties', [[name, value]], `${value}\n`);
      }
      default:
        throw new Error(`not a query: ${command}`);
    }
  }

  /** The CIB, unpacked as of now. */
  private async cluster(): Promise<Cluster> {
    return (await this.open()).cluster;
  }

  /** The connection to the CIB, and the CIB unpacked as of now. */
  private async open(): Promise<{ connection: CibConnection; cluster: Cluster }> {
    let connection: CibConnection;
    try {
      connection = await connectCib(this.ctx, { validate: (cib) => validateCib(cib) });
    } catch (e) {
      if (!(e instanceof CibError)) throw e;
      throw new Failure(e.code, `Could not connect to the CIB: ${e.reason}`);
    }
    // unpacking annotates the history it reads: keep that out of what gets written back
    const cib = connection.current().clone();
    for (const w of configUpdateWarnings(cib)) this.ctx.err(w + '\n');
    const now = this.now();
    try {
      return { connection, cluster: unpackCluster(cib, { now: timeFromEpoch(now.epoch, now.offset), localOffset: now.offset }) };
    } catch (e) {
      if (e instanceof UnsupportedFeature) throw new Failure(ExitCode.UNIMPLEMENT_FEATURE, `Cannot work on this CIB yet: ${e.message}`);
      throw e;
    }
  }

  /** The time now, in seconds, with the local time zone's offset. */
  private now(): { epoch: number; offset: number } {
    const epoch = Math.trunc(this.ctx.now());
    return { epoch, offset: -new Date(epoch * 1000).getTimezoneOffset() * 60 };
  }

  /** The commands that change the CIB: work out the plan from the CIB as read, then carry it out. */
  private async change(command: Command, flags: Record<string, unknown>): Promise<Answer> {
    const { connection, cluster } = await this.open();
    const rscId = flags['resource'] as string;
    const rsc = findWithFlags(cluster, rscId, FIND_ANY.has(command) ? Find.Renamed | Find.Any : Find.Renamed | Find.Anon);
    if (!rsc) throw new Failure(ExitCode.NOSUCH, `Resource '${rscId}' not found`);
    if (rscId.includes(':') && isClone(rsc.parent) && NOT_INSTANCES.has(command)) {
      throw new Failure(ExitCode.INVALID_PARAM, `Cannot operate on clone resource instance '${rscId}'`);
    }
    const nodeName = (flags['node'] ?? flags['host-uname']) as string | undefined;
    const node = nodeName !== undefined ? cluster.findNode(nodeName) : undefined;
    if (nodeName !== undefined && !node) throw new Failure(ExitCode.NOSUCH, `Node '${nodeName}' not found`);
    const cib = connection.current();
    const force = flags['force'] === true;
    const quiet = flags['quiet'] === true;
    const promoted = flags['promoted'] === true || flags['master'] === true;
    const change = (): AttributeChange => ({
      setType: attributeSet(flags),
      setId: flags['set-name'] as string | undefined,
      nvpairId: flags['nvpair'] as string | undefined,
      name: (flags['set-parameter'] ?? flags['delete-parameter']) as string,
      force,
      quiet,
    });
    let plan: Plan;
    switch (command) {
      case 'set-parameter': {
        const value = flags['parameter-value'] as string | undefined;
        if (!value) throw new UsageError('You need to supply a value with the -v option');
        if (flags['recursive'] === true && attributeSet(flags) === 'meta_attributes') {
          throw new Failure(ExitCode.UNIMPLEMENT_FEATURE, '--recursive is not implemented yet');
        }
        plan = planAttributeUpdate(cib, rsc, rscId, change(), value);
        break;
      }
      case 'delete-parameter':
        plan = planAttributeDelete(cib, rsc, rscId, change());
        break;
      case 'delete': {
        const type = flags['resource-type'] as string | undefined;
        if (type === undefined) throw new Failure(ExitCode.NOSUCH, 'You need to specify a resource type with -t');
        plan = { steps: [{ request: { op: 'delete', scope: 'resources', input: new XmlElement(type, { id: rscId }) } }] };
        break;
      }
      case 'ban':
      case 'move': {
        const lifetime = flags['lifetime'] as string | undefined;
        let until: string | undefined;
        if (lifetime !== undefined) {
          const duration = parseDuration(lifetime);
          if (!duration) {
            const message =
              `Invalid duration specified: ${lifetime}\n` +
              'Please refer to https://en.wikipedia.org/wiki/ISO_8601#Durations for examples of valid durations';
            return { text: '', xml: [], notices: [message], code: ExitCode.USAGE };
          }
          const now = this.now();
          until = formatTime(addDuration(timeFromEpoch(now.epoch, now.offset), duration), { date: true, timeOfDay: true, withTimezone: true });
        }
        const o = { promoted, until, force };
        if (!node) plan = planBanHere(rsc, rscId, o);
        else if (command === 'ban') plan = { steps: banSteps({ rscId, node: node.uname, promoted, until }) };
        else plan = planMove(rsc, rscId, node, cluster.nodes, o);
        break;
      }
      case 'clear':
        if (flags['expired'] === true) {
          const now = this.now();
          const filter = { rscId, node: nodeName, promoted };
          plan = { steps: expiredSteps(cib, filter, timeFromEpoch(now.epoch, now.offset), now.offset) };
        } else plan = planClear(rscId, node ? [node] : cluster.nodes, force);
        break;
      default:
        throw new Error(`not a change: ${command}`);
    }
    const before = locationIds(cib);
    const answer = await carryOut(connection, plan, quiet);
    if (command === 'clear' && answer.code === ExitCode.OK && !quiet) {
      const after = new Set(locationIds(connection.current()));
      for (const id of before) if (!after.has(id)) answer.text += `Removing constraint: ${id}\n`;
    }
    return answer;
  }
}

/** Runs a plan's steps in order, stopping at the first request that fails. */
async function carryOut(connection: CibConnection, plan: Plan, quiet: boolean): Promise<Answer> {
  const answer: Answer = { text: '', xml: [], notices: [], code: ExitCode.OK };
  for (const step of plan.steps) {
    if ('info' in step) {
      if (!quiet) answer.text += step.info + '\n';
    } else if ('err' in step) answer.notices.push(step.err);
    else {
      try {
        await connection.request(step.request);
      } catch (e) {
        if (!(e instanceof CibError)) throw e;
        if (step.missingOk && e.code === ExitCode.NOSUCH) continue;
        if (e.details.candidate) answer.notices.push(numbered(serialize(e.details.candidate)).replace(/\n$/, ''));
        return { ...answer, code: e.code };
      }
      if (step.done !== undefined && !quiet) answer.text += step.done + '\n';
    }
  }
  if (plan.failure) {
    answer.code = plan.failure.code;
    // a failure with a message of its own is a usage error: Pacemaker prints just the message
    if (plan.failure.message !== undefined) answer.error = plan.failure.message;
  }
  return answer;
}

function failureAnswer(e: unknown): Answer {
  if (e instanceof UsageError) return { text: '', xml: [], notices: [], error: e.message, code: ExitCode.USAGE };
  if (e instanceof Failure) return { text: '', xml: [], notices: [], error: e.message, code: e.code };
  throw e;
}

/** pe_find_resource_with_flags over the top-level resources. */
function findWithFlags(cluster: Cluster, id: string, flags: number): Resource | null {
  for (const r of cluster.resources) {
    const found = findInResource(r, id, flags);
    if (found) return found;
  }
  return null;
}

function attributeSet(flags: Record<string, unknown>): AttributeSet {
  // the last of --meta and --utilization given wins; Pacemaker keeps the last callback's choice
  if (flags['utilization']) return 'utilization';
  if (flags['meta']) return 'meta_attributes';
  return 'instance_attributes';
}

/** A generic result list: <list name count> with <item> elements. */
function listAnswer(name: string, items: string[], itemName: string | null): Answer {
  const list = element('list', [['name', name], ['count', items.length]]);
  for (const i of items) list.appendChild(new TextElement('item', itemName ? { name: itemName } : {}, i));
  return { text: items.map((i) => i + '\n').join(''), xml: [list], notices: [], code: ExitCode.OK };
}

function listAnswerNamed(name: string, items: [string, string][], text: string): Answer {
  const list = element('list', [['name', name], ['count', items.length]]);
  for (const [k, v] of items) list.appendChild(new TextElement('item', { name: k }, v));
  return { text, xml: [list], notices: [], code: ExitCode.OK };
}

function listResources(cluster: Cluster): Answer {
  const show = Show.InactiveRscs | Show.RscOnly | Show.Pending;
  const view = { sections: 0, show, onlyNodes: ['*'], onlyRscs: ['*'] };
  const out = new TextOutput(true);
  const printed = printResourceList(out, cluster, view, true, false);
  const xml = resourceListXml(cluster, view);
  return {
    text: out.toString(),
    xml: xml ? [xml] : [],
    notices: [],
    code: printed ? ExitCode.OK : ExitCode.NOSUCH,
  };
}

function operationsAnswer(cluster: Cluster, rscId: string | undefined, nodeName: string | undefined, activeOnly: boolean): Answer {
  const entries = findOperations(cluster, rscId, nodeName, activeOnly);
  const list = element('operations');
  for (const e of entries) list.appendChild(operationXml(cluster, e));
  return {
    text: entries.map((e) => operationDescription(cluster, e) + '\n').join(''),
    xml: entries.length > 0 ? [list] : [],
    notices: [],
    code: ExitCode.OK,
  };
}

function locateAnswer(rsc: Resource, requested: string, quiet: boolean): Answer {
  const found = searchResource(rsc, requested);
  const nodes = element('nodes', [['resource', requested]]);
  for (const f of found) nodes.appendChild(new TextElement('node', f.promoted ? { state: 'promoted' } : {}, f.node));
  const text = found.map((f) => (quiet ? `${f.node}\n` : `resource ${requested} is running on: ${f.node}${f.promoted ? ' Promoted' : ''}\n`)).join('');
  const notices = found.length === 0 && !quiet ? [`resource ${requested} is NOT running`] : [];
  return { text, xml: [nodes], notices, code: ExitCode.OK };
}

function whyAnswer(cluster: Cluster, rsc: Resource | null, node: Node | null, structured: boolean): Answer {
  const list = reasons(cluster, rsc, node);
  let text = '';
  for (const r of list) {
    const where = r.host !== undefined ? ` on host ${r.host}` : '';
    text += `Resource ${r.rsc.id} is ${r.running ? '' : 'not '}running${where}\n`;
    for (const n of r.notes) text += n + '\n';
    for (const line of checkLines(r.checks)) text += line + '\n';
  }
  if (!structured) return { text, xml: [], notices: [], code: ExitCode.OK };
  const checkXml = (c: (typeof list)[number]['checks']) =>
    element('check', [
      ['id', c.id],
      ['remain_stopped', c.remainStopped ? true : undefined],
      ['promotable', c.unpromotable ? false : undefined],
      ['unmanaged', c.unmanaged ? true : undefined],
      ['locked-to', c.lockedTo],
    ]);
  const reason = element('reason');
  if (rsc && node) {
    if (list[0]!.running) reason.setAttr('running_on', node.uname);
    reason.appendChild(checkXml(list[0]!.checks));
  } else if (rsc) {
    reason.setAttr('running', String(list[0]!.running));
    reason.appendChild(checkXml(list[0]!.checks));
  } else {
    const rscs = reason.appendChild(element('resources'));
    for (const r of list) {
      const e = rscs.appendChild(element('resource', [['id', r.rsc.id], ['running', r.running], ['host', r.host]]));
      e.appendChild(checkXml(r.checks));
    }
  }
  return { text, xml: [reason], notices: [], code: ExitCode.OK };
}

function constraintsAnswer(cluster: Cluster, rsc: Resource, recursive: boolean): Answer {
  unpackConstraints(cluster);
  const out = new TextOutput(true);
  printConstraints(out, rsc, recursive);
  return { text: out.toString(), xml: [constraintsXml(rsc, recursive)], notices: [], code: ExitCode.OK };
}

function configAnswer(rsc: Resource, raw: boolean): Answer {
  const xml = serialize(raw && rsc.origXml ? rsc.origXml : rsc.xml);
  const out = new TextOutput(false);
  printResource(out, rsc, { sections: 0, show: Show.Pending, onlyNodes: ['*'], onlyRscs: ['*'] }, Show.Pending);
  const config = element('resource_config');
  for (const c of resourceXml(rsc, { sections: 0, show: Show.Pending, onlyNodes: ['*'], onlyRscs: ['*'] }, Show.Pending)) config.appendChild(c);
  config.add('xml').appendChild(cdata(xml));
  return { text: out.toString() + 'Resource XML:\n' + xml, xml: [config], notices: [], code: ExitCode.OK };
}

function parameterAnswer(rsc: Resource, name: string, set: AttributeSet): Answer {
  const active = findActiveOn(rsc, true);
  const notices: string[] = [];
  let node = active.node;
  if (active.all > 1) {
    notices.push(`${rsc.id} is active on more than one node, returning the default value for ${name}`);
    node = null;
  }
  const value = resourceAttributes(rsc, set, node).get(name);
  if (value === undefined) {
    notices.push(`Attribute '${name}' not found for '${rsc.id}'`);
    return { text: '', xml: [], notices, code: ExitCode.OK };
  }
  return { ...listAnswerNamed('attributes', [[name, value]], `${value}\n`), notices };
}

function providersAnswer(catalog: AgentCatalog, agent: string | undefined): Answer {
  const providers = catalog.ocfProviders(agent);
  if (providers.length === 0) {
    throw new Failure(ExitCode.NOSUCH, agent !== undefined ? `No OCF providers found for ${agent}` : 'No OCF providers found');
  }
  const e = element('providers', [['standard', 'ocf'], ['agent', agent]]);
  for (const p of providers) e.appendChild(new TextElement('provider', {}, p));
  return { text: providers.map((p) => p + '\n').join(''), xml: [e], notices: [], code: ExitCode.OK };
}

function agentsAnswer(catalog: AgentCatalog, spec: string): Answer {
  const colon = spec.indexOf(':');
  const standard = colon < 0 ? spec : spec.slice(0, colon);
  const provider = colon < 0 ? undefined : spec.slice(colon + 1);
  const agents = catalog.agents(standard, provider);
  if (agents.length === 0) {
    throw new Failure(
      ExitCode.ERROR,
      provider === undefined ? `No agents found for standard '${standard}'` : `No agents found for standard '${standard}' and provider '${provider}'`,
    );
  }
  const e = element('agents', [['standard', standard], ['provider', provider]]);
  for (const a of agents) e.appendChild(new TextElement('agent', {}, a));
  return { text: agents.map((a) => a + '\n').join(''), xml: [e], notices: [], code: ExitCode.OK };
}
