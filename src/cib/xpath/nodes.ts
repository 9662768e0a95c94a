/**
 * The XPath data model over our XML tree.
 *
 * XmlElement has no document node and no attribute objects, so both are
 * represented by small wrapper objects, cached so that the same node is
 * always the same object (node-sets compare nodes by identity). Text
 * content is dropped when a CIB is parsed, so the only text nodes left are
 * CDATA sections, which XPath sees as text().
 */
import type { XmlCData, XmlComment, XmlElement } from '../xml/node.js';

export interface XDocument {
  readonly kind: 'document';
  readonly root: XmlElement;
}

export interface XAttribute {
  readonly kind: 'attribute';
  readonly owner: XmlElement;
  readonly name: string;
}

export type XNode = XDocument | XmlElement | XAttribute | XmlComment | XmlCData;

const documents = new WeakMap<XmlElement, XDocument>();
const attributes = new WeakMap<XmlElement, Map<string, XAttribute>>();

/** The top of the tree an element belongs to. */
export function topElement(el: XmlElement): XmlElement {
  let e = el;
  while (e.parent) e = e.parent;
  return e;
}

/** The document node above the tree's top element. */
export function documentOf(el: XmlElement): XDocument {
  const top = topElement(el);
  let doc = documents.get(top);
  if (!doc) {
    doc = { kind: 'document', root: top };
    documents.set(top, doc);
  }
  return doc;
}

export function attributeNode(owner: XmlElement, name: string): XAttribute {
  let byName = attributes.get(owner);
  if (!byName) {
    byName = new Map();
    attributes.set(owner, byName);
  }
  let a = byName.get(name);
  if (!a) {
    a = { kind: 'attribute', owner, name };
    byName.set(name, a);
  }
  return a;
}

export function parentOf(node: XNode): XNode | null {
  switch (node.kind) {
    case 'document':
      return null;
    case 'attribute':
      return node.owner;
    default:
      return node.parent ?? (node.kind === 'element' ? documentOf(node) : null);
  }
}

/** Children in document order (attributes are not children). */
export function childrenOf(node: XNode): readonly XNode[] {
  if (node.kind === 'document') return [node.root];
  if (node.kind === 'element') return node.children;
  return [];
}

export function stringValue(node: XNode): string {
  switch (node.kind) {
    case 'attribute':
      return node.owner.attrs[node.name] ?? '';
    case 'comment':
    case 'cdata':
      return node.text;
    case 'document':
      return textOf(node.root);
    case 'element':
      return textOf(node);
  }
}

function textOf(el: XmlElement): string {
  let s = '';
  for (const c of el.children) {
    if (c.kind === 'cdata') s += c.text;
    else if (c.kind === 'element') s += textOf(c);
  }
  return s;
}

/** The expanded name XPath's name() reports; '' for unnamed nodes. */
export function nodeName(node: XNode): string {
  if (node.kind === 'element' || node.kind === 'attribute') return node.name;
  return '';
}

/**
 * Document order for one evaluation: ordinals are numbered on first use by a
 * walk of the whole document; an attribute sorts just after its element.
 */
export class DocumentOrder {
  private ordinals: Map<XNode, number> | null = null;

  constructor(private readonly doc: XDocument) {}

  key(node: XNode): number {
    if (node.kind === 'document') return -1;
    const ordinals = this.numbered();
    if (node.kind === 'attribute') {
      const names = Object.keys(node.owner.attrs);
      const base = ordinals.get(node.owner) ?? Number.MAX_SAFE_INTEGER;
      return base + (names.indexOf(node.name) + 1) / (names.length + 1);
    }
    return ordinals.get(node) ?? Number.MAX_SAFE_INTEGER;
  }

  /** Sorts into document order and drops duplicates. */
  sort(nodes: XNode[]): XNode[] {
    if (nodes.length < 2) return nodes;
    const unique = [...new Set(nodes)];
    const keyed = unique.map((n) => [this.key(n), n] as const);
    keyed.sort((a, b) => a[0] - b[0]);
    return keyed.map((k) => k[1]);
  }

  private numbered(): Map<XNode, number> {
    if (this.ordinals) return this.ordinals;
    const ordinals = new Map<XNode, number>();
    let n = 0;
    const visit = (node: XmlElement | XmlComment | XmlCData): void => {
      ordinals.set(node, n++);
      if (node.kind === 'element') for (const c of node.children) visit(c);
    };
    visit(this.doc.root);
    this.ordinals = ordinals;
    return ordinals;
  }
}
