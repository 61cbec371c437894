/**
 * The Salesforce emulator's shared model: object and field definitions (the shape a describe
 * is rendered from), stored records, and the change events that Change Data Capture publishes.
 * The store, the REST layer, the SOQL engine and the CDC broker all speak these types.
 */

/** Field types as Salesforce's describe names them. */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'email'
  | 'phone'
  | 'url';

export interface PicklistValue {
  value: string;
  label: string;
  active: boolean;
  defaultValue: boolean;
}

/** A field definition: the subset of describe's field properties the emulator enforces. */
export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Characters for string-like fields, 0 otherwise. */
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  filterable: boolean;
  sortable: boolean;
  /** Formula and roll-up fields; also system fields computed by the platform. */
  calculated: boolean;
  autoNumber: boolean;
  custom: boolean;
  externalId: boolean;
  unique: boolean;
  nameField: boolean;
  /** For picklists: whether values outside the list are rejected. */
  restrictedPicklist: boolean;
  picklistValues: PicklistValue[];
  /** For references: target sObject names and the relationship used in SOQL (`Account.Name`). */
  referenceTo: string[];
  relationshipName: string | null;
  precision: number;
  scale: number;
  /** Default applied on create when the field is absent (besides picklist defaults). */
  defaultValue?: string | number | boolean | null;
}

export interface SObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  /** Three-character Id prefix: Case 500, User 005, CaseComment 00a, Account 001, Contact 003. */
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  queryable: boolean;
  fields: FieldDef[];
  /** Child relationships used by describe (e.g. Case → CaseComments). */
  childRelationships: { childSObject: string; field: string; relationshipName: string | null }[];
}

/** A stored record: field name → value, always with an 18-character `Id`. */
export type SfRecord = { Id: string } & Record<string, unknown>;

/** Read access to the org's data, as the SOQL engine needs it. */
export interface SoqlDataSource {
  /** The object definition, matched case-insensitively; undefined when the object does not exist. */
  sobject(name: string): SObjectDef | undefined;
  /** Every stored record of the object, deleted ones included (`IsDeleted: true`). */
  records(sobjectName: string): Iterable<SfRecord>;
  /** Looks a record up by Id across objects (for parent relationships such as `Owner.Email`). */
  recordById(id: string): { sobject: SObjectDef; record: SfRecord } | undefined;
}

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';

/**
 * One committed change, as the store reports it to Change Data Capture. The CDC broker turns it
 * into a `/data/<Entity>ChangeEvent` message: `ChangeEventHeader` plus the changed values
 * (the whole record on CREATE).
 */
export interface RecordChange {
  entityName: string;
  changeType: ChangeType;
  recordIds: string[];
  /** Fields whose values changed (on CREATE: every populated field). */
  changedFields: string[];
  /** Fields set to null by this change. */
  nulledFields: string[];
  /** Field → new value for the changed fields; the full record on CREATE. */
  values: Record<string, unknown>;
  /** User Id that committed the change. */
  commitUser: string;
  /** Epoch milliseconds, from the emulator's clock. */
  commitTimestamp: number;
  /** Shared by all changes of one transaction (e.g. one composite request). */
  transactionKey: string;
  /** Position of this change within its transaction, from 1. */
  sequenceNumber: number;
}
