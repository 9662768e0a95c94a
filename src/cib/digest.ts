/**
 * The MD5 digests Pacemaker computes over XML, byte for byte.
 *
 * Pacemaker hashes a one-line rendering of the tree: `serialize(el, {
 * pretty: false })` (attributes in their order, escaped as Pacemaker escapes
 * them, empty elements as `<x/>`, comments and CDATA kept). Two forms:
 *
 * - v1: a space, the one-line XML, a newline. Used for cib.xml.sig (the
 *   on-disk digest, `cibadmin --md5-sum`), for operation digests (with every
 *   element's attributes sorted by name first), and as the versioned digest
 *   of CIBs whose feature set is older than 3.0.5 or missing.
 * - v2: the one-line XML alone, without the bookkeeping attributes that
 *   change on every write (cib-last-written, update-origin, update-client,
 *   update-user, crm-debug-origin). The versioned digest of newer CIBs:
 *   `cibadmin --md5-sum-versioned` and the digest in patchsets.
 *
 * For the scheduler's op-digest, op-secure-digest and op-restart-digest:
 * build the `<parameters .../>` element with the parameters that digest
 * covers, then call operationDigest() on it.
 */
import { hash } from 'node:crypto';
import { XmlElement } from './xml/node.js';
import { escapeAttr, serialize } from './xml/serialize.js';
import { compareVersion } from './version.js';

/** Attributes left out of filtered digests: they change on every write. */
export const DIGEST_FILTERED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'crm-debug-origin',
  'cib-last-written',
  'update-origin',
  'update-client',
  'update-user',
]);

export function md5Hex(text: string): string {
  // the one-shot form: a Hash object costs more than hashing a short text
  return hash('md5', text, 'hex');
}

/** The v1 digest: what cib.xml.sig holds and `cibadmin --md5-sum` prints. */
export function onDiskDigest(xml: XmlElement): string {
  return md5Hex(' ' + serialize(xml, { pretty: false }) + '\n');
}

/** The v1 digest of a copy with every element's attributes sorted by name. */
export function operationDigest(params: XmlElement): string {
  if (params.children.length > 0) return onDiskDigest(sortedCopy(params));
  // the usual case, one element of parameters: its text made directly
  let text = ' <' + params.name;
  for (const n of byBytes(Object.keys(params.attrs))) text += ' ' + n + '="' + escapeAttr(params.attrs[n]!) + '"';
  return md5Hex(text + '/>\n');
}

/**
 * The digest of a CIB for its own feature set (`cibadmin --md5-sum-versioned`):
 * see digestForFeatureSet().
 */
export function versionedDigest(xml: XmlElement): string {
  return digestForFeatureSet(xml, xml.attrs['crm_feature_set']);
}

/**
 * The digest for a feature set: v1 when it is older than 3.0.5 or unknown,
 * else v2 without the bookkeeping attributes. Patchsets use the original
 * CIB's feature set for the digest of the new one.
 */
export function digestForFeatureSet(xml: XmlElement, featureSet: string | undefined): string {
  if (featureSet === undefined || compareVersion('3.0.5', featureSet) > 0) return onDiskDigest(xml);
  return md5Hex(serialize(xml, { pretty: false, omitAttributes: DIGEST_FILTERED_ATTRIBUTES }));
}

function sortedCopy(el: XmlElement): XmlElement {
  const names = byBytes(Object.keys(el.attrs));
  const copy = new XmlElement(el.name);
  for (const n of names) copy.attrs[n] = el.attrs[n]!;
  for (const c of el.children) copy.appendChild(c.kind === 'element' ? sortedCopy(c) : { ...c, parent: null });
  return copy;
}

/** Sorted by their UTF-8 bytes, as Pacemaker sorts (for ASCII, the order of code units). */
function byBytes(names: string[]): string[] {
  if (names.every((n) => /^[\x00-\x7f]*$/.test(n))) return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names
    .map((name) => ({ name, bytes: Buffer.from(name) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map((n) => n.name);
}
