import type { FieldMappingDirection, PagerDutyCustomFieldOption, ValueMapEntryRequest } from '../../contracts/fieldMappings';
import type { Db, Executor } from './db';
import { FIELD_MAPPING_TABLES } from './tables';

/**
 * Custom field mappings: which Case field follows which PagerDuty incident custom field, and
 * which way. Saved as a whole list (the admin edits the table and saves it), checked against
 * the live Case describe and the account's field definitions before it gets here.
 *
 * Glossary:
 * - direction: `to_pagerduty` (Case → incident), `to_salesforce` (incident → Case) or `both`.
 * - value map: for a picklist ⇄ a fixed-options field, per picklist value the PagerDuty option
 *   it becomes, or null when that value is deliberately not sent.
 * - synced value: per incident and PagerDuty field, the value (in PagerDuty's form) last carried
 *   either way; the engine moves nothing that equals it, so a value travels each way once.
 */
export type { FieldMappingDirection } from '../../contracts/fieldMappings';

/** A PagerDuty incident custom field as the mapping was saved against (its type and options then). */
export type MappedPagerDutyField = Omit<PagerDutyCustomFieldOption, 'description'>;

/** A picklist value and the option it becomes; a null option: the value is not sent (explicitly skipped). */
export type ValueMapEntry = ValueMapEntryRequest;

export interface FieldMapping {
  caseField: string;
  /** The describe's type of the Case field when saved (`string`, `picklist`, `date`…). */
  caseFieldType: string;
  pagerDutyField: MappedPagerDutyField;
  direction: FieldMappingDirection;
  valueMap: ValueMapEntry[];
}

interface FieldMappingRow {
  position: number;
  case_field: string;
  case_field_type: string;
  pagerduty_field_id: string;
  pagerduty_field: string;
  direction: FieldMappingDirection;
  value_map: string;
  updated_at: unknown;
}

interface SyncedValueRow {
  incident_id: string;
  pagerduty_field_id: string;
  value: string;
  updated_at: unknown;
}

export function sendsToPagerDuty(mapping: FieldMapping): boolean {
  return mapping.direction !== 'to_salesforce';
}

export function sendsToSalesforce(mapping: FieldMapping): boolean {
  return mapping.direction !== 'to_pagerduty';
}

function fromRow(row: FieldMappingRow): FieldMapping {
  return {
    caseField: row.case_field,
    caseFieldType: row.case_field_type,
    pagerDutyField: JSON.parse(row.pagerduty_field) as MappedPagerDutyField,
    direction: row.direction,
    valueMap: JSON.parse(row.value_map) as ValueMapEntry[],
  };
}

export async function readFieldMappings(db: Executor): Promise<FieldMapping[]> {
  const rows = await db<FieldMappingRow>(FIELD_MAPPING_TABLES.mappings).orderBy('position').select();
  return rows.map(fromRow);
}

/** Replaces every mapping at once: the list is saved as the admin left it, or not at all. */
export async function writeFieldMappings(db: Db, mappings: readonly FieldMapping[]): Promise<void> {
  const updatedAt = new Date();
  await db.transaction(async (trx) => {
    await trx(FIELD_MAPPING_TABLES.mappings).delete();
    if (mappings.length === 0) return;
    await trx(FIELD_MAPPING_TABLES.mappings).insert(
      mappings.map((mapping, position) => ({
        position,
        case_field: mapping.caseField,
        case_field_type: mapping.caseFieldType,
        pagerduty_field_id: mapping.pagerDutyField.id,
        pagerduty_field: JSON.stringify(mapping.pagerDutyField),
        direction: mapping.direction,
        value_map: JSON.stringify(mapping.valueMap),
        updated_at: updatedAt,
      })),
    );
  });
}

/** Whether any mapping carries PagerDuty's changes to Cases (the webhook subscription then asks for them). */
export async function anyMappingToSalesforce(db: Executor): Promise<boolean> {
  const row = await db<FieldMappingRow>(FIELD_MAPPING_TABLES.mappings).whereIn('direction', ['to_salesforce', 'both']).first('position');
  return row !== undefined;
}

/** The form values are compared in: the same value always gives the same text. */
export function syncedValueKey(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/**
 * The values last carried for one incident, by PagerDuty field id (each as `syncedValueKey`
 * gives it).
 */
export async function readSyncedValues(db: Executor, incidentId: string): Promise<Map<string, string>> {
  const rows = await db<SyncedValueRow>(FIELD_MAPPING_TABLES.syncedValues).where({ incident_id: incidentId }).select('pagerduty_field_id', 'value');
  return new Map(rows.map((row) => [row.pagerduty_field_id, row.value]));
}

/**
 * Remembers values as carried, before they are written to the other side: their echo, whenever
 * it comes, then finds them already in place.
 */
export async function rememberSyncedValues(db: Executor, incidentId: string, values: ReadonlyMap<string, unknown>): Promise<void> {
  if (values.size === 0) return;
  const updatedAt = new Date();
  await db(FIELD_MAPPING_TABLES.syncedValues)
    .insert(
      [...values].map(([fieldId, value]) => ({ incident_id: incidentId, pagerduty_field_id: fieldId, value: syncedValueKey(value), updated_at: updatedAt })),
    )
    .onConflict(['incident_id', 'pagerduty_field_id'])
    .merge(['value', 'updated_at']);
}
