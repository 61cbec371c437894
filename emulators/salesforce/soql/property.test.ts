import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SfRecord } from '../model';
import { executeSoql } from './index';
import { MemorySource, NOW, caseObject, fakeId } from './testFixture';

/** Generated Cases with few distinct values so ties and nulls are common. */
const caseArbitrary = fc.record({
  Subject: fc.option(fc.stringMatching(/^[a-cA-C]{1,3}$/), { nil: null }),
  Score__c: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
  Status: fc.constantFrom('New', 'Working', 'Escalated', 'Closed'),
  CreatedDate: fc.option(
    fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 5, 1) }).map((ms) => new Date(ms).toISOString().replace('Z', '+0000')),
    { nil: null },
  ),
});

type KeyField = 'Subject' | 'Score__c' | 'Status' | 'CreatedDate';
const keyArbitrary = fc.record({
  field: fc.constantFrom<KeyField>('Subject', 'Score__c', 'Status', 'CreatedDate'),
  direction: fc.constantFrom('', ' ASC', ' DESC'),
  nulls: fc.constantFrom('', ' NULLS FIRST', ' NULLS LAST'),
});

const STATUS_ORDER = ['New', 'Working', 'Escalated', 'Closed'];

function sourceOf(rows: Array<Record<string, unknown>>): MemorySource {
  const source = new MemorySource([structuredClone(caseObject)]);
  rows.forEach((row, i) => source.add('Case', { Id: fakeId('500', i + 1), IsDeleted: false, ...row }));
  return source;
}

/** The generated field values are strings and numbers. */
function generatedText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new Error(`Unexpected generated value ${JSON.stringify(value)}`);
}

/** An independent statement of Salesforce's ordering for one key. */
function compareByKey(a: SfRecord, b: SfRecord, key: { field: KeyField; direction: string; nulls: string }): number {
  const descending = key.direction === ' DESC';
  const nullsFirst = key.nulls === '' ? !descending : key.nulls === ' NULLS FIRST';
  const va = a[key.field] ?? null;
  const vb = b[key.field] ?? null;
  if (va === null || vb === null) {
    if (va === vb) return 0;
    return (va === null) === nullsFirst ? -1 : 1;
  }
  let order: number;
  if (key.field === 'Status') order = STATUS_ORDER.indexOf(generatedText(va)) - STATUS_ORDER.indexOf(generatedText(vb));
  else if (key.field === 'Score__c') order = Number(va) - Number(vb);
  else if (key.field === 'CreatedDate') order = Date.parse(generatedText(va).replace('+0000', 'Z')) - Date.parse(generatedText(vb).replace('+0000', 'Z'));
  else {
    const [ta, tb] = [generatedText(va).toLowerCase(), generatedText(vb).toLowerCase()];
    order = ta < tb ? -1 : ta > tb ? 1 : 0;
  }
  return descending ? -order : order;
}

const options = { now: NOW, includeDeleted: false, apiVersion: '59.0' };

describe('SOQL ordering and paging properties', () => {
  it('ORDER BY output is a sorted permutation of the matching records', () => {
    fc.assert(
      fc.property(fc.array(caseArbitrary, { maxLength: 40 }), fc.array(keyArbitrary, { minLength: 1, maxLength: 3 }), (rows, keys) => {
        const source = sourceOf(rows);
        const orderBy = keys.map((key) => `${key.field}${key.direction}${key.nulls}`).join(', ');
        const result = executeSoql(`SELECT Id, Subject, Score__c, Status, CreatedDate FROM Case ORDER BY ${orderBy}`, source, options);
        expect(result.totalSize).toBe(rows.length);
        expect(new Set(result.records.map((r) => r.Id)).size).toBe(rows.length);
        const records = result.records as unknown as SfRecord[];
        for (let i = 1; i < records.length; i++) {
          const [previous, current] = [records[i - 1] as SfRecord, records[i] as SfRecord];
          const firstDifference = keys.map((key) => compareByKey(previous, current, key)).find((order) => order !== 0) ?? 0;
          expect(firstDifference).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('LIMIT/OFFSET equals slicing the full ordered result, and COUNT() counts it', () => {
    fc.assert(
      fc.property(
        fc.array(caseArbitrary, { maxLength: 40 }),
        keyArbitrary,
        fc.integer({ min: 0, max: 45 }),
        fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined }),
        fc.integer({ min: -3, max: 3 }),
        (rows, key, offset, limit, threshold) => {
          const source = sourceOf(rows);
          const base = `SELECT Id FROM Case WHERE Score__c >= ${threshold} OR Subject LIKE 'a%' ORDER BY ${key.field}${key.direction}${key.nulls}, Id`;
          const full = executeSoql(base, source, options).records.map((r) => r.Id);
          const paged = executeSoql(`${base}${limit === undefined ? '' : ` LIMIT ${limit}`} OFFSET ${offset}`, source, options);
          const expected = full.slice(offset, limit === undefined ? undefined : offset + limit);
          expect(paged.records.map((r) => r.Id)).toEqual(expected);
          expect(paged.totalSize).toBe(expected.length);

          const matching = rows.filter(
            (row) => (row.Score__c !== null && row.Score__c >= threshold) || (row.Subject !== null && row.Subject.toLowerCase().startsWith('a')),
          );
          expect(full.length).toBe(matching.length);
          const count = executeSoql(`SELECT COUNT() FROM Case WHERE Score__c >= ${threshold} OR Subject LIKE 'a%'`, source, options);
          expect(count.totalSize).toBe(matching.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
