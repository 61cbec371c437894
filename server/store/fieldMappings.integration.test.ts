import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import {
  anyMappingToSalesforce,
  readFieldMappings,
  readSyncedValues,
  rememberSyncedValues,
  syncedValueKey,
  writeFieldMappings,
  type FieldMapping,
} from './fieldMappings';

const tier: FieldMapping = {
  caseField: 'Customer_Tier__c',
  caseFieldType: 'picklist',
  pagerDutyField: {
    id: 'PTIER',
    name: 'customer_tier',
    displayName: 'Customer tier',
    dataType: 'string',
    fieldType: 'single_value_fixed',
    options: ['Gold', 'Silver'],
  },
  direction: 'both',
  valueMap: [
    { caseValue: 'Gold', pagerDutyValue: 'Gold' },
    { caseValue: 'Trial', pagerDutyValue: null },
  ],
};
const customers: FieldMapping = {
  caseField: 'Affected__c',
  caseFieldType: 'int',
  pagerDutyField: { id: 'PCUST', name: 'affected_customers', displayName: 'Affected customers', dataType: 'integer', fieldType: 'single_value', options: [] },
  direction: 'to_pagerduty',
  valueMap: [],
};

describe.each(await testEngines())('custom field mappings store on %s', (engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('saves the list as a whole, in order, and replaces it on the next save', async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    expect(await readFieldMappings(db)).toEqual([]);
    expect(await anyMappingToSalesforce(db)).toBe(false);

    await writeFieldMappings(db, [customers, tier]);
    expect(await readFieldMappings(db)).toEqual([customers, tier]);
    expect(await anyMappingToSalesforce(db)).toBe(true);

    await writeFieldMappings(db, [customers]);
    expect(await readFieldMappings(db)).toEqual([customers]);
    expect(await anyMappingToSalesforce(db)).toBe(false);
  });

  it('a failed save leaves the stored list untouched', async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    await writeFieldMappings(db, [tier]);
    // The same PagerDuty field twice breaks its unique key half-way through the insert.
    await expect(writeFieldMappings(db, [customers, customers])).rejects.toThrow();
    expect(await readFieldMappings(db)).toEqual([tier]);
  });

  it('remembers the value last carried per incident and field, the latest winning', async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    await rememberSyncedValues(
      db,
      'PINC1',
      new Map<string, unknown>([
        ['PTIER', 'Gold'],
        ['PCUST', 3],
      ]),
    );
    await rememberSyncedValues(db, 'PINC1', new Map<string, unknown>([['PCUST', 4]]));
    await rememberSyncedValues(db, 'PINC2', new Map<string, unknown>([['PTIER', null]]));
    expect(await readSyncedValues(db, 'PINC1')).toEqual(
      new Map([
        ['PTIER', syncedValueKey('Gold')],
        ['PCUST', syncedValueKey(4)],
      ]),
    );
    expect(await readSyncedValues(db, 'PINC2')).toEqual(new Map([['PTIER', 'null']]));
    expect(await readSyncedValues(db, 'PINC3')).toEqual(new Map());
  });
});
