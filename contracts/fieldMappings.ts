/**
 * Contracts of the custom field mappings (OBJECT MAPPINGS → "Custom field mappings"): which Case
 * field follows which PagerDuty incident custom field, and which way. Pure (zod + types).
 *
 * PUT answers 400 for any bad row and stores nothing; `details.fields[]` lists each problem as
 * `{path, message}` with paths such as `mappings.2.caseField`, `mappings.0.pagerDutyFieldId`
 * (unknown field or a type that does not fit the Case field), `mappings.1.valueMap` (a picklist
 * value neither mapped nor skipped) and `mappings.1.valueMap.3.pagerDutyValue` (no such option).
 */
import { z } from 'zod';
import type { EndpointGroup } from './endpoint';

export const FIELD_MAPPING_DIRECTIONS = ['to_pagerduty', 'to_salesforce', 'both'] as const;
export type FieldMappingDirection = (typeof FIELD_MAPPING_DIRECTIONS)[number];

/** How each direction reads in the UI and in messages. */
export const FIELD_MAPPING_DIRECTION_LABELS: Record<FieldMappingDirection, string> = {
  to_pagerduty: 'Salesforce → PagerDuty',
  to_salesforce: 'PagerDuty → Salesforce',
  both: 'Both ways',
};

/** Rows per save at most: far more than an account has custom fields. */
export const MAX_FIELD_MAPPINGS = 100;

export const valueMapEntry = z
  .object({
    caseValue: z.string().max(255, 'At most 255 characters'),
    /** The PagerDuty option this picklist value becomes; null skips the value (it is not sent). */
    pagerDutyValue: z.string().max(200, 'At most 200 characters').nullable(),
  })
  .strict();
export type ValueMapEntryRequest = z.infer<typeof valueMapEntry>;

export const fieldMappingRow = z
  .object({
    caseField: z.string().trim().min(1, 'Choose a Case field').max(80, 'At most 80 characters'),
    pagerDutyFieldId: z.string().trim().min(1, 'Choose a PagerDuty field').max(40, 'At most 40 characters'),
    direction: z.enum(FIELD_MAPPING_DIRECTIONS, { error: 'Choose a direction: to_pagerduty, to_salesforce or both' }),
    valueMap: z.array(valueMapEntry).max(1000, 'At most 1000 values').default([]),
  })
  .strict();
export type FieldMappingRowRequest = z.input<typeof fieldMappingRow>;

export const fieldMappingsRequest = z.object({ mappings: z.array(fieldMappingRow).max(MAX_FIELD_MAPPINGS, `At most ${MAX_FIELD_MAPPINGS} mappings`) }).strict();
export type FieldMappingsRequest = z.input<typeof fieldMappingsRequest>;

/** One incident custom field of the PagerDuty account, for the picker. */
export const pagerDutyCustomFieldOptionSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    displayName: z.string(),
    description: z.string().nullable(),
    dataType: z.enum(['boolean', 'integer', 'float', 'string', 'datetime', 'url']),
    fieldType: z.enum(['single_value', 'single_value_fixed', 'multi_value', 'multi_value_fixed']),
    /** The values of a fixed-options field's options; empty for other fields. */
    options: z.array(z.string()),
  })
  .meta({ id: 'PagerDutyCustomFieldOption' });
export type PagerDutyCustomFieldOption = z.infer<typeof pagerDutyCustomFieldOptionSchema>;

export const fieldMappingViewSchema = z
  .strictObject({
    caseField: z.string(),
    caseFieldType: z.string(),
    pagerDutyFieldId: z.string(),
    /** The field's display name when saved. */
    pagerDutyFieldLabel: z.string(),
    direction: z.enum(FIELD_MAPPING_DIRECTIONS),
    valueMap: z.array(z.strictObject({ caseValue: z.string(), pagerDutyValue: z.string().nullable() })),
  })
  .meta({ id: 'FieldMappingView' });
export type FieldMappingView = z.infer<typeof fieldMappingViewSchema>;

export const fieldMappingsReplySchema = z
  .strictObject({
    mappings: z.array(fieldMappingViewSchema),
    /** The account's incident custom fields; empty when PagerDuty could not be asked (see `pagerDutyFieldsProblem`). */
    pagerDutyFields: z.array(pagerDutyCustomFieldOptionSchema),
    pagerDutyFieldsProblem: z.string().nullable(),
  })
  .meta({ id: 'FieldMappingsReply' });
export type FieldMappingsReply = z.infer<typeof fieldMappingsReplySchema>;

export const fieldMappingEndpoints = {
  getFieldMappings: { method: 'GET', path: '/api/field-mappings', access: 'admin', reply: fieldMappingsReplySchema },
  putFieldMappings: { method: 'PUT', path: '/api/field-mappings', access: 'admin', body: fieldMappingsRequest, reply: fieldMappingsReplySchema },
} as const satisfies EndpointGroup;
