/**
 * A Case describe as the engine sees it (standard fields plus one custom field of each type the
 * engine handles). Used by the engine's tests and the benchmark; the server uses the live describe.
 */
import type { CaseFieldInfo } from '../fields';

const base = { createable: true, updateable: true, nillable: true, defaultedOnCreate: false };

export const SAMPLE_CASE_FIELDS: readonly CaseFieldInfo[] = [
  { ...base, name: 'Id', label: 'Case ID', type: 'id', createable: false, updateable: false, nillable: false, defaultedOnCreate: true },
  { ...base, name: 'CaseNumber', label: 'Case Number', type: 'string', createable: false, updateable: false, nillable: false, defaultedOnCreate: true },
  { ...base, name: 'Subject', label: 'Subject', type: 'string' },
  { ...base, name: 'Description', label: 'Description', type: 'textarea' },
  {
    ...base,
    name: 'Status',
    label: 'Status',
    type: 'picklist',
    picklistValues: ['New', 'Working', 'Escalated', 'Closed'],
    restrictedPicklist: true,
    nillable: false,
    defaultedOnCreate: true,
  },
  { ...base, name: 'Priority', label: 'Priority', type: 'picklist', picklistValues: ['High', 'Medium', 'Low'], restrictedPicklist: true },
  { ...base, name: 'Origin', label: 'Case Origin', type: 'picklist', picklistValues: ['Phone', 'Email', 'Web'] },
  { ...base, name: 'Type', label: 'Type', type: 'combobox', picklistValues: ['Problem', 'Question'] },
  { ...base, name: 'OwnerId', label: 'Owner ID', type: 'reference', nillable: false, defaultedOnCreate: true },
  { ...base, name: 'AccountId', label: 'Account ID', type: 'reference' },
  { ...base, name: 'IsEscalated', label: 'Escalated', type: 'boolean', nillable: false, defaultedOnCreate: true },
  { ...base, name: 'SuppliedEmail', label: 'Web Email', type: 'email' },
  { ...base, name: 'SuppliedPhone', label: 'Web Phone', type: 'phone' },
  { ...base, name: 'CreatedDate', label: 'Created Date', type: 'datetime', createable: false, updateable: false, nillable: false, defaultedOnCreate: true },
  { ...base, name: 'ClosedDate', label: 'Closed Date', type: 'datetime', createable: false, updateable: false },
  { ...base, name: 'Severity__c', label: 'Severity', type: 'int' },
  { ...base, name: 'Impact_Score__c', label: 'Impact Score', type: 'double' },
  { ...base, name: 'Revenue_At_Risk__c', label: 'Revenue at Risk', type: 'currency' },
  { ...base, name: 'SLA_Used__c', label: 'SLA Used', type: 'percent' },
  { ...base, name: 'Due_Date__c', label: 'Due Date', type: 'date' },
  { ...base, name: 'Products__c', label: 'Products', type: 'multipicklist', picklistValues: ['Billing', 'API', 'Mobile', 'Web'], restrictedPicklist: true },
  { ...base, name: 'Runbook_URL__c', label: 'Runbook URL', type: 'url' },
  { ...base, name: 'PagerDuty_Incident_URL__c', label: 'PagerDuty Incident URL', type: 'url' },
  { ...base, name: 'PagerDuty_Status__c', label: 'PagerDuty Status', type: 'string' },
  { ...base, name: 'Region__c', label: 'Region', type: 'string', nillable: false },
];
