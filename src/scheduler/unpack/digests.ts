/**
 * Operation parameter digests: what the executor recorded with each result
 * (op-digest: all parameters; op-restart-digest: those that need a restart;
 * op-secure-digest: without private ones) against what the configuration
 * gives now. A difference means a reload, a restart or a rescheduled
 * monitor.
 */
import { operationDigest } from '../../cib/digest.js';
import { XmlElement } from '../../cib/xml/node.js';
import { customAction } from '../actions/create.js';
import { opKey } from '../actions/operation.js';
import type { Node } from '../model/node.js';
import type { Resource } from '../model/resource.js';
import { compareVersions } from '../rules/evaluate.js';
import { hostAddress } from '../variants/bundle/host-address.js';
import { RaCap, raCaps, resourceParams } from './resources.js';

export enum DigestResult {
  Match = 0,
  Restart = 1,
  All = 2,
  Unknown = 3,
}

export interface Digests {
  rc: DigestResult;
  all: string;
  /** Without private parameters (worked out when first asked for: few entries need it). */
  readonly secure: string | null;
  restart: string | null;
}

/** The feature set this scheduler speaks, for digests of entries without one. */
const FEATURE_SET = '3.16.2';


/** Attribute names never part of a digest (besides CRM_meta_*). */
const NOT_DIGESTED = new Set(['id', 'crm_feature_set', 'op-digest', 'on_node', 'on_node_uuid', 'pcmk_external_ip']);

/** pcmk__filter_op_for_digest: drop meta-attributes except a recurring op's timeout. */
export function filterForDigest(params: XmlElement): void {
  const interval = Number.parseInt(params.attrs['CRM_meta_interval'] ?? '0', 10) || 0;
  const timeout = interval !== 0 ? params.attrs['CRM_meta_timeout'] : undefined;
  for (const name of Object.keys(params.attrs)) {
    if (name.startsWith('CRM_meta_') || NOT_DIGESTED.has(name)) delete params.attrs[name];
  }
  if (timeout !== undefined) params.attrs['CRM_meta_timeout'] = timeout;
}

/** A meta-attribute's name as a parameter (CRM_meta_*), or null for those left out. */
function metaParamName(k: string): string | null {
  if (k.includes('#') || k.includes(':')) return null;
  return 'CRM_meta_' + (k.includes('-') ? k.replaceAll('-', '_') : k);
}

function addFields(xml: XmlElement, values: Map<string, string>, meta: boolean): void {
  for (const [k, v] of values) {
    const name = meta ? metaParamName(k) : k;
    if (name !== null && !(name in xml.attrs)) xml.attrs[name] = v;
  }
}

/** Fencing parameters Pacemaker adds itself (not in agents' meta-data). */
export function isFencingParam(name: string): boolean {
  if (name === 'provides' || name === 'stonith-timeout') return true;
  if (!name.startsWith('pcmk_')) return false;
  if (
    [
      'pcmk_action_limit',
      'pcmk_delay_base',
      'pcmk_delay_max',
      'pcmk_host_argument',
      'pcmk_host_check',
      'pcmk_host_list',
      'pcmk_host_map',
    ].includes(name)
  ) {
    return true;
  }
  const rest = name.indexOf('_', 5);
  return rest >= 0 && ['_action', '_timeout', '_retries'].includes(name.slice(rest));
}

