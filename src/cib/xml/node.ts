/**
 * The ordered XML tree that every CIB tool works on.
 *
 * Attributes keep their insertion order (libxml2 appends new attributes and
 * modifies existing ones in place, and Pacemaker's output follows that order),
 * so they live in a prototype-free object (see prototypeFree): XML names never
 * look like array indices, so JavaScript keeps their insertion order.
 */

export type XmlNode = XmlElement | XmlComment | XmlCData;

export interface XmlComment {
  readonly kind: 'comment';
  text: string;
  parent: XmlElement | null;
}

export interface XmlCData {
  readonly kind: 'cdata';
  text: string;
  parent: XmlElement | null;
}

export type Attributes = Record<string, string>;

export class XmlElement {
  readonly kind = 'element' as const;
  name: string;
  attrs: Attributes;
  children: XmlNode[] = [];
  parent: XmlElement | null = null;
  /**
   * The line its start tag ends on in the text it was parsed from (as
   * libxml2 counts, for messages); 0 for an element built in memory, and for
   * copies (see cloneWithLines in ./parse.ts).
   */
  line = 0;

  constructor(name: string, attrs?: Attributes) {
    this.name = name;
    this.attrs = prototypeFree({});
    if (attrs) for (const k of Object.keys(attrs)) this.attrs[k] = attrs[k]!;
  }

  get id(): string | undefined {
    return this.attrs['id'];
  }

  attr(name: string): string | undefined {
    return this.attrs[name];
  }

  setAttr(name: string, value: string): this {
    this.attrs[name] = value;
    return this;
  }

  removeAttr(name: string): void {
    delete this.attrs[name];
  }

  hasAttr(name: string): boolean {
    return name in this.attrs;
  }

  attrNames(): string[] {
    return Object.keys(this.attrs);
  }

  /** Element children only, in document order. */
  elements(name?: string): XmlElement[] {
    const out: XmlElement[] = [];
    for (const c of this.children) {
      if (c.kind === 'element' && (name === undefined || c.name === name)) out.push(c);
    }
    return out;
  }

  firstElement(name?: string): XmlElement | undefined {
    for (const c of this.children) {
      if (c.kind === 'element' && (name === undefined || c.name === name)) return c;
    }
    return undefined;
  }

  /** Child element with this name and id. */
  findChild(name: string, id?: string): XmlElement | undefined {
    for (const c of this.children) {
      if (c.kind === 'element' && c.name === name && (id === undefined || c.attrs['id'] === id)) return c;
    }
    return undefined;
  }

  appendChild<T extends XmlNode>(child: T): T {
    detach(child);
    child.parent = this;
    this.children.push(child);
    return child;
  }

  insertChild<T extends XmlNode>(child: T, index: number): T {
    detach(child);
    child.parent = this;
    const at = Math.max(0, Math.min(index, this.children.length));
    this.children.splice(at, 0, child);
    return child;
  }

  /** Adds a new child element and returns it. */
  add(name: string, attrs?: Attributes): XmlElement {
    return this.appendChild(new XmlElement(name, attrs));
  }

  /** Position among all children (elements and comments), as libxml2 counts it. */
  indexInParent(): number {
    return this.parent ? this.parent.children.indexOf(this) : -1;
  }

  remove(): void {
    detach(this);
  }

  /** Depth-first walk over this element and its element descendants. */
  *walk(): Generator<XmlElement> {
    const stack: XmlElement[] = [this];
    while (stack.length) {
      const el = stack.pop()!;
      yield el;
      for (let i = el.children.length - 1; i >= 0; i--) {
        const c = el.children[i]!;
        if (c.kind === 'element') stack.push(c);
      }
    }
  }

  clone(): XmlElement {
    return cloneElement(this);
  }
}

/**
 * Gives an attribute object a null prototype, so that names such as
 * "constructor" are plain attributes. Unlike Object.create(null), which V8
 * keeps as a hash table, this keeps the object's fast layout: elements of the
 * same kind share one, which makes big trees much cheaper to build and walk.
 */
export function prototypeFree(attrs: Attributes): Attributes {
  return Object.setPrototypeOf(attrs, null) as Attributes;
}

export function comment(text: string): XmlComment {
  return { kind: 'comment', text, parent: null };
}

export function cdata(text: string): XmlCData {
  return { kind: 'cdata', text, parent: null };
}

export function detach(node: XmlNode): void {
  const p = node.parent;
  if (!p) return;
  const i = p.children.indexOf(node);
  if (i >= 0) p.children.splice(i, 1);
  node.parent = null;
}

export function cloneNode(node: XmlNode): XmlNode {
  if (node.kind === 'element') return cloneElement(node);
  return { kind: node.kind, text: node.text, parent: null } as XmlNode;
}

function cloneElement(el: XmlElement): XmlElement {
  const copy = new XmlElement(el.name, el.attrs);
  for (const c of el.children) {
    const cc = cloneNode(c);
    cc.parent = copy;
    copy.children.push(cc);
  }
  return copy;
}

/** Path of element names from the root, for messages. */
export function elementPath(el: XmlElement): string {
  const parts: string[] = [];
  for (let e: XmlElement | null = el; e; e = e.parent) parts.unshift(e.name);
  return '/' + parts.join('/');
}
