/**
 * Which CIB node a node name stands for, as Pacemaker's CIB tools resolve it:
 * a cluster or remote node of <nodes> (by uname), a remote-node resource (by
 * id), a guest node (the remote-node meta attribute) or a remote node only
 * known from the status section; names compare without regard to case.
 */
import type { XmlElement } from '../cib/xml/node.js';
import { selectNodes } from '../cib/xpath/index.js';

export interface NodeRef {
  /** The id attributes are kept under (a remote node's name). */
  uuid: string;
  remote: boolean;
}

const lower = (xpathValue: string) => `translate(${xpathValue},'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')`;

export function nodeUuid(cib: XmlElement, name: string): NodeRef | undefined {
  const wanted = name.toLowerCase();
  if (wanted.includes("'")) return undefined;
  const is = (v: string) => `[${lower(v)}='${wanted}']`;
  const expr = [
    `/cib/configuration/nodes/node${is('@uname')}`,
    `/cib/configuration/resources/primitive[@class='ocf'][@provider='pacemaker'][@type='remote']${is('@id')}`,
    `/cib/configuration/resources/primitive/meta_attributes/nvpair[@name='remote-node']${is('@value')}`,
    `/cib/status/node_state[@remote_node='true']${is('@id')}`,
  ].join('|');
  const first = selectNodes(cib, expr)[0];
  if (!first) return undefined;
  let uuid: string | undefined;
  let remote = true;
  switch (first.name) {
    case 'node':
      remote = first.attr('type')?.toLowerCase() === 'remote';
      uuid = remote ? first.attr('uname') : first.id;
      break;
    case 'primitive':
      uuid = first.id;
      break;
    case 'nvpair':
      uuid = first.attr('value');
      break;
    default:
      uuid = first.attr('uname');
      remote = /^(true|yes|on|y|1)$/i.test(first.attr('remote_node') ?? '');
  }
  return uuid === undefined ? undefined : { uuid, remote };
}
