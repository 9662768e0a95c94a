/**
 * Evaluation of a parsed XPath expression against a document.
 */
import { REVERSE_AXES, type Axis, type Expr, type NodeTest, type Step } from './ast.js';
import { XPathError } from './error.js';
import { callFunction, type FunctionContext } from './functions.js';
import { attributeNode, childrenOf, DocumentOrder, parentOf, stringValue, type XDocument, type XNode } from './nodes.js';
import { isNodeSet, toBoolean, toNumber, toString, type XPathValue } from './values.js';

interface Context {
  node: XNode | null;
  position: number;
  size: number;
}

export class Evaluator {
  private readonly order: DocumentOrder;
  private elements: XNode[] | null = null;

  constructor(
    private readonly doc: XDocument,
    readonly expression: string,
  ) {
    this.order = new DocumentOrder(doc);
  }

  evaluate(e: Expr, ctx: Context): XPathValue {
    switch (e.kind) {
      case 'number':
        return e.value;
      case 'literal':
        return e.value;
      case 'negate':
        return -toNumber(this.evaluate(e.operand, ctx));
      case 'call':
        return callFunction(this.functionContext(ctx), e.name, e.args);
      case 'union': {
        const left = this.nodeSet(e.left, ctx, '|');
        const right = this.nodeSet(e.right, ctx, '|');
        return this.order.sort([...left, ...right]);
      }
      case 'path': {
        const start: XNode[] = e.absolute ? [this.doc] : ctx.node ? [ctx.node] : [];
        return this.steps(start, e.steps);
      }
      case 'filter': {
        let nodes = this.nodeSet(e.primary, ctx, 'a predicate or path');
        for (const p of e.predicates) nodes = this.filter(nodes, p);
        return this.steps(nodes, e.steps);
      }
      case 'binary':
        return this.binary(e, ctx);
    }
  }

  private nodeSet(e: Expr, ctx: Context, what: string): XNode[] {
    const v = this.evaluate(e, ctx);
    if (!isNodeSet(v)) throw new XPathError(`${what} needs a node-set`, this.expression);
    return v;
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>, ctx: Context): XPathValue {
    switch (e.op) {
      case 'or':
        return toBoolean(this.evaluate(e.left, ctx)) || toBoolean(this.evaluate(e.right, ctx));
      case 'and':
        return toBoolean(this.evaluate(e.left, ctx)) && toBoolean(this.evaluate(e.right, ctx));
      case '=':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return compare(e.op, this.evaluate(e.left, ctx), this.evaluate(e.right, ctx));
    }
    const a = toNumber(this.evaluate(e.left, ctx));
    const b = toNumber(this.evaluate(e.right, ctx));
    switch (e.op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case 'div':
        return a / b;
      case 'mod':
        return a % b;
    }
  }

  private steps(start: XNode[], steps: Step[]): XNode[] {
    let nodes = start;
    for (let i = 0; i < steps.length && nodes.length; i++) {
      let step = steps[i]!;
      const next = steps[i + 1];
      // `//name[...]` reads descendant::name[...] when no predicate depends on positions
      if (isDescendantOrSelfNode(step) && next && next.axis === 'child' && next.predicates.every(positionFree)) {
        step = { ...next, axis: 'descendant' };
        i++;
      }
      nodes = this.step(nodes, step);
    }
    return nodes;
  }

  private step(contexts: XNode[], step: Step): XNode[] {
    const out: XNode[] = [];
    for (const c of contexts) {
      let found = candidates(c, step).filter((n) => matches(n, step.test, step.axis));
      for (const p of step.predicates) found = this.filter(found, p);
      for (const n of found) out.push(n);
    }
    if (contexts.length === 1) return REVERSE_AXES.has(step.axis) ? out.reverse() : out;
    return this.order.sort(out);
  }

