import { beforeEach, describe, expect, it } from 'vitest';
import { Clock } from '../shared/clock';
import { SalesforceError } from './errors';
import { to18 } from './ids';
import type { RecordChange } from './model';
import { OrgStore } from './store';

const USER = '005Dn0000000001IAA';
let clock: Clock;
let store: OrgStore;
let changes: RecordChange[];

beforeEach(() => {
  clock = new Clock();
  store = new OrgStore(clock);
  changes = [];
  store.onChange((change) => changes.push(change));
});

function errorOf(work: () => unknown): SalesforceError {
  try {
    work();
  } catch (error) {
    if (error instanceof SalesforceError) return error;
    throw error;
  }
  throw new Error('expected a SalesforceError');
}

describe('OrgStore', () => {
  it('fills defaults, auto-numbers and audit fields on create and reports the whole record', () => {
    const first = store.insert('Case', { Subject: 'A' }, USER);
    const second = store.insert('Case', { Subject: 'B', Status: 'Closed' }, USER);
    expect(first).toMatchObject({
      Status: 'New',
      Priority: 'Medium',
      CaseNumber: '00001001',
      IsClosed: false,
      OwnerId: USER,
      CreatedById: USER,
      IsDeleted: false,
    });
    expect(second).toMatchObject({ CaseNumber: '00001002', IsClosed: true, IsClosedOnCreate: true });
    expect(changes[0]).toMatchObject({ entityName: 'Case', changeType: 'CREATE', recordIds: [first.Id], commitUser: USER, sequenceNumber: 1 });
    expect(changes[0]!.values).toMatchObject({ Subject: 'A', Status: 'New', CaseNumber: '00001001' });
    expect(changes[0]!.changedFields).not.toContain('Id');
  });

  it('reports only changed fields on update, with nulledFields', () => {
    const record = store.insert('Case', { Subject: 'A', Description: 'text' }, USER);
    clock.advance(1000);
    changes = [];
    store.update('Case', record.Id, { Subject: 'A', Description: null, Priority: 'High' }, '005Dn0000000002IAA');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.changedFields.sort()).toEqual(['Description', 'LastModifiedById', 'LastModifiedDate', 'Priority']);
    expect(changes[0]!.nulledFields).toEqual(['Description']);
    expect(changes[0]!.values).toMatchObject({ Priority: 'High', Description: null });
  });

  it('rolls a failed transaction back without publishing anything', () => {
    const keep = store.insert('Account', { Name: 'Keep' }, USER);
    changes = [];
    expect(() =>
      store.transaction(USER, (txn) => {
        txn.update('Account', keep.Id, { Name: 'Changed' });
        txn.insert('Account', { Name: 'Doomed' });
        txn.insert('Contact', {});
      }),
    ).toThrow(SalesforceError);
    expect(store.find('Account', keep.Id)?.Name).toBe('Keep');
    expect([...store.records('Account')]).toHaveLength(1);
    expect(changes).toEqual([]);
  });

  it('numbers the changes of one transaction under one transactionKey', () => {
    store.transaction(USER, (txn) => {
      txn.insert('Account', { Name: 'One' });
      txn.insert('Account', { Name: 'Two' });
    });
    expect(changes.map((change) => change.sequenceNumber)).toEqual([1, 2]);
    expect(changes[0]!.transactionKey).toBe(changes[1]!.transactionKey);
  });

  it('validates required fields, lengths, picklists, types and references', () => {
    expect(errorOf(() => store.insert('Contact', {}, USER))).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] });
    expect(errorOf(() => store.insert('Case', { Subject: 'x'.repeat(256) }, USER)).errorCode).toBe('STRING_TOO_LONG');
    expect(errorOf(() => store.insert('Case', { Priority: 'Urgent' }, USER)).errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(errorOf(() => store.insert('Case', { IsEscalated: 'yes' }, USER)).errorCode).toBe('JSON_PARSER_ERROR');
    expect(errorOf(() => store.insert('Case', { AccountId: 'not-an-id' }, USER)).errorCode).toBe('MALFORMED_ID');
    expect(errorOf(() => store.insert('Case', { AccountId: to18('001Dn0000000999') }, USER)).errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    expect(errorOf(() => store.insert('Case', { SuppliedEmail: 'nope' }, USER)).errorCode).toBe('INVALID_EMAIL_ADDRESS');
    expect(errorOf(() => store.insert('Widget__c', {}, USER)).errorCode).toBe('INVALID_TYPE');
    expect(changes).toEqual([]);
  });

  it('soft-deletes, cascading to case comments, and lists deletions', () => {
    const parent = store.insert('Case', { Subject: 'Parent' }, USER);
    const comment = store.insert('CaseComment', { ParentId: parent.Id, CommentBody: 'hi' }, USER);
    store.delete('Case', parent.Id, USER);
    expect(store.find('Case', parent.Id)).toBeUndefined();
    expect(store.find('CaseComment', comment.Id)).toBeUndefined();
    expect(store.recordById(parent.Id)?.record.IsDeleted).toBe(true);
    expect(store.deletedRecords('Case', 0, clock.now()).map((entry) => entry.id)).toEqual([parent.Id]);
    expect(changes.filter((change) => change.changeType === 'DELETE').map((change) => change.entityName)).toEqual(['CaseComment', 'Case']);
  });

  it('finds records by 15-character Ids too', () => {
    const record = store.insert('Account', { Name: 'Fifteen' }, USER);
    expect(store.find('Account', record.Id.slice(0, 15))?.Id).toBe(record.Id);
  });
});
