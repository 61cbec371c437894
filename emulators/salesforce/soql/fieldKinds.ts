import type { FieldDef } from '../model';
import { storedBoolean, storedDate, storedDateTime, storedNumber, storedText } from './literals';

/** How the engine compares a field's values; several describe types share one behaviour. */
export type FieldKind = 'text' | 'multipicklist' | 'id' | 'number' | 'boolean' | 'date' | 'datetime';

export function kindOf(field: FieldDef): FieldKind {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'multipicklist':
      return 'multipicklist';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'string':
    case 'textarea':
    case 'picklist':
    case 'combobox':
    case 'email':
    case 'phone':
    case 'url':
      return 'text';
  }
}

/**
 * A value in the form filters compare: lower-cased text (Salesforce compares text and picklists
 * case-insensitively), the case-sensitive 15-character form of Ids, numbers, booleans, and
 * epoch ms for dates and datetimes. Null when the value is absent.
 */
export type Comparable = string | number | boolean | null;

export function comparableOf(kind: FieldKind, value: unknown): Comparable {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      return storedText(value).toLowerCase();
    case 'multipicklist':
      return normalizeMultiPicklist(storedText(value));
    case 'id':
      return storedText(value).slice(0, 15);
    case 'number':
      return storedNumber(value);
    case 'boolean':
      return storedBoolean(value);
    case 'date':
      return storedDate(value);
    case 'datetime':
      return storedDateTime(value);
  }
}

/** `'b;A'` and `'a;b'` are the same selection. */
export function normalizeMultiPicklist(value: string): string {
  return multiPicklistValues(value).sort().join(';');
}

export function multiPicklistValues(value: string): string[] {
  return value
    .split(';')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
}

/** The type name Salesforce uses in "must be of type … " messages. */
export function soapTypeName(field: FieldDef): string {
  switch (field.type) {
    case 'int':
      return 'integer';
    case 'double':
    case 'currency':
    case 'percent':
      return 'double';
    case 'datetime':
      return 'dateTime';
    case 'id':
    case 'reference':
      return 'id';
    case 'boolean':
    case 'date':
      return field.type;
    default:
      return 'string';
  }
}
