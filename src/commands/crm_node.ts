import { optionsOf, PacerCommand } from '../cli/command.js';
import { renderHelp } from '../cli/help.js';
import { ExitCode, ToolError, UsageError } from '../cli/exit-codes.js';
import { opt, sw } from '../cli/flags.js';
import { el, jsonResult, outputFlags, outputFormat, outputSink, requestLine, xmlResult } from '../cli/output.js';
import type { XmlElement } from '../cib/xml/node.js';
import { ipcCall, IpcFailure, IpcUnavailable } from '../daemon/ipc/client.js';
import type { NodesReply } from '../daemon/membership/status/types.js';

type Command = 'cluster-id' | 'list' | 'name' | 'partition' | 'quorum' | 'name-for-id' | 'remove';
const COMMANDS: Command[] = ['cluster-id', 'list', 'name', 'partition', 'quorum', 'name-for-id', 'remove'];

interface Answer {
  text: string;
  xml: XmlElement[];
  json: unknown;
  code: number;
}

/** Pacemaker sorts node names with numbers compared as numbers, ignoring case. */
function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name, 'en', { numeric: true, sensitivity: 'base' });
}

export default class CrmNode extends PacerCommand {
  static override id = 'crm_node';
  static override summary = 'crm_node - Tool for displaying low-level node information';
  static override flags = {
    'cluster-id': sw('i', "Display this node's cluster id", { group: 'Commands' }),
    list: sw('l', 'Display all known members (past and present) of this cluster', { group: 'Commands' }),
    name: sw('n', 'Display the name used by the cluster for this node', { group: 'Commands' }),
    partition: sw('p', 'Display the members of this partition', { group: 'Commands' }),
    quorum: sw('q', 'Display a 1 if our partition has quorum, 0 if not', { group: 'Commands' }),
    'name-for-id': opt('N', 'ID', 'Display the name used by the cluster for the node with the specified ID', { group: 'Commands' }),
    remove: opt('R', 'NAME', '(Advanced) Remove the (stopped) node with the specified name or ID from the caches and the CIB; needs --force', {
      group: 'Commands',
    }),
    force: sw('f', 'Confirm a dangerous command such as --remove', { group: 'Additional Options' }),
    quiet: sw('Q', 'Be less descriptive in output.'),
    ...outputFlags(),
  };
  static override exitCodes = [ExitCode.DISCONNECT, ExitCode.QUORUM, ExitCode.NOHOST];
  static override pacerExamples = [
    { description: 'List every node the cluster knows, with its id and state:', command: 'crm_node -l' },
    { description: "Print this node's name, as resource agents do:", command: 'crm_node -n' },
    { description: 'Exit with 0 if this partition has quorum:', command: 'crm_node -q' },
    { description: 'Forget a node that was removed from corosync.conf:', command: 'crm_node --force -R node4' },
  ];

  async exec(): Promise<number> {
    const { flags } = await this.parse(CrmNode, this.argv);
    const format = outputFormat(flags);
    const write = outputSink(this.ctx, flags);
    const request = requestLine('crm_node', this.rawArgs);
    // GLib callbacks: the last command given wins
    const command = [...this.order].reverse().find((o): o is Command => COMMANDS.includes(o as Command));
    if (!command) {
      this.ctx.err(renderHelp(CrmNode, optionsOf(CrmNode), true));
      return ExitCode.USAGE;
    }
    try {
      if (command === 'remove' && !flags.force) {
        throw new UsageError(
          'The supplied command is considered dangerous.  To prevent accidental destruction of the cluster, the --force flag is required in order to proceed.',
        );
      }
      const answer = await this.answer(command, flags);
      if (format === 'xml') write(xmlResult(request, answer.xml, answer.code));
      else if (format === 'json') write(jsonResult(request, answer.json, answer.code));
      else write(answer.text);
      return answer.code;
    } catch (e) {
      const [code, message] = this.failure(e);
      if (format === 'xml') write(xmlResult(request, [], code, [`crm_node: ${message}`]));
      else if (format === 'json') write(jsonResult(request, undefined, code, [`crm_node: ${message}`]));
      else this.ctx.err(`error: ${message}\n`);
      return code;
    }
  }

  private failure(e: unknown): [number, string] {
    if (e instanceof IpcUnavailable) return [ExitCode.DISCONNECT, `Could not connect to controller: ${e.reason}`];
    if (e instanceof IpcFailure) return [e.code, e.message];
    if (e instanceof ToolError) return [e.code, e.message];
    throw e;
  }

  private async answer(command: Command, flags: { 'name-for-id'?: string; remove?: string }): Promise<Answer> {
    const env = this.ctx.env;
    // Resource agents run with their node's name in the environment; no daemon needed.
    const agentNode = env['OCF_RESKEY_CRM_meta_on_node'];
    if (command === 'name' && agentNode) return nameAnswer(0, agentNode);
    if (command === 'remove') {
      const removed = await ipcCall<{ id: number; name: string }>(env, 'membership', 'remove-node', { node: flags.remove! });
      return { text: '', xml: [], json: { removed }, code: ExitCode.OK };
    }
    const reply = await ipcCall<NodesReply>(env, 'membership', 'nodes');
    const nodes = [...reply.nodes].sort(byName);
    switch (command) {
      case 'cluster-id':
        return { text: `${reply.local.id}\n`, xml: [el('node-info', { nodeid: reply.local.id })], json: { nodeid: reply.local.id }, code: ExitCode.OK };
      case 'name':
        return nameAnswer(reply.local.id, reply.local.name);
      case 'name-for-id': {
        const id = Number(flags['name-for-id']);
        const node = reply.nodes.find((n) => n.id === id);
        if (!node) throw new ToolError(ExitCode.NOHOST, 'Node is not known to cluster');
        return nameAnswer(node.id, node.name);
      }
      case 'quorum':
        return {
          text: `${reply.quorate ? 1 : 0}\n`,
          xml: [el('cluster-info', { quorum: reply.quorate })],
          json: { quorum: reply.quorate },
          code: reply.quorate ? ExitCode.OK : ExitCode.QUORUM,
        };
      case 'list':
      case 'partition': {
        const shown = command === 'list' ? nodes : nodes.filter((n) => n.state === 'member');
        const list = el('nodes', {});
        for (const n of shown) list.appendChild(el('node', { id: n.id, name: n.name, state: n.state }));
        const text = command === 'list' ? shown.map((n) => `${n.id} ${n.name} ${n.state}\n`).join('') : shown.map((n) => `${n.name} `).join('') + '\n';
        return { text, xml: [list], json: { nodes: shown }, code: ExitCode.OK };
      }
    }
  }
}

function nameAnswer(id: number, name: string): Answer {
  return { text: `${name}\n`, xml: [el('node-info', { nodeid: id, uname: name })], json: { nodeid: id, uname: name }, code: ExitCode.OK };
}
