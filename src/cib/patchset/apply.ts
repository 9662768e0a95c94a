/**
 * Applying a patchset (format 1 or 2) as Pacemaker's xml_apply_patchset
 * does: an optional version check, the changes, then, when the patchset
 * carries a digest, a check of the result against it.
 */
import { versionedDigest } from '../digest.js';
import { cloneNode, type XmlElement, type XmlNode } from '../xml/node.js';
import { DIFF_MARKER } from './create-v1.js';
import { PatchError, PatchFailure } from './errors.js';
import { DiagnosticLog, SAME_ID, SAME_NAME, type LogSink } from './log.js';
import { firstMatch } from './match.js';
import { VERSION_FIELDS } from './version.js';

export interface ApplyOptions {
  /** Refuse a patchset made for another version of the CIB (crm_diff --cib). */
  checkVersion?: boolean;
  /** Receives the diagnostics Pacemaker would print on stderr. */
  log?: LogSink;
}

/** Applies `patchset` to a copy of `xml` and returns the copy; throws PatchError. */
export function applyPatchset(xml: XmlElement, patchset: XmlElement, options: ApplyOptions = {}): XmlElement {
  const result = xml.clone();
  const format = intAttr(patchset, 'format') ?? 1;
  if (options.checkVersion) checkVersion(result, patchset, format);
  if (format === 1) applyV1(result, patchset, new DiagnosticLog(options.log));
  else if (format === 2) applyV2(result, patchset);
  else throw new PatchError(PatchFailure.InvalidArgument);
  const digest = patchset.attrs['digest'];
  if (digest !== undefined && versionedDigest(result) !== digest.toLowerCase()) {
    throw new PatchError(PatchFailure.DiffFailed);
  }
  return result;
}

/** An integer attribute as crm_element_value_int reads it: undefined when absent, -1 when not a number. */
function intAttr(el: XmlElement | undefined, name: string): number | undefined {
  const v = el?.attrs[name];
  if (v === undefined) return undefined;
  const m = /^\s*([+-]?\d+)/.exec(v);
  if (!m) return -1;
  const n = Number(m[1]);
  return Math.max(-2147483648, Math.min(2147483647, n));
}

/** Where a patchset keeps the versions it goes from (removed) and to (added). */
function versionNode(patchset: XmlElement, format: number, added: boolean): XmlElement | undefined {
  if (format === 1) {
    const side = patchset.firstElement(added ? 'diff-added' : 'diff-removed');
    return side?.firstElement('cib') ?? side;
  }
  if (format === 2) return patchset.firstElement('version')?.firstElement(added ? 'target' : 'source');
  return undefined;
}

/** The version a patchset goes from and to, as [admin_epoch, epoch, num_updates]; missing numbers are taken from the defaults. */
export function patchVersions(patchset: XmlElement, add: number[], del: number[]): void {
  const format = intAttr(patchset, 'format') ?? 1;
  const from = versionNode(patchset, format, false);
  const to = versionNode(patchset, format, true);
  VERSION_FIELDS.forEach((f, i) => {
    del[i] = intAttr(from, f) ?? del[i]!;
    add[i] = intAttr(to, f) ?? add[i]!;
  });
}

function checkVersion(xml: XmlElement, patchset: XmlElement, _format: number): void {
  const current = VERSION_FIELDS.map((f) => Math.max(0, intAttr(xml, f) ?? 0));
  const add = [current[0]!, current[1]!, current[2]! + 1];
  const del = [...current];
  patchVersions(patchset, add, del);
  for (let i = 0; i < 3; i++) {
    if (current[i]! < del[i]!) throw new PatchError(PatchFailure.DiffResync);
    if (current[i]! > del[i]!) throw new PatchError(PatchFailure.OldData);
  }
  if (!add.some((v, i) => v > del[i]!)) throw new PatchError(PatchFailure.OldData);
}

// ---- format 1 ----

