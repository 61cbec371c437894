import type { LiteralType, Query, ValueFunctionCondition, ValueQueryCondition } from '@jetstreamapp/soql-parser-js';
import type { SObjectDef, SoqlDataSource } from '../model';
import { compileCondition, type Predicate, type RawLiteral } from './condition';
import { unsupported } from './errors';
import { resolveFieldPath } from './fieldPaths';
import { whereTree, type BooleanTree, type WhereLeaf } from './where';

/** Compiles the WHERE clause into one predicate; no WHERE keeps every record. */
export function compileWhere(
  soql: string,
  query: Query,
  source: SoqlDataSource,
  root: SObjectDef,
  now: Date,
): Predicate | undefined {
  if (!query.where) return undefined;
  const tree = whereTree(soql, query.where);
  return compileTree(tree, (leaf) => compileLeaf(soql, query, source, root, now, leaf));
}

function compileTree(tree: BooleanTree<WhereLeaf>, leaf: (leaf: WhereLeaf) => Predicate): Predicate {
  switch (tree.type) {
    case 'leaf':
      return leaf(tree.leaf);
    case 'not': {
      const inner = compileTree(tree.operand, leaf);
      return (record, access) => !inner(record, access);
    }
    case 'and': {
      const parts = tree.operands.map((operand) => compileTree(operand, leaf));
      return (record, access) => parts.every((part) => part(record, access));
    }
    case 'or': {
      const parts = tree.operands.map((operand) => compileTree(operand, leaf));
      return (record, access) => parts.some((part) => part(record, access));
    }
  }
}

function compileLeaf(
  soql: string,
  query: Query,
  source: SoqlDataSource,
  root: SObjectDef,
  now: Date,
  leaf: WhereLeaf,
): Predicate {
  if ('fn' in leaf) {
    const name = leaf.fn.functionName ?? 'function';
    throw unsupported(soql, name, `The function ${leaf.fn.rawValue ?? name} in WHERE`);
  }
  if ('valueQuery' in leaf) {
    throw unsupported(soql, 'SELECT', `A semi-join subquery (${leaf.field} ${leaf.operator} (SELECT …))`);
  }
  const path = resolveFieldPath(soql, source, root, leaf.field, query.sObjectAlias);
  return compileCondition({
    soql,
    written: leaf.field.split('.').pop() ?? leaf.field,
    path,
    operator: leaf.operator,
    literals: literalsOf(leaf),
    now,
  });
}

type ValueLeaf = Exclude<WhereLeaf, ValueFunctionCondition | ValueQueryCondition>;

function literalsOf(leaf: ValueLeaf): RawLiteral[] {
  const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
  const types = leaf.literalType;
  const variables = 'dateLiteralVariable' in leaf ? leaf.dateLiteralVariable : undefined;
  return values.map((text, i) => ({
    text: String(text),
    literalType: (Array.isArray(types) ? types[i] : types) as LiteralType | undefined,
    n: (Array.isArray(variables) ? variables[i] : variables) ?? undefined,
  }));
}
