/**
 * Resources: resources-1.0, -1.2, -1.3, -2.7, -2.8, -2.9, -2.10, -3.0,
 * -3.1, -3.2, -3.4, -3.5, -3.7, -3.9.
 */
import {
  attribute,
  choice,
  data,
  element,
  group,
  interleave,
  oneOrMore,
  optional,
  value,
  values,
  zeroOrMore,
  type Grammar,
  type Pattern,
} from '../rng/pattern.js';
import { ID, IDREF, since, TEXT, type Version } from './common.js';
import { nvset, nvsetWith } from './nvset.js';

function nvsetVersion(v: Version): Version {
  for (const n of ['3.9', '3.5', '3.4', '3.0', '2.9', '1.3']) if (since(v, n)) return n;
  return '1.0';
}

const OLD_CLASSES = ['lsb', 'heartbeat', 'stonith', 'upstart'];
const CLASSES = [...OLD_CLASSES, 'service', 'systemd', 'nagios'];

/** Meta-attributes of primitives and templates that 3.x no longer accepts. */
const UNSUPPORTED_RESOURCE_META = ['isolation', 'isolation-host', 'isolation-instance', 'isolation-wrapper'];
const UNSUPPORTED_RESOURCE_INSTANCE = [
  'pcmk_arg_map',
  'pcmk_list_cmd',
  'pcmk_monitor_cmd',
  'pcmk_off_cmd',
  'pcmk_on_cmd',
  'pcmk_reboot_cmd',
  'pcmk_status_cmd',
];
const UNSUPPORTED_OP_INSTANCE = ['interval-origin', 'start-delay', 'enabled', 'on-fail', 'record-pending', 'role', 'timeout', 'requires'];

const opt = (name: string, content?: Pattern) => optional(attribute(name, content ?? TEXT()));
const int = () => data('integer');

function nameExcept(names: string[]): Pattern[] {
  return [attribute('name', data('string', { except: [values(...names)] }))];
}

