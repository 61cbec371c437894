import type { FieldMappingDirection, PagerDutyCustomFieldOption } from '../../contracts/fieldMappings';
import { jsonText } from './jsonText';
import type { FieldMapping } from '../store/fieldMappings';

/**
 * Which Case field types fit which PagerDuty custom fields, each way, and how a value is carried
 * across. One module for both, so what the save accepts is exactly what the engine can carry.
 * Pure: no I/O.
 */

/** How a PagerDuty field takes values, from its `field_type` and `data_type`. */
type PagerDutyKind = 'text' | 'options' | 'integer' | 'float' | 'boolean' | 'datetime' | 'url';

type PagerDutyFieldShape = Pick<PagerDutyCustomFieldOption, 'dataType' | 'fieldType'>;

function kindOf(field: PagerDutyFieldShape): PagerDutyKind | undefined {
  if (field.fieldType === 'multi_value' || field.fieldType === 'multi_value_fixed') return undefined;
  if (field.fieldType === 'single_value_fixed') return 'options';
  return field.dataType === 'string' ? 'text' : field.dataType;
}

const NUMBER_TYPES = ['int', 'double', 'currency', 'percent'];

/** Case field types a PagerDuty field may be filled from (Case → PagerDuty). */
const SENDABLE: Record<PagerDutyKind, readonly string[]> = {
  text: ['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'combobox'],
  options: ['picklist'],
  integer: NUMBER_TYPES,
  float: NUMBER_TYPES,
  boolean: ['boolean'],
  datetime: ['date', 'datetime'],
  url: ['url'],
};

/** Case field types that can hold a PagerDuty field's values (PagerDuty → Case). */
const RECEIVABLE: Record<PagerDutyKind, readonly string[]> = {
  text: ['string', 'textarea'],
  options: ['picklist', 'string', 'textarea'],
  integer: NUMBER_TYPES,
  float: ['double', 'currency', 'percent'],
  boolean: ['boolean'],
  datetime: ['date', 'datetime'],
  url: ['url', 'string', 'textarea'],
};

const CASE_TYPE_LABELS: Record<string, string> = {
  string: 'Text',
  textarea: 'Text Area',
  email: 'Email',
  phone: 'Phone',
  url: 'URL',
  picklist: 'Picklist',
  combobox: 'Picklist (combobox)',
  int: 'Number',
  double: 'Number',
  currency: 'Currency',
  percent: 'Percent',
  boolean: 'Checkbox',
  date: 'Date',
  datetime: 'Date/Time',
};

const KIND_LABELS: Record<PagerDutyKind, string> = {
  text: 'text',
  options: 'fixed options',
  integer: 'integer',
  float: 'decimal number',
  boolean: 'checkbox',
  datetime: 'date/time',
  url: 'URL',
};

export function caseTypeLabel(type: string): string {
  return CASE_TYPE_LABELS[type] ?? type;
}

export function pagerDutyKindLabel(field: PagerDutyFieldShape): string {
  const kind = kindOf(field);
  return kind ? KIND_LABELS[kind] : `multiple values (${field.dataType})`;
}

/** What the save knows of the Case field: the describe's type and, for numbers, its decimal places. */
export interface CaseFieldShape {
  label: string;
  type: string;
  scale?: number | null;
  updateable: boolean;
}

/** "Number, Currency or Percent". */
function typeList(types: readonly string[]): string {
  const labels = [...new Set(types.map(caseTypeLabel))];
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1) ?? ''}` : (labels[0] ?? '');
}

/**
 * Why this Case field cannot follow this PagerDuty field in this direction, in words that say
 * what to do; undefined when it can. Picklist values are checked by `valueMapProblems`.
 */
export function typeMismatch(
  caseField: CaseFieldShape,
  pagerDutyField: PagerDutyFieldShape & { displayName: string },
  direction: FieldMappingDirection,
): string | undefined {
  const kind = kindOf(pagerDutyField);
  const pd = `PagerDuty field ${pagerDutyField.displayName}`;
  const sf = `Case field ${caseField.label} (${caseTypeLabel(caseField.type)})`;
  if (!kind) return `${pd} holds multiple values, which no Case field can follow: choose a single-value PagerDuty field`;
  if (direction !== 'to_salesforce' && !SENDABLE[kind].includes(caseField.type)) {
    if (kind === 'options')
      return `${pd} takes only its fixed options: map a Picklist to it (and map its values), or set the direction to PagerDuty → Salesforce`;
    return `${sf} cannot fill ${pd} (${KIND_LABELS[kind]}): choose a ${typeList(SENDABLE[kind])} Case field, or another PagerDuty field`;
  }
  if (direction !== 'to_pagerduty') {
    if (!RECEIVABLE[kind].includes(caseField.type)) {
      if (kind === 'text' && (caseField.type === 'picklist' || caseField.type === 'combobox'))
        return `${pd} is free text, which may hold values the picklist ${caseField.label} lacks: map the picklist to a fixed-options PagerDuty field, or set the direction to Salesforce → PagerDuty`;
      return `${sf} cannot hold the values of ${pd} (${KIND_LABELS[kind]}): choose a ${typeList(RECEIVABLE[kind])} Case field, or another PagerDuty field`;
    }
    if (!caseField.updateable)
      return `${sf} is read-only in Salesforce, so PagerDuty's values cannot be written to it: set the direction to Salesforce → PagerDuty`;
  }
  if (kind === 'integer' && direction !== 'to_salesforce' && (caseField.scale ?? 0) > 0)
    return `${sf} has ${caseField.scale} decimal places but ${pd} holds whole numbers: choose a decimal PagerDuty field, or a Case field without decimals`;
  return undefined;
}

