import { describe, expect, it } from 'vitest';
import { run } from './testHelpers';
import { caseId, fixtureSource, ids } from './testFixture';

describe('SOQL select list and record shape', () => {
  it('returns records as Salesforce REST does: attributes first, fields in select order', () => {
    const result = run(`SELECT Subject, Id, Status FROM Case WHERE Id = '${caseId(1)}'`);
    expect(result).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: { type: 'Case', url: `/services/data/v59.0/sobjects/Case/${caseId(1)}` },
          Subject: 'Printer on fire',
          Id: caseId(1),
          Status: 'New',
        },
      ],
    });
    expect(Object.keys(result.records[0] ?? {})).toEqual(['attributes', 'Subject', 'Id', 'Status']);
  });

  it("uses the describe's casing for object and field names whatever the query's casing", () => {
    const [record] = run(`select ID, subject, ACCOUNT.name from CASE where id = '${caseId(1)}'`).records;
    expect(Object.keys(record ?? {})).toEqual(['attributes', 'Id', 'Subject', 'Account']);
    expect(record?.attributes).toEqual({ type: 'Case', url: `/services/data/v59.0/sobjects/Case/${caseId(1)}` });
    expect(record?.Account).toEqual({
      attributes: { type: 'Account', url: `/services/data/v59.0/sobjects/Account/${ids.acme}` },
      Name: 'Acme',
    });
  });

  it('nests parent fields, two levels deep, and groups fields of the same parent', () => {
    const [record] = run(
      `SELECT Account.Name, Id, Account.Owner.Email, Owner.Email, CreatedBy.Name, Account.Industry FROM Case WHERE Id = '${caseId(1)}'`,
    ).records;
    expect(record).toEqual({
      attributes: { type: 'Case', url: `/services/data/v59.0/sobjects/Case/${caseId(1)}` },
      Account: {
        attributes: { type: 'Account', url: `/services/data/v59.0/sobjects/Account/${ids.acme}` },
        Name: 'Acme',
        Owner: {
          attributes: { type: 'User', url: `/services/data/v59.0/sobjects/User/${ids.bob}` },
          Email: 'bob@example.com',
        },
        Industry: 'Technology',
      },
      Id: caseId(1),
      // Case.Owner is polymorphic (User or queue): it reads as the Name object (see polymorphic.test.ts).
      Owner: {
        attributes: { type: 'Name', url: `/services/data/v59.0/sobjects/User/${ids.alice}` },
        Email: 'alice@example.com',
      },
      CreatedBy: {
        attributes: { type: 'User', url: `/services/data/v59.0/sobjects/User/${ids.alice}` },
        Name: 'Alice Admin',
      },
    });
  });

  it('answers null for an empty lookup, at any depth', () => {
    const [noAccount] = run(`SELECT Id, Account.Name FROM Case WHERE Id = '${caseId(3)}'`).records;
    expect(noAccount?.Account).toBeNull();
    const [noOwner] = run(`SELECT Owner.Manager.Name FROM Account WHERE Id = '${ids.initech}'`).records;
    expect(noOwner?.Owner).toBeNull();
    const [noManager] = run(`SELECT Owner.Manager.Name FROM Account WHERE Id = '${ids.acme}'`).records;
    expect(noManager?.Owner).toEqual({
      attributes: { type: 'User', url: `/services/data/v59.0/sobjects/User/${ids.bob}` },
      Manager: {
        attributes: { type: 'User', url: `/services/data/v59.0/sobjects/User/${ids.alice}` },
        Name: 'Alice Admin',
      },
    });
  });

  it('returns null for fields a record has no value for', () => {
    const [record] = run(`SELECT Subject, Priority, ClosedDate FROM Case WHERE Id = '${caseId(5)}'`).records;
    expect(record).toMatchObject({ Subject: null, Priority: null, ClosedDate: null });
  });

  it('accepts an object alias in the select list, WHERE and ORDER BY', () => {
    const result = run(`SELECT c.Id, c.Account.Name FROM Case c WHERE c.Status = 'Closed' ORDER BY c.CreatedDate`);
    expect(result.records.map((r) => r.Id)).toEqual([caseId(6), caseId(4)]);
    expect(result.records[0]?.Account).toMatchObject({ Name: 'Globex' });
  });

  it('selects a field only once when it is listed twice', () => {
    const [record] = run(`SELECT Id, Subject, subject FROM Case WHERE Id = '${caseId(1)}'`).records;
    expect(Object.keys(record ?? {})).toEqual(['attributes', 'Id', 'Subject']);
  });

  it('strips a leading v from the API version in record URLs', () => {
    const [record] = run(`SELECT Id FROM Case WHERE Id = '${caseId(1)}'`, undefined, { apiVersion: 'v60.0' }).records;
    expect(record?.attributes).toEqual({ type: 'Case', url: `/services/data/v60.0/sobjects/Case/${caseId(1)}` });
  });

  it('expands FIELDS(ALL), FIELDS(STANDARD) and FIELDS(CUSTOM)', () => {
    const [all] = run(`SELECT FIELDS(ALL) FROM Case WHERE Id = '${caseId(1)}' LIMIT 1`).records;
    expect(Object.keys(all ?? {})).toContain('Tags__c');
    expect(Object.keys(all ?? {})).toContain('Subject');
    const [standard] = run(`SELECT FIELDS(STANDARD) FROM Case WHERE Id = '${caseId(1)}'`).records;
    expect(Object.keys(standard ?? {})).not.toContain('Tags__c');
    expect(Object.keys(standard ?? {})).toContain('Subject');
    const [custom] = run(`SELECT Id, FIELDS(CUSTOM) FROM Case WHERE Id = '${caseId(1)}' LIMIT 200`).records;
    expect(Object.keys(custom ?? {})).toEqual(['attributes', 'Id', 'DueDate__c', 'Score__c', 'Tags__c']);
  });

  it('leaves out deleted records unless includeDeleted (queryAll)', () => {
    expect(run('SELECT COUNT() FROM Case').totalSize).toBe(6);
    expect(run('SELECT COUNT() FROM Case', undefined, { includeDeleted: true }).totalSize).toBe(7);
    const deleted = run(`SELECT Id, IsDeleted FROM Case WHERE IsDeleted = true`, undefined, { includeDeleted: true });
    expect(deleted.records).toEqual([expect.objectContaining({ Id: caseId(7), IsDeleted: true })]);
    expect(run(`SELECT Id FROM Case WHERE IsDeleted = true`).totalSize).toBe(0);
  });

  it('reads a polymorphic lookup as the Name object, its URL naming the record it points at', () => {
    const source = fixtureSource();
    const [record] = run(`SELECT Owner.Name FROM Case WHERE Id = '${caseId(2)}'`, source).records;
    expect(record?.Owner).toEqual({ attributes: { type: 'Name', url: `/services/data/v59.0/sobjects/User/${ids.bob}` }, Name: 'Bob Builder' });
  });

  it('sees custom fields added to the describe after earlier queries', () => {
    const source = fixtureSource();
    const caseDef = source.sobject('Case');
    const subject = caseDef?.fields.find((f) => f.name === 'Subject');
    if (!caseDef || !subject) throw new Error('fixture lacks Case.Subject');
    expect(() => run('SELECT Region__c FROM Case', source)).toThrow(/No such column 'Region__c'/);
    caseDef.fields.push({ ...subject, name: 'Region__c', custom: true });
    expect(run(`SELECT Region__c FROM Case WHERE Region__c = null LIMIT 1`, source).records[0]).toMatchObject({ Region__c: null });
  });
});

