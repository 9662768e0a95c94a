/** The parsed form of an XPath 1.0 expression. */

export type Axis =
  | 'ancestor'
  | 'ancestor-or-self'
  | 'attribute'
  | 'child'
  | 'descendant'
  | 'descendant-or-self'
  | 'following'
  | 'following-sibling'
  | 'namespace'
  | 'parent'
  | 'preceding'
  | 'preceding-sibling'
  | 'self';

export const AXES: ReadonlySet<string> = new Set<Axis>([
  'ancestor',
  'ancestor-or-self',
  'attribute',
  'child',
  'descendant',
  'descendant-or-self',
  'following',
  'following-sibling',
  'namespace',
  'parent',
  'preceding',
  'preceding-sibling',
  'self',
]);

/** Axes whose proximity positions count backwards from the context node. */
export const REVERSE_AXES: ReadonlySet<Axis> = new Set<Axis>(['ancestor', 'ancestor-or-self', 'preceding', 'preceding-sibling']);

export type NodeTest =
  | { kind: 'any' } // *
  | { kind: 'name'; name: string }
  | { kind: 'prefix'; prefix: string } // p:*
  | { kind: 'type'; type: 'node' | 'text' | 'comment' | 'processing-instruction' };

export interface Step {
  axis: Axis;
  test: NodeTest;
  predicates: Expr[];
}

export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'literal'; value: string }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'negate'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'union'; left: Expr; right: Expr }
  /** A location path: from the root, or from the context node. */
  | { kind: 'path'; absolute: boolean; steps: Step[] }
  /** A primary expression with predicates, then an optional relative path. */
  | { kind: 'filter'; primary: Expr; predicates: Expr[]; steps: Step[] };

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';
