import { describe, expect, it } from 'vitest';
import type { RecordChange } from '../model';
import { changeEventData, schemaIdFor } from './changeEventMessage';

function change(overrides: Partial<RecordChange>): RecordChange {
  return {
    entityName: 'Case',
    changeType: 'CREATE',
    recordIds: ['500000000000001AAA'],
    changedFields: [],
    nulledFields: [],
    values: {},
    commitUser: '005000000000001AAA',
    commitTimestamp: 1_714_564_800_000,
    transactionKey: 'tx-1',
    sequenceNumber: 1,
    ...overrides,
  };
}

describe('changeEventData', () => {
  it('sends every non-empty field on CREATE, without the Id, with empty changedFields as Salesforce does', () => {
    const data = changeEventData(
      change({
        changeType: 'CREATE',
        changedFields: ['Subject', 'Status', 'Description'],
        values: {
          Id: '500000000000001AAA',
          Subject: 'Printer on fire',
          Status: 'New',
          Description: null,
          CreatedDate: '2024-05-01T12:00:00.000+0000',
        },
      }),
      7,
      3,
    );
    expect(data.event).toEqual({ replayId: 7 });
    expect(data.schema).toBe(schemaIdFor('Case'));
    expect(data.payload).toEqual({
      ChangeEventHeader: {
        entityName: 'Case',
        recordIds: ['500000000000001AAA'],
        changeType: 'CREATE',
        changeOrigin: '',
        transactionKey: 'tx-1',
        sequenceNumber: 1,
        commitTimestamp: 1_714_564_800_000,
        commitNumber: 3,
        commitUser: '005000000000001AAA',
        changedFields: [],
        nulledFields: [],
        diffFields: [],
      },
      Subject: 'Printer on fire',
      Status: 'New',
      CreatedDate: '2024-05-01T12:00:00Z',
    });
  });

  it('sends only the changed fields on UPDATE, nulled ones as null and listed in changedFields too', () => {
    const data = changeEventData(
      change({
        changeType: 'UPDATE',
        changedFields: ['Status', 'LastModifiedDate'],
        nulledFields: ['Description'],
        values: { Status: 'Working', Description: null, LastModifiedDate: '2024-05-01T12:05:00.000Z', Subject: 'unchanged' },
      }),
      8,
      4,
    );
    expect(data.payload.ChangeEventHeader.changedFields).toEqual(['Status', 'LastModifiedDate', 'Description']);
    expect(data.payload.ChangeEventHeader.nulledFields).toEqual(['Description']);
    const { ChangeEventHeader: _header, ...body } = data.payload;
    expect(body).toEqual({ Status: 'Working', LastModifiedDate: '2024-05-01T12:05:00Z', Description: null });
  });

  it('sends no fields on DELETE and all non-empty fields on UNDELETE', () => {
    const values = { Subject: 'Back again', Priority: 'High', Reason: null };
    const deleted = changeEventData(change({ changeType: 'DELETE', values }), 9, 5);
    expect(Object.keys(deleted.payload)).toEqual(['ChangeEventHeader']);
    const undeleted = changeEventData(change({ changeType: 'UNDELETE', values }), 10, 6);
    const { ChangeEventHeader: header, ...body } = undeleted.payload;
    expect(body).toEqual({ Subject: 'Back again', Priority: 'High' });
    expect(header.changedFields).toEqual([]);
  });

  it('keeps non-datetime strings as they are', () => {
    const data = changeEventData(change({ values: { Subject: '2024-05-01', Description: '2024-05-01T12:00:00.000+0100 is local time' } }), 1, 1);
    expect(data.payload['Subject']).toBe('2024-05-01');
    expect(data.payload['Description']).toBe('2024-05-01T12:00:00.000+0100 is local time');
  });

  it('gives each object a stable 22-character schema id', () => {
    expect(schemaIdFor('Case')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(schemaIdFor('Case')).toBe(schemaIdFor('Case'));
    expect(schemaIdFor('Case')).not.toBe(schemaIdFor('Account'));
  });
});
