/**
 * Seeded random pacemaker-2.10 CIBs full of what the 2.x → 3.0 upgrade
 * rewrites: old cluster option names and options that move to the
 * defaults, node types, fencing parameters, isolation and failure
 * stickiness meta-attributes, operations with "requires" and with options
 * given as instance attributes, colocations with score-attribute, sets with
 * rules, sets referenced with id-ref (sometimes across kinds, which the
 * upgrade's first pass refuses), comments everywhere. Some come out invalid
 * for 2.10 (score-attribute-mangle), which tests that path too.
 */

export function generate2x(seed: number): string {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const chance = (p: number) => rnd() < p;
  const count = (n: number) => Math.floor(rnd() * n);
  let id = 0;
  const nid = (p: string) => `${p}${++id}`;
  const comment = () => (chance(0.15) ? `<!-- c${++id} -->` : '');
  const rule = () =>
    `<rule id="${nid('rule')}" score="INFINITY"><expression id="${nid('e')}" attribute="#uname" operation="eq" value="n1"/></rule>`;
  const nv = ([name, value]: readonly [string, string]) => `${comment()}<nvpair id="${nid('nv')}" name="${name}" value="${value}"/>`;
  const nvs = (n: number, names: readonly (readonly [string, string])[]) => Array.from({ length: count(n) }, () => nv(pick(names)));
  const sets: Record<string, string[]> = {};
  const set = (kind: string, items: string[], withRule = false) => {
    const sid = nid(kind.slice(0, 2));
    (sets[kind] ??= []).push(sid);
    return `<${kind} id="${sid}">${withRule ? rule() : ''}${items.join('')}${comment()}</${kind}>`;
  };
  const ref = (kind: string) => {
    const other = kind === 'meta_attributes' ? 'instance_attributes' : 'meta_attributes';
    if (chance(0.08) && sets[other]?.length) return `<${kind} id-ref="${pick(sets[other])}"/>`;
    return sets[kind]?.length ? `<${kind} id-ref="${pick(sets[kind])}"/>` : '';
  };

  const options = [
    ['stonith_enabled', 'false'],
    ['default-resource-stickiness', '100'],
    ['default_resource_stickiness', '5'],
    ['expected-quorum-votes', '2'],
    ['default-action-timeout', '60s'],
    ['default_action_timeout', '30s'],
    ['cluster-infrastructure', pick(['corosync', 'cman', 'openais'])],
    ['default-resource-failure-stickiness', pick(['-INFINITY', '10'])],
    ['is-managed-default', 'true'],
    ['no_quorum_policy', 'ignore'],
    ['symmetric-cluster', 'true'],
    ['notification-agent', '/x'],
    ['dc_deadtime', '10s'],
    ['transition_idle_timeout', '60s'],
  ] as const;
  let crm = '';
  for (let i = 0, k = 1 + count(3); i < k; i++) crm += comment() + set('cluster_property_set', nvs(5, options), chance(0.2));
  if (chance(0.2)) crm += ref('cluster_property_set');

  let nodes = '';
  for (let i = 1; i <= 2; i++) {
    const type = pick(['', ' type="normal"', ' type="member"', ' type="ping"']);
    const inner = chance(0.3) ? set('instance_attributes', [nv(['x', '1'])]) : chance(0.2) ? ref('instance_attributes') : '';
    nodes += `<node id="n${i}" uname="node${i}"${type}>${inner}</node>`;
  }

  const instance = [['pcmk_arg_map', pick(['port:vm', 'a:b', 'port:a,b'])], ['pcmk_reboot_cmd', 'r'], ['pcmk_list_cmd', 'l'], ['foo', 'bar'], ['ip', '1.2.3.4']] as const;
  const meta = [
    ['isolation', 'x'],
    ['isolation-host', 'h'],
    ['isolation-wrapper', 'w'],
    ['resource-failure-stickiness', pick(['-INFINITY', '5'])],
    ['resource_failure_stickiness', pick(['-INFINITY', '5'])],
    ['target-role', 'Started'],
    ['requires', 'quorum'],
    ['timeout', '10s'],
    ['migration-threshold', '3'],
    ['is-managed', 'true'],
  ] as const;
  const opInstance = [
    ['timeout', '20s'],
    ['role', 'Slave'],
    ['enabled', 'false'],
    ['requires', 'fencing'],
    ['on-fail', 'block'],
    ['start-delay', '1s'],
    ['interval-origin', '1'],
    ['record-pending', 'true'],
    ['foo', '1'],
    ['depth', '0'],
  ] as const;
  const opMeta = [['requires', pick(['quorum', 'fencing', 'nothing'])], ['timeout', '5s'], ['foo', 'x']] as const;

  const resource = (tag: 'primitive' | 'template') => {
    const rid = nid(tag === 'primitive' ? 'r' : 't');
    const parts: string[] = [];
    for (let i = 0, k = count(3); i < k; i++) {
      parts.push(chance(0.15) ? ref('instance_attributes') : set('instance_attributes', nvs(4, instance), chance(0.15)));
    }
    for (let i = 0, k = count(3); i < k; i++) {
      parts.push(chance(0.2) ? ref('meta_attributes') : set('meta_attributes', nvs(4, meta), chance(0.2)));
    }
    if (chance(0.8)) {
      let ops = '';
      for (let i = 0, k = count(4); i < k; i++) {
        const name = pick(['start', 'promote', 'monitor', 'stop']);
        const requires = chance(0.35) ? ` requires="${pick(['quorum', 'fencing', 'nothing'])}"` : '';
        let inner = '';
        for (let a = 0, b = count(3); a < b; a++) {
          inner += comment();
          inner += chance(0.5) ? set('instance_attributes', nvs(4, opInstance), chance(0.25)) : set('meta_attributes', nvs(3, opMeta), chance(0.25));
        }
        const interval = name === 'monitor' ? '10s' : '0';
        ops += `${comment()}<op id="${nid('op')}" name="${name}" interval="${interval}"${requires}>${inner}</op>`;
      }
      parts.push(`<operations>${ops}</operations>`);
    }
    for (let i = parts.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [parts[i], parts[j]] = [parts[j]!, parts[i]!];
    }
    const agent = tag === 'template' || chance(0.5) ? ' class="ocf" provider="pacemaker" type="Dummy"' : ' class="stonith" type="fence_xvm"';
    return { rid, xml: `<${tag} id="${rid}"${agent}>${parts.join(comment())}</${tag}>` };
  };
  let resources = '';
  const primitives: string[] = [];
  for (let i = 0, k = 1 + count(3); i < k; i++) {
    const r = resource(chance(0.15) ? 'template' : 'primitive');
    if (r.rid.startsWith('r')) primitives.push(r.rid);
    resources += chance(0.2) && r.rid.startsWith('r') ? `<group id="${nid('g')}">${r.xml}</group>` : r.xml;
  }

  let constraints = '';
  if (primitives.length >= 2 && chance(0.6)) {
    const score = pick(['', ' score-attribute="foo"', ' score-attribute="foo" score-attribute-mangle="bar"']) || ' score="INFINITY"';
    constraints += `<rsc_colocation id="${nid('col')}" rsc="${primitives[0]}" with-rsc="${primitives[1]}"${score}/>`;
  }

  const defaultsItems = [['resource-stickiness', '1'], ['timeout', '3s'], ['is-managed', 'false'], ['migration-threshold', '2'], ['x', 'y']] as const;
  let defaults = '';
  for (const d of ['rsc_defaults', 'op_defaults']) {
    if (!chance(0.35)) continue;
    let inner = '';
    for (let i = 0, k = count(3); i < k; i++) {
      inner += chance(0.15) ? ref('meta_attributes') : set('meta_attributes', nvs(3, defaultsItems), chance(0.25));
    }
    defaults += `<${d}>${inner}</${d}>`;
  }
  return (
    `<cib validate-with="pacemaker-2.10" admin_epoch="1" epoch="1" num_updates="0"><configuration>` +
    `<crm_config>${crm}</crm_config><nodes>${nodes}</nodes><resources>${resources}</resources>` +
    `<constraints>${constraints}</constraints>${defaults}</configuration><status/></cib>\n`
  );
}