function applyV1(xml: XmlElement, patchset: XmlElement, log: DiagnosticLog): void {
  const removedRoots = patchset.firstElement('diff-removed')?.children ?? [];
  removedRoots.forEach((root, i) => {
    if (i === 0) v1Removals(xml, root, log);
    else log.assertion('apply_v1_patchset', 'patchset.c:932', 'root_nodes_seen == 0');
  });
  if (removedRoots.length > 1) {
    log.error('apply_v1_patchset', `(-) Diffs cannot contain more than one change set... saw ${removedRoots.length}`);
    throw new PatchError(PatchFailure.NotUnique);
  }
  const addedRoots = patchset.firstElement('diff-added')?.children ?? [];
  addedRoots.forEach((root, i) => {
    if (i === 0) v1Additions(null, xml, root, log);
    else log.assertion('apply_v1_patchset', 'patchset.c:952', 'root_nodes_seen == 0');
  });
  if (addedRoots.length > 1) {
    log.error('apply_v1_patchset', `(+) Diffs cannot contain more than one change set... saw ${addedRoots.length}`);
    throw new PatchError(PatchFailure.NotUnique);
  }
  purgeMarkers(xml);
}

const nameOf = (n: XmlNode) => (n.kind === 'element' ? n.name : n.kind === 'comment' ? 'comment' : 'cdata');
const idOf = (n: XmlNode) => (n.kind === 'element' ? n.attrs['id'] : undefined);

/** Pacemaker's checks that a patch node describes the target node, logged where they fail. */
function describes(target: XmlNode, patch: XmlNode, log: DiagnosticLog, fn: string, lines: [string, string]): boolean {
  if (nameOf(target).toLowerCase() !== nameOf(patch).toLowerCase()) {
    log.assertion(fn, lines[0], SAME_NAME);
    return false;
  }
  if (idOf(target)?.toLowerCase() !== idOf(patch)?.toLowerCase()) {
    log.assertion(fn, lines[1], SAME_ID);
    return false;
  }
  return true;
}

/** The removed side only takes away whole elements marked removed:top; attributes stay. */
function v1Removals(target: XmlNode, patch: XmlNode, log: DiagnosticLog): void {
  if (!describes(target, patch, log, 'process_v1_removals', ['patchset.c:657', 'patchset.c:660'])) return;
  if (target.kind !== 'element' || patch.kind !== 'element') return;
  if (patch.attrs[DIFF_MARKER] === 'removed:top') {
    target.remove();
    return;
  }
  for (const child of [...target.children]) {
    const p = firstMatch(patch, child);
    if (p) v1Removals(child, p, log);
  }
}

function v1Additions(parent: XmlElement | null, target: XmlNode | null, patch: XmlNode, log: DiagnosticLog): void {
  if (!parent && !target) return;
  if (!target) {
    if (patch.kind === 'element' && patch.attrs[DIFF_MARKER] === 'added:top') parent!.appendChild(patch.clone());
    else log.error('process_v1_additions', `Could not locate: ${nameOf(patch)}.id=${idOf(patch) ?? '(null)'}`);
    return;
  }
  if (target.kind !== 'element' && patch.kind === target.kind && target.text.toLowerCase() !== patch.text.toLowerCase()) {
    target.text = patch.text;
  }
  if (!describes(target, patch, log, 'process_v1_additions', ['patchset.c:728', 'patchset.c:731'])) return;
  if (target.kind !== 'element' || patch.kind !== 'element') return;
  for (const name in patch.attrs) {
    // removed and added again: the patch's order wins
    delete target.attrs[name];
    target.attrs[name] = patch.attrs[name]!;
  }
  for (const child of patch.children) v1Additions(target, firstMatch(target, child), child, log);
}

function purgeMarkers(el: XmlElement): void {
  delete el.attrs[DIFF_MARKER];
  for (const c of el.children) if (c.kind === 'element') purgeMarkers(c);
}

// ---- format 2 ----

