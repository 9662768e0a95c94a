/**
 * Recursive descent over the XPath 1.0 grammar, abbreviations expanded:
 * `//` is /descendant-or-self::node()/, `.` self::node(), `..`
 * parent::node(), `@` the attribute axis.
 */
import { AXES, type Axis, type BinaryOp, type Expr, type NodeTest, type Step } from './ast.js';
import { XPathError } from './error.js';
import { checkCall } from './functions.js';
import { tokenize, type Token } from './lexer.js';

const DESCENDANT_OR_SELF: Step = { axis: 'descendant-or-self', test: { kind: 'type', type: 'node' }, predicates: [] };

export function parseXPath(expr: string): Expr {
  return new Parser(expr).parseAll();
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  parseAll(): Expr {
    if (this.tokens.length === 0) this.fail('Empty expression');
    const e = this.orExpr();
    if (this.peek()) this.fail('Unexpected token');
    return e;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private fail(message: string): never {
    throw new XPathError(message, this.source, this.peek()?.at ?? this.source.length);
  }

  private isOp(value: string): boolean {
    const t = this.peek();
    return t !== undefined && t.type === 'operator' && t.value === value;
  }

  private isPunct(value: string): boolean {
    const t = this.peek();
    return t !== undefined && t.type === 'punct' && t.value === value;
  }

  private expectPunct(value: string, message: string): void {
    if (!this.isPunct(value)) this.fail(message);
    this.pos++;
  }

  /** A left-associative chain of binary operators. */
  private chain(ops: readonly string[], next: () => Expr): Expr {
    let left = next();
    for (;;) {
      const t = this.peek();
      if (!t || t.type !== 'operator' || !ops.includes(t.value)) return left;
      this.pos++;
      left = { kind: 'binary', op: t.value as BinaryOp, left, right: next() };
    }
  }

  private orExpr(): Expr {
    return this.chain(['or'], () => this.andExpr());
  }

  private andExpr(): Expr {
    return this.chain(['and'], () => this.equalityExpr());
  }

  private equalityExpr(): Expr {
    return this.chain(['=', '!='], () => this.relationalExpr());
  }

  private relationalExpr(): Expr {
    return this.chain(['<', '<=', '>', '>='], () => this.additiveExpr());
  }

  private additiveExpr(): Expr {
    return this.chain(['+', '-'], () => this.multiplicativeExpr());
  }

  private multiplicativeExpr(): Expr {
    return this.chain(['*', 'div', 'mod'], () => this.unaryExpr());
  }

  private unaryExpr(): Expr {
    if (this.isOp('-')) {
      this.pos++;
      return { kind: 'negate', operand: this.unaryExpr() };
    }
    return this.unionExpr();
  }

  private unionExpr(): Expr {
    let left = this.pathExpr();
    while (this.isOp('|')) {
      this.pos++;
      left = { kind: 'union', left, right: this.pathExpr() };
    }
    return left;
  }

  private pathExpr(): Expr {
    const t = this.peek();
    if (!t) this.fail('Expression expected');
    const startsLocationPath =
      (t.type === 'operator' && (t.value === '/' || t.value === '//')) ||
      (t.type === 'punct' && (t.value === '.' || t.value === '..' || t.value === '@')) ||
      t.type === 'axis' ||
      t.type === 'nameTest' ||
      t.type === 'nodeType';
    if (startsLocationPath) return this.locationPath();

    const primary = this.primaryExpr();
    const predicates = this.predicates();
    const steps: Step[] = [];
    if (this.isOp('/') || this.isOp('//')) this.relativePath(steps);
    if (predicates.length === 0 && steps.length === 0) return primary;
    return { kind: 'filter', primary, predicates, steps };
  }

  private locationPath(): Expr {
    const steps: Step[] = [];
    if (this.isOp('/')) {
      this.pos++;
      if (this.startsStep()) this.relativeSteps(steps);
      return { kind: 'path', absolute: true, steps };
    }
    if (this.isOp('//')) {
      this.pos++;
      steps.push(DESCENDANT_OR_SELF);
      this.relativeSteps(steps);
      return { kind: 'path', absolute: true, steps };
    }
    this.relativeSteps(steps);
    return { kind: 'path', absolute: false, steps };
  }

  /** ('/' | '//') RelativeLocationPath, after a filter expression. */
  private relativePath(steps: Step[]): void {
    while (this.isOp('/') || this.isOp('//')) {
      if (this.isOp('//')) steps.push(DESCENDANT_OR_SELF);
      this.pos++;
      steps.push(this.step());
    }
  }

  private relativeSteps(steps: Step[]): void {
    steps.push(this.step());
    this.relativePath(steps);
  }

  private startsStep(): boolean {
    const t = this.peek();
    if (!t) return false;
    if (t.type === 'punct') return t.value === '.' || t.value === '..' || t.value === '@';
    return t.type === 'axis' || t.type === 'nameTest' || t.type === 'nodeType';
  }

  private step(): Step {
    if (this.isPunct('.')) {
      this.pos++;
      return { axis: 'self', test: { kind: 'type', type: 'node' }, predicates: [] };
    }
    if (this.isPunct('..')) {
      this.pos++;
      return { axis: 'parent', test: { kind: 'type', type: 'node' }, predicates: [] };
    }
    let axis: Axis = 'child';
    const t = this.peek();
    if (t && t.type === 'axis') {
      if (!AXES.has(t.value)) this.fail(`Unknown axis '${t.value}'`);
      axis = t.value as Axis;
      this.pos++;
      this.expectPunct('::', "Expected '::'");
    } else if (this.isPunct('@')) {
      axis = 'attribute';
      this.pos++;
    }
    const test = this.nodeTest();
    return { axis, test, predicates: this.predicates() };
  }

  private nodeTest(): NodeTest {
    const t = this.peek();
    if (!t) this.fail('Node test expected');
    if (t.type === 'nameTest') {
      this.pos++;
      if (t.value === '*') return { kind: 'any' };
      if (t.value.endsWith(':*')) return { kind: 'prefix', prefix: t.value.slice(0, -2) };
      return { kind: 'name', name: t.value };
    }
    if (t.type === 'nodeType') {
      this.pos++;
      this.expectPunct('(', "Expected '('");
      if (t.value === 'processing-instruction' && this.peek()?.type === 'literal') this.pos++;
      this.expectPunct(')', "Expected ')'");
      return { kind: 'type', type: t.value as 'node' | 'text' | 'comment' | 'processing-instruction' };
    }
    return this.fail('Node test expected');
  }

  private predicates(): Expr[] {
    const out: Expr[] = [];
    while (this.isPunct('[')) {
      this.pos++;
      out.push(this.orExpr());
      this.expectPunct(']', 'Invalid predicate');
    }
    return out;
  }

  private primaryExpr(): Expr {
    const t = this.peek();
    if (!t) this.fail('Expression expected');
    switch (t.type) {
      case 'variable':
        // nothing ever binds a variable, as in Pacemaker's searches
        return this.fail(`Undefined variable $${t.value}`);
      case 'literal':
        this.pos++;
        return { kind: 'literal', value: t.value };
      case 'number':
        this.pos++;
        return { kind: 'number', value: t.value };
      case 'function': {
        this.pos++;
        this.expectPunct('(', "Expected '('");
        const args: Expr[] = [];
        if (!this.isPunct(')')) {
          args.push(this.orExpr());
          while (this.isPunct(',')) {
            this.pos++;
            args.push(this.orExpr());
          }
        }
        this.expectPunct(')', "Expected ')'");
        checkCall(t.value, args.length, this.source, t.at);
        return { kind: 'call', name: t.value, args };
      }
      case 'punct':
        if (t.value === '(') {
          this.pos++;
          const e = this.orExpr();
          this.expectPunct(')', "Expected ')'");
          return e;
        }
        break;
    }
    return this.fail('Invalid expression');
  }
}
