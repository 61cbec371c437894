import type { FieldDef, FieldType, SoqlDataSource } from '../model';
import { planChildQuery } from './childQuery';
import { invalidType } from './errors';
import type { FieldPath } from './fieldPaths';
import { parseSoql } from './parse';
import { resolveSelectList, type SelectedItem } from './selectList';

/** One entry of `columnMetadata`, as `GET /query?q=…&columns=true` answers it. */
export interface QueryColumn {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: QueryColumn[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

/** The whole reply: the columns of the select list, and what the query is on. */
export interface QueryColumns {
  columnMetadata: QueryColumn[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string;
}

const APEX_TYPES: Record<FieldType, string> = {
  id: 'Id',
  reference: 'Id',
  string: 'String',
  textarea: 'String',
  picklist: 'String',
  multipicklist: 'String',
  combobox: 'String',
  email: 'String',
  phone: 'String',
  url: 'String',
  boolean: 'Boolean',
  int: 'Integer',
  double: 'Double',
  percent: 'Double',
  currency: 'Decimal',
  date: 'Date',
  datetime: 'Datetime',
};
const TEXT_TYPES = new Set<FieldType>(['string', 'textarea', 'picklist', 'multipicklist', 'combobox', 'email', 'phone', 'url']);
const NUMBER_TYPES = new Set<FieldType>(['int', 'double', 'percent', 'currency']);

/**
 * The select list's column metadata without running the query: what the Salesforce CLI's
 * `sf data query` asks for (`columns=true`) to lay out its table. A field reached through parents
 * (`Owner.Name`) nests under one entry per relationship (`Owner`) in `joinColumns`, with the
 * dotted path as `displayName`; a child subquery is one entry whose `joinColumns` are its fields;
 * an aggregate is `expr0`, `expr1`… (or its alias) with `aggregate: true`. `COUNT()` has none.
 */
export function queryColumns(soql: string, source: SoqlDataSource): QueryColumns {
  const query = parseSoql(soql);
  const objectName = query.sObject ?? '';
  const root = source.sobject(objectName);
  if (!root) throw invalidType(soql, objectName);
  const select = resolveSelectList(soql, query, source, root, { inSubquery: false });
  const base = { entityName: root.name, groupBy: query.groupBy !== undefined, keyPrefix: root.keyPrefix };
  if (select.type === 'count') return { ...base, columnMetadata: [], idSelected: false };
  if (select.type === 'aggregate') {
    return {
      ...base,
      idSelected: false,
      columnMetadata: select.items.map((item) => ({
        ...leaf(item.path.field, item.key),
        aggregate: true,
        apexType: item.fn === 'COUNT' || item.fn === 'COUNT_DISTINCT' ? 'Integer' : item.fn === 'AVG' ? 'Double' : APEX_TYPES[item.path.field.type],
        insertable: false,
        updatable: false,
      })),
    };
  }
  return {
    ...base,
    idSelected: select.items.some((item) => item.type === 'path' && item.path.steps.length === 0 && item.path.field.name === 'Id'),
    columnMetadata: columnsOf(select.items, (item) => planChildQuery(soql, item, source, root, new Date(0))),
  };
}

function columnsOf(
  items: readonly SelectedItem[],
  planChild: (subquery: Extract<SelectedItem, { type: 'children' }>['subquery']) => { relationshipName: string; items: SelectedItem[] },
): QueryColumn[] {
  const columns: QueryColumn[] = [];
  for (const item of items) {
    if (item.type === 'children') {
      const plan = planChild(item.subquery);
      columns.push({ ...relationshipColumn(plan.relationshipName, false), joinColumns: columnsOf(plan.items, planChild) });
    } else if (item.type === 'typeof') {
      // One entry for the relationship, its join columns the fields of every branch, once each.
      const paths = [...item.branches.flatMap((branch) => branch.paths), ...(item.otherwise ?? [])];
      const joinColumns: QueryColumn[] = [];
      for (const path of paths) if (!joinColumns.some((column) => column.columnName === path.field.name)) addPath(joinColumns, path);
      const name = item.step.relationshipName;
      columns.push({ ...relationshipColumn(name, item.step.referenceField.custom), joinColumns: underRelationship(joinColumns, name) });
    } else {
      addPath(columns, item.path);
    }
  }
  return columns;
}

/** Display names of a TYPEOF's columns, resolved against its target, as seen from the query. */
function underRelationship(columns: QueryColumn[], relationship: string): QueryColumn[] {
  return columns.map((column) => ({
    ...column,
    displayName: `${relationship}.${column.displayName}`,
    joinColumns: underRelationship(column.joinColumns, relationship),
  }));
}

/** Adds a field path, merging fields reached through the same relationship under one entry. */
function addPath(columns: QueryColumn[], path: FieldPath): void {
  let level = columns;
  const prefix: string[] = [];
  for (const step of path.steps) {
    prefix.push(step.relationshipName);
    let join = level.find((column) => column.apexType === null && column.columnName === step.relationshipName);
    if (!join) {
      join = { ...relationshipColumn(step.relationshipName, step.referenceField.custom), displayName: prefix.join('.') };
      level.push(join);
    }
    level = join.joinColumns;
  }
  level.push({ ...leaf(path.field, path.field.name), displayName: [...prefix, path.field.name].join('.') });
}

function leaf(field: FieldDef, columnName: string): QueryColumn {
  return {
    aggregate: false,
    apexType: APEX_TYPES[field.type],
    booleanType: field.type === 'boolean',
    columnName,
    custom: field.custom,
    displayName: columnName,
    foreignKeyName: null,
    insertable: field.createable,
    joinColumns: [],
    numberType: NUMBER_TYPES.has(field.type),
    textType: TEXT_TYPES.has(field.type),
    updatable: field.updateable,
  };
}

function relationshipColumn(name: string, custom: boolean): QueryColumn {
  return {
    aggregate: false,
    apexType: null,
    booleanType: false,
    columnName: name,
    custom,
    displayName: name,
    foreignKeyName: null,
    insertable: false,
    joinColumns: [],
    numberType: false,
    textType: false,
    updatable: false,
  };
}
