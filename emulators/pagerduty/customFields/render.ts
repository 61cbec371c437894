import type { CustomField, CustomFieldOption, CustomFieldValue, Incident } from '../model';
import type { Renderer } from '../render';

/** PagerDuty's JSON for custom field definitions, their options and their values on an incident. */
export class CustomFieldRenderer {
  readonly #renderer: Renderer;

  constructor(renderer: Renderer) {
    this.#renderer = renderer;
  }

  /** A field definition; `withOptions` adds `field_options` (`include[]=field_options`) for fixed-options fields. */
  field(field: CustomField, withOptions = false) {
    return {
      id: field.id,
      type: 'field',
      summary: field.displayName,
      self: this.#renderer.links.api('incidents/custom_fields', field.id),
      name: field.name,
      display_name: field.displayName,
      description: field.description,
      data_type: field.dataType,
      field_type: field.fieldType,
      namespace: 'incidents',
      enabled: field.enabled,
      // The document types default_value as an object wrapping the value; PagerDuty sends the
      // value itself (OVERLAY-REQUESTS.md item 5), and a field without a default omits it.
      ...(field.defaultValue !== null ? { default_value: field.defaultValue } : {}),
      ...(withOptions && field.fieldType.endsWith('_fixed') ? { field_options: field.options.map((option) => this.option(option)) } : {}),
      created_at: field.createdAt,
      updated_at: field.updatedAt,
    };
  }

  option(option: CustomFieldOption) {
    return {
      id: option.id,
      type: 'field_option',
      data: { data_type: 'string', value: option.value },
      created_at: option.createdAt,
      updated_at: option.updatedAt,
    };
  }

  /** One field's value on an incident, as `GET /incidents/{id}/custom_fields/values` lists it. */
  fieldValue(field: CustomField, value: CustomFieldValue) {
    return {
      id: field.id,
      type: 'field_value',
      name: field.name,
      display_name: field.displayName,
      description: field.description,
      data_type: field.dataType,
      field_type: field.fieldType,
      namespace: 'incidents',
      value,
    };
  }

  /** A value as the `incident.custom_field_values.updated` webhook carries it (incident_field_values example). */
  webhookFieldValue(field: CustomField, value: CustomFieldValue) {
    return {
      data_type: field.dataType,
      field_type: field.fieldType,
      id: field.id,
      name: field.name,
      namespace: 'incidents',
      type: 'field_value',
      value,
    };
  }

  webhookFieldValues(incident: Incident, all: [CustomField, CustomFieldValue][], changed: [CustomField, CustomFieldValue][]) {
    return {
      incident: this.#renderer.incidentRef(incident),
      custom_fields: all.map(([field, value]) => this.webhookFieldValue(field, value)),
      changed_custom_fields: changed.map(([field, value]) => this.webhookFieldValue(field, value)),
      type: 'incident_field_values',
    };
  }
}
