import type { FieldDef, SfRecord } from '../model';
import { comparableOf, kindOf } from './fieldKinds';
import type { FieldPath } from './fieldPaths';
import type { RecordAccess } from './recordAccess';

export interface SortKey {
  path: FieldPath;
  descending: boolean;
  /** Salesforce's default: nulls first ascending, last descending. */
  nullsFirst: boolean;
}

type KeyValue = string | number | null;

const collator = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * How one field's values sort. Text sorts case-insensitively; picklists sort in the order their
 * values are defined (as Salesforce does), values outside the list after them.
 */
function keyReader(field: FieldDef): { read: (value: unknown) => KeyValue; compare: (a: string | number, b: string | number) => number } {
  const kind = kindOf(field);
  if (field.type === 'picklist') {
    const rank = new Map(field.picklistValues.map((entry, index) => [entry.value.toLowerCase(), index]));
    const unknown = field.picklistValues.length;
    return {
      read: (value) => (value === null || value === undefined ? null : String(value)),
      compare: (a, b) => {
        const ra = rank.get(String(a).toLowerCase()) ?? unknown;
        const rb = rank.get(String(b).toLowerCase()) ?? unknown;
        return ra !== rb ? ra - rb : collator.compare(String(a), String(b));
      },
    };
  }
  if (kind === 'text' || kind === 'multipicklist') {
    return {
      read: (value) => (value === null || value === undefined ? null : String(value)),
      compare: (a, b) => collator.compare(String(a), String(b)),
    };
  }
  if (kind === 'id') {
    return {
      read: (value) => (value === null || value === undefined ? null : String(value)),
      compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
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