  /** Keeps the nodes (in proximity order) for which the predicate holds. */
  private filter(nodes: XNode[], predicate: Expr): XNode[] {
    const size = nodes.length;
    return nodes.filter((node, i) => {
      const v = this.evaluate(predicate, { node, position: i + 1, size });
      return typeof v === 'number' ? v === i + 1 : toBoolean(v);
    });
  }

  private functionContext(ctx: Context): FunctionContext {
    return new CallContext(this, ctx);
  }

  /** Every element of the document, in document order (for id()). */
  allElements(): XNode[] {
    return (this.elements ??= this.steps([this.doc], [{ axis: 'descendant', test: { kind: 'any' }, predicates: [] }]));
  }
}

/** What a function sees of its call: the context and a way to evaluate its arguments. */
class CallContext implements FunctionContext {
  readonly node: XNode | null;
  readonly position: number;
  readonly size: number;
  readonly expression: string;

  constructor(
    private readonly evaluator: Evaluator,
    private readonly ctx: Context,
  ) {
    this.node = ctx.node;
    this.position = ctx.position;
    this.size = ctx.size;
    this.expression = evaluator.expression;
  }

  evaluate(e: Expr): XPathValue {
    return this.evaluator.evaluate(e, this.ctx);
  }

  allElements(): XNode[] {
    return this.evaluator.allElements();
  }
}

function isDescendantOrSelfNode(s: Step): boolean {
  return s.axis === 'descendant-or-self' && s.test.kind === 'type' && s.test.type === 'node' && s.predicates.length === 0;
}

/** Whether a predicate's outcome cannot depend on the context position or size. */
function positionFree(e: Expr): boolean {
  return staticType(e) !== 'number' && !usesPosition(e);
}

function usesPosition(e: Expr): boolean {
  switch (e.kind) {
    case 'call':
      return e.name === 'position' || e.name === 'last' || e.args.some(usesPosition);
    case 'negate':
      return usesPosition(e.operand);
    case 'binary':
    case 'union':
      return usesPosition(e.left) || usesPosition(e.right);
    case 'filter':
      // the predicates have a context of their own
      return usesPosition(e.primary);
    default:
      return false;
  }
}

const NUMBER_FUNCTIONS = new Set(['last', 'position', 'count', 'string-length', 'number', 'sum', 'floor', 'ceiling', 'round']);

function staticType(e: Expr): 'number' | 'other' {
  switch (e.kind) {
    case 'number':
    case 'negate':
      return 'number';
    case 'call':
      return NUMBER_FUNCTIONS.has(e.name) ? 'number' : 'other';
    case 'binary':
      return ['+', '-', '*', 'div', 'mod'].includes(e.op) ? 'number' : 'other';
    default:
      return 'other';
  }
}

/** The nodes along a step's axis, narrowed at once where the node test allows it. */
function candidates(node: XNode, step: Step): readonly XNode[] {
  if (step.axis === 'attribute' && step.test.kind === 'name') {
    // an attribute by name: no need to wrap the others
    return node.kind === 'element' && step.test.name in node.attrs ? [attributeNode(node, step.test.name)] : [];
  }
  return axisNodes(node, step.axis);
}

