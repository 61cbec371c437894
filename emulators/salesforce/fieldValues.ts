import { SalesforceError } from './errors';
import { parseSfDateTime, sfDateTime } from './datetime';
import { isValidId, normalizeId } from './ids';
import type { FieldDef } from './model';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function deserializeError(field: FieldDef, value: unknown, javaType: string): SalesforceError {
  const kind =
    typeof value === 'string' ? 'VALUE_STRING' : typeof value === 'number' ? 'VALUE_NUMBER_INT' : typeof value === 'boolean' ? 'VALUE_TRUE' : 'START_OBJECT';
  return new SalesforceError(
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${javaType} from ${kind} value ${JSON.stringify(value)} or request may be missing a required field`,
    { fields: [field.name] },
  );
}

/**
 * Converts a JSON value to what the field stores, enforcing type, length, picklist and format
 * rules with Salesforce's error codes. `null` passes through (required-ness is checked by the
 * caller, which knows whether it is an insert or an update).
 */
export function coerceFieldValue(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return field.type === 'boolean' ? false : null;
  switch (field.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw deserializeError(field, value, 'boolean');
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!Number.isFinite(number)) throw deserializeError(field, value, field.type === 'int' ? 'int' : 'double');
      if (field.type === 'int' && !Number.isInteger(number)) throw deserializeError(field, value, 'int');
      return number;
    }
    case 'date': {
      if (typeof value !== 'string' || Number.isNaN(parseSfDateTime(value))) throw deserializeError(field, value, 'date');
      return value.slice(0, 10);
    }
    case 'datetime': {
      const epoch = typeof value === 'string' ? parseSfDateTime(value) : Number.NaN;
      if (Number.isNaN(epoch)) throw deserializeError(field, value, 'datetime');
      return sfDateTime(epoch);
    }
    case 'id':
    case 'reference': {
      if (typeof value !== 'string') throw deserializeError(field, value, 'id');
      if (value === '') return null;
      if (!isValidId(value)) {
        throw new SalesforceError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, { fields: [field.name] });
      }
      return normalizeId(value);
    }
    default: {
      // Objects and arrays are refused; what no JSON can carry (functions, symbols) with them.
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'bigint') {
        throw deserializeError(field, value, 'String');
      }
      const text = String(value);
      if (text === '') return null;
      if (field.length > 0 && text.length > field.length) {
        throw new SalesforceError('STRING_TOO_LONG', `${field.label}: data value too large: ${text.slice(0, 100)} (max length=${field.length})`, {
          fields: [field.name],
        });
      }
      if (field.type === 'picklist' && field.restrictedPicklist && !field.picklistValues.some((option) => option.active && option.value === text)) {
        throw new SalesforceError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${text}`, {
          fields: [field.name],
        });
      }
      if (field.type === 'email' && !EMAIL_PATTERN.test(text)) {
        throw new SalesforceError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${text}`, { fields: [field.name] });
      }
      return text;
    }
  }
}

/** The default a field takes on create when the caller leaves it out. */
export function defaultFieldValue(field: FieldDef): unknown {
  const picklistDefault = field.picklistValues.find((option) => option.defaultValue);
  if (picklistDefault) return picklistDefault.value;
  if (field.defaultValue !== undefined) return field.defaultValue;
  if (field.type === 'boolean') return false;
  return null;
}
