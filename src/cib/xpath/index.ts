/**
 * XPath 1.0 over the CIB tree, as Pacemaker's searches (libxml2) see it.
 *
 * An expression is evaluated with no context node, as libxml2 does for
 * Pacemaker: only absolute paths (`/cib/...`, `//nvpair`) find anything
 * unless a context element is given.
 */
import type { XmlElement } from '../xml/node.js';
import type { Expr } from './ast.js';
import { Evaluator } from './evaluate.js';
import { documentOf, type XNode } from './nodes.js';
import { parseXPath } from './parser.js';
import type { XPathValue } from './values.js';

export { XPathError } from './error.js';
export { elementXPath } from './element-path.js';
export type { XAttribute, XDocument, XNode } from './nodes.js';
export { stringValue } from './nodes.js';
export type { XPathValue } from './values.js';
export { formatNumber, toBoolean, toNumber, toString } from './values.js';

export interface EvaluateOptions {
  /** The context node for relative paths, position() and the like. */
  context?: XmlElement;
}

/** A parsed expression, to evaluate many times. */
export class XPath {
  private readonly ast: Expr;

  /** Throws XPathError if the expression is malformed. */
  constructor(readonly expression: string) {
    this.ast = parseXPath(expression);
  }

  /** The value of the expression in the document that `root` belongs to. */
  evaluate(root: XmlElement, options: EvaluateOptions = {}): XPathValue {
    const context = options.context ?? null;
    const evaluator = new Evaluator(documentOf(context ?? root), this.expression);
    return evaluator.evaluate(this.ast, { node: context, position: context ? 1 : 0, size: context ? 1 : 0 });
  }

  /** The elements the expression selects: see selectNodes(). */
  select(root: XmlElement, options: EvaluateOptions = {}): XmlElement[] {
    const value = this.evaluate(root, options);
    if (!Array.isArray(value)) return [];
    const out: XmlElement[] = [];
    for (const n of value) {
      const el = owningElement(n);
      if (el) out.push(el);
    }
    return out;
  }
}

/**
 * The elements an expression selects, in document order, as Pacemaker's
 * searches return them: an attribute, comment or text node stands for the
 * element that holds it (so `//nvpair/@name` gives the nvpairs, and an
 * element appears once per selected attribute), the document node for the
 * root element. An expression whose value is not a node-set selects nothing.
 * Throws XPathError if the expression is malformed.
 */
export function selectNodes(root: XmlElement, expr: string, options: EvaluateOptions = {}): XmlElement[] {
  return new XPath(expr).select(root, options);
}

/** The value of an expression: a node-set (XNode[]), string, number or boolean. */
export function evaluate(root: XmlElement, expr: string, options: EvaluateOptions = {}): XPathValue {
  return new XPath(expr).evaluate(root, options);
}

function owningElement(n: XNode): XmlElement | null {
  switch (n.kind) {
    case 'element':
      return n;
    case 'document':
      return n.root;
    case 'attribute':
      return n.owner;
    default:
      return n.parent;
  }
}
