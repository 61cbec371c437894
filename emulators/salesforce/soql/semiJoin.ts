import type { QueryBase, ValueQueryCondition } from '@jetstreamapp/soql-parser-js';
import type { SObjectDef, SoqlDataSource } from '../model';
import type { Predicate } from './condition';
import { invalidType, malformed, unsupported } from './errors';
import { kindOf } from './fieldKinds';
import { resolveFieldPath } from './fieldPaths';
import type { RecordAccess } from './recordAccess';

/**
 * `Id IN (SELECT ParentId FROM CaseComment WHERE …)` and `NOT IN`: both sides must be Ids or
 * references, as Salesforce requires. The inner query runs once per execution, on first use.
 */
/** Compiles a WHERE clause: filter.ts passes its own, so the two files do not import each other. */
export type WhereCompiler = (soql: string, query: QueryBase, source: SoqlDataSource, root: SObjectDef, now: Date) => Predicate | undefined;

export function compileSemiJoin(
  soql: string,
  outer: QueryBase,
  source: SoqlDataSource,
  root: SObjectDef,
  now: Date,
  leaf: ValueQueryCondition,
  compileWhere: WhereCompiler,
): Predicate {
  const operator = leaf.operator.toUpperCase();
  if (operator !== 'IN' && operator !== 'NOT IN') {
    throw malformed(soql, leaf.operator, `unexpected token: '${leaf.operator}'`);
  }
  const outerPath = resolveFieldPath(soql, source, root, leaf.field, outer.sObjectAlias);
  if (kindOf(outerPath.field) !== 'id') {
    throw malformed(soql, leaf.field, `Semi join sub-selects must select an Id or reference field; '${outerPath.field.name}' is not one`);
  }

  const inner = leaf.valueQuery;
  const innerObject = source.sobject(inner.sObject ?? '');
  if (!innerObject) throw invalidType(soql, inner.sObject ?? '');
  const [selected, ...rest] = inner.fields ?? [];
  if (!selected || rest.length > 0 || (selected.type !== 'Field' && selected.type !== 'FieldRelationship')) {
    throw malformed(soql, 'SELECT', 'Semi join sub-selects must select exactly one Id or reference field');
  }
  if (inner.groupBy || inner.having || inner.offset !== undefined) {
    throw unsupported(soql, 'SELECT', 'GROUP BY, HAVING or OFFSET in a semi-join subquery');
  }
  const written = selected.type === 'Field' ? selected.field : [...selected.relationships, selected.field].join('.');
  const innerPath = resolveFieldPath(soql, source, innerObject, written, inner.sObjectAlias);
  if (kindOf(innerPath.field) !== 'id') {
    throw malformed(soql, written, `Semi join sub-selects must select an Id or reference field; '${innerPath.field.name}' is not one`);
  }
  if (inner.where && JSON.stringify(inner.where).includes('"valueQuery"')) {
    throw unsupported(soql, 'SELECT', 'A semi-join inside a semi-join');
  }
  const innerPredicate = compileWhere(soql, inner, source, innerObject, now);

  let ids: Set<string> | undefined;
  const idsFrom = (access: RecordAccess): Set<string> => {
    if (ids) return ids;
    ids = new Set();
    let count = 0;
    for (const record of source.records(innerObject.name)) {
      if (record.IsDeleted === true) continue;
      if (innerPredicate && !innerPredicate(record, access)) continue;
      if (inner.limit !== undefined && count >= inner.limit) break;
      count++;
      const value = access.valueOf(record, innerPath);
      if (typeof value === 'string' && value !== '') ids.add(value.slice(0, 15));
    }
    return ids;
  };

  return (record, access) => {
    const value = access.valueOf(record, outerPath);
    const found = typeof value === 'string' && idsFrom(access).has(value.slice(0, 15));
    return operator === 'IN' ? found : !found;
  };
}
