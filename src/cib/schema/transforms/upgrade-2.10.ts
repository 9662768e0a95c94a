/**
 * From the 2.x series to pacemaker-3.0 (the effect of Pacemaker's
 * upgrade-2.10-enter.xsl, upgrade-2.10.xsl and upgrade-2.10-leave.xsl).
 *
 * Three passes, as Pacemaker runs them:
 * - enter: every cluster_property_set, instance_attributes or
 *   meta_attributes that only points to another one (id-ref) becomes a copy
 *   of it, under the id "_cibtr-2_<id>", with the ids inside prefixed
 *   "__cibtr-2_<id>__", so the main pass treats the copy like the original;
 * - main: the renames, moves and drops of the tables in
 *   upgrade-2.10-tables.ts, reporting each through the stylesheet's messages;
 * - leave: a copy that came out of the main pass the same as its original
 *   (ids aside) goes back to being an id-ref.
 *
 * The stylesheets have quirks that show in their results, and these are kept:
 * a renamed resource meta-attribute survives only if nothing but dropped
 * items precede it in its set; comments in resource instance/meta attribute
 * sets are repeated before the following pair; cluster options whose
 * property set has a rule are dropped, not moved to the defaults; a
 * resource meta-attribute (or instance attribute) named like an operation
 * option keeps that option from moving out of the operation's
 * instance_attributes, which drops it.
 */
import { XmlElement, cloneNode, type XmlNode } from '../../xml/node.js';
import type { UpgradeLog } from '../upgrade.js';
import {
  CLUSTER_NODE,
  CLUSTER_PROPERTIES,
  CONSTRAINTS_COLOCATION,
  RESOURCE_INSTANCE_ATTRIBUTES,
  RESOURCE_META_ATTRIBUTES,
  RESOURCE_OPERATION_INSTANCE_ATTRIBUTES,
  RESOURCES_OPERATION,
  replacementMessages,
  replacementsFor,
  type Replacement,
  type Table,
} from './upgrade-2.10-tables.js';

const WRAP = 'cibtr-2';
const ROOT_PREFIX = `_${WRAP}_`;
const SETS = new Set(['cluster_property_set', 'instance_attributes', 'meta_attributes']);

/** A stylesheet gave up (xsl:message terminate="yes"). */
export class StylesheetTerminated extends Error {}

/**
 * The three passes. A failing enter pass is skipped (with the leave pass),
 * a failing leave pass is ignored, as Pacemaker's apply_upgrade does.
 */
export function upgrade210(cib: XmlElement, log: UpgradeLog[]): XmlElement | null {
  let input = cib;
  let leave = true;
  try {
    input = enter(cib);
  } catch (e) {
    if (!(e instanceof StylesheetTerminated)) throw e;
    stylesheetMessage(log, e.message);
    log.push({ level: 'error', fn: 'log_assertion_as', text: 'apply_transformation: Triggered fatal assertion at schemas.c:939 : res != NULL' });
    log.push({ level: 'warning', fn: 'apply_upgrade', text: 'Upgrade-enter transformation upgrade-2.10-enter.xsl failed' });
    leave = false;
  }
  let upgraded: XmlElement;
  try {
    upgraded = new Main(input, log).run();
  } catch (e) {
    if (!(e instanceof StylesheetTerminated)) throw e;
    stylesheetMessage(log, e.message);
    log.push({ level: 'error', fn: 'log_assertion_as', text: 'apply_transformation: Triggered fatal assertion at schemas.c:939 : res != NULL' });
    return null;
  }
  if (!leave) return upgraded;
  try {
    return leavePass(upgraded, log);
  } catch (e) {
    if (!(e instanceof StylesheetTerminated)) throw e;
    stylesheetMessage(log, e.message);
    log.push({ level: 'error', fn: 'log_assertion_as', text: 'apply_transformation: Triggered fatal assertion at schemas.c:939 : res != NULL' });
    log.push({ level: 'warning', fn: 'apply_upgrade', text: 'Ignoring failure of post-upgrade XSL transform upgrade-2.10-leave.xsl' });
    return upgraded;
  }
}

