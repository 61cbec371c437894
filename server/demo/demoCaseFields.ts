import type { SalesforceEmulator } from '../../emulators/salesforce';
import type { CustomFieldSpec } from '../../emulators/salesforce/schema/registry';

/**
 * Custom Case fields of the demo org, the Salesforce side of the PagerDuty demo's incident
 * custom fields (customer tier with fixed options, affected customers, the account's name), so
 * OBJECT MAPPINGS → Custom field mappings has something to map out of the box. The picklist
 * has one value more than PagerDuty has options (Trial), which the value map must skip or map.
 */
export const DEMO_CASE_FIELDS: readonly CustomFieldSpec[] = [
  { name: 'Customer_Tier__c', label: 'Customer Tier', type: 'picklist', picklistValues: ['Gold', 'Silver', 'Bronze', 'Trial'] },
  { name: 'Affected_Customers__c', label: 'Affected Customers', type: 'int' },
  { name: 'Account_Name__c', label: 'Account Name', type: 'string', length: 200 },
];

export function addDemoCaseFields(salesforce: SalesforceEmulator): void {
  const existing = new Set(salesforce.store.schema.get('Case')?.fields.map((field) => field.name));
  for (const spec of DEMO_CASE_FIELDS) if (!existing.has(spec.name)) salesforce.store.schema.addCustomField('Case', spec);
}
