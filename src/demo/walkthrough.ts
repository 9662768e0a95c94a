/**
 * The demo, for now: a walk through a sample CIB with the tools, on files in
 * a scratch folder. Each step is a tool call as a user would type it; steps
 * whose tool pacer does not have yet are skipped, so the walk grows as the
 * tools arrive. When the daemon exists, this becomes the local demo cluster.
 */

export interface DemoStep {
  /** What the step shows, printed before it. */
  say: string;
  /** The tool and its arguments. */
  argv: string[];
  /** Environment beyond the demo's own (CIB_file, CIB_shadow_dir). */
  env?: Record<string, string>;
  /** Write the step's standard output to this file (in the scratch folder) instead of showing it. */
  stdoutTo?: string;
  /** Exit codes that are part of the story (crm_diff exits 1 when there are differences). */
  expect?: number[];
}

const shadow = { CIB_shadow: 'demo' };

export const WALKTHROUGH: DemoStep[] = [
  { say: 'Start from an empty configuration', argv: ['cibadmin', '--empty'], stdoutTo: 'cib.xml' },
  { say: 'Make a shadow copy to work in', argv: ['crm_shadow', '--batch', '--create', 'demo'] },
  { say: 'Add two nodes', argv: ['cibadmin', '--create', '--scope', 'nodes', '--xml-text', '<node id="1" uname="alpha"/>'], env: shadow },
  { say: '', argv: ['cibadmin', '--create', '--scope', 'nodes', '--xml-text', '<node id="2" uname="beta"/>'], env: shadow },
  {
    say: 'Switch fencing off for the demo',
    argv: [
      'cibadmin',
      '--create',
      '--scope',
      'crm_config',
      '--xml-text',
      '<cluster_property_set id="options"><nvpair id="options-stonith-enabled" name="stonith-enabled" value="false"/></cluster_property_set>',
    ],
    env: shadow,
  },
  {
    say: 'Add a web service: an address and a server, grouped',
    argv: [
      'cibadmin',
      '--create',
      '--scope',
      'resources',
      '--xml-text',
      '<group id="web"><primitive id="web-ip" class="ocf" provider="heartbeat" type="IPaddr2">' +
        '<instance_attributes id="web-ip-params"><nvpair id="web-ip-ip" name="ip" value="192.0.2.10"/></instance_attributes>' +
        '<operations><op id="web-ip-monitor" name="monitor" interval="10s"/></operations></primitive>' +
        '<primitive id="web-server" class="ocf" provider="heartbeat" type="apache"/></group>',
    ],
    env: shadow,
  },
  {
    say: 'Prefer node alpha for it',
    argv: ['cibadmin', '--create', '--scope', 'constraints', '--xml-text', '<rsc_location id="web-prefers-alpha" rsc="web" node="alpha" score="100"/>'],
    env: shadow,
  },
  { say: 'Where are the primitives?', argv: ['cibadmin', '--query', '--xpath', '//primitive', '--node-path'], env: shadow },
  { say: 'Change the address', argv: ['cibadmin', '--modify', '--xml-text', '<nvpair id="web-ip-ip" value="192.0.2.20"/>'], env: shadow },
  { say: 'The version moved with each change', argv: ['cibadmin', '--query', '--xpath', '/cib', '--no-children'], env: shadow },
  { say: 'What the shadow changes, compared with cib.xml', argv: ['crm_shadow', '--diff'], env: shadow, expect: [0, 1] },
  { say: 'The same as a patchset', argv: ['crm_diff', '--original', 'cib.xml', '--new', 'shadow.demo'], expect: [0, 1] },
  { say: 'Check the configuration', argv: ['crm_verify', '--xml-file', 'shadow.demo'], expect: [0, 1] },
  { say: 'Adding what is already there is refused', argv: ['cibadmin', '--create', '--scope', 'resources', '--xml-text', '<group id="web"/>'], env: shadow, expect: [108] },
  { say: 'Commit the shadow to cib.xml', argv: ['crm_shadow', '--commit', 'demo', '--force'] },
  { say: 'The resources now in cib.xml', argv: ['cibadmin', '--query', '--scope', 'resources'] },
];