/** An xsl:message: its label (if any) gives the level. */
export function stylesheetMessage(log: UpgradeLog[], raw: string): void {
  const m = /^(WARNING|INFO|DEBUG): /.exec(raw);
  const level = m?.[1] === 'INFO' ? 'info' : m?.[1] === 'DEBUG' ? 'debug' : 'warning';
  log.push({ level, fn: 'cib_upgrade_err', text: m ? raw.slice(m[0].length) : raw, stylesheet: raw });
}

/* ------------------------------------------------------------------ enter */

function enter(cib: XmlElement): XmlElement {
  const byNameAndId = new Map<string, XmlElement[]>();
  for (const el of cib.walk()) {
    const id = el.attrs['id'];
    if (id === undefined || !SETS.has(el.name)) continue;
    const key = `${el.name}\u0000${id}`;
    const list = byNameAndId.get(key);
    if (list) list.push(el);
    else byNameAndId.set(key, [el]);
  }
  const copy = (el: XmlElement, prefix: string): XmlElement => {
    const ref = el.attrs['id-ref'];
    if (ref !== undefined && SETS.has(el.name)) {
      const originals = byNameAndId.get(`${el.name}\u0000${ref}`) ?? [];
      if (originals.length !== 1) {
        const why = originals.length === 0 ? 'no such @id found' : 'more than one @id found';
        throw new StylesheetTerminated(`INTERNAL ERROR:${el.name}: dangling @id-ref (${ref}): ${why} within the same element class`);
      }
      const original = originals[0]!;
      const out = new XmlElement(el.name, { id: ROOT_PREFIX + ref });
      copyInto(out, original, `__${WRAP}_${ref}__`, true);
      return out;
    }
    const out = new XmlElement(el.name);
    copyInto(out, el, prefix, false);
    return out;
  };
  const copyInto = (out: XmlElement, from: XmlElement, prefix: string, skipId: boolean) => {
    for (const [k, v] of Object.entries(from.attrs)) {
      if (k === 'id') {
        if (skipId) continue;
        out.setAttr(k, from.name !== 'resource_ref' ? prefix + v : v);
      } else {
        out.setAttr(k, v);
      }
    }
    for (const c of from.children) out.appendChild(c.kind === 'element' ? copy(c, prefix) : cloneNode(c));
  };
  return copy(cib, '');
}

/* ------------------------------------------------------------------ leave */

function leavePass(cib: XmlElement, log: UpgradeLog[]): XmlElement {
  const byNameAndId = new Map<string, XmlElement[]>();
  for (const el of cib.walk()) {
    const id = el.attrs['id'];
    if (id === undefined || !SETS.has(el.name)) continue;
    const key = `${el.name}\u0000${id}`;
    const list = byNameAndId.get(key);
    if (list) list.push(el);
    else byNameAndId.set(key, [el]);
  }
  const copy = (el: XmlElement): XmlElement => {
    const id = el.attrs['id'];
    if (SETS.has(el.name) && id !== undefined && id.startsWith(ROOT_PREFIX)) {
      const ref = id.slice(ROOT_PREFIX.length);
      const originals = byNameAndId.get(`${el.name}\u0000${ref}`) ?? [];
      if (originals.length === 0) {
        stylesheetMessage(log, `DEBUG: ${el.name}: original element pointed to with @id-ref (${ref}) disappeared during upgrade`);
      } else if (originals.length > 1) {
        throw new StylesheetTerminated(
          `INTERNAL ERROR:${el.name}: found several elements that possibly were originally pointed to with @id-ref (${ref}); unexpected ambiguity`,
        );
      } else if (serializeSansIds(originals[0]!) === serializeSansIds(el)) {
        return new XmlElement(el.name, { 'id-ref': ref });
      }
    }
    const out = new XmlElement(el.name, el.attrs);
    for (const c of el.children) out.appendChild(c.kind === 'element' ? copy(c) : cloneNode(c));
    return out;
  };
  return copy(cib);
}

/** The leave stylesheet's comparison form: everything but id attributes. */
function serializeSansIds(el: XmlElement): string {
  let s = '';
  for (const [k, v] of Object.entries(el.attrs)) if (k !== 'id') s += `A(${k}=${v}),`;
  for (const c of el.children) {
    if (c.kind === 'element') s += `E(${c.name},${serializeSansIds(c)}),`;
    else if (c.kind === 'comment') s += `C(${c.text}),`;
    else s += `T(${c.text}),`;
  }
  return s;
}

