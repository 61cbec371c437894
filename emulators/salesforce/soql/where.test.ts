import { describe, expect, it } from 'vitest';
import { caseNumbers } from './testHelpers';
import { caseId, ids } from './testFixture';

const ALL = 'SELECT Id FROM Case';

describe('WHERE comparisons', () => {
  it('compares text and picklists case-insensitively with = and !=', () => {
    expect(caseNumbers(`${ALL} WHERE Status = 'new'`)).toEqual([1, 5]);
    expect(caseNumbers(`${ALL} WHERE Subject = 'PRINTER ON FIRE'`)).toEqual([1]);
    expect(caseNumbers(`${ALL} WHERE Status != 'NEW'`)).toEqual([2, 3, 4, 6]);
    expect(caseNumbers(`${ALL} WHERE Status <> 'closed'`)).toEqual([1, 2, 3, 5]);
  });

  it('treats null as a value: = null, != null, and != includes nulls', () => {
    expect(caseNumbers(`${ALL} WHERE Subject = null`)).toEqual([5]);
    expect(caseNumbers(`${ALL} WHERE Subject != null`)).toEqual([1, 2, 3, 4, 6]);
    expect(caseNumbers(`${ALL} WHERE Priority != 'High'`)).toEqual([2, 3, 5, 6]);
    expect(caseNumbers(`${ALL} WHERE AccountId = null`)).toEqual([3]);
  });

  it('orders numbers, and never matches nulls with < <= > >=', () => {
    expect(caseNumbers(`${ALL} WHERE Score__c > 4`)).toEqual([1, 4]);
    expect(caseNumbers(`${ALL} WHERE Score__c >= 4`)).toEqual([1, 2, 4]);
    expect(caseNumbers(`${ALL} WHERE Score__c < 2`)).toEqual([5]);
    expect(caseNumbers(`${ALL} WHERE Score__c <= 2.0`)).toEqual([5, 6]);
    expect(caseNumbers(`${ALL} WHERE Score__c = 1.25`)).toEqual([5]);
    expect(caseNumbers(`${ALL} WHERE Score__c > -1`)).toEqual([1, 2, 4, 5, 6]);
  });

  it('compares text ranges case-insensitively', () => {
    expect(caseNumbers(`${ALL} WHERE Subject > 'm' ORDER BY Subject`)).toEqual([6, 1]);
    expect(caseNumbers(`${ALL} WHERE Subject < 'C' ORDER BY Subject`)).toEqual([3]);
  });

  it('filters booleans', () => {
    expect(caseNumbers(`${ALL} WHERE IsEscalated = true`)).toEqual([1]);
    expect(caseNumbers(`${ALL} WHERE IsEscalated = FALSE`)).toEqual([2, 3, 4, 5, 6]);
    expect(caseNumbers(`${ALL} WHERE IsEscalated != true`)).toEqual([2, 3, 4, 5, 6]);
  });

  it('matches Ids by their 15- or 18-character form', () => {
    expect(caseNumbers(`${ALL} WHERE Id = '${caseId(2)}'`)).toEqual([2]);
    expect(caseNumbers(`${ALL} WHERE Id = '${caseId(2).slice(0, 15)}'`)).toEqual([2]);
    expect(caseNumbers(`${ALL} WHERE AccountId = '${ids.acme}'`)).toEqual([1, 4]);
    expect(caseNumbers(`${ALL} WHERE Id IN ('${caseId(6)}', '${caseId(3)}')`)).toEqual([3, 6]);
  });

  it('decodes string escapes', () => {
    expect(caseNumbers(`${ALL} WHERE Subject = 'Can\\'t log in'`)).toEqual([2]);
    expect(caseNumbers(`${ALL} WHERE Subject = 'Can\\u0027t log in'`)).toEqual([2]);
    expect(caseNumbers(`${ALL} WHERE Subject = 'Can\\'t log in\\n'`)).toEqual([]);
  });

  it('LIKE: % and _ wildcards, \\% and \\_ literals, case-insensitive, never null', () => {
    expect(caseNumbers(`${ALL} WHERE Subject LIKE 'printer%'`)).toEqual([1]);
    expect(caseNumbers(`${ALL} WHERE Subject LIKE '%IN%'`)).toEqual([1, 2, 4]);
    expect(caseNumbers(`${ALL} WHERE Subject LIKE 'old_ticket'`)).toEqual([6]);
    expect(caseNumbers(`${ALL} WHERE Subject LIKE 'old__ticket'`)).toEqual([]);
    expect(caseNumbers(`${ALL} WHERE Subject LIKE '100\\% CPU\\_usage'`)).toEqual([3]);
    expect(caseNumbers(`${ALL} WHERE Subject LIKE '100\\%%'`)).toEqual([3]);
    expect(caseNumbers(`${ALL} WHERE Subject LIKE '1000%'`)).toEqual([]);
    expect(caseNumbers(`${ALL} WHERE Subject LIKE '%'`)).toEqual([1, 2, 3, 4, 6]);
    expect(caseNumbers(`${ALL} WHERE Subject LIKE '%(%'`)).toEqual([]);
  });

  it('IN and NOT IN with literal lists, including null', () => {
    expect(caseNumbers(`${ALL} WHERE Status IN ('new', 'ESCALATED')`)).toEqual([1, 3, 5]);
    expect(caseNumbers(`${ALL} WHERE Status NOT IN ('New', 'Closed')`)).toEqual([2, 3]);
    expect(caseNumbers(`${ALL} WHERE Priority IN (null, 'Low')`)).toEqual([3, 5, 6]);
    expect(caseNumbers(`${ALL} WHERE Priority NOT IN ('High')`)).toEqual([2, 3, 5, 6]);
    expect(caseNumbers(`${ALL} WHERE Score__c IN (4, 7)`)).toEqual([2, 4]);
  });

  it('INCLUDES and EXCLUDES on multi-select picklists', () => {
    expect(caseNumbers(`${ALL} WHERE Tags__c INCLUDES ('vip')`)).toEqual([1, 4]);
    expect(caseNumbers(`${ALL} WHERE Tags__c INCLUDES ('Billing;VIP')`)).toEqual([4]);
    expect(caseNumbers(`${ALL} WHERE Tags__c INCLUDES ('Outage', 'Billing;VIP')`)).toEqual([1, 4]);
    expect(caseNumbers(`${ALL} WHERE Tags__c EXCLUDES ('VIP')`)).toEqual([2, 3, 5, 6]);
    expect(caseNumbers(`${ALL} WHERE Tags__c = 'vip;outage'`)).toEqual([1]);
  });

  it('filters on parent fields', () => {
    expect(caseNumbers(`${ALL} WHERE Account.Name = 'acme'`)).toEqual([1, 4]);
    expect(caseNumbers(`${ALL} WHERE Account.Owner.Email LIKE 'carol@%'`)).toEqual([2, 6]);
    expect(caseNumbers(`${ALL} WHERE Account.Name = null`)).toEqual([3]);
    expect(caseNumbers(`${ALL} WHERE Owner.Email != 'alice@example.com'`)).toEqual([2, 4, 5, 6]);
  });
});

