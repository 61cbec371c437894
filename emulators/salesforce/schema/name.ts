import type { FieldDef, SfRecord, SObjectDef } from '../model';
import { checkbox, dateTime, email, idField, phone, picklist, reference, text } from './fieldBuilders';

/**
 * The `Name` object: what a polymorphic relationship (`Case.Owner`, a User or a queue) points to in
 * SOQL. Per Salesforce's "Name" object reference and "Understanding Relationship Fields and
 * Polymorphic Fields" (SOQL and SOSL Reference), `Owner.Name` or `Owner.Type` read the fields
 * common to every target, and the user-only ones (Alias, Email, Username…) are null for others.
 * It is not queryable by itself and not in the global describe, so it is not in the registry.
 * Field list per jsforce's standard schema (`Fields$Name`).
 */
const NAME_OBJECT: SObjectDef = {
  name: 'Name',
  label: 'Name',
  labelPlural: 'Names',
  keyPrefix: '',
  custom: false,
  createable: false,
  updateable: false,
  deletable: false,
  queryable: false,
  fields: [
    { ...idField(), label: 'ID' },
    text('Name', 255, { nameField: true }),
    text('LastName', 80, { label: 'Last Name' }),
    text('FirstName', 40, { label: 'First Name' }),
    picklist('Type', ['Group', 'Queue', 'User'], { restricted: true }),
    text('Alias', 8),
    reference('UserRoleId', ['UserRole'], { label: 'Role ID' }),
    reference('RecordTypeId', ['RecordType'], { label: 'Record Type ID' }),
    checkbox('IsActive', { label: 'Active', nillable: true, defaultedOnCreate: false, defaultValue: null }),
    reference('ProfileId', ['Profile'], { label: 'Profile ID' }),
    text('Title', 80),
    email('Email'),
    phone('Phone'),
    text('NameOrAlias', 255, { label: 'Name or Alias' }),
    text('Username', 80),
    dateTime('LastViewedDate', { label: 'Last Viewed Date' }),
    dateTime('LastReferencedDate', { label: 'Last Referenced Date' }),
  ].map((field): FieldDef => ({ ...field, createable: false, updateable: false })),
  childRelationships: [],
};

export function nameObject(): SObjectDef {
  return NAME_OBJECT;
}

/** Filled only when the record is a user, as the Name object's reference says of each. */
const USER_ONLY_FIELDS = new Set(['Alias', 'Email', 'IsActive', 'Phone', 'ProfileId', 'Title', 'Username', 'UserRoleId']);

/**
 * A Name field of the record a polymorphic lookup points to. `Type` is the target's object
 * (`User`), a queue's is `Queue` (Group.Type); `Name` and `NameOrAlias` are its name field
 * (a User's full name, a queue's name, a Case's CaseNumber).
 */
export function nameFieldValue(target: SObjectDef, record: SfRecord, field: string): unknown {
  if (field === 'Id') return record.Id;
  if (field === 'Type') return target.name === 'Group' ? (record.Type ?? 'Group') : target.name;
  if (field === 'Name' || field === 'NameOrAlias') {
    const nameField = target.fields.find((candidate) => candidate.nameField) ?? target.fields.find((candidate) => candidate.name === 'Name');
    return nameField ? (record[nameField.name] ?? null) : null;
  }
  if (USER_ONLY_FIELDS.has(field) && target.name !== 'User') return null;
  return record[field] ?? null;
}