/* ------------------------------------------------------------------- main */

function isNvpair(n: XmlNode | undefined): n is XmlElement {
  return n !== undefined && n.kind === 'element' && n.name === 'nvpair';
}

function hasRule(el: XmlElement): boolean {
  return el.firstElement('rule') !== undefined;
}

/** The comments (and text) right before an element, back to the previous element. */
function precedingSpace(el: XmlElement): XmlNode[] {
  const siblings = el.parent?.children ?? [];
  const i = siblings.indexOf(el);
  let j = i;
  while (j > 0 && siblings[j - 1]!.kind !== 'element') j--;
  return siblings.slice(j, i).map(cloneNode);
}

function nvName(nv: XmlElement): string {
  return nv.attrs['name'] ?? '';
}

function nvValue(nv: XmlElement): string {
  return nv.attrs['value'] ?? '';
}

/** The single replacement that applies (the stylesheet's $Replacement). */
function replacement(table: Table, name: string, value: string): Replacement | undefined {
  const found = replacementsFor(table, name, value, true);
  if (found.length > 1) {
    throw new StylesheetTerminated(`INTERNAL ERROR: ${table.msgPrefix}: count($Replacement) != 1 does not hold (${found.length})`);
  }
  return found[0];
}

/** A pair with its name (and maybe value) changed, attributes in place. */
function renamed(nv: XmlElement, r: Replacement): XmlElement {
  const out = new XmlElement('nvpair');
  for (const [k, v] of Object.entries(nv.attrs)) {
    if (k === 'name') out.setAttr(k, r.with);
    else if (k === 'value' && r.redefinedAs) out.setAttr(k, r.redefinedAs);
    else if (k === 'value' && r.inCaseOfDroppablePrefix) {
      const at = v.indexOf(r.inCaseOfDroppablePrefix);
      out.setAttr(k, at < 0 ? '' : v.slice(at + r.inCaseOfDroppablePrefix.length));
    } else out.setAttr(k, v);
  }
  return out;
}

function shallowCopy(el: XmlElement, except?: string, name = el.name): XmlElement {
  const out = new XmlElement(name);
  for (const [k, v] of Object.entries(el.attrs)) if (k !== except) out.setAttr(k, v);
  return out;
}

/**
 * Whether a resource's instance or meta attribute set that keeps no pair
 * still stays. The stylesheet tests its simulated output for being empty by
 * comparing strings, and libxml2 hashes the first node of a text-less result
 * for that: when the result holds only the set's comments (no rule or other
 * element), the first comment's text makes it look non-empty.
 */
function keptForComments(set: XmlElement): boolean {
  if (set.children.some((c) => c.kind === 'element' && c.name !== 'nvpair')) return false;
  const first = set.children.find((c) => c.kind === 'comment');
  return first !== undefined && first.text.length > 0;
}

function appendAll(out: XmlElement, nodes: XmlNode[]): void {
  for (const n of nodes) out.appendChild(n);
}

class Main {
  private readonly genIds = new WeakMap<XmlElement, string>();
  private nextGenId = 0;

  constructor(
    private readonly cib: XmlElement,
    private readonly log: UpgradeLog[],
  ) {}

  run(): XmlElement {
    return this.main(this.cib) as XmlElement;
  }

  /** Appends what the default mode makes of a node (nothing if it is dropped). */
  append(out: XmlElement, node: XmlNode): void {
    const r = this.main(node);
    if (r) out.appendChild(r);
  }

  private say(table: Table, r: Replacement | undefined, context: string | null): void {
    if (!r) return;
    for (const line of replacementMessages(table, r, context)) stylesheetMessage(this.log, line);
  }

  private genId(el: XmlElement): string {
    let id = this.genIds.get(el);
    if (id === undefined) {
      id = `idp${++this.nextGenId}`;
      this.genIds.set(el, id);
    }
    return id;
  }

  /** The stylesheet's default (identity) mode with its element templates. */
  private main(node: XmlNode): XmlNode | null {
    if (node.kind !== 'element') return cloneNode(node);
    switch (node.name) {
      case 'cib':
        return this.cibElement(node);
      case 'configuration':
        return this.configuration(node);
      case 'cluster_property_set':
        return this.clusterPropertySet(node);
      case 'rsc_colocation':
        return this.colocation(node);
      case 'node':
        return this.node(node);
      case 'primitive':
      case 'template':
        return this.primitive(node);
      default:
        return this.identity(node);
    }
  }

