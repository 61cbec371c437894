import { describe, expect, it } from 'vitest';
import { caseNumbers, expectError, run } from './testHelpers';
import { caseId, ids } from './testFixture';

const commentUrl = (id: string) => `/services/data/v59.0/sobjects/CaseComment/${id}`;

describe('child relationship subqueries', () => {
  it('nests children as a query result in select order, null when there are none', () => {
    const result = run(
      `SELECT Id, (SELECT Id, IsPublished FROM CaseComments ORDER BY CreatedDate), Subject FROM Case WHERE Id IN ('${caseId(1)}', '${caseId(3)}')`,
    );
    expect(result.records).toEqual([
      {
        attributes: { type: 'Case', url: `/services/data/v59.0/sobjects/Case/${caseId(1)}` },
        Id: caseId(1),
        CaseComments: {
          totalSize: 2,
          done: true,
          records: [
            { attributes: { type: 'CaseComment', url: commentUrl(ids.comment3) }, Id: ids.comment3, IsPublished: true },
            { attributes: { type: 'CaseComment', url: commentUrl(ids.comment1) }, Id: ids.comment1, IsPublished: false },
          ],
        },
        Subject: 'Printer on fire',
      },
      {
        attributes: { type: 'Case', url: `/services/data/v59.0/sobjects/Case/${caseId(3)}` },
        Id: caseId(3),
        CaseComments: null,
        Subject: '100% CPU_usage',
      },
    ]);
    expect(Object.keys(result.records[0] ?? {})).toEqual(['attributes', 'Id', 'CaseComments', 'Subject']);
  });

  it('filters, orders and limits children per parent; skips deleted children unless includeDeleted', () => {
    const [first] = run(
      `SELECT Id, (SELECT CommentBody, Parent.Subject FROM casecomments WHERE IsPublished = true ORDER BY CreatedDate DESC LIMIT 1) FROM Case WHERE Id = '${caseId(1)}'`,
    ).records;
    expect(first?.CaseComments).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: { type: 'CaseComment', url: commentUrl(ids.comment3) },
          CommentBody: 'Extinguished',
          Parent: { attributes: { type: 'Case', url: `/services/data/v59.0/sobjects/Case/${caseId(1)}` }, Subject: 'Printer on fire' },
        },
      ],
    });
    const withoutDeleted = run(`SELECT (SELECT Id FROM CaseComments) FROM Case WHERE Id = '${caseId(4)}'`).records[0];
    expect(withoutDeleted?.CaseComments).toBeNull();
    const withDeleted = run(`SELECT (SELECT Id FROM CaseComments) FROM Case WHERE Id = '${caseId(4)}'`, undefined, { includeDeleted: true }).records[0];
    expect(withDeleted?.CaseComments).toMatchObject({ totalSize: 1 });
  });

  it('works from the parent side of any child relationship', () => {
    const result = run(`SELECT Name, (SELECT Id FROM Cases WHERE Status != 'Closed' ORDER BY CreatedDate DESC) FROM Account ORDER BY Name`);
    expect(result.records.map((r) => [r.Name, (r.Cases as { records: { Id: string }[] } | null)?.records.map((c) => c.Id) ?? null])).toEqual([
      ['Acme', [caseId(1)]],
      ['Globex', [caseId(2)]],
      ['Initech', [caseId(5)]],
    ]);
  });

  it('rejects unknown relationships and what Salesforce does not allow in subqueries', () => {
    expectError('SELECT Id, (SELECT Id FROM CaseComment) FROM Case', 'INVALID_FIELD', "Didn't understand relationship 'CaseComment'");
    expectError('SELECT Id, (SELECT Nope FROM CaseComments) FROM Case', 'INVALID_FIELD', "No such column 'Nope' on entity 'CaseComment'");
    expectError('SELECT Id, (SELECT COUNT() FROM CaseComments) FROM Case', 'MALFORMED_QUERY', 'COUNT() in a subquery is not supported by this emulator');
    expectError('SELECT Id, (SELECT Id FROM CaseComments OFFSET 1) FROM Case', 'MALFORMED_QUERY', 'OFFSET in a subquery');
  });
});

describe('semi-join and anti-join subqueries', () => {
  it('Id IN (SELECT reference FROM child …) keeps parents with matching children', () => {
    expect(caseNumbers(`SELECT Id FROM Case WHERE Id IN (SELECT ParentId FROM CaseComment)`)).toEqual([1, 2]);
    expect(caseNumbers(`SELECT Id FROM Case WHERE Id IN (SELECT ParentId FROM CaseComment WHERE IsPublished = false)`)).toEqual([1]);
    expect(caseNumbers(`SELECT Id FROM Case WHERE Status = 'New' AND Id IN (SELECT ParentId FROM CaseComment)`)).toEqual([1]);
  });

  it('NOT IN keeps the others, deleted inner rows do not count', () => {
    expect(caseNumbers(`SELECT Id FROM Case WHERE Id NOT IN (SELECT ParentId FROM CaseComment)`)).toEqual([3, 4, 5, 6]);
  });

  it('works on reference fields and across objects', () => {
    expect(caseNumbers(`SELECT Id FROM Case WHERE AccountId IN (SELECT Id FROM Account WHERE Industry = 'Energy')`)).toEqual([2, 6]);
    expect(caseNumbers(`SELECT Id FROM Case WHERE OwnerId IN (SELECT Id FROM User WHERE IsActive = false)`)).toEqual([4, 6]);
  });

  it('refuses semi-joins where Salesforce does', () => {
    expectError(
      `SELECT Id FROM Case WHERE Status = 'New' OR Id IN (SELECT ParentId FROM CaseComment)`,
      'MALFORMED_QUERY',
      'Semi join sub-selects are only allowed at the top level WHERE expressions',
    );
    expectError(`SELECT Id FROM Case WHERE Subject IN (SELECT Subject FROM Case)`, 'MALFORMED_QUERY', 'must select an Id or reference field');
    expectError(`SELECT Id FROM Case WHERE Id IN (SELECT CommentBody FROM CaseComment)`, 'MALFORMED_QUERY', 'must select an Id or reference field');
    expectError(`SELECT Id FROM Case WHERE Id IN (SELECT ParentId FROM Nope__c)`, 'INVALID_TYPE', "sObject type 'Nope__c' is not supported");
  });
});
