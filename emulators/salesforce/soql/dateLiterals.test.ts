import { describe, expect, it } from 'vitest';
import { dateLiteralRange } from './dateLiterals';
import { caseNumbers, expectError } from './testHelpers';

const ALL = 'SELECT Id FROM Case';
const utc = (text: string) => Date.parse(`${text}T00:00:00.000Z`);
const range = (name: string, now: string, n?: number) => {
  const found = dateLiteralRange(name, n, new Date(now));
  if (!found) throw new Error(`no range for ${name}`);
  return { start: new Date(found.start).toISOString().slice(0, 10), end: new Date(found.end).toISOString().slice(0, 10) };
};

describe('date literal ranges (UTC, weeks from Sunday)', () => {
  const wednesday = '2024-03-13T15:30:00Z';

  it('day literals', () => {
    expect(range('TODAY', wednesday)).toEqual({ start: '2024-03-13', end: '2024-03-14' });
    expect(range('YESTERDAY', wednesday)).toEqual({ start: '2024-03-12', end: '2024-03-13' });
    expect(range('TOMORROW', wednesday)).toEqual({ start: '2024-03-14', end: '2024-03-15' });
    expect(range('LAST_N_DAYS', wednesday, 1)).toEqual({ start: '2024-03-12', end: '2024-03-14' });
    expect(range('NEXT_N_DAYS', wednesday, 1)).toEqual({ start: '2024-03-14', end: '2024-03-15' });
    expect(range('N_DAYS_AGO', wednesday, 3)).toEqual({ start: '2024-03-10', end: '2024-03-11' });
    expect(range('LAST_90_DAYS', wednesday)).toEqual({ start: '2023-12-14', end: '2024-03-14' });
  });

  it('week literals start on Sunday', () => {
    expect(range('THIS_WEEK', wednesday)).toEqual({ start: '2024-03-10', end: '2024-03-17' });
    expect(range('LAST_WEEK', wednesday)).toEqual({ start: '2024-03-03', end: '2024-03-10' });
    expect(range('NEXT_WEEK', wednesday)).toEqual({ start: '2024-03-17', end: '2024-03-24' });
    expect(range('THIS_WEEK', '2024-03-10T00:00:00Z')).toEqual({ start: '2024-03-10', end: '2024-03-17' });
    expect(range('THIS_WEEK', '2024-03-16T23:59:59Z')).toEqual({ start: '2024-03-10', end: '2024-03-17' });
    expect(range('LAST_N_WEEKS', wednesday, 2)).toEqual({ start: '2024-02-25', end: '2024-03-10' });
    expect(range('NEXT_N_WEEKS', wednesday, 1)).toEqual({ start: '2024-03-17', end: '2024-03-24' });
  });

  it('month, quarter and year literals, across year boundaries', () => {
    expect(range('THIS_MONTH', wednesday)).toEqual({ start: '2024-03-01', end: '2024-04-01' });
    expect(range('LAST_MONTH', wednesday)).toEqual({ start: '2024-02-01', end: '2024-03-01' });
    expect(range('LAST_MONTH', '2024-01-15T00:00:00Z')).toEqual({ start: '2023-12-01', end: '2024-01-01' });
    expect(range('NEXT_MONTH', '2024-12-31T23:59:59Z')).toEqual({ start: '2025-01-01', end: '2025-02-01' });
    expect(range('LAST_N_MONTHS', wednesday, 3)).toEqual({ start: '2023-12-01', end: '2024-03-01' });
    expect(range('N_MONTHS_AGO', wednesday, 1)).toEqual({ start: '2024-02-01', end: '2024-03-01' });
    expect(range('THIS_QUARTER', wednesday)).toEqual({ start: '2024-01-01', end: '2024-04-01' });
    expect(range('LAST_QUARTER', wednesday)).toEqual({ start: '2023-10-01', end: '2024-01-01' });
    expect(range('THIS_FISCAL_QUARTER', '2024-05-01T00:00:00Z')).toEqual({ start: '2024-04-01', end: '2024-07-01' });
    expect(range('THIS_YEAR', wednesday)).toEqual({ start: '2024-01-01', end: '2025-01-01' });
    expect(range('LAST_N_YEARS', wednesday, 2)).toEqual({ start: '2022-01-01', end: '2024-01-01' });
    expect(range('N_YEARS_AGO', wednesday, 1)).toEqual({ start: '2023-01-01', end: '2024-01-01' });
  });

  it('is undefined for names Salesforce does not define', () => {
    expect(dateLiteralRange('SOMEDAY', undefined, new Date(wednesday))).toBeUndefined();
    expect(dateLiteralRange('LAST_N_FORTNIGHTS', 2, new Date(wednesday))).toBeUndefined();
    expect(dateLiteralRange('LAST_N_DAYS', undefined, new Date(wednesday))).toBeUndefined();
  });

  it('uses the UTC day even just before midnight UTC', () => {
    expect(range('TODAY', '2024-03-13T23:59:59.999Z')).toEqual({ start: '2024-03-13', end: '2024-03-14' });
    expect(dateLiteralRange('TODAY', undefined, new Date('2024-03-13T23:59:59.999Z'))?.start).toBe(utc('2024-03-13'));
  });
});

