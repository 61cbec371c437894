import { apiPath, type PagerDutyClient } from './client';

/**
 * PagerDuty's incident custom fields: the account's definitions and one incident's values
 * (`/incidents/custom_fields`, `/incidents/{id}/custom_fields/values`, as the OpenAPI document
 * describes them).
 */

export type CustomFieldDataType = 'boolean' | 'integer' | 'float' | 'string' | 'datetime' | 'url';
export type CustomFieldType = 'single_value' | 'single_value_fixed' | 'multi_value' | 'multi_value_fixed';
export type CustomFieldValue = string | number | boolean | string[] | null;

export interface IncidentCustomField {
  id: string;
  name: string;
  display_name: string;
  description: string | null;
  data_type: CustomFieldDataType;
  field_type: CustomFieldType;
  field_options?: { id: string; data: { data_type: string; value: string | number } }[];
}

export interface IncidentCustomFieldValue {
  id: string;
  name: string;
  display_name?: string;
  data_type: CustomFieldDataType;
  field_type: CustomFieldType;
  value: CustomFieldValue;
}

/** The account's incident custom fields with their options (one request: the list is not paginated). */
export async function listIncidentCustomFields(client: PagerDutyClient): Promise<IncidentCustomField[]> {
  const { body } = await client.request<{ fields: IncidentCustomField[] }>('GET', '/incidents/custom_fields', { query: { include: ['field_options'] } });
  return body.fields;
}

/** The values of every custom field on one incident. */
export async function readIncidentCustomFieldValues(client: PagerDutyClient, incidentId: string): Promise<IncidentCustomFieldValue[]> {
  const { body } = await client.request<{ custom_fields: IncidentCustomFieldValue[] }>('GET', apiPath`/incidents/${incidentId}/custom_fields/values`);
  return body.custom_fields;
}

/** Sets some custom field values of one incident (the others stay as they are), by field id. */
export async function writeIncidentCustomFieldValues(
  client: PagerDutyClient,
  incidentId: string,
  values: readonly { id: string; value: CustomFieldValue }[],
): Promise<IncidentCustomFieldValue[]> {
  const { body } = await client.request<{ custom_fields: IncidentCustomFieldValue[] }>('PUT', apiPath`/incidents/${incidentId}/custom_fields/values`, {
    body: { custom_fields: values.map(({ id, value }) => ({ id, value })) },
  });
  return body.custom_fields;
}

/** The options' values of a fixed-options field, as text (the option a Case picklist value maps to). */
export function optionValues(field: IncidentCustomField): string[] {
  return (field.field_options ?? []).map((option) => String(option.data.value));
}
