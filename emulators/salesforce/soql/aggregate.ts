import type { SfRecord } from '../model';
import { comparableOf, kindOf } from './fieldKinds';
import type { RecordAccess } from './recordAccess';
import type { AggregateItem } from './selectList';

/**
 * One AggregateResult row for aggregate functions without GROUP BY, shaped as Salesforce returns
 * it: `{ attributes: { type: 'AggregateResult' }, expr0: … }`. MIN and MAX return the stored
 * value (so dates keep their format); SUM and AVG return numbers; over no rows they are null.
 */
export function aggregateRow(records: SfRecord[], items: AggregateItem[], access: RecordAccess): Record<string, unknown> {
  const row: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
  for (const item of items) {
    const kind = kindOf(item.path.field);
    const values = records.map((record) => access.valueOf(record, item.path)).filter((value) => value !== null && value !== undefined && value !== '');
    row[item.key] = reduce(item, kind, values);
  }
  return row;
}

function reduce(item: AggregateItem, kind: ReturnType<typeof kindOf>, values: unknown[]): unknown {
  switch (item.fn) {
    case 'COUNT':
      return values.length;
    case 'COUNT_DISTINCT':
      return new Set(values.map((value) => comparableOf(kind, value))).size;
    case 'SUM':
    case 'AVG': {
      const numbers = values.map((value) => Number(value)).filter((n) => Number.isFinite(n));
      if (numbers.length === 0) return null;
      const sum = numbers.reduce((total, n) => total + n, 0);
      return item.fn === 'SUM' ? sum : sum / numbers.length;
    }
    case 'MIN':
    case 'MAX': {
      let best: unknown = null;
      let bestKey: string | number | boolean | null = null;
      for (const value of values) {
        const key = comparableOf(kind, value);
        if (key === null) continue;
        const better = bestKey === null || (item.fn === 'MIN' ? key < bestKey : key > bestKey);
        if (better) {
          best = value;
          bestKey = key;
        }
      }
      return best;
    }
  }
}
