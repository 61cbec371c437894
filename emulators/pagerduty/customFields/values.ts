import { isDeepStrictEqual } from 'node:util';
import type { CustomField, CustomFieldValue } from '../model';

const MAX_STRING = 200;
const MAX_ITEMS = 10;

/**
 * Checks `value` against its field's definition as PagerDuty does, answering the problem in
 * words (for the 400's `errors`) or nothing when the value fits. Null always clears a field.
 */
export function valueProblem(field: CustomField, value: CustomFieldValue): string | undefined {
  if (value === null) return undefined;
  const where = field.name;
  if (field.fieldType === 'multi_value' || field.fieldType === 'multi_value_fixed') {
    if (!Array.isArray(value)) return `${where}: expected a list of strings for a ${field.fieldType} field.`;
    if (value.length > MAX_ITEMS) return `${where}: at most ${MAX_ITEMS} values are allowed.`;
    if (new Set(value).size !== value.length) return `${where}: values must be unique.`;
    for (const item of value) {
      const problem = scalarProblem(field, item);
      if (problem) return problem;
    }
    return undefined;
  }
  if (Array.isArray(value)) return `${where}: a ${field.fieldType} field takes one value, not a list.`;
  return scalarProblem(field, value);
}

function scalarProblem(field: CustomField, value: string | number | boolean): string | undefined {
  const where = field.name;
  const expected = (what: string) => `${where}: expected ${what} for a ${field.dataType} field, got ${JSON.stringify(value)}.`;
  switch (field.dataType) {
    case 'boolean':
      if (typeof value !== 'boolean') return expected('true or false');
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return expected('an integer');
      break;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) return expected('a number');
      break;
    case 'datetime':
      if (typeof value !== 'string' || !isIsoDateTime(value)) return expected('an ISO 8601 date-time');
      break;
    case 'url':
      if (typeof value !== 'string' || !isAbsoluteUrl(value) || value.length > MAX_STRING) return expected('an absolute URL');
      break;
    case 'string':
      if (typeof value !== 'string') return expected('a string');
      if (value.length > MAX_STRING) return `${where}: at most ${MAX_STRING} characters are allowed.`;
      break;
  }
  if (field.fieldType.endsWith('_fixed') && !field.options.some((option) => option.value === value)) {
    const allowed = field.options.map((option) => option.value).join(', ');
    return `${where}: ${JSON.stringify(value)} is not one of the field's options (${allowed}).`;
  }
  return undefined;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

function isAbsoluteUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/** Two values are the same when they hold the same scalars in the same order. */
export function sameValue(a: CustomFieldValue, b: CustomFieldValue): boolean {
  return isDeepStrictEqual(a, b);
}
