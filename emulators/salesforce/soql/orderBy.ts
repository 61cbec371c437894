import type { OrderByClause, QueryBase } from '@jetstreamapp/soql-parser-js';
import type { FieldDef, SObjectDef, SfRecord, SoqlDataSource } from '../model';
import { SoqlError, atToken, unsupported } from './errors';
import { comparableOf, kindOf } from './fieldKinds';
import { resolveFieldPath, type FieldPath } from './fieldPaths';
import { storedText } from './literals';
import type { RecordAccess } from './recordAccess';

export interface SortKey {
  path: FieldPath;
  descending: boolean;
  /** Salesforce's default: nulls first ascending, last descending. */
  nullsFirst: boolean;
}

type KeyValue = string | number | null;

const ordinal = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * How one field's values sort, as a key read once per record. Text sorts case-insensitively
 * (by lower-cased code units); picklists sort in the order their values are defined, as
 * Salesforce does, with values outside the list after them.
 */
function keyReader(field: FieldDef): { read: (value: unknown) => KeyValue; compare: (a: string | number, b: string | number) => number } {
  const kind = kindOf(field);
  if (field.type === 'picklist') {
    const rank = new Map(field.picklistValues.map((entry, index) => [entry.value.toLowerCase(), index]));
    return {
      // Known values become their rank (a number); others stay text, and numbers sort first.
      read: (value) => {
        if (value === null || value === undefined) return null;
        const text = storedText(value).toLowerCase();
        return rank.get(text) ?? text;
      },
      compare: (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') return a - b;
        if (typeof a === 'number') return -1;
        if (typeof b === 'number') return 1;
        return ordinal(a, b);
      },
    };
  }
  if (kind === 'text' || kind === 'multipicklist') {
    return {
      read: (value) => (value === null || value === undefined ? null : storedText(value).toLowerCase()),
      compare: ordinal,
    };
  }
  if (kind === 'id') {
    return {
      read: (value) => (value === null || value === undefined ? null : storedText(value)),
      compare: ordinal,
    };
  }
  return {
    read: (value) => {
      const comparable = comparableOf(kind, value);
      return comparable === null ? null : typeof comparable === 'boolean' ? Number(comparable) : comparable;
    },
    compare: (a, b) => Number(a) - Number(b),
  };
}

/**
 * Sorts records by the ORDER BY keys. Keys are read once per record (decorate, sort, undecorate);
 * the sort is stable, so ties keep the store's order, which keeps paging deterministic.
 */
export function sortRecords(records: SfRecord[], keys: SortKey[], access: RecordAccess): SfRecord[] {
  if (keys.length === 0) return records;
  const readers = keys.map((key) => keyReader(key.path.field));
  const decorated = records.map((record) => ({
    record,
    values: keys.map((key, i) => (readers[i] as ReturnType<typeof keyReader>).read(access.valueOf(record, key.path))),
  }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as SortKey;
      const va = a.values[i] ?? null;
      const vb = b.values[i] ?? null;
      if (va === null || vb === null) {
        if (va === vb) continue;
        return (va === null) === key.nullsFirst ? -1 : 1;
      }
      const order = (readers[i] as ReturnType<typeof keyReader>).compare(va, vb);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
  return decorated.map((entry) => entry.record);
}

/** The ORDER BY keys of a query or subquery, with Salesforce's default null placement. */
export function resolveOrderBy(soql: string, query: QueryBase, source: SoqlDataSource, root: SObjectDef): SortKey[] {
  if (!query.orderBy) return [];
  const clauses: OrderByClause[] = Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy];
  return clauses.map((clause) => {
    if (!('field' in clause)) {
      const name = clause.fn.functionName ?? 'function';
      throw unsupported(soql, name, `The function ${clause.fn.rawValue ?? name} in ORDER BY`);
    }
    const path = resolveFieldPath(soql, source, root, clause.field, query.sObjectAlias);
    if (!path.field.sortable) {
      throw new SoqlError('INVALID_FIELD', atToken(soql, clause.field.split('.').pop(), `field '${path.field.name}' can not be sorted in a query call`));
    }
    const descending = clause.order === 'DESC';
    const nullsFirst = clause.nulls === undefined ? !descending : clause.nulls === 'FIRST';
    return { path, descending, nullsFirst };
  });
}
