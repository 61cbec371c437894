import { describe, expect, it } from 'vitest';
import { caseNumbers, run } from './testHelpers';

const ALL = 'SELECT Id FROM Case';

describe('ORDER BY, LIMIT and OFFSET', () => {
  it('puts nulls first ascending and last descending by default, text case-insensitively', () => {
    expect(caseNumbers(`${ALL} ORDER BY Subject`)).toEqual([5, 3, 2, 4, 6, 1]);
    expect(caseNumbers(`${ALL} ORDER BY Subject ASC`)).toEqual([5, 3, 2, 4, 6, 1]);
    expect(caseNumbers(`${ALL} ORDER BY Subject DESC`)).toEqual([1, 6, 4, 2, 3, 5]);
  });

  it('honours NULLS FIRST and NULLS LAST', () => {
    expect(caseNumbers(`${ALL} ORDER BY Subject ASC NULLS LAST`)).toEqual([3, 2, 4, 6, 1, 5]);
    expect(caseNumbers(`${ALL} ORDER BY Subject DESC NULLS FIRST`)).toEqual([5, 1, 6, 4, 2, 3]);
    expect(caseNumbers(`${ALL} ORDER BY Score__c DESC`)).toEqual([1, 4, 2, 6, 5, 3]);
    expect(caseNumbers(`${ALL} ORDER BY Score__c NULLS LAST`)).toEqual([5, 6, 2, 4, 1, 3]);
  });

  it('sorts picklists in their defined order, not alphabetically', () => {
    expect(caseNumbers(`${ALL} ORDER BY Priority`)).toEqual([5, 1, 4, 2, 3, 6]);
    expect(caseNumbers(`${ALL} ORDER BY Status DESC, CreatedDate ASC`)).toEqual([6, 4, 3, 2, 5, 1]);
  });

  it('sorts by several keys, booleans and parent fields', () => {
    expect(caseNumbers(`${ALL} ORDER BY IsEscalated DESC, CaseNumber`)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(caseNumbers(`${ALL} ORDER BY Account.Name, CreatedDate DESC`)).toEqual([3, 1, 4, 2, 6, 5]);
    expect(caseNumbers(`${ALL} ORDER BY Account.Owner.Name DESC NULLS LAST, CaseNumber DESC`)).toEqual([6, 2, 4, 1, 5, 3]);
    expect(caseNumbers(`${ALL} ORDER BY DueDate__c DESC NULLS LAST`)).toEqual([5, 2, 1, 4, 6, 3]);
  });

  it('LIMIT and OFFSET slice the ordered result; totalSize counts the returned records', () => {
    expect(caseNumbers(`${ALL} ORDER BY CreatedDate`)).toEqual([6, 4, 5, 3, 2, 1]);
    const page = run(`${ALL} ORDER BY CreatedDate LIMIT 2 OFFSET 1`);
    expect(page.totalSize).toBe(2);
    expect(caseNumbers(`${ALL} ORDER BY CreatedDate LIMIT 2 OFFSET 1`)).toEqual([4, 5]);
    expect(caseNumbers(`${ALL} ORDER BY CreatedDate OFFSET 4`)).toEqual([2, 1]);
    expect(run(`${ALL} ORDER BY CreatedDate OFFSET 10`)).toEqual({ totalSize: 0, done: true, records: [] });
    expect(run(`${ALL} LIMIT 0`).totalSize).toBe(0);
    expect(run(`${ALL} LIMIT 100`).totalSize).toBe(6);
  });

  it('keeps the store order without ORDER BY and for ties', () => {
    expect(caseNumbers(ALL)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(caseNumbers(`${ALL} ORDER BY Status`)).toEqual([1, 5, 2, 3, 4, 6]);
  });
});
