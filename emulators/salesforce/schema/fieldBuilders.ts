import type { FieldDef, FieldType, PicklistValue } from '../model';

/**
 * Small builders for standard field definitions, so each object's schema reads like its
 * Setup page: one line per field, with Salesforce's describe defaults filled in.
 */

type FieldOptions = Partial<Omit<FieldDef, 'name' | 'type'>>;

function field(name: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  return {
    name,
    label: options.label ?? labelFromName(name),
    type,
    length: 0,
    nillable: true,
    createable: true,
    updateable: true,
    defaultedOnCreate: false,
    filterable: true,
    sortable: true,
    calculated: false,
    autoNumber: false,
    custom: name.endsWith('__c'),
    externalId: false,
    unique: false,
    nameField: false,
    restrictedPicklist: false,
    picklistValues: [],
    referenceTo: [],
    relationshipName: null,
    precision: 0,
    scale: 0,
    ...options,
  };
}

/** "SuppliedEmail" → "Supplied Email"; trailing "Id" of references is dropped by callers. */
export function labelFromName(name: string): string {
  return name
    .replace(/__c$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

const READ_ONLY = { createable: false, updateable: false } as const;

export const idField = (): FieldDef => field('Id', 'id', { ...READ_ONLY, label: `Record ID`, length: 18, nillable: false, defaultedOnCreate: true });

export const text = (name: string, length: number, options: FieldOptions = {}) => field(name, 'string', { length, ...options });
export const textArea = (name: string, length: number, options: FieldOptions = {}) =>
  field(name, 'textarea', { length, filterable: length <= 255, sortable: length <= 255, ...options });
export const email = (name: string, options: FieldOptions = {}) => field(name, 'email', { length: 80, ...options });
export const phone = (name: string, options: FieldOptions = {}) => field(name, 'phone', { length: 40, ...options });
export const url = (name: string, options: FieldOptions = {}) => field(name, 'url', { length: 255, ...options });
export const dateField = (name: string, options: FieldOptions = {}) => field(name, 'date', options);
export const dateTime = (name: string, options: FieldOptions = {}) => field(name, 'datetime', options);
export const double = (name: string, precision: number, scale: number, options: FieldOptions = {}) => field(name, 'double', { precision, scale, ...options });
export const integer = (name: string, options: FieldOptions = {}) => field(name, 'int', { precision: 8, ...options });
export const currency = (name: string, options: FieldOptions = {}) => field(name, 'currency', { precision: 18, scale: 0, ...options });

/** Checkboxes are never null in Salesforce: not nillable, defaulted on create. */
export const checkbox = (name: string, options: FieldOptions = {}) =>
  field(name, 'boolean', { nillable: false, defaultedOnCreate: true, defaultValue: false, ...options });

export function picklist(
  name: string,
  values: string[],
  options: Omit<FieldOptions, 'defaultValue'> & { defaultValue?: string; restricted?: boolean } = {},
): FieldDef {
  const { defaultValue, restricted, ...rest } = options;
  const picklistValues: PicklistValue[] = values.map((value) => ({
    value,
    label: value,
    active: true,
    defaultValue: value === defaultValue,
  }));
  return field(name, 'picklist', {
    length: 255,
    picklistValues,
    restrictedPicklist: restricted ?? false,
    defaultedOnCreate: defaultValue !== undefined,
    ...rest,
  });
}

/** A lookup: `AccountId` → Account, relationship `Account`. */
export function reference(name: string, referenceTo: string[], options: FieldOptions = {}): FieldDef {
  return field(name, 'reference', {
    length: 18,
    referenceTo,
    relationshipName: name.endsWith('Id') ? name.slice(0, -2) : null,
    label: labelFromName(name.endsWith('Id') ? name.slice(0, -2) : name) + ' ID',
    ...options,
  });
}

/** The platform-maintained fields every object shares. */
export function auditFields(options: { isDeleted?: boolean } = {}): FieldDef[] {
  const fields = [
    reference('CreatedById', ['User'], { ...READ_ONLY, label: 'Created By ID', nillable: false, defaultedOnCreate: true, relationshipName: 'CreatedBy' }),
    dateTime('CreatedDate', { ...READ_ONLY, label: 'Created Date', nillable: false, defaultedOnCreate: true }),
    reference('LastModifiedById', ['User'], {
      ...READ_ONLY,
      label: 'Last Modified By ID',
      nillable: false,
      defaultedOnCreate: true,
      relationshipName: 'LastModifiedBy',
    }),
    dateTime('LastModifiedDate', { ...READ_ONLY, label: 'Last Modified Date', nillable: false, defaultedOnCreate: true }),
    dateTime('SystemModstamp', { ...READ_ONLY, label: 'System Modstamp', nillable: false, defaultedOnCreate: true }),
  ];
  if (options.isDeleted !== false) {
    fields.push(checkbox('IsDeleted', { ...READ_ONLY, label: 'Deleted' }));
  }
  return fields;
}

export const readOnly = READ_ONLY;
