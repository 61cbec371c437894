import type { SObjectDef } from '../model';
import { auditFields, checkbox, email, idField, picklist, readOnly, reference, text } from './fieldBuilders';

/** Group types as Group.Type's picklist lists them; a queue is a Group of Type `Queue`. */
export const GROUP_TYPES = [
  'AllCustomerPortal',
  'CollaborationGroup',
  'Manager',
  'ManagerAndSubordinatesInternal',
  'Organization',
  'PRMOrganization',
  'Queue',
  'Regular',
  'Role',
  'RoleAndSubordinates',
  'RoleAndSubordinatesInternal',
  'SharingRuleGroup',
  'Territory',
  'TerritoryAndSubordinates',
];

/**
 * Group (key prefix 00G), the object behind queues and public groups; field list per jsforce's
 * standard schema (`Fields$Group`). A Case's OwnerId may name a queue. Group has no IsDeleted:
 * groups are not soft-deleted.
 */
export function groupObject(): SObjectDef {
  return {
    name: 'Group',
    label: 'Group',
    labelPlural: 'Groups',
    keyPrefix: '00G',
    custom: false,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    fields: [
      { ...idField(), label: 'Group ID' },
      text('Name', 40, { label: 'Name', nameField: true }),
      text('DeveloperName', 80, { label: 'Developer Name' }),
      reference('RelatedId', ['User', 'UserRole'], { ...readOnly, label: 'Related ID', relationshipName: 'Related' }),
      picklist('Type', GROUP_TYPES, { label: 'Type', defaultValue: 'Regular', restricted: true, nillable: false, updateable: false }),
      email('Email', { label: 'Email' }),
      reference('OwnerId', ['Organization', 'User'], { ...readOnly, label: 'Owner ID', nillable: false, defaultedOnCreate: true }),
      checkbox('DoesSendEmailToMembers', { label: 'Send Email to Members' }),
      checkbox('DoesIncludeBosses', { label: 'Include Bosses' }),
      ...auditFields({ isDeleted: false }),
    ],
    childRelationships: [],
  };
}
