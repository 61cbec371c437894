import { z } from 'zod';

/**
 * Request bodies of `/incidents/custom_fields` and `/incidents/{id}/custom_fields/values`, as
 * openapiv3.json declares them. A value's type is checked against its field's definition by
 * `values.ts`, not here: the body only fixes that a value is a scalar, a list of strings or null.
 */

const DATA_TYPES = ['string', 'integer', 'float', 'boolean', 'datetime', 'url'] as const;
const FIELD_TYPES = ['single_value', 'single_value_fixed', 'multi_value', 'multi_value_fixed'] as const;

export const fieldValueInput = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

export const optionInput = z
  .object({
    data: z.object({ data_type: z.literal('string'), value: z.string().trim().min(1).max(100) }).strict(),
  })
  .strict();

export const createFieldBody = z
  .object({
    field: z
      .object({
        name: z
          .string()
          .max(50)
          .regex(/^[a-z0-9_]+$/, 'may contain only lowercase letters, digits and underscores'),
        display_name: z.string().trim().min(1).max(50),
        description: z.string().max(1000).nullish(),
        data_type: z.enum(DATA_TYPES),
        field_type: z.enum(FIELD_TYPES),
        default_value: fieldValueInput.optional(),
        field_options: z.array(optionInput).max(10).optional(),
      })
      .strict(),
  })
  .strict();

export type CreateFieldInput = z.infer<typeof createFieldBody>['field'];

export const updateFieldBody = z
  .object({
    field: z
      .object({
        display_name: z.string().trim().min(1).max(50).optional(),
        description: z.string().max(1000).nullish(),
        default_value: fieldValueInput.optional(),
        enabled: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

export type UpdateFieldInput = z.infer<typeof updateFieldBody>['field'];

export const createOptionBody = z.object({ field_option: optionInput }).strict();
export const updateOptionBody = z.object({ field_option: optionInput }).strict();

const valueById = z.object({ id: z.string().min(1), value: fieldValueInput }).strict();
const valueByName = z.object({ name: z.string().min(1), value: fieldValueInput }).strict();

export const setValuesBody = z
  .object({
    custom_fields: z
      .array(z.union([valueById, valueByName]))
      .min(1)
      .max(50),
  })
  .strict();
export type SetValueInput = z.infer<typeof setValuesBody>['custom_fields'][number];
