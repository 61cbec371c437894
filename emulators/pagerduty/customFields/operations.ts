import type { Clock } from '../../shared/clock';
import { invalidInput, notFound } from '../http/errors';
import type { IncidentOperations } from '../incidents/operations';
import type { CustomField, CustomFieldOption, CustomFieldValue, Incident, User } from '../model';
import type { PagerDutyStore } from '../store';
import type { ChangeOrigin, WebhookPublisher } from '../webhooks/publisher';
import type { CustomFieldRenderer } from './render';
import type { CreateFieldInput, SetValueInput, UpdateFieldInput } from './schemas';
import { sameValue, valueProblem } from './values';
import { pagerDutyTimestamp } from '../timestamps';

const MAX_FIELDS = 100;

/**
 * Incident custom fields: definitions, their fixed options, and values on incidents. Setting
 * values logs the change and delivers `incident.custom_field_values.updated`, whoever sets them
 * (REST, the console or the control API).
 */
export class CustomFieldOperations {
  readonly #store: () => PagerDutyStore;
  readonly #clock: Clock;
  readonly #publisher: WebhookPublisher;
  readonly #render: CustomFieldRenderer;
  readonly #incidents: IncidentOperations;

  constructor(store: () => PagerDutyStore, clock: Clock, publisher: WebhookPublisher, render: CustomFieldRenderer, incidents: IncidentOperations) {
    this.#store = store;
    this.#clock = clock;
    this.#publisher = publisher;
    this.#render = render;
    this.#incidents = incidents;
  }

  get(id: string): CustomField {
    const field = this.#store().customFields.get(id);
    if (!field) throw notFound();
    return field;
  }

  create(input: CreateFieldInput): CustomField {
    const store = this.#store();
    if (store.customFields.size >= MAX_FIELDS) throw invalidInput(`An account can have at most ${MAX_FIELDS} incident custom fields.`);
    if (store.customFieldByName(input.name)) throw invalidInput(`field.name: a field named "${input.name}" already exists.`);
    this.#checkDisplayNameFree(input.display_name);
    const fixed = input.field_type.endsWith('_fixed');
    const multi = input.field_type.startsWith('multi_value');
    if ((fixed || multi) && input.data_type !== 'string') {
      throw invalidInput(`field.data_type: ${input.field_type} fields hold strings; data_type must be "string".`);
    }
    if (!fixed && input.field_options) throw invalidInput('field.field_options: only single_value_fixed and multi_value_fixed fields have options.');
    if (fixed && !input.field_options?.length) throw invalidInput(`field.field_options: a ${input.field_type} field needs at least one option.`);
    const now = this.#now();
    const field: CustomField = {
      id: store.ids.next(),
      name: input.name,
      displayName: input.display_name,
      description: input.description ?? null,
      dataType: input.data_type,
      fieldType: input.field_type,
      defaultValue: null,
      enabled: true,
      options: [],
      createdAt: now,
      updatedAt: now,
    };
    for (const option of input.field_options ?? []) this.#appendOption(field, option.data.value);
    if (input.default_value !== undefined) field.defaultValue = this.#checkedValue(field, input.default_value, 'field.default_value');
    store.customFields.set(field.id, field);
    return field;
  }

  update(field: CustomField, input: UpdateFieldInput): CustomField {
    if (input.display_name !== undefined && input.display_name !== field.displayName) this.#checkDisplayNameFree(input.display_name);
    const defaultValue = input.default_value === undefined ? field.defaultValue : this.#checkedValue(field, input.default_value, 'field.default_value');
    if (input.display_name !== undefined) field.displayName = input.display_name;
    if (input.description !== undefined) field.description = input.description;
    if (input.enabled !== undefined) field.enabled = input.enabled;
    field.defaultValue = defaultValue;
    field.updatedAt = this.#now();
    return field;
  }

  delete(field: CustomField): void {
    const store = this.#store();
    store.customFields.delete(field.id);
    for (const values of store.customFieldValues.values()) values.delete(field.id);
  }

  option(field: CustomField, optionId: string): CustomFieldOption {
    const option = field.options.find((candidate) => candidate.id === optionId);
    if (!option) throw notFound();
    return option;
  }