  private identity(el: XmlElement): XmlElement {
    const out = new XmlElement(el.name, el.attrs);
    this.mainChildren(out, el.children);
    return out;
  }

  private mainChildren(out: XmlElement, children: XmlNode[]): void {
    for (const c of children) this.append(out, c);
  }

  private cibElement(el: XmlElement): XmlElement {
    const out = new XmlElement(el.name, el.attrs);
    out.setAttr('validate-with', 'pacemaker-3.0');
    this.mainChildren(out, el.children);
    return out;
  }

  /* ---------------------------------------------- cluster properties */

  private clusterPropertyReplacement(nv: XmlElement): Replacement | undefined {
    return replacement(CLUSTER_PROPERTIES, nvName(nv), nvValue(nv));
  }

  private clusterPropertySet(set: XmlElement): XmlElement | null {
    let kept = false;
    for (const nv of set.elements('nvpair')) {
      const r = this.clusterPropertyReplacement(nv);
      this.say(CLUSTER_PROPERTIES, r, nv.attrs['id'] ?? null);
      if (!r || (r.with && r.where === undefined)) kept = true;
    }
    if (!kept) return null;
    const out = shallowCopy(set);
    for (const c of set.children) {
      if (c.kind !== 'element') continue;
      if (c.name !== 'nvpair') {
        this.append(out, c);
        continue;
      }
      const r = this.clusterPropertyReplacement(c);
      if (r && (!r.with || r.where !== undefined)) continue;
      appendAll(out, precedingSpace(c));
      out.appendChild(r ? renamed(c, r) : this.identity(c));
    }
    return out;
  }

  /**
   * The cluster options that move to op_defaults or rsc_defaults, from the
   * property sets without rules, unless the defaults' first sets without
   * rules define them already.
   */
  private movedToDefaults(configuration: XmlElement, variant: 'op_defaults' | 'rsc_defaults'): XmlNode[] {
    const targets = configuration
      .elements()
      .filter((e) => e.name === variant)
      .flatMap((d) => d.elements('meta_attributes').filter((m) => !hasRule(m)));
    const out: XmlNode[] = [];
    for (const crm of configuration.elements('crm_config')) {
      for (const set of crm.elements('cluster_property_set')) {
        if (hasRule(set)) continue;
        for (const nv of set.elements('nvpair')) {
          const r = this.clusterPropertyReplacement(nv);
          if (!r || r.where !== variant) continue;
          if (targets.some((m) => m.elements('nvpair').some((p) => p.attrs['name'] === r.with))) continue;
          out.push(...precedingSpace(nv), renamed(nv, r));
        }
      }
    }
    return out;
  }

  private configuration(el: XmlElement): XmlElement {
    const moved = {
      op_defaults: this.movedToDefaults(el, 'op_defaults'),
      rsc_defaults: this.movedToDefaults(el, 'rsc_defaults'),
    };
    const out = shallowCopy(el);
    for (const c of el.children) {
      if (c.kind === 'element' && (c.name === 'op_defaults' || c.name === 'rsc_defaults')) {
        const defaults = shallowCopy(c);
        let first = true;
        for (const d of c.children) {
          if (d.kind !== 'element') {
            defaults.appendChild(cloneNode(d));
            continue;
          }
          const set = shallowCopy(d);
          this.mainChildren(set, d.children);
          if (d.name === 'meta_attributes' && !hasRule(d) && first) {
            first = false;
            // a fresh copy for each placement (the nodes were computed once)
            appendAll(set, moved[c.name].map(cloneNode));
          }
          defaults.appendChild(set);
        }
        out.appendChild(defaults);
        continue;
      }
      this.append(out, c);
    }
    for (const variant of ['op_defaults', 'rsc_defaults'] as const) {
      if (el.firstElement(variant) || moved[variant].every((n) => n.kind !== 'element')) continue;
      const defaults = out.add(variant);
      const set = defaults.add('meta_attributes', { id: variant === 'op_defaults' ? '_2TO3_-op-defaults' : '_2TO3_-rsc-defaults' });
      appendAll(set, moved[variant]);
    }
    return out;
  }