/** The nodes along an axis, in the axis's own order (reverse axes nearest first). */
function axisNodes(node: XNode, axis: Axis): readonly XNode[] {
  switch (axis) {
    case 'self':
      return [node];
    case 'child':
      return childrenOf(node);
    case 'attribute':
      return node.kind === 'element' ? Object.keys(node.attrs).map((name) => attributeNode(node, name)) : [];
    case 'namespace':
      return [];
    case 'parent': {
      const p = parentOf(node);
      return p ? [p] : [];
    }
    case 'ancestor':
    case 'ancestor-or-self': {
      const out: XNode[] = axis === 'ancestor-or-self' ? [node] : [];
      for (let p = parentOf(node); p; p = parentOf(p)) out.push(p);
      return out;
    }
    case 'descendant':
    case 'descendant-or-self': {
      const out: XNode[] = axis === 'descendant-or-self' ? [node] : [];
      descendants(node, out);
      return out;
    }
    case 'following-sibling':
    case 'preceding-sibling': {
      if (node.kind === 'attribute' || node.kind === 'document') return [];
      const siblings = node.parent ? node.parent.children : [];
      const i = (siblings as XNode[]).indexOf(node);
      if (i < 0) return [];
      return axis === 'following-sibling' ? siblings.slice(i + 1) : siblings.slice(0, i).reverse();
    }
    case 'following': {
      const out: XNode[] = [];
      if (node.kind === 'attribute') descendants(node.owner, out);
      for (let a: XNode | null = node.kind === 'attribute' ? node.owner : node; a; a = parentOf(a)) {
        for (const s of axisNodes(a, 'following-sibling')) {
          out.push(s);
          descendants(s, out);
        }
      }
      return out;
    }
    case 'preceding': {
      const out: XNode[] = [];
      for (let a: XNode | null = node.kind === 'attribute' ? node.owner : node; a; a = parentOf(a)) {
        for (const s of axisNodes(a, 'preceding-sibling')) reverseSubtree(s, out);
      }
      return out;
    }
  }
}

function descendants(node: XNode, out: XNode[]): void {
  for (const c of childrenOf(node)) {
    out.push(c);
    descendants(c, out);
  }
}

/** A subtree in reverse document order: last descendants first, the node itself last. */
function reverseSubtree(node: XNode, out: XNode[]): void {
  const children = childrenOf(node);
  for (let i = children.length - 1; i >= 0; i--) reverseSubtree(children[i]!, out);
  out.push(node);
}

function matches(node: XNode, test: NodeTest, axis: Axis): boolean {
  const principal = axis === 'attribute' ? 'attribute' : 'element';
  switch (test.kind) {
    case 'any':
      return node.kind === principal;
    case 'name':
      return node.kind === principal && node.name === test.name;
    case 'prefix':
      return node.kind === principal && node.name.startsWith(test.prefix + ':');
    case 'type':
      switch (test.type) {
        case 'node':
          return true;
        case 'text':
          return node.kind === 'cdata';
        case 'comment':
          return node.kind === 'comment';
        case 'processing-instruction':
          return false;
      }
  }
}

type Primitive = string | number | boolean;

/** XPath 1.0 section 3.4: comparisons, with node-sets compared member by member. */
function compare(op: '=' | '!=' | '<' | '<=' | '>' | '>=', a: XPathValue, b: XPathValue): boolean {
  if (isNodeSet(a) && isNodeSet(b)) {
    const right = b.map(stringValue);
    return a.some((n) => {
      const left = stringValue(n);
      return right.some((r) => comparePrimitive(op, left, r));
    });
  }
  if (isNodeSet(a)) {
    const right = b as Primitive;
    if (typeof right === 'boolean') return comparePrimitive(op, toBoolean(a), right);
    return a.some((n) => comparePrimitive(op, typeof right === 'number' ? toNumber(stringValue(n)) : stringValue(n), right));
  }
  if (isNodeSet(b)) {
    const left = a as Primitive;
    if (typeof left === 'boolean') return comparePrimitive(op, left, toBoolean(b));
    return b.some((n) => comparePrimitive(op, left, typeof left === 'number' ? toNumber(stringValue(n)) : stringValue(n)));
  }
  return comparePrimitive(op, a, b);
}

function comparePrimitive(op: '=' | '!=' | '<' | '<=' | '>' | '>=', a: Primitive, b: Primitive): boolean {
  if (op === '=' || op === '!=') {
    let equal: boolean;
    if (typeof a === 'boolean' || typeof b === 'boolean') equal = toBoolean(a) === toBoolean(b);
    else if (typeof a === 'number' || typeof b === 'number') equal = toNumber(a) === toNumber(b);
    else equal = toString(a) === toString(b);
    return op === '=' ? equal : !equal;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}