  addOption(field: CustomField, value: string): CustomFieldOption {
    if (!field.fieldType.endsWith('_fixed')) throw invalidInput(`Field ${field.name} is ${field.fieldType}: only fixed-options fields have options.`);
    if (field.options.length >= 10) throw invalidInput('A field can have at most 10 options.');
    const option = this.#appendOption(field, value);
    field.updatedAt = option.createdAt;
    return option;
  }

  updateOption(field: CustomField, option: CustomFieldOption, value: string): CustomFieldOption {
    if (field.options.some((other) => other !== option && other.value === value)) throw invalidInput(`field_option: "${value}" is already an option.`);
    option.value = value;
    option.updatedAt = this.#now();
    return option;
  }

  deleteOption(field: CustomField, option: CustomFieldOption): void {
    field.options = field.options.filter((other) => other !== option);
    field.updatedAt = this.#now();
  }

  /** Every enabled field with its value on the incident (its default while never set), in definition order. */
  valuesOf(incident: Incident): [CustomField, CustomFieldValue][] {
    const set = this.#store().customFieldValues.get(incident.id);
    return [...this.#store().customFields.values()]
      .filter((field) => field.enabled)
      .map((field): [CustomField, CustomFieldValue] => [field, set?.has(field.id) ? (set.get(field.id) ?? null) : field.defaultValue]);
  }

  /**
   * Sets values by field Id or name. Everything is checked first (an unknown field or a value of
   * the wrong type is a 400 that changes nothing); a change delivers one webhook naming the
   * fields that changed.
   */
  setValues(incident: Incident, inputs: SetValueInput[], actor: User | null, via: ChangeOrigin['via']): [CustomField, CustomFieldValue][] {
    const store = this.#store();
    const resolved = inputs.map((input, index): [CustomField, CustomFieldValue] => {
      const field = 'id' in input ? store.customFields.get(input.id) : store.customFieldByName(input.name);
      if (!field || !field.enabled) {
        throw invalidInput(`custom_fields.${index}: no enabled incident custom field has the ${'id' in input ? `id ${input.id}` : `name "${input.name}"`}.`);
      }
      return [field, this.#checkedValue(field, input.value, `custom_fields.${index}`)];
    });
    const before = new Map(this.valuesOf(incident).map(([field, value]) => [field.id, value]));
    const values = store.customFieldValues.get(incident.id) ?? new Map<string, CustomFieldValue>();
    store.customFieldValues.set(incident.id, values);
    const changed: [CustomField, CustomFieldValue][] = [];
    for (const [field, value] of resolved) {
      values.set(field.id, value);
      if (!sameValue(before.get(field.id) ?? null, value) && !changed.some(([seen]) => seen.id === field.id)) changed.push([field, value]);
    }
    const after = this.valuesOf(incident);
    if (changed.length > 0) {
      incident.updatedAt = this.#now();
      this.#incidents.record(
        incident,
        'custom_field_value_change_log_entry',
        actor,
        via,
        `Custom fields changed${actor ? ` by ${actor.name}` : ''}: ${changed.map(([field]) => field.displayName).join(', ')}.`,
      );
      const latest = changed.map(([field]): [CustomField, CustomFieldValue] => [field, values.get(field.id) ?? null]);
      this.#publisher.incidentDetail(
        'incident.custom_field_values.updated',
        incident,
        { userId: actor?.id ?? null, via },
        this.#render.webhookFieldValues(incident, after, latest),
      );
    }
    return after;
  }

  #checkedValue(field: CustomField, value: CustomFieldValue, path: string): CustomFieldValue {
    const problem = valueProblem(field, value);
    if (problem) throw invalidInput(`${path}: ${problem}`);
    return value;
  }

  #checkDisplayNameFree(displayName: string): void {
    for (const field of this.#store().customFields.values()) {
      if (field.displayName.toLowerCase() === displayName.toLowerCase())
        throw invalidInput(`field.display_name: "${displayName}" is already used by another field.`);
    }
  }

  #appendOption(field: CustomField, value: string): CustomFieldOption {
    if (field.options.some((option) => option.value === value)) throw invalidInput(`field_option: "${value}" is already an option.`);
    const now = this.#now();
    const option: CustomFieldOption = { id: this.#store().ids.next(), value, createdAt: now, updatedAt: now };
    field.options.push(option);
    return option;
  }

  #now(): string {
    return pagerDutyTimestamp(this.#clock.date());
  }
}