describe('WHERE logic', () => {
  it('AND, OR and NOT', () => {
    expect(caseNumbers(`${ALL} WHERE Status = 'New' AND Priority = 'High'`)).toEqual([1]);
    expect(caseNumbers(`${ALL} WHERE Status = 'New' OR Priority = 'High' OR Subject = 'old ticket'`)).toEqual([1, 4, 5, 6]);
    expect(caseNumbers(`${ALL} WHERE NOT Status = 'Closed'`)).toEqual([1, 2, 3, 5]);
    expect(caseNumbers(`${ALL} WHERE NOT NOT Status = 'Closed'`)).toEqual([4, 6]);
  });

  it('NOT binds to the next operand only', () => {
    expect(caseNumbers(`${ALL} WHERE NOT Status = 'Closed' AND Priority = 'Low'`)).toEqual([3]);
    expect(caseNumbers(`${ALL} WHERE Priority = 'Low' AND NOT Status = 'Closed'`)).toEqual([3]);
  });

  it('parentheses group, including around NOT and nested groups', () => {
    expect(caseNumbers(`${ALL} WHERE Priority = 'High' AND (Status = 'New' OR Status = 'Closed')`)).toEqual([1, 4]);
    expect(caseNumbers(`${ALL} WHERE (Priority = 'High' AND Status = 'New') OR Status = 'Escalated'`)).toEqual([1, 3]);
    expect(caseNumbers(`${ALL} WHERE NOT (Status = 'New' OR Status = 'Closed')`)).toEqual([2, 3]);
    expect(caseNumbers(`${ALL} WHERE NOT (Status = 'New' OR Status = 'Closed') AND Priority = 'Low'`)).toEqual([3]);
    expect(caseNumbers(`${ALL} WHERE (NOT Status = 'New') AND Priority = 'High'`)).toEqual([4]);
    expect(caseNumbers(`${ALL} WHERE ((Status = 'New')) AND (Priority = 'High' OR (Score__c > 1 AND Score__c < 2))`)).toEqual([1, 5]);
    expect(caseNumbers(`${ALL} WHERE ((NOT Status = 'New') OR Priority = 'High') AND Score__c > 5`)).toEqual([1, 4]);
  });
});
