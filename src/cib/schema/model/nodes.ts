/** Cluster nodes: nodes-1.0, -1.2, -1.3, -2.9, -3.0, -3.4, -3.5, -3.9. */
import { attribute, choice, element, optional, values, zeroOrMore, type Grammar } from '../rng/pattern.js';
import { since, TEXT, type Version } from './common.js';
import { nvset } from './nvset.js';
import { score } from './score.js';

function nvsetVersion(v: Version): Version {
  return since(v, '1.3') ? v : '1.0';
}

function nodeTypes(v: Version) {
  if (since(v, '3.0')) return values('member', 'ping', 'remote');
  if (since(v, '1.3')) return values('normal', 'member', 'ping', 'remote');
  return values('normal', 'member', 'ping');
}

export function nodesFile(v: Version) {
  return (g: Grammar) => {
    const nv = nvsetVersion(v);
    g.define('element-nodes', () => [
      element(
        'nodes',
        zeroOrMore(
          element(
            'node',
            attribute('id', TEXT()),
            attribute('uname', TEXT()),
            ...(since(v, '1.2')
              ? [
                  optional(attribute('type', nodeTypes(v))),
                  optional(attribute('description', TEXT())),
                  optional(score()),
                  zeroOrMore(choice(element('instance_attributes', nvset(nv)), element('utilization', nvset(nv)))),
                ]
              : [
                  attribute('type', nodeTypes(v)),
                  optional(attribute('description', TEXT())),
                  zeroOrMore(element('instance_attributes', nvset(nv))),
                ]),
          ),
        ),
      ),
    ]);
    return () => [g.ref('element-nodes')];
  };
}