describe('date literals in queries (now = Wed 2024-03-13 15:30 UTC)', () => {
  it('datetime fields: a literal is a span; = is inside, < before it starts, > after it ends', () => {
    expect(caseNumbers(`${ALL} WHERE CreatedDate = TODAY`)).toEqual([1]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate = YESTERDAY`)).toEqual([2]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate != TODAY`)).toEqual([2, 3, 4, 5, 6]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate > YESTERDAY`)).toEqual([1]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate >= YESTERDAY`)).toEqual([1, 2]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate < YESTERDAY`)).toEqual([3, 4, 5, 6]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate <= YESTERDAY`)).toEqual([2, 3, 4, 5, 6]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate > TODAY`)).toEqual([]);
  });

  it('datetime fields with the range literals', () => {
    expect(caseNumbers(`${ALL} WHERE CreatedDate = LAST_N_DAYS:3`)).toEqual([1, 2, 3]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate > LAST_N_DAYS:30`)).toEqual([]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate = THIS_WEEK`)).toEqual([1, 2, 3]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate = LAST_WEEK`)).toEqual([5]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate = THIS_MONTH`)).toEqual([1, 2, 3, 5]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate = LAST_MONTH`)).toEqual([4]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate = LAST_YEAR`)).toEqual([6]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate = N_DAYS_AGO:1`)).toEqual([2]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate IN (TODAY, LAST_WEEK)`)).toEqual([1, 5]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate NOT IN (THIS_MONTH)`)).toEqual([4, 6]);
  });

  it('date fields with date literals', () => {
    expect(caseNumbers(`${ALL} WHERE DueDate__c = TODAY`)).toEqual([1]);
    expect(caseNumbers(`${ALL} WHERE DueDate__c = TOMORROW`)).toEqual([2]);
    expect(caseNumbers(`${ALL} WHERE DueDate__c > TODAY`)).toEqual([2, 5]);
    expect(caseNumbers(`${ALL} WHERE DueDate__c = NEXT_N_DAYS:7`)).toEqual([2, 5]);
    expect(caseNumbers(`${ALL} WHERE DueDate__c = NEXT_N_DAYS:6`)).toEqual([2]);
    expect(caseNumbers(`${ALL} WHERE DueDate__c < THIS_YEAR`)).toEqual([]);
    expect(caseNumbers(`${ALL} WHERE DueDate__c = null`)).toEqual([3]);
  });

  it('ISO datetimes with Z and with offsets', () => {
    expect(caseNumbers(`${ALL} WHERE CreatedDate > 2024-03-12T23:59:58Z`)).toEqual([1, 2]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate = 2024-03-13T11:00:00+02:00`)).toEqual([1]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate = 2024-03-13T09:00:00.000Z`)).toEqual([1]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate < 2024-01-01T00:00:00.000+01:00`)).toEqual([]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate <= 2024-01-01T00:00:00.000+01:00`)).toEqual([6]);
    expect(caseNumbers(`${ALL} WHERE CreatedDate >= 2023-12-31T18:00:00-05:00`)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ISO dates on date fields', () => {
    expect(caseNumbers(`${ALL} WHERE DueDate__c >= 2024-03-13`)).toEqual([1, 2, 5]);
    expect(caseNumbers(`${ALL} WHERE DueDate__c = 2024-02-29`)).toEqual([4]);
    expect(caseNumbers(`${ALL} WHERE DueDate__c IN (2024-01-01, 2024-03-20)`)).toEqual([5, 6]);
  });

  it('rejects a date where a datetime is expected and the reverse, as Salesforce does', () => {
    expectError(
      `${ALL} WHERE CreatedDate > 2024-03-01`,
      'INVALID_FIELD',
      "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
    );
    expectError(
      `${ALL} WHERE DueDate__c > 2024-03-01T00:00:00Z`,
      'INVALID_FIELD',
      "value of filter criterion for field 'DueDate__c' must be of type date and should not be enclosed in quotes",
    );
    expectError(`${ALL} WHERE CreatedDate > '2024-03-01'`, 'INVALID_FIELD', 'must be of type dateTime');
  });
});
