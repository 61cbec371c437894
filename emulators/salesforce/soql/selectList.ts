import type { FieldFunctionExpression, FieldType as SelectItem, QueryBase, Subquery } from '@jetstreamapp/soql-parser-js';
import type { SObjectDef, SoqlDataSource } from '../model';
import { malformed, unsupported } from './errors';
import { resolveFieldPath, type FieldPath } from './fieldPaths';
import { resolveTypeOf, type TypeOfItem } from './typeOf';

export type AggregateFunction = 'COUNT' | 'COUNT_DISTINCT' | 'MIN' | 'MAX' | 'SUM' | 'AVG';

export interface AggregateItem {
  fn: AggregateFunction;
  path: FieldPath;
  /** The key in the result row: the alias, or `expr0`, `expr1`, … like Salesforce. */
  key: string;
}

/** A selected column: a field (maybe through parents), a child relationship subquery, or a TYPEOF. */
export type SelectedItem = { type: 'path'; path: FieldPath } | { type: 'children'; subquery: Subquery } | TypeOfItem;

export type SelectList = { type: 'fields'; items: SelectedItem[] } | { type: 'count' } | { type: 'aggregate'; items: AggregateItem[] };

const AGGREGATES = new Set<string>(['COUNT', 'COUNT_DISTINCT', 'MIN', 'MAX', 'SUM', 'AVG']);
const FIELDS_LIMIT = 200;

export function resolveSelectList(soql: string, query: QueryBase, source: SoqlDataSource, root: SObjectDef, context: { inSubquery: boolean }): SelectList {
  const items = query.fields ?? [];
  const alias = query.sObjectAlias;
  const selected: SelectedItem[] = [];
  const aggregates: AggregateItem[] = [];
  let countAll = false;
  let firstPlainField: string | undefined;

  for (const item of items) {
    switch (item.type) {
      case 'Field':
      case 'FieldRelationship': {
        const written = writtenName(item);
        if ('alias' in item && item.alias && !('objectPrefix' in item)) {
          throw malformed(soql, item.alias, `unexpected token: '${item.alias}'`);
        }
        selected.push({ type: 'path', path: resolveFieldPath(soql, source, root, written, alias) });
        firstPlainField ??= written;
        break;
      }
      case 'FieldFunctionExpression': {
        const name = item.functionName.toUpperCase();
        if (name === 'FIELDS') {
          for (const path of expandFieldsFunction(soql, query, source, root, item.parameters)) selected.push({ type: 'path', path });
          firstPlainField ??= item.rawValue ?? 'FIELDS';
        } else if (name === 'COUNT' && item.parameters.length === 0) {
          countAll = true;
        } else if (AGGREGATES.has(name)) {
          // Only unaliased aggregates consume an exprN name.
          const unaliased = aggregates.filter((entry) => /^expr\d+$/.test(entry.key)).length;
          aggregates.push(aggregateItem(soql, source, root, alias, item, name as AggregateFunction, unaliased));
        } else {
          throw unsupported(soql, item.functionName, `The function ${item.rawValue ?? name} in the select list`);
        }
        break;
      }
      case 'FieldSubquery':
        if (context.inSubquery) {
          throw unsupported(soql, item.subquery.relationshipName, 'A subquery inside a subquery');
        }
        selected.push({ type: 'children', subquery: item.subquery });
        break;
      case 'FieldTypeof':
        selected.push(resolveTypeOf(soql, item, source, root, alias));
        firstPlainField ??= 'TYPEOF';
        break;
    }
  }
  rejectTypeOfBesideItsRelationship(soql, selected);

  if (countAll) {
    if (context.inSubquery) throw unsupported(soql, 'COUNT', 'COUNT() in a subquery');
    if (selected.length > 0 || aggregates.length > 0) {
      throw malformed(soql, 'COUNT', `COUNT() must be the only element in the SELECT list`);
    }
    rejectOrderingOfAggregate(soql, query);
    return { type: 'count' };
  }
  if (aggregates.length > 0) {
    if (context.inSubquery) throw unsupported(soql, item0Name(aggregates), 'An aggregate function in a subquery');
    if (firstPlainField !== undefined) {
      throw malformed(soql, firstPlainField, `Field must be grouped or aggregated: ${firstPlainField}`);
    }
    rejectOrderingOfAggregate(soql, query);
    return { type: 'aggregate', items: aggregates };
  }
  if (selected.length === 0) throw malformed(soql, 'FROM', `unexpected token: 'FROM'`);
  return { type: 'fields', items: selected };
}