  /* -------------------------------------------- nodes, colocations */

  private node(el: XmlElement): XmlElement {
    const out = new XmlElement(el.name);
    for (const [k, v] of Object.entries(el.attrs)) {
      const r = replacement(CLUSTER_NODE, k, v);
      this.say(CLUSTER_NODE, r, `${el.attrs['uname'] ?? ''} (id=${el.attrs['id'] ?? ''})`);
      if (r && !r.with) continue;
      if (r) out.setAttr(r.with, r.redefinedAs ?? v);
      else out.setAttr(k, v);
    }
    this.mainChildren(out, el.children);
    return out;
  }

  private colocation(el: XmlElement): XmlElement {
    const out = new XmlElement(el.name);
    for (const [k, v] of Object.entries(el.attrs)) {
      const r = CONSTRAINTS_COLOCATION.replace.find((x) => x.what === k);
      this.say(CONSTRAINTS_COLOCATION, r, el.attrs['id'] ?? null);
      if (r && !r.with) continue;
      out.setAttr(r ? r.with : k, v);
    }
    this.mainChildren(out, el.children);
    return out;
  }

  /* ------------------------------------------------------ resources */

  private primitive(el: XmlElement): XmlElement {
    const out = new XmlElement(el.name, el.attrs);
    const rsc = new Resource(this, el);
    for (const c of el.children) {
      if (c.kind !== 'element') {
        out.appendChild(cloneNode(c));
      } else if (c.name === 'operations') {
        const ops = shallowCopy(c);
        for (const o of c.children) {
          if (o.kind === 'element' && o.name === 'op') ops.appendChild(rsc.op(o));
          else this.append(ops, o);
        }
        out.appendChild(ops);
      } else if (c.name === 'instance_attributes') {
        const r = this.rscInstanceAttributes(c);
        if (r) out.appendChild(r);
      } else if (c.name === 'meta_attributes') {
        const r = this.rscMetaAttributes(c);
        if (r) out.appendChild(r);
      } else {
        this.append(out, c);
      }
    }
    rsc.finish(out);
    return out;
  }

  private rscInstanceReplacement(nv: XmlElement): Replacement | undefined {
    return replacement(RESOURCE_INSTANCE_ATTRIBUTES, nvName(nv), nvValue(nv));
  }

  private rscInstanceAttributes(set: XmlElement): XmlElement | null {
    let kept = false;
    for (const nv of set.elements('nvpair')) {
      const r = this.rscInstanceReplacement(nv);
      this.say(RESOURCE_INSTANCE_ATTRIBUTES, r, nv.attrs['id'] ?? null);
      if (!r || r.with) kept = true;
    }
    if (!kept && !keptForComments(set)) return null;
    const out = shallowCopy(set);
    for (const c of set.children) {
      if (!isNvpair(c)) {
        this.append(out, c);
        continue;
      }
      const r = this.rscInstanceReplacement(c);
      if (r && !r.with) continue;
      appendAll(out, precedingSpace(c));
      out.appendChild(r ? renamed(c, r) : this.identity(c));
    }
    return out;
  }

  private rscMetaReplacement(nv: XmlElement): Replacement | undefined {
    return replacement(RESOURCE_META_ATTRIBUTES, nvName(nv), nvValue(nv));
  }

  /** The simulated output of a resource's meta_attributes (the stylesheet's de-duplication key). */
  private rscMetaSimulation(set: XmlElement): string {
    let s = '';
    for (const nv of set.elements('nvpair')) {
      const r = this.rscMetaReplacement(nv);
      if (!r) s += ' ';
      else if (r.with) s += `${this.genId(nv)}@${r.with} `;
    }
    return s;
  }

