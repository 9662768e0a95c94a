/**
 * Seeded random edits of a CIB, for the patchset tests: attribute values
 * changed, attributes added, removed and reordered, elements and comments
 * added, removed and moved among their siblings.
 */
import { comment, XmlElement } from '../../src/cib/xml/node.js';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Edit = (el: XmlElement, rnd: () => number, n: number) => void;

const pick = <T>(items: readonly T[], rnd: () => number): T => items[Math.floor(rnd() * items.length)]!;

const EDITS: Edit[] = [
  function changeValue(el, rnd, n) {
    const names = Object.keys(el.attrs).filter((a) => a !== 'id');
    if (names.length) el.attrs[pick(names, rnd)] = `v${n}`;
  },
  function addAttribute(el, _rnd, n) {
    el.attrs[`extra-${n}`] = String(n);
  },
  function removeAttribute(el, rnd) {
    const names = Object.keys(el.attrs).filter((a) => a !== 'id');
    if (names.length) delete el.attrs[pick(names, rnd)];
  },
  function reorderAttributes(el) {
    const entries = Object.entries(el.attrs).reverse();
    for (const [k] of entries) delete el.attrs[k];
    for (const [k, v] of entries) el.attrs[k] = v;
  },
  function addElement(el, rnd, n) {
    const child = new XmlElement(rnd() < 0.5 ? 'nvpair' : 'extra', rnd() < 0.8 ? { id: `new-${n}`, name: `n${n}`, value: 'x' } : { note: String(n) });
    if (rnd() < 0.3) child.add('inner', { id: `inner-${n}` });
    el.insertChild(child, Math.floor(rnd() * (el.children.length + 1)));
  },
  function removeChild(el, rnd) {
    if (!el.children.length) return;
    const [gone] = el.children.splice(Math.floor(rnd() * el.children.length), 1);
    gone!.parent = null;
  },
  function moveChild(el, rnd) {
    if (el.children.length < 2) return;
    const from = Math.floor(rnd() * el.children.length);
    const [node] = el.children.splice(from, 1);
    el.children.splice(Math.floor(rnd() * (el.children.length + 1)), 0, node!);
  },
  function addComment(el, rnd, n) {
    const c = comment(` note ${n} `);
    c.parent = el;
    el.children.splice(Math.floor(rnd() * (el.children.length + 1)), 0, c);
  },
];

/** A copy of `cib` with `count` random edits, the same ones for the same seed. */
export function mutate(cib: XmlElement, seed: number, count: number): XmlElement {
  const copy = cib.clone();
  const rnd = prng(seed);
  // edits stay below the root, so the two CIBs remain comparable
  const elements = [...copy.walk()].filter((e) => e !== copy);
  for (let n = 0; n < count && elements.length; n++) {
    const el = pick(elements, rnd);
    if (!isAttached(el, copy)) continue;
    pick(EDITS, rnd)(el, rnd, n);
  }
  return copy;
}

function isAttached(el: XmlElement, root: XmlElement): boolean {
  let e: XmlElement | null = el;
  while (e && e !== root) e = e.parent;
  return e === root;
}
