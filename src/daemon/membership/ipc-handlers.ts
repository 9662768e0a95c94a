/**
 * The membership service's IPC operations: reports for the tools
 * (crm_node, pacer quorum status, pacer membership status), crm_node
 * --remove, and process groups for local clients (a group joined over IPC
 * is left when the connection closes).
 */
import { ExitCode } from '../../cli/exit-codes.js';
import type { IpcConnection, IpcHandler } from '../ipc/server.js';
import { IpcError } from '../ipc/protocol.js';
import type { GroupHandle, MembershipService } from './service.js';

function groupName(args: Record<string, unknown>): string {
  const g = args['group'];
  if (typeof g !== 'string' || g.length === 0 || Buffer.byteLength(g) > 255) throw new IpcError(ExitCode.INVALID_PARAM, 'a group name of 1 to 255 bytes is required');
  return g;
}

export function membershipHandler(service: MembershipService): IpcHandler {
  const joined = new Map<number, Map<string, GroupHandle>>();
  const groupsOf = (conn: IpcConnection) => {
    let m = joined.get(conn.id);
    if (!m) {
      joined.set(conn.id, (m = new Map()));
      conn.onClose(() => {
        for (const h of m!.values()) h.leave();
        joined.delete(conn.id);
      });
    }
    return m;
  };
  return (op, args, conn) => {
    switch (op) {
      case 'status':
        return service.report();
      case 'quorum':
        return service.quorumReport();
      case 'nodes':
        return service.nodes();
      case 'remove-node': {
        const node = args['node'];
        if (typeof node !== 'string' || !node) throw new IpcError(ExitCode.INVALID_PARAM, 'a node name or id is required');
        return service.removeNode(node);
      }
      case 'cpg-join': {
        const group = groupName(args);
        const mine = groupsOf(conn);
        if (mine.has(group)) return {};
        mine.set(
          group,
          service.joinGroup(group, {
            onMessage: (sender, data) =>
              conn.push({ event: 'cpg-message', data: { group, sender: sender.id, inc: sender.inc, payload: Buffer.from(data).toString('base64') } }),
            onChange: (change) => conn.push({ event: 'cpg-change', data: change }),
          }),
        );
        return {};
      }
      case 'cpg-send': {
        const group = groupName(args);
        const handle = groupsOf(conn).get(group);
        if (!handle) throw new IpcError(ExitCode.INVALID_PARAM, `join group ${group} before sending to it`);
        const payload = args['payload'];
        if (typeof payload !== 'string') throw new IpcError(ExitCode.INVALID_PARAM, 'payload (base64) is required');
        handle.send(Buffer.from(payload, 'base64'));
        return {};
      }
      case 'cpg-leave': {
        const group = groupName(args);
        const mine = groupsOf(conn);
        mine.get(group)?.leave();
        mine.delete(group);
        return {};
      }
      default:
        throw new IpcError(ExitCode.UNIMPLEMENT_FEATURE, `unknown membership operation '${op}'`);
    }
  };
}