  private rscMetaAttributes(set: XmlElement): XmlElement | null {
    let kept = false;
    const context = `${set.parent?.attrs['id'] ?? ''} (meta=${set.attrs['id'] ?? ''})`;
    for (const nv of set.elements('nvpair')) {
      const r = this.rscMetaReplacement(nv);
      this.say(RESOURCE_META_ATTRIBUTES, r, context);
      if (!r || r.with) kept = true;
    }
    if (!kept && !keptForComments(set)) return null;
    const out = shallowCopy(set);
    for (const c of set.children) {
      if (!isNvpair(c)) {
        this.append(out, c);
        continue;
      }
      const r = this.rscMetaReplacement(c);
      if (r && !r.with) continue;
      if (r) {
        const siblings = set.parent ? set.parent.elements('meta_attributes') : [set];
        const scope = siblings.slice(siblings.indexOf(set)).filter((m) => !hasRule(m));
        const sim = scope.map((m) => this.rscMetaSimulation(m)).join('');
        const at = sim.indexOf(`@${r.with}`);
        const before = at < 0 ? '' : sim.slice(0, at);
        if (sim.includes(`${r.with} `) && before !== this.genId(c)) continue;
      }
      appendAll(out, precedingSpace(c));
      out.appendChild(r ? renamed(c, r) : this.identity(c));
    }
    return out;
  }


  mainOf(node: XmlNode): XmlNode | null {
    return this.main(node);
  }

  identityOf(el: XmlElement): XmlElement {
    return this.identity(el);
  }

  sayFor(table: Table, r: Replacement | undefined, context: string | null): void {
    this.say(table, r, context);
  }
}

/**
 * What happens to one primitive's (or template's) operations: "requires"
 * moves from start/promote operations to the resource's meta-attributes,
 * operation options given as instance attributes become meta-attributes.
 */
class Resource {
  private readonly ops: XmlElement[];
  private readonly metaNames: Set<string>;
  private readonly memoMeta = new Map<XmlElement, boolean>();
  private readonly memoIa = new Map<XmlElement, string>();
  private readonly opRequires = new Map<XmlElement, boolean>();

  constructor(
    private readonly m: Main,
    private readonly rsc: XmlElement,
  ) {
    this.ops = rsc.elements('operations').flatMap((o) => o.elements('op'));
    this.metaNames = new Set(
      rsc
        .elements('meta_attributes')
        .filter((s) => !hasRule(s))
        .flatMap((s) => s.elements('nvpair').map(nvName)),
    );
  }

  private opName(op: XmlElement): string {
    return op.attrs['name'] ?? '';
  }

  private context(op: XmlElement, set?: XmlElement): string {
    const meta = set ? `, meta=${set.attrs['id'] ?? ''}` : '';
    return `${op.attrs['id'] ?? ''} (rsc=${this.rsc.attrs['id'] ?? ''}${meta})`;
  }

  /* ------------------------------------- op/@requires to the resource */

  private opAttrReplacement(op: XmlElement, name: string): Replacement | undefined {
    return replacement(RESOURCES_OPERATION, name, this.opName(op));
  }

  /** Whether this operation's own @requires moves to the resource (the last such operation wins). */
  private opRequiresMoves(op: XmlElement): boolean {
    let v = this.opRequires.get(op);
    if (v !== undefined) return v;
    v = false;
    if ('requires' in op.attrs) {
      const r = this.opAttrReplacement(op, 'requires');
      if (r?.where === 'meta_attributes' && !this.metaNames.has(r.with)) {
        const following = (op.parent?.elements('op') ?? []).filter((_, i, all) => i > all.indexOf(op));
        v = !following.some((f) => this.opRequiresMoves(f));
      }
    }
    this.opRequires.set(op, v);
    return v;
  }

  /** The stylesheet's SimulateAttrOverrides for an operation's sets: "requires " if any sibling op moves its own. */
  private attrOverrides(op: XmlElement): string {
    return (op.parent?.elements('op') ?? []).some((o) => this.opRequiresMoves(o)) ? 'requires ' : '';
  }

  /* ------------------------------- op/meta_attributes "requires" pairs */

  private nonattrReplacement(nv: XmlElement): Replacement | undefined {
    const op = nv.parent?.parent;
    return replacement(RESOURCES_OPERATION, nvName(nv), op ? this.opName(op) : '');
  }

