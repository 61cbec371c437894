import { describe, expect, it } from 'vitest';
import { SchemaRegistry } from '../schema/registry';
import { executeSoql } from './index';
import { MemorySource, NOW, fakeId } from './testFixture';

/** The emulator's real describes (emulators/salesforce/schema), with a few records. */
function realSource() {
  const registry = new SchemaRegistry();
  const source = new MemorySource(registry.list());
  const user = fakeId('005', 1);
  const account = fakeId('001', 1);
  source
    .add('User', {
      Id: user,
      IsDeleted: false,
      Username: 'admin@example.com',
      Email: 'admin@example.com',
      FirstName: 'Ada',
      LastName: 'Admin',
      Name: 'Ada Admin',
      IsActive: true,
    })
    .add('Account', { Id: account, IsDeleted: false, Name: 'Acme', OwnerId: user })
    .add('Case', {
      Id: fakeId('500', 1),
      IsDeleted: false,
      CaseNumber: '00001001',
      Subject: 'Pump failure',
      Status: 'Escalated',
      Priority: 'High',
      Origin: 'Web',
      AccountId: account,
      OwnerId: user,
      CreatedById: user,
      LastModifiedById: user,
      IsClosed: false,
      CreatedDate: '2024-03-13T09:00:00.000+0000',
      LastModifiedDate: '2024-03-13T10:00:00.000+0000',
      SystemModstamp: '2024-03-13T10:00:00.000+0000',
      Description: 'Long text',
    })
    .add('CaseComment', {
      Id: fakeId('00a', 1),
      IsDeleted: false,
      ParentId: fakeId('500', 1),
      CommentBody: 'On it',
      IsPublished: true,
      CreatedById: user,
      CreatedDate: '2024-03-13T09:30:00.000+0000',
    });
  return { registry, source };
}

const options = { now: NOW, includeDeleted: false, apiVersion: '59.0' };

describe('SOQL against the emulator schema', () => {
  it('runs the queries a Case sync polls with', () => {
    const { source } = realSource();
    const result = executeSoql(
      "SELECT Id, CaseNumber, Subject, Status, Priority, Origin, IsClosed, Owner.Email, Account.Name, CreatedBy.Name, LastModifiedById, SystemModstamp FROM Case WHERE SystemModstamp > 2024-03-13T09:30:00Z AND IsDeleted = false AND Status IN ('New', 'Working', 'Escalated') ORDER BY SystemModstamp ASC, Id ASC LIMIT 200",
      source,
      options,
    );
    expect(result.totalSize).toBe(1);
    expect(result.records[0]).toMatchObject({
      CaseNumber: '00001001',
      Owner: { attributes: { type: 'Name' }, Email: 'admin@example.com' },
      Account: { Name: 'Acme' },
      CreatedBy: { Name: 'Ada Admin' },
    });
  });

  it('reads comments through the CaseComments relationship and from CaseComment', () => {
    const { source } = realSource();
    const [withComments] = executeSoql('SELECT Id, (SELECT CommentBody, CreatedBy.Name FROM CaseComments) FROM Case', source, options).records;
    expect(withComments?.CaseComments).toMatchObject({ totalSize: 1, records: [{ CommentBody: 'On it', CreatedBy: { Name: 'Ada Admin' } }] });
    const comments = executeSoql(
      `SELECT Id, Parent.CaseNumber FROM CaseComment WHERE ParentId = '${fakeId('500', 1)}' AND CreatedDate = TODAY`,
      source,
      options,
    );
    expect(comments.records[0]).toMatchObject({ Parent: { CaseNumber: '00001001' } });
  });

  it('refuses to filter on Case.Description (a long text area) as Salesforce does', () => {
    const { source } = realSource();
    expect(() => executeSoql("SELECT Id FROM Case WHERE Description = 'x'", source, options)).toThrow(
      "field 'Description' can not be filtered in a query call",
    );
  });

  it('sees a custom field as soon as the registry adds it', () => {
    const { registry, source } = realSource();
    expect(() => executeSoql('SELECT PagerDuty_Incident__c FROM Case', source, options)).toThrow(/No such column 'PagerDuty_Incident__c'/);
    registry.addCustomField('Case', { name: 'PagerDuty_Incident__c', label: 'PagerDuty Incident', type: 'string', length: 64 });
    const [record] = executeSoql('SELECT pagerduty_incident__c FROM Case WHERE PagerDuty_Incident__c = null', source, options).records;
    expect(record).toHaveProperty('PagerDuty_Incident__c', null);
  });
});