/**
 * Per the TYPEOF reference, "typeOfField cannot reference a relationship field that is also
 * referenced in the fieldList": `Owner.Name, TYPEOF Owner …` is refused.
 */
function rejectTypeOfBesideItsRelationship(soql: string, selected: SelectedItem[]): void {
  for (const item of selected) {
    if (item.type !== 'typeof') continue;
    const name = item.step.relationshipName;
    const clash = selected.some(
      (other) =>
        other !== item &&
        ((other.type === 'path' && other.path.steps[0]?.relationshipName === name) || (other.type === 'typeof' && other.step.relationshipName === name)),
    );
    if (clash) throw malformed(soql, name, `duplicate field selected: ${name} (a TYPEOF ${name} cannot be combined with other ${name} fields)`);
  }
}

/** An aggregate query has one row and nothing grouped, so no field can be ordered by. */
function rejectOrderingOfAggregate(soql: string, query: QueryBase): void {
  if (!query.orderBy) return;
  const [first] = Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy];
  const name = first && 'field' in first ? first.field : (first?.fn.rawValue ?? 'ORDER BY');
  throw malformed(soql, name, `Ordered field must be grouped or aggregated: ${name}`);
}

function item0Name(aggregates: AggregateItem[]): string | undefined {
  return aggregates[0]?.fn;
}

function writtenName(item: Extract<SelectItem, { type: 'Field' | 'FieldRelationship' }>): string {
  if (item.type === 'Field') return 'objectPrefix' in item && item.rawValue ? item.rawValue : item.field;
  return item.rawValue ?? [...item.relationships, item.field].join('.');
}

function expandFieldsFunction(
  soql: string,
  query: QueryBase,
  source: SoqlDataSource,
  root: SObjectDef,
  parameters: readonly (string | FieldFunctionExpression)[],
): FieldPath[] {
  const [argument = ''] = parameters;
  const written = typeof argument === 'string' ? argument : (argument.rawValue ?? `${argument.functionName}(…)`);
  const which = written.toUpperCase();
  if (which !== 'ALL' && which !== 'STANDARD' && which !== 'CUSTOM') {
    throw malformed(soql, 'FIELDS', `FIELDS(${written}) is not a valid FIELDS argument; use ALL, STANDARD or CUSTOM`);
  }
  // Salesforce bounds the unbounded forms so a query cannot return every column of every row.
  if (which !== 'STANDARD' && (query.limit === undefined || query.limit > FIELDS_LIMIT)) {
    throw malformed(soql, 'FIELDS', `The SOQL FIELDS function must have a LIMIT of at most ${FIELDS_LIMIT}`);
  }
  return root.fields
    .filter((field) => (which === 'ALL' ? true : which === 'CUSTOM' ? field.custom : !field.custom))
    .map((field) => resolveFieldPath(soql, source, root, field.name, undefined));
}

function aggregateItem(
  soql: string,
  source: SoqlDataSource,
  root: SObjectDef,
  alias: string | undefined,
  item: Extract<SelectItem, { type: 'FieldFunctionExpression' }>,
  fn: AggregateFunction,
  position: number,
): AggregateItem {
  const [parameter] = item.parameters;
  if (typeof parameter !== 'string' || item.parameters.length !== 1) {
    throw unsupported(soql, item.functionName, `The aggregate ${item.rawValue ?? fn}`);
  }
  const path = resolveFieldPath(soql, source, root, parameter, alias);
  const numeric = ['int', 'double', 'currency', 'percent'].includes(path.field.type);
  if ((fn === 'SUM' || fn === 'AVG') && !numeric) {
    throw malformed(soql, parameter, `field ${path.field.name} does not support aggregate operator ${fn}`);
  }
  return { fn, path, key: item.alias ?? `expr${position}` };
}
