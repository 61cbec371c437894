import type { SObjectDef } from '../model';
import { auditFields, checkbox, dateTime, email, idField, phone, picklist, readOnly, reference, text, textArea } from './fieldBuilders';

/** Case statuses that close a Case (the `IsClosed` flag follows them). */
export const CLOSED_CASE_STATUSES = new Set(['Closed']);

/**
 * Case as a Service Cloud org describes it (field list per jsforce's standard schema).
 * Status, Priority and Origin are restricted picklists here, as admins commonly configure them,
 * so bad values answer INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST.
 */
export function caseObject(): SObjectDef {
  return {
    name: 'Case',
    label: 'Case',
    labelPlural: 'Cases',
    keyPrefix: '500',
    custom: false,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    fields: [
      { ...idField(), label: 'Case ID' },
      checkbox('IsDeleted', { ...readOnly, label: 'Deleted' }),
      text('CaseNumber', 30, { ...readOnly, label: 'Case Number', nillable: false, autoNumber: true, defaultedOnCreate: true, nameField: true }),
      reference('ContactId', ['Contact'], { label: 'Contact ID' }),
      reference('AccountId', ['Account'], { label: 'Account ID' }),
      reference('AssetId', ['Asset'], { label: 'Asset ID' }),
      reference('ProductId', ['Product2'], { label: 'Product ID' }),
      reference('EntitlementId', ['Entitlement'], { label: 'Entitlement ID' }),
      reference('SourceId', ['EmailMessage', 'LiveChatTranscript'], { label: 'Source ID', relationshipName: 'Source' }),
      reference('BusinessHoursId', ['BusinessHours'], { label: 'Business Hours ID', defaultedOnCreate: true }),
      reference('ParentId', ['Case'], { label: 'Parent Case ID', relationshipName: 'Parent' }),
      text('SuppliedName', 80, { label: 'Name' }),
      email('SuppliedEmail', { label: 'Email' }),
      text('SuppliedPhone', 40, { label: 'Phone' }),
      text('SuppliedCompany', 80, { label: 'Company' }),
      picklist('Type', ['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other'], { label: 'Case Type' }),
      picklist('Status', ['New', 'Working', 'Escalated', 'Closed'], { label: 'Status', defaultValue: 'New', restricted: true }),
      picklist('Reason', ['Installation', 'Equipment Complexity', 'Performance', 'Breakdown', 'Equipment Design', 'Feedback', 'Other'], {
        label: 'Case Reason',
      }),
      picklist('Origin', ['Phone', 'Email', 'Web'], { label: 'Case Origin', restricted: true }),
      checkbox('IsVisibleInSelfService', { label: 'Visible in Self-Service Portal' }),
      text('Subject', 255, { label: 'Subject' }),
      picklist('Priority', ['High', 'Medium', 'Low'], { label: 'Priority', defaultValue: 'Medium', restricted: true }),
      textArea('Description', 32000, { label: 'Description' }),
      checkbox('IsClosed', { ...readOnly, label: 'Closed' }),
      dateTime('ClosedDate', { ...readOnly, label: 'Closed Date' }),
      checkbox('IsEscalated', { label: 'Escalated' }),
      checkbox('HasCommentsUnreadByOwner', { label: 'Has Comments Unread By Owner' }),
      checkbox('HasSelfServiceComments', { ...readOnly, label: 'Has Self-Service Comments' }),
      reference('OwnerId', ['Group', 'User'], { label: 'Owner ID', nillable: false, defaultedOnCreate: true }),
      checkbox('IsClosedOnCreate', { ...readOnly, label: 'Closed When Created' }),
      checkbox('IsSelfServiceClosed', { ...readOnly, label: 'Closed by Self-Service User' }),
      dateTime('SlaStartDate', { label: 'Entitlement Process Start Time' }),
      dateTime('SlaExitDate', { ...readOnly, label: 'Entitlement Process End Time' }),
      checkbox('IsStopped', { label: 'Stopped' }),
      dateTime('StopStartDate', { ...readOnly, label: 'Stopped Since' }),
      ...auditFields({ isDeleted: false }),
      phone('ContactPhone', { ...readOnly, label: 'Contact Phone', calculated: true }),
      phone('ContactMobile', { ...readOnly, label: 'Contact Mobile', calculated: true }),
      email('ContactEmail', { ...readOnly, label: 'Contact Email', calculated: true }),
      phone('ContactFax', { ...readOnly, label: 'Contact Fax', calculated: true }),
      textArea('Comments', 4000, { label: 'Internal Comments' }),
      dateTime('LastViewedDate', { ...readOnly, label: 'Last Viewed Date' }),
      dateTime('LastReferencedDate', { ...readOnly, label: 'Last Referenced Date' }),
      text('MilestoneStatus', 30, { ...readOnly, label: 'Milestone Status', calculated: true }),
    ],
    childRelationships: [
      { childSObject: 'Case', field: 'ParentId', relationshipName: 'Cases' },
      { childSObject: 'CaseComment', field: 'ParentId', relationshipName: 'CaseComments' },
    ],
  };
}

export function caseCommentObject(): SObjectDef {
  return {
    name: 'CaseComment',
    label: 'Case Comment',
    labelPlural: 'Case Comments',
    keyPrefix: '00a',
    custom: false,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    fields: [
      { ...idField(), label: 'Case Comment ID' },
      reference('ParentId', ['Case'], { label: 'Parent Case ID', nillable: false, updateable: false, relationshipName: 'Parent' }),
      checkbox('IsPublished', { label: 'Published' }),
      textArea('CommentBody', 4000, { label: 'Body' }),
      ...auditFields(),
    ],
    childRelationships: [],
  };
}
