import type { CaseFieldMetadata } from '../../../../contracts/authoring';
import type {
  FieldMappingDirection,
  FieldMappingView,
  FieldMappingsRequest,
  PagerDutyCustomFieldOption,
  ValueMapEntryRequest,
} from '../../../../contracts/fieldMappings';

/** Pure helpers of the "Custom field mappings" section: drafts ⇄ requests, pickers' lists, errors by row. No DOM. */

/** A value-map choice for one picklist value: an option, skipped, or not chosen yet. */
export const SKIP = '__skip__';

export interface FieldMappingDraft {
  /** Stable across edits, so rows keep their inputs when one is removed. */
  key: number;
  caseField: string;
  pagerDutyFieldId: string;
  direction: FieldMappingDirection;
  /** Per picklist value: an option's value, SKIP, or '' (not chosen yet). */
  valueMap: Record<string, string>;
}

let nextKey = 1;

export function newDraft(): FieldMappingDraft {
  return { key: nextKey++, caseField: '', pagerDutyFieldId: '', direction: 'both', valueMap: {} };
}

export function draftsFrom(mappings: readonly FieldMappingView[]): FieldMappingDraft[] {
  return mappings.map((mapping) => ({
    key: nextKey++,
    caseField: mapping.caseField,
    pagerDutyFieldId: mapping.pagerDutyFieldId,
    direction: mapping.direction,
    valueMap: Object.fromEntries(mapping.valueMap.map((entry) => [entry.caseValue, entry.pagerDutyValue ?? SKIP])),
  }));
}

/**
 * Case fields a mapping may name: those with a type some PagerDuty field can follow. Only trims
 * the picker; the save's check (server/pipeline/fieldMappingValues.ts) decides what fits.
 */
const MAPPABLE_CASE_TYPES = new Set([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'combobox',
  'int',
  'double',
  'currency',
  'percent',
  'boolean',
  'date',
  'datetime',
]);

export function mappableCaseFields(fields: readonly CaseFieldMetadata[]): CaseFieldMetadata[] {
  return fields.filter((field) => MAPPABLE_CASE_TYPES.has(field.type));
}

/** Whether the row maps a picklist to a fixed-options field, and so needs a value map. */
export function needsValueMap(caseField: CaseFieldMetadata | undefined, pagerDutyField: PagerDutyCustomFieldOption | undefined): boolean {
  return caseField?.type === 'picklist' && pagerDutyField?.fieldType === 'single_value_fixed';
}

/**
 * The value map a row starts with when it gets one: each picklist value preset to the option of
 * the same name (ignoring case) when there is one, else left to choose; earlier choices kept.
 */
export function presetValueMap(picklistValues: readonly string[], options: readonly string[], current: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    picklistValues.map((value) => [value, current[value] ?? options.find((option) => option.toLowerCase() === value.toLowerCase()) ?? '']),
  );
}

/** "3 of 4 values mapped, 1 skipped" for the row's value map button. */
export function valueMapSummary(picklistValues: readonly string[], valueMap: Record<string, string>): string {
  const chosen = picklistValues.map((value) => valueMap[value] ?? '');
  const skipped = chosen.filter((choice) => choice === SKIP).length;
  const mapped = chosen.filter((choice) => choice !== '' && choice !== SKIP).length;
  const open = picklistValues.length - mapped - skipped;
  return `${mapped} mapped${skipped ? `, ${skipped} skipped` : ''}${open ? `, ${open} to choose` : ''}`;
}

export function requestFrom(
  drafts: readonly FieldMappingDraft[],
  caseFields: readonly CaseFieldMetadata[],
  pagerDutyFields: readonly PagerDutyCustomFieldOption[],
): FieldMappingsRequest {
  return {
    mappings: drafts.map((draft) => {
      const caseField = caseFields.find((field) => field.name === draft.caseField);
      const pdField = pagerDutyFields.find((field) => field.id === draft.pagerDutyFieldId);
      const valueMap: ValueMapEntryRequest[] = needsValueMap(caseField, pdField)
        ? Object.entries(draft.valueMap)
            .filter(([, choice]) => choice !== '')
            .map(([caseValue, choice]) => ({ caseValue, pagerDutyValue: choice === SKIP ? null : choice }))
        : [];
      return { caseField: draft.caseField, pagerDutyFieldId: draft.pagerDutyFieldId, direction: draft.direction, valueMap };
    }),
  };
}

/** What the table can tell before asking the server: both fields chosen. Keys as the server's paths. */
export function localErrors(drafts: readonly FieldMappingDraft[]): Map<string, string> {
  const errors = new Map<string, string>();
  drafts.forEach((draft, index) => {
    if (!draft.caseField) errors.set(`mappings.${index}.caseField`, 'Choose a Case field');
    if (!draft.pagerDutyFieldId) errors.set(`mappings.${index}.pagerDutyFieldId`, 'Choose a PagerDuty field');
  });
  return errors;
}

export type RowColumn = 'caseField' | 'pagerDutyFieldId' | 'direction' | 'valueMap';

/**
 * The server's problems by row and column (`mappings.2.valueMap.0.pagerDutyValue` → row 2,
 * valueMap); the first problem of a cell wins. Problems without a row go under `general`.
 */
export function errorsByRow(errors: ReadonlyMap<string, string>): {
  rows: Map<number, Partial<Record<RowColumn, string>>>;
  general: string[];
} {
  const rows = new Map<number, Partial<Record<RowColumn, string>>>();
  const general: string[] = [];
  for (const [path, message] of errors) {
    const match = /^mappings\.(\d+)\.(caseField|pagerDutyFieldId|direction|valueMap)/.exec(path);
    if (!match) {
      general.push(message);
      continue;
    }
    const row = Number(match[1]);
    const column = match[2] as RowColumn;
    const cells = rows.get(row) ?? {};
    cells[column] ??= message;
    rows.set(row, cells);
  }
  return { rows, general };
}
