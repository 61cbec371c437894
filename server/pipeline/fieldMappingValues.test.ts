import { describe, expect, it } from 'vitest';
import type { FieldMapping } from '../store/fieldMappings';
import { normalizePagerDutyValue, toPagerDutyValue, toSalesforceValue, typeMismatch } from './fieldMappingValues';

const tier: FieldMapping = {
  caseField: 'Customer_Tier__c',
  caseFieldType: 'picklist',
  pagerDutyField: {
    id: 'PTIER',
    name: 'customer_tier',
    displayName: 'Customer tier',
    dataType: 'string',
    fieldType: 'single_value_fixed',
    options: ['Gold', 'Silver', 'Bronze'],
  },
  direction: 'both',
  valueMap: [
    { caseValue: 'Platinum', pagerDutyValue: 'Gold' },
    { caseValue: 'Gold', pagerDutyValue: 'Gold' },
    { caseValue: 'Trial', pagerDutyValue: null },
  ],
};

function mapping(caseFieldType: string, dataType: FieldMapping['pagerDutyField']['dataType']): FieldMapping {
  return {
    ...tier,
    caseField: 'F__c',
    caseFieldType,
    pagerDutyField: { ...tier.pagerDutyField, dataType, fieldType: 'single_value', options: [] },
    valueMap: [],
  };
}

describe('custom field values across', () => {
  it('maps picklist values through the value map both ways, and says why a skipped or unmapped value is not sent', () => {
    expect(toPagerDutyValue(tier, 'Platinum')).toEqual({ value: 'Gold' });
    expect(toPagerDutyValue(tier, 'Trial')).toEqual({ skip: 'Customer_Tier__c = "Trial" is skipped by the value map' });
    expect(toPagerDutyValue(tier, 'Other')).toEqual({ skip: 'Customer_Tier__c = "Other" is not in the value map' });
    // Back to Salesforce the first picklist value mapped to the option wins.
    expect(toSalesforceValue(tier, 'Gold')).toEqual({ value: 'Platinum' });
    expect(toSalesforceValue(tier, 'Bronze')).toEqual({ skip: 'No picklist value of Customer_Tier__c maps to "Bronze"' });
  });

  it('converts numbers, checkboxes, dates and empty values', () => {
    expect(toPagerDutyValue(mapping('double', 'integer'), 41.6)).toEqual({ value: 42 });
    expect(toPagerDutyValue(mapping('double', 'float'), 'x')).toEqual({ skip: 'F__c = "x" is not a number' });
    expect(toPagerDutyValue(mapping('boolean', 'boolean'), true)).toEqual({ value: true });
    expect(toPagerDutyValue(mapping('date', 'datetime'), '2026-12-07')).toEqual({ value: '2026-12-07T00:00:00.000Z' });
    expect(toPagerDutyValue(mapping('datetime', 'datetime'), '2026-12-07T10:00:00.000+0100')).toEqual({ value: '2026-12-07T09:00:00.000Z' });
    expect(toPagerDutyValue(mapping('string', 'string'), '')).toEqual({ value: null });
    expect(toSalesforceValue(mapping('date', 'datetime'), '2026-12-07T09:00:00Z')).toEqual({ value: '2026-12-07' });
    expect(toSalesforceValue(mapping('int', 'integer'), 7)).toEqual({ value: 7 });
    expect(normalizePagerDutyValue(tier.pagerDutyField, '')).toBeNull();
  });

  it('checks types per direction, with what to do', () => {
    const tierField = { ...tier.pagerDutyField };
    const picklist = { label: 'Tier', type: 'picklist', updateable: true };
    const text = { label: 'Account', type: 'string', updateable: true };
    expect(typeMismatch(picklist, tierField, 'both')).toBeUndefined();
    expect(typeMismatch(text, tierField, 'to_pagerduty')).toMatch(/takes only its fixed options: map a Picklist/);
    expect(typeMismatch(text, tierField, 'to_salesforce')).toBeUndefined();
    const freeText = { ...tierField, fieldType: 'single_value' as const };
    expect(typeMismatch(picklist, freeText, 'to_pagerduty')).toBeUndefined();
    expect(typeMismatch(picklist, freeText, 'both')).toMatch(/free text, which may hold values the picklist Tier lacks/);
    const integer = { ...tierField, dataType: 'integer' as const, fieldType: 'single_value' as const };
    expect(typeMismatch(text, integer, 'both')).toBe(
      'Case field Account (Text) cannot fill PagerDuty field Customer tier (integer): choose a Number, Currency or Percent Case field, or another PagerDuty field',
    );
    expect(typeMismatch({ label: 'Score', type: 'double', scale: 2, updateable: true }, integer, 'to_pagerduty')).toMatch(/2 decimal places/);
    expect(typeMismatch({ label: 'Number', type: 'string', updateable: false }, { ...freeText }, 'both')).toMatch(/read-only in Salesforce/);
    expect(typeMismatch(picklist, { ...tierField, fieldType: 'multi_value_fixed' }, 'both')).toMatch(/holds multiple values/);
  });
});