/** Whether the pair carries picklist values through a value map. */
export function needsValueMap(caseType: string, pagerDutyField: PagerDutyFieldShape): boolean {
  return kindOf(pagerDutyField) === 'options' && caseType === 'picklist';
}

/** A value to write to the other side, or why it is not written. */
export type Carried = { value: unknown } | { skip: string };

/** The form PagerDuty's values are compared in: datetimes as one ISO instant, whatever their notation. */
export function normalizePagerDutyValue(field: PagerDutyFieldShape, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return null;
  if (kindOf(field) === 'datetime' && typeof value === 'string') {
    const instant = Date.parse(value);
    return Number.isNaN(instant) ? value : new Date(instant).toISOString();
  }
  return value;
}

/** PagerDuty's text values are at most 200 characters. */
const MAX_PAGERDUTY_TEXT = 200;

/** A Case value as the PagerDuty field takes it. */
export function toPagerDutyValue(mapping: FieldMapping, caseValue: unknown): Carried {
  const field = mapping.pagerDutyField;
  if (caseValue === null || caseValue === undefined || caseValue === '') return { value: null };
  switch (kindOf(field)) {
    case 'options': {
      const entry = mapping.valueMap.find((candidate) => candidate.caseValue === jsonText(caseValue));
      if (!entry) return { skip: `${mapping.caseField} = "${jsonText(caseValue)}" is not in the value map` };
      if (entry.pagerDutyValue === null) return { skip: `${mapping.caseField} = "${jsonText(caseValue)}" is skipped by the value map` };
      return { value: entry.pagerDutyValue };
    }
    case 'integer':
      return finite(Math.round(Number(caseValue)), mapping, caseValue);
    case 'float':
      return finite(Number(caseValue), mapping, caseValue);
    case 'boolean':
      return { value: caseValue === true || caseValue === 'true' };
    case 'datetime': {
      const text = jsonText(caseValue);
      // A date alone means that day, at midnight UTC (Salesforce dates have no time zone).
      const instant = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      return Number.isNaN(instant) ? { skip: `${mapping.caseField} = "${text}" is not a date` } : { value: new Date(instant).toISOString() };
    }
    case 'text':
    case 'url':
      return { value: jsonText(caseValue).slice(0, MAX_PAGERDUTY_TEXT) };
    case undefined:
      return { skip: `${field.displayName} holds multiple values` };
  }
}

function finite(value: number, mapping: FieldMapping, caseValue: unknown): Carried {
  return Number.isFinite(value) ? { value } : { skip: `${mapping.caseField} = "${jsonText(caseValue)}" is not a number` };
}

/** A PagerDuty value as the Case field takes it. */
export function toSalesforceValue(mapping: FieldMapping, pagerDutyValue: unknown): Carried {
  const field = mapping.pagerDutyField;
  const value = normalizePagerDutyValue(field, pagerDutyValue);
  if (value === null) return { value: null };
  switch (kindOf(field)) {
    case 'options': {
      if (mapping.caseFieldType !== 'picklist') return { value: jsonText(value) };
      const entry = mapping.valueMap.find((candidate) => candidate.pagerDutyValue === jsonText(value));
      return entry ? { value: entry.caseValue } : { skip: `No picklist value of ${mapping.caseField} maps to "${jsonText(value)}"` };
    }
    case 'integer':
    case 'float':
      return Number.isFinite(Number(value)) ? { value: Number(value) } : { skip: `${field.displayName} = "${jsonText(value)}" is not a number` };
    case 'boolean':
      return { value: value === true || value === 'true' };
    case 'datetime':
      return { value: mapping.caseFieldType === 'date' ? jsonText(value).slice(0, 10) : value };
    case 'text':
    case 'url':
      return { value: jsonText(value) };
    case undefined:
      return { skip: `${field.displayName} holds multiple values` };
  }
}
