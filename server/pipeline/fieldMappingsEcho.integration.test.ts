import { afterEach, describe, expect, it } from 'vitest';
import { rememberSyncedValues, writeFieldMappings, type FieldMapping } from '../store/fieldMappings';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import type { PagerDutyWebhookEvent } from './events';
import { FieldMappingReads, customFieldValuesOutcome } from './fieldMappings';
import type { CaseIncidentLink } from './links';

const account: FieldMapping = {
  caseField: 'Account_Name__c',
  caseFieldType: 'string',
  pagerDutyField: { id: 'PACC', name: 'salesforce_account', displayName: 'Salesforce account', dataType: 'string', fieldType: 'single_value', options: [] },
  direction: 'both',
  valueMap: [],
};
const link = { caseId: '500000000000001AAA', caseNumber: '00001001', incidentId: 'PINC1', incidentNumber: '7' } as CaseIncidentLink;

function webhook(value: string, agentId = 'PGRACE'): PagerDutyWebhookEvent {
  const field = { id: 'PACC', name: 'salesforce_account', type: 'field_value', value };
  return {
    id: `evt-${value}`,
    event_type: 'incident.custom_field_values.updated',
    resource_type: 'incident',
    occurred_at: '2026-12-07T10:00:00Z',
    agent: { id: agentId, type: 'user_reference' },
    data: { type: 'incident_field_values', incident: { id: 'PINC1', type: 'incident_reference' }, custom_fields: [field], changed_custom_fields: [field] },
  };
}

describe.each(await testEngines())('a custom field webhook against the values last carried, on %s', (engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('carries a new value to the Case, and not a value it carried already, whoever the webhook names', async () => {
    database = await createTestDatabase(engine);
    await writeFieldMappings(database.db, [account]);
    await rememberSyncedValues(database.db, 'PINC1', new Map([['PACC', 'Acme']]));
    const reads = new FieldMappingReads(database.db);

    const same = await customFieldValuesOutcome(reads, { id: 1 }, webhook('Acme'), [link]);
    expect(same).toEqual({ status: 'ignored', note: 'These custom field values are already on the Case (carried by the integration)', jobs: [] });

    const fresh = await customFieldValuesOutcome(reads, { id: 2 }, webhook('Globex'), [link]);
    expect(fresh.status).toBe('processed');
    expect(fresh.jobs).toEqual([
      expect.objectContaining({
        task: 'pull_custom_fields',
        key: `event:2:custom_fields:case:${link.caseId}`,
        queueKey: `case:${link.caseId}`,
        caseId: link.caseId,
        payload: { incidentId: 'PINC1', caseId: link.caseId, values: [{ id: 'PACC', value: 'Globex' }] },
      }),
    ]);
    expect(await customFieldValuesOutcome(reads, { id: 3 }, webhook('Globex'), [])).toMatchObject({
      status: 'ignored',
      note: 'The incident has no linked Case',
    });
  });
});
