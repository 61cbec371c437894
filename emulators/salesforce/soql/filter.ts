import type { QueryBase, ValueFunctionCondition, ValueQueryCondition } from '@jetstreamapp/soql-parser-js';
import type { SObjectDef, SoqlDataSource } from '../model';
import { compileCondition, type Predicate, type RawLiteral } from './condition';
import { malformed, unsupported } from './errors';
import { compileSemiJoin } from './semiJoin';
import { resolveFieldPath } from './fieldPaths';
import { whereTree, type BooleanTree, type WhereLeaf } from './where';

/** Compiles the WHERE clause into one predicate; no WHERE keeps every record. */
export function compileWhere(soql: string, query: QueryBase, source: SoqlDataSource, root: SObjectDef, now: Date): Predicate | undefined {
  if (!query.where) return undefined;
  const tree = whereTree(soql, query.where);
  return compileTree(tree, true, (leaf, topLevel) => compileLeaf(soql, query, source, root, now, leaf, topLevel));
}

/** `topLevel` is true while only ANDs lead to the node: the one place Salesforce allows semi-joins. */
function compileTree(tree: BooleanTree<WhereLeaf>, topLevel: boolean, leaf: (leaf: WhereLeaf, topLevel: boolean) => Predicate): Predicate {
  switch (tree.type) {
    case 'leaf':
      return leaf(tree.leaf, topLevel);
    case 'not': {
      const inner = compileTree(tree.operand, false, leaf);
      return (record, access) => !inner(record, access);
    }
    case 'and': {
      const parts = tree.operands.map((operand) => compileTree(operand, topLevel, leaf));
      return (record, access) => parts.every((part) => part(record, access));
    }
    case 'or': {
      const parts = tree.operands.map((operand) => compileTree(operand, false, leaf));
      return (record, access) => parts.some((part) => part(record, access));
    }
  }
}

function compileLeaf(soql: string, query: QueryBase, source: SoqlDataSource, root: SObjectDef, now: Date, leaf: WhereLeaf, topLevel: boolean): Predicate {
  if ('fn' in leaf) {
    const name = leaf.fn.functionName ?? 'function';
    throw unsupported(soql, name, `The function ${leaf.fn.rawValue ?? name} in WHERE`);
  }
  if ('valueQuery' in leaf) {
    if (!topLevel) {
      throw malformed(soql, 'SELECT', 'Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.');
    }
    return compileSemiJoin(soql, query, source, root, now, leaf, compileWhere);
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
    text,
    literalType: Array.isArray(types) ? types[i] : types,
    n: (Array.isArray(variables) ? variables[i] : variables) ?? undefined,
  }));
}