/** pe__calculate_digests */
function calculateDigests(rsc: Resource, task: string, intervalMs: number, node: Node | null, op: XmlElement | null, calcSecure: boolean): Digests {
  const cluster = rsc.cluster;
  const version = op?.attrs['crm_feature_set'] ?? cluster.input.attrs['crm_feature_set'] ?? FEATURE_SET;
  const params = resourceParams(rsc, node?.uname ?? null, node?.attrs);
  let rc = DigestResult.Match;

  const paramsAll = new XmlElement('parameters');
  const host = hostAddress(rsc);
  if (host !== null) paramsAll.attrs['addr'] = host.uname;
  const action = customAction(rsc, opKey(rsc.id, task, intervalMs), task, node, true, false, cluster);
  addFields(paramsAll, params, false);
  addFields(paramsAll, action.extra, false);
  addFields(paramsAll, action.meta, true);
  filterForDigest(paramsAll);
  if (intervalMs === 0 && action.extra.size > 0) rc = DigestResult.Restart;
  const all = operationDigest(paramsAll);

  const secureDigest = (): string => {
    const oldVersion = compareVersions(version, '3.16.0') < 0;
    const secureList = op ? op.attrs['op-secure-params'] : ' passwd password user ';
    let paramsSecure: XmlElement;
    if (oldVersion) {
      paramsSecure = new XmlElement('parameters');
      addFields(paramsSecure, params, false);
    } else {
      paramsSecure = paramsAll.clone();
    }
    if (secureList !== undefined) {
      for (const name of Object.keys(paramsSecure.attrs)) {
        if (secureList.includes(` ${name} `)) delete paramsSecure.attrs[name];
      }
    }
    if (oldVersion && raCaps(rsc.standard) & RaCap.FenceParams) {
      for (const name of Object.keys(paramsSecure.attrs)) if (isFencingParam(name)) delete paramsSecure.attrs[name];
    }
    filterForDigest(paramsSecure);
    if (oldVersion) delete paramsSecure.attrs['CRM_meta_timeout'];
    return operationDigest(paramsSecure);
  };

  let restart: string | null = null;
  if (op && op.attrs['op-restart-digest'] !== undefined) {
    const paramsRestart = paramsAll.clone();
    const keep = op.attrs['op-force-restart'];
    if (keep !== undefined) {
      for (const name of Object.keys(paramsRestart.attrs)) {
        if (!keep.includes(` ${name} `)) delete paramsRestart.attrs[name];
      }
    }
    restart = operationDigest(paramsRestart);
  }
  let secure: string | null | undefined = calcSecure ? undefined : null;
  return {
    rc,
    all,
    restart,
    get secure() {
      if (secure === undefined) secure = secureDigest();
      return secure;
    },
  };
}

/** Digests for an operation on a node, computed once per node and key. */
function actionDigests(
  rsc: Resource,
  task: string,
  intervalMs: number,
  node: Node,
  op: XmlElement | null,
  calcSecure: boolean,
): Digests {
  const key = opKey(rsc.id, task, intervalMs);
  let d = node.digestCache.get(key) as Digests | undefined;
  if (!d) {
    d = calculateDigests(rsc, task, intervalMs, node, op, calcSecure);
    node.digestCache.set(key, d);
  }
  return d;
}

/** rsc_action_digest_cmp: compares a history entry's digests with the configuration. */
export function compareDigests(rsc: Resource, op: XmlElement, node: Node): Digests {
  const task = op.attrs['operation'] ?? '';
  const intervalMs = Number.parseInt(op.attrs['interval'] ?? '0', 10) || 0;
  const digestAll = op.attrs['op-digest'];
  const digestRestart = op.attrs['op-restart-digest'];
  const d = actionDigests(rsc, task, intervalMs, node, op, rsc.cluster.sanitized);
  if (digestRestart !== undefined && d.restart !== null && d.restart !== digestRestart) d.rc = DigestResult.Restart;
  else if (digestAll === undefined) d.rc = DigestResult.Unknown;
  else if (digestAll !== d.all) {
    if (!(intervalMs === 0 && d.rc === DigestResult.Restart)) d.rc = DigestResult.All;
  } else d.rc = DigestResult.Match;
  return d;
}

/** Digests of a fencing device's parameters for unfencing a node (pe__compare_fencing_digest). */
export function compareFencingDigest(rsc: Resource, agent: string, node: Node): Digests {
  const d = actionDigests(rsc, 'stonith-on', 0, node, null, true);
  const summaryAll = node.attrs.get('#digests-all');
  if (summaryAll === undefined) {
    d.rc = DigestResult.Unknown;
    return d;
  }
  if (summaryAll.includes(`${rsc.id}:${agent}:${d.all}`)) {
    d.rc = DigestResult.Match;
    return d;
  }
  const summarySecure = node.attrs.get('#digests-secure');
  if (summarySecure !== undefined && d.secure !== null && summarySecure.includes(`${rsc.id}:${agent}:${d.secure}`)) {
    d.rc = DigestResult.Match;
    rsc.cluster.infoLines.push(`Only 'private' parameters to ${rsc.id} for unfencing ${node.uname} changed`);
    return d;
  }
  d.rc = DigestResult.All;
  if (rsc.cluster.sanitized && d.secure !== null) {
    rsc.cluster.infoLines.push(
      `Parameters to ${rsc.id} for unfencing ${node.uname} changed, try '${rsc.id}:${agent}:${d.secure}'`,
    );
  }
  return d;
}