  /** Whether a "requires" pair of an op's meta_attributes (or instance_attributes) moves to the resource. */
  private nonattrMoves(nv: XmlElement): boolean {
    const r = this.nonattrReplacement(nv);
    const set = nv.parent!;
    const op = set.parent!;
    if (!r || (r.with && r.where === undefined)) return false;
    if (this.attrOverrides(op).includes(`${nvName(nv)} `)) return false;
    if (r.where !== 'meta_attributes' || this.metaNames.has(r.with)) return false;
    const siblingsAfter = (el: XmlElement, name: string) => {
      const all = el.parent?.elements(name) ?? [];
      return all.slice(all.indexOf(el) + 1);
    };
    const followingOps = siblingsAfter(op, 'op');
    let scope: XmlElement[];
    if (set.name === 'meta_attributes') {
      scope = [...siblingsAfter(set, 'meta_attributes'), ...followingOps.flatMap((o) => o.elements('meta_attributes'))];
    } else {
      const allOps = op.parent?.elements('op') ?? [op];
      const chosen = new Set<XmlElement>([
        ...siblingsAfter(set, 'instance_attributes'),
        ...followingOps.flatMap((o) => o.elements('instance_attributes')),
        ...op.elements('meta_attributes'),
        ...allOps.flatMap((o) => o.elements('meta_attributes')),
      ]);
      scope = [...chosen];
    }
    return !scope.filter((s) => !hasRule(s)).some((s) => this.nonattrSetMoves(s));
  }

  private nonattrSetMoves(set: XmlElement): boolean {
    let v = this.memoMeta.get(set);
    if (v === undefined) {
      v = set.elements('nvpair').some((nv) => this.nonattrMoves(nv));
      this.memoMeta.set(set, v);
    }
    return v;
  }

  /* ---------------------------- op/instance_attributes to op meta */

  private iaReplacement(nv: XmlElement): Replacement | undefined {
    const op = nv.parent?.parent;
    return replacement(RESOURCE_OPERATION_INSTANCE_ATTRIBUTES, nvName(nv), op ? this.opName(op) : '');
  }

  /** Whether an op's instance attribute moves to the op's meta_attributes. */
  private iaMoves(nv: XmlElement): boolean {
    const r = this.iaReplacement(nv);
    const set = nv.parent!;
    const op = set.parent!;
    if (!r || (r.with && r.where === undefined)) return false;
    if (this.attrOverrides(op).includes(`${nvName(nv)} `)) return false;
    if (r.where !== 'meta_attributes' || this.metaNames.has(r.with)) return false;
    const all = op.elements('instance_attributes');
    const later = all.slice(all.indexOf(set) + 1).filter((s) => !hasRule(s));
    return !later.some((s) => this.iaSimulation(s).includes(`${nvName(nv)} `));
  }

  private iaSimulation(set: XmlElement): string {
    let v = this.memoIa.get(set);
    if (v === undefined) {
      v = set
        .elements('nvpair')
        .filter((nv) => this.iaMoves(nv))
        .map((nv) => `${nvName(nv)} `)
        .join('');
      this.memoIa.set(set, v);
    }
    return v;
  }

  /** The moved pairs of an op's instance_attributes, each after the comments before it. */
  private iaMoved(set: XmlElement): XmlNode[] {
    const out: XmlNode[] = [];
    for (const nv of set.elements('nvpair')) {
      if (this.iaMoves(nv)) out.push(...precedingSpace(nv), new XmlElement('nvpair', nv.attrs));
    }
    return out;
  }

  /** The pairs of an op's set that stay, each after the comments before it; rules and other elements stay too. */
  private kept(set: XmlElement, moves: (nv: XmlElement) => Replacement | undefined): XmlNode[] {
    const out: XmlNode[] = [];
    for (const c of set.children) {
      if (c.kind !== 'element') continue;
      if (c.name !== 'nvpair') {
        const r = this.m.mainOf(c);
        if (r) out.push(r);
        continue;
      }
      if (moves(c)) continue;
      out.push(...precedingSpace(c), this.m.identityOf(c));
    }
    return out;
  }