/** The node a v2 path names, read as Pacemaker's sscanf-based search does. */
function searchPath(root: XmlElement, path: string, targetPosition: number): XmlNode | null {
  let target: XmlElement | { kind: 'document'; children: XmlNode[] } = { kind: 'document', children: [root] };
  let found: XmlNode | null = null;
  let current = path;
  for (;;) {
    const m = /^\/([^/]+)(\S*)/.exec(current);
    if (!m) return found; // nothing (more) to read
    const section = m[1]!;
    const remainder = m[2]!;
    const last = remainder === '';
    const parts = /^([^[]+)(?:\[@id='([^']+))?/.exec(section);
    if (!parts) return null;
    const tag = parts[1]!;
    const id = parts[2];
    const position = last && targetPosition >= 0 ? targetPosition : -1;
    found = firstMatching(target.children, tag, id, position);
    if (!found) return null;
    if (last) return found;
    if (found.kind !== 'element') return null;
    target = found;
    current = remainder;
  }
}

function firstMatching(children: readonly XmlNode[], tag: string, id: string | undefined, position: number): XmlNode | null {
  for (const c of children) {
    const name = c.kind === 'element' ? c.name : c.kind === 'comment' ? 'comment' : 'cdata';
    if (name !== tag) continue;
    if (id !== undefined && (c.kind !== 'element' || c.attrs['id'] !== id)) continue;
    // a position only tells comments apart
    if (c.kind === 'comment' && position >= 0 && indexOf(c) !== position) continue;
    return c;
  }
  return null;
}

function indexOf(node: XmlNode): number {
  return node.parent ? node.parent.children.indexOf(node) : 0;
}

interface Delayed {
  change: XmlElement;
  match: XmlNode;
  position: number;
}

function applyV2(xml: XmlElement, patchset: XmlElement): void {
  let failure: PatchFailure | null = null;
  const delayed: Delayed[] = [];
  for (const change of patchset.elements()) {
    const op = change.attrs['operation'];
    if (op === undefined) continue;
    const path = change.attrs['path'] ?? '';
    const position = op === 'delete' ? (intAttr(change, 'position') ?? -1) : -1;
    const match = searchPath(xml, path, position);
    if (!match) {
      if (op !== 'delete') failure = PatchFailure.DiffFailed;
      continue;
    }
    if (op === 'create' || op === 'move') {
      delayed.push({ change, match, position: intAttr(change, 'position') ?? -1 });
      // a moved node waits at the end of its siblings until it is placed
      if (op === 'move' && match.parent) match.parent.appendChild(match);
    } else if (op === 'delete') {
      if (match === xml) throw new PatchError(PatchFailure.DiffFailed);
      match.parent?.children.splice(indexOf(match), 1);
      match.parent = null;
    } else if (op === 'modify') {
      const result = change.firstElement('change-result')?.children[0];
      if (!result) {
        failure = PatchFailure.NoMessage;
        continue;
      }
      if (match.kind !== 'element') continue;
      for (const name of Object.keys(match.attrs)) delete match.attrs[name];
      if (result.kind === 'element') for (const name in result.attrs) match.attrs[name] = result.attrs[name]!;
    } else {
      failure = PatchFailure.DiffFailed;
    }
  }

  // stable sort by position, as g_list_sort is
  delayed.sort((a, b) => a.position - b.position);
  for (const { change, match } of delayed) {
    const position = intAttr(change, 'position') ?? 0;
    if (change.attrs['operation'] === 'create') {
      if (match.kind !== 'element') continue;
      const source = change.children[0];
      if (!source) continue;
      match.insertChild(cloneNode(source), position >= 0 && position < match.children.length ? position : match.children.length);
      continue;
    }
    const parent = match.parent;
    if (!parent) continue;
    const now = indexOf(match);
    if (position !== now) {
      const p = position > now ? position + 1 : position;
      const before = p >= 0 ? parent.children[p] : undefined;
      parent.children.splice(now, 1);
      const at = before ? parent.children.indexOf(before) : parent.children.length;
      parent.children.splice(at, 0, match);
    }
    if (indexOf(match) !== position) failure = PatchFailure.DiffFailed;
  }
  if (failure !== null) throw new PatchError(failure);
}