describe('COUNT and aggregates', () => {
  it('COUNT() answers totalSize with no records', () => {
    expect(run(`SELECT COUNT() FROM Case WHERE Status = 'New'`)).toEqual({ totalSize: 2, done: true, records: [] });
  });

  it('COUNT() honours LIMIT and OFFSET', () => {
    expect(run('SELECT COUNT() FROM Case LIMIT 4').totalSize).toBe(4);
    expect(run('SELECT COUNT() FROM Case LIMIT 4 OFFSET 5').totalSize).toBe(1);
  });

  it('COUNT(field), MIN, MAX, SUM, AVG and COUNT_DISTINCT give one AggregateResult row', () => {
    const result = run(
      'SELECT COUNT(Id), COUNT(Subject), COUNT_DISTINCT(Status) statuses, MIN(CreatedDate), MAX(Score__c), SUM(Score__c), AVG(Score__c) FROM Case',
    );
    expect(result).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: { type: 'AggregateResult' },
          expr0: 6,
          expr1: 5,
          statuses: 4,
          expr2: '2023-12-31T23:00:00.000+0000',
          expr3: 9.5,
          expr4: 23.75,
          expr5: 23.75 / 5,
        },
      ],
    });
  });

  it('aggregates over no rows: counts are 0, the others null', () => {
    const [row] = run(`SELECT COUNT(Id), SUM(Score__c), MAX(Subject) FROM Case WHERE Status = 'Nope'`).records;
    expect(row).toEqual({ attributes: { type: 'AggregateResult' }, expr0: 0, expr1: null, expr2: null });
  });
});