  /** One operation, as the stylesheet rewrites it in place. */
  op(op: XmlElement): XmlElement {
    const ia = op.elements('instance_attributes');
    const meta = op.elements('meta_attributes');
    // the messages, in the order the stylesheet's look-ahead produces them
    for (const s of ia.filter((s) => !hasRule(s))) {
      for (const nv of s.elements('nvpair')) this.m.sayFor(RESOURCE_OPERATION_INSTANCE_ATTRIBUTES, this.iaReplacement(nv), this.context(op, s));
    }
    for (const s of meta) {
      for (const nv of s.elements('nvpair')) this.m.sayFor(RESOURCES_OPERATION, this.nonattrReplacement(nv), this.context(op, s));
    }
    for (const s of ia.filter(hasRule)) {
      for (const nv of s.elements('nvpair')) this.m.sayFor(RESOURCE_OPERATION_INSTANCE_ATTRIBUTES, this.iaReplacement(nv), this.context(op, s));
    }

    const out = new XmlElement('op');
    for (const [k, v] of Object.entries(op.attrs)) {
      if (!this.opAttrReplacement(op, k)) out.setAttr(k, v);
    }
    const nonruleMoved = ia.filter((s) => !hasRule(s)).flatMap((s) => this.iaMoved(s));
    const anyNonruleMoved = nonruleMoved.some((n) => n.kind === 'element');
    let firstNonruleMeta = true;
    for (const c of op.children) {
      if (c.kind !== 'element') {
        out.appendChild(cloneNode(c));
      } else if (c.name === 'instance_attributes') {
        const stays = c.elements('nvpair').some((nv) => !this.iaReplacement(nv));
        if (!stays) continue;
        const set = shallowCopy(c);
        appendAll(set, this.kept(c, (nv) => this.iaReplacement(nv)));
        out.appendChild(set);
      } else if (c.name === 'meta_attributes') {
        const own = c.elements('nvpair').some((nv) => !this.nonattrReplacement(nv));
        const host = !hasRule(c) && firstNonruleMeta;
        if (!hasRule(c)) firstNonruleMeta = false;
        if (!own && !(host && anyNonruleMoved)) continue;
        const set = shallowCopy(c);
        if (own) appendAll(set, this.kept(c, (nv) => this.nonattrReplacement(nv)));
        if (host && anyNonruleMoved) appendAll(set, ia.filter((s) => !hasRule(s)).flatMap((s) => this.iaMoved(s)));
        out.appendChild(set);
      } else {
        this.m.append(out, c);
      }
    }
    if (!meta.some((m) => !hasRule(m)) && anyNonruleMoved) {
      const set = out.add('meta_attributes', { id: `_2TO3_${op.attrs['id'] ?? ''}-meta` });
      appendAll(set, nonruleMoved);
    }
    for (const s of ia.filter(hasRule)) {
      const moved = this.iaMoved(s);
      if (!moved.some((n) => n.kind === 'element')) continue;
      const set = shallowCopy(s, 'id', 'meta_attributes');
      set.setAttr('id', `_2TO3_${s.attrs['id'] ?? ''}`);
      for (const c of s.children) if (!isNvpair(c)) this.m.append(set, c);
      appendAll(set, moved);
      out.appendChild(set);
    }
    return out;
  }

  /** What the resource gains at its end: meta_attributes with the moved "requires". */
  finish(out: XmlElement): void {
    for (const op of this.ops) {
      for (const k of Object.keys(op.attrs)) this.m.sayFor(RESOURCES_OPERATION, this.opAttrReplacement(op, k), this.context(op));
    }
    const fromAttrs = this.ops.filter((op) => this.opRequiresMoves(op));
    if (fromAttrs.length > 0) {
      const set = out.add('meta_attributes', { id: `_2TO3_${this.rsc.attrs['id'] ?? ''}-meta` });
      for (const op of fromAttrs) {
        set.add('nvpair', { id: `_2TO3_${op.attrs['id'] ?? ''}-meta-requires`, name: 'requires', value: op.attrs['requires'] ?? '' });
      }
    }
    for (const op of this.ops) {
      for (const s of op.elements().filter((e) => e.name === 'meta_attributes' || e.name === 'instance_attributes')) {
        const moving = s.elements('nvpair').filter((nv) => this.nonattrMoves(nv));
        if (moving.length === 0) continue;
        const set = shallowCopy(s, 'id', 'meta_attributes');
        set.setAttr('id', `_2TO3_${s.attrs['id'] ?? ''}`);
        for (const c of s.children) if (!isNvpair(c)) this.m.append(set, c);
        for (const nv of moving) set.appendChild(new XmlElement('nvpair', nv.attrs));
        out.appendChild(set);
      }
    }
  }
}
