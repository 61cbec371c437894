import type { Condition, ConditionWithValueQuery, NegationCondition, WhereClause } from '@jetstreamapp/soql-parser-js';
import { malformed } from './errors';

/**
 * The parser hands WHERE over as a right-leaning chain of conditions with parenthesis counts on
 * their ends, not as a tree. We replay it as a token stream and parse that with SOQL's rules:
 * NOT applies to the next operand, and AND and OR may not be mixed at one level without
 * parentheses (Salesforce answers "unexpected token: OR").
 */

export type BooleanTree<Leaf> =
  { type: 'leaf'; leaf: Leaf } | { type: 'not'; operand: BooleanTree<Leaf> } | { type: 'and' | 'or'; operands: BooleanTree<Leaf>[] };

export type WhereLeaf = Exclude<ConditionWithValueQuery, NegationCondition>;

type Token = { type: '(' } | { type: ')' } | { type: 'AND' | 'OR' | 'NOT' } | { type: 'leaf'; leaf: WhereLeaf };

function isLeaf(left: unknown): left is WhereLeaf {
  return typeof left === 'object' && left !== null && ('field' in left || 'fn' in left);
}

function tokensOf(where: WhereClause): Token[] {
  const tokens: Token[] = [];
  let node: WhereClause | undefined = where;
  while (node) {
    const left = node.left as Condition | null;
    const open = left && 'openParen' in left ? (left.openParen ?? 0) : 0;
    for (let i = 0; i < open; i++) tokens.push({ type: '(' });
    if (isLeaf(left)) {
      tokens.push({ type: 'leaf', leaf: left });
      const close = 'closeParen' in left ? (left.closeParen ?? 0) : 0;
      for (let i = 0; i < close; i++) tokens.push({ type: ')' });
    }
    const operator = 'operator' in node ? node.operator : undefined;
    if (operator === 'AND' || operator === 'OR' || operator === 'NOT') tokens.push({ type: operator });
    node = 'right' in node ? node.right : undefined;
  }
  return tokens;
}

export function whereTree(soql: string, where: WhereClause): BooleanTree<WhereLeaf> {
  const tokens = tokensOf(where);
  let position = 0;
  const peek = () => tokens[position];

  const unexpected = (token: Token | undefined) => {
    const text = token === undefined ? '<EOF>' : token.type === 'leaf' ? 'condition' : token.type;
    return malformed(soql, token && token.type !== 'leaf' && token.type !== '(' && token.type !== ')' ? token.type : undefined, `unexpected token: ${text}`);
  };

  const operand = (): BooleanTree<WhereLeaf> => {
    const token = peek();
    position++;
    if (token?.type === 'NOT') return { type: 'not', operand: operand() };
    if (token?.type === 'leaf') return { type: 'leaf', leaf: token.leaf };
    if (token?.type === '(') {
      const inner = expression();
      if (peek()?.type !== ')') throw unexpected(peek());
      position++;
      return inner;
    }
    throw unexpected(token);
  };

  const expression = (): BooleanTree<WhereLeaf> => {
    const first = operand();
    const joiner = peek();
    if (joiner?.type !== 'AND' && joiner?.type !== 'OR') return first;
    const operands = [first];
    for (let next = peek(); next?.type === 'AND' || next?.type === 'OR'; next = peek()) {
      if (next.type !== joiner.type) throw unexpected(next);
      position++;
      operands.push(operand());
    }
    return { type: joiner.type === 'AND' ? 'and' : 'or', operands };
  };

  const tree = expression();
  if (position !== tokens.length) throw unexpected(peek());
  return tree;
}