export function resourcesFile(v: Version) {
  return (g: Grammar) => {
    const nv = nvsetVersion(v);
    const v30 = since(v, '3.0');
    const utilization = () => zeroOrMore(element('utilization', nvset(nv)));
    const extraFor = (name: string) => g.ref(v30 ? name : 'element-resource-extra');
    const resourceClass = (classes: string[]) =>
      since(v, '2.7')
        ? g.ref('element-resource-class')
        : choice(group(attribute('class', value('ocf')), attribute('provider', TEXT())), attribute('class', values(...classes)));

    g.define('element-resources', () => [
      element(
        'resources',
        zeroOrMore(
          choice(
            g.ref('element-primitive'),
            ...(since(v, '1.2') ? [g.ref('element-template')] : []),
            g.ref('element-group'),
            g.ref('element-clone'),
            g.ref('element-master'),
            ...(since(v, '2.8') ? [g.ref('element-bundle')] : []),
          ),
        ),
      ),
    ]);

    if (v30) {
      g.define('primitive-template.meta_attributes.nvpair.name-unsupported', () => nameExcept(UNSUPPORTED_RESOURCE_META));
      if (!since(v, '3.1')) {
        g.define('primitive-template.instance_attributes.nvpair.name-unsupported', () => nameExcept(UNSUPPORTED_RESOURCE_INSTANCE));
      }
      g.define('element-resource-extra.primitive-template', () => [
        zeroOrMore(
          choice(
            element(
              'meta_attributes',
              ...nvsetWith(nv, { 'element-nvset.name': () => [g.parentRef('primitive-template.meta_attributes.nvpair.name-unsupported')] }),
            ),
            element(
              'instance_attributes',
              ...(since(v, '3.1')
                ? [nvset(nv)]
                : nvsetWith(nv, {
                    'element-nvset.name': () => [g.parentRef('primitive-template.instance_attributes.nvpair.name-unsupported')],
                  })),
            ),
          ),
        ),
      ]);
    }

    if (since(v, '1.2')) {
      g.define('element-primitive', () => [
        element(
          'primitive',
          interleave(
            attribute('id', ID()),
            choice(group(resourceClass(CLASSES), attribute('type', TEXT())), attribute('template', IDREF())),
            opt('description'),
            extraFor('element-resource-extra.primitive-template'),
            g.ref('element-operations'),
            utilization(),
          ),
        ),
      ]);
      g.define('element-template', () => [
        element(
          'template',
          interleave(
            attribute('id', ID()),
            resourceClass(OLD_CLASSES),
            attribute('type', TEXT()),
            opt('description'),
            extraFor('element-resource-extra.primitive-template'),
            g.ref('element-operations'),
            utilization(),
          ),
        ),
      ]);
    } else {
      g.define('element-primitive', () => [
        element(
          'primitive',
          interleave(
            attribute('id', ID()),
            choice(group(attribute('class', value('ocf')), attribute('provider', TEXT())), attribute('class', values(...OLD_CLASSES))),
            attribute('type', TEXT()),
            opt('description'),
            g.ref('element-resource-extra'),
            g.ref('element-operations'),
          ),
        ),
      ]);
    }

    if (since(v, '2.8')) {
      const container = (name: string) =>
        element(
          name,
          attribute('image', TEXT()),
          opt('replicas', int()),
          opt('replicas-per-host', int()),
          v30 ? optional(choice(attribute('masters', int()), attribute('promoted-max', int()))) : opt('masters', int()),
          opt('run-command'),
          opt('network'),
          opt('options'),
        );
      g.define('element-bundle', () => [
        element(
          'bundle',
          interleave(
            attribute('id', ID()),
            opt('description'),
            g.ref('element-resource-extra'),
            choice(
              container('docker'),
              ...(since(v, '2.10') ? [container('rkt')] : []),
              ...(since(v, '3.2') ? [container('podman')] : []),
            ),
            optional(
              element(
                'network',
                opt('ip-range-start'),
                opt('control-port', int()),
                opt('host-interface'),
                opt('host-netmask', int()),
                ...(v30 ? [opt('add-host', data('boolean'))] : []),
                zeroOrMore(
                  element(
                    'port-mapping',
                    attribute('id', ID()),
                    choice(
                      group(attribute('port', int()), opt('internal-port', int())),
                      attribute('range', data('string', { pattern: '([0-9\\-]+)' })),
                    ),
                  ),
                ),
              ),
            ),
            optional(
              element(
                'storage',
                zeroOrMore(
                  element(
                    'storage-mapping',
                    attribute('id', ID()),
                    choice(attribute('source-dir', TEXT()), attribute('source-dir-root', TEXT())),
                    attribute('target-dir', TEXT()),
                    opt('options'),
                  ),
                ),
              ),
            ),
            optional(g.ref('element-primitive')),
          ),
        ),
      ]);
    }

    g.define('element-group', () => [
      element(
        'group',
        attribute('id', ID()),
        opt('description'),
        interleave(g.ref('element-resource-extra'), oneOrMore(g.ref('element-primitive'))),
      ),
    ]);
    for (const name of ['clone', 'master']) {
      g.define(`element-${name}`, () => [
        element(
          name,
          attribute('id', ID()),
          opt('description'),
          interleave(g.ref('element-resource-extra'), choice(g.ref('element-primitive'), g.ref('element-group'))),
        ),
      ]);
    }
    g.define('element-resource-extra', () => [
      zeroOrMore(choice(element('meta_attributes', nvset(nv)), element('instance_attributes', nvset(nv)))),
    ]);

    if (v30) {
      g.define('op.meta_attributes.nvpair.name-unsupported', () => nameExcept(['requires']));
      if (!since(v, '3.1')) g.define('op.instance_attributes.nvpair.name-unsupported', () => nameExcept(UNSUPPORTED_OP_INSTANCE));
      g.define('element-resource-extra.op', () => [
        zeroOrMore(
          choice(
            element('meta_attributes', ...nvsetWith(nv, { 'element-nvset.name': () => [g.parentRef('op.meta_attributes.nvpair.name-unsupported')] })),
            element(
              'instance_attributes',
              ...(since(v, '3.1')
                ? [nvset(nv)]
                : nvsetWith(nv, { 'element-nvset.name': () => [g.parentRef('op.instance_attributes.nvpair.name-unsupported')] })),
            ),
          ),
        ),
      ]);
    }

    const roles = since(v, '3.7') ? ['Stopped', 'Started', 'Promoted', 'Unpromoted', 'Slave', 'Master'] : ['Stopped', 'Started', 'Slave', 'Master'];
    const onFail = [
      'ignore',
      'block',
      ...(since(v, '3.4') ? ['demote'] : []),
      'stop',
      'restart',
      'standby',
      'fence',
      ...(since(v, '1.2') ? ['restart-container'] : []),
    ];
    g.define('element-operations', () => [
      optional(
        element(
          'operations',
          opt('id', ID()),
          opt('id-ref', IDREF()),
          zeroOrMore(
            element(
              'op',
              attribute('id', ID()),
              attribute('name', TEXT()),
              attribute('interval', TEXT()),
              opt('description'),
              optional(choice(attribute('start-delay', TEXT()), attribute('interval-origin', TEXT()))),
              opt('timeout'),
              opt('enabled', data('boolean')),
              opt('record-pending', data('boolean')),
              opt('role', values(...roles)),
              ...(v30 ? [] : [opt('requires', values('nothing', 'quorum', 'fencing', ...(since(v, '1.3') ? ['unfencing'] : [])))]),
              opt('on-fail', values(...onFail)),
              extraFor('element-resource-extra.op'),
            ),
          ),
        ),
      ),
    ]);
    if (since(v, '2.7')) {
      g.define('element-resource-class', () => [
        choice(group(attribute('class', value('ocf')), attribute('provider', TEXT())), attribute('class', values(...CLASSES))),
      ]);
    }
    return () => [g.ref('element-resources')];
  };
}
