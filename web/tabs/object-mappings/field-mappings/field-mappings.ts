import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import type { CaseFieldMetadata } from '../../../../contracts/authoring';
import {
  FIELD_MAPPING_DIRECTION_LABELS,
  FIELD_MAPPING_DIRECTIONS,
  type FieldMappingDirection,
  type FieldMappingsReply,
  type PagerDutyCustomFieldOption,
} from '../../../../contracts/fieldMappings';
import { ApiError, messageOf } from '../../../api/apiError';
import { AuthoringApi } from '../../../api/authoringApi';
import { FieldMappingsApi } from '../../../api/fieldMappingsApi';
import { errorNotice, selectField, spinner, warningNotice } from '../../../components/authoring/authoringUi';
import { buttonIcon, standardIcon } from '../../../icons/icons';
import { apiContext, toastContext, requireApi } from '../../../state/context';
import {
  SKIP,
  draftsFrom,
  errorsByRow,
  localErrors,
  mappableCaseFields,
  needsValueMap,
  newDraft,
  presetValueMap,
  requestFrom,
  valueMapSummary,
  type FieldMappingDraft,
} from './fieldMappingsForm';
import './field-mappings.css';

interface Loaded {
  reply: FieldMappingsReply;
  caseFields: CaseFieldMetadata[];
}

/**
 * `<pd-field-mappings>`: OBJECT MAPPINGS → "Custom field mappings". An SLDS data table of Case
 * field ⇄ PagerDuty incident custom field rows (fields from the live Case describe and the
 * account's definitions), each with its direction and, for a picklist ⇄ fixed-options pair, a
 * value map edited in a modal. Add and remove rows, then Save: the server checks every row and
 * its problems show in the row's cells.
 *
 * Light DOM (see web/README.md).
 */
export class PdFieldMappings extends LitElement {
  static override properties = {
    drafts: { state: true },
    errors: { state: true },
    editingValues: { state: true },
  };

  declare private drafts: FieldMappingDraft[] | undefined;
  declare private errors: Map<string, string>;
  /** The row whose value map is open in the modal, by key. */
  declare private editingValues: number | undefined;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly toasts = new ContextConsumer(this, { context: toastContext });

  private readonly loadTask = new Task<[], Loaded>(this, {
    task: async (_args, { signal }) => {
      const client = this.client();
      const [reply, describe] = await Promise.all([new FieldMappingsApi(client).fieldMappings(signal), new AuthoringApi(client).caseFields(signal)]);
      this.drafts = draftsFrom(reply.mappings);
      return { reply, caseFields: describe.fields };
    },
    args: () => [],
  });

  private readonly saveTask = new Task(this, {
    autoRun: false,
    task: async ([drafts, loaded]: [FieldMappingDraft[], Loaded]) =>
      new FieldMappingsApi(this.client()).saveFieldMappings(requestFrom(drafts, loaded.caseFields, loaded.reply.pagerDutyFields)),
    onComplete: (reply) => void this.handleSaved(reply),
    onError: (error) => void this.handleSaveFailed(error),
  });

  constructor() {
    super();
    this.drafts = undefined;
    this.errors = new Map();
    this.editingValues = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    this.loadTask.abort();
    super.disconnectedCallback();
  }

  private client() {
    return requireApi(this.api);
  }

  private editRow(key: number, change: Partial<FieldMappingDraft>): void {
    const drafts = (this.drafts ?? []).map((draft) => (draft.key === key ? { ...draft, ...change } : draft));
    this.drafts = drafts;
    // The row's old problems no longer describe it.
    const index = drafts.findIndex((draft) => draft.key === key);
    this.errors = new Map([...this.errors].filter(([path]) => !path.startsWith(`mappings.${index}.`)));
  }

  private readonly handleAdd = async (): Promise<void> => {
    this.drafts = [...(this.drafts ?? []), newDraft()];
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#fm-case-${(this.drafts.length - 1).toString()}`)?.focus();
  };

  private handleRemove(key: number): void {
    this.drafts = (this.drafts ?? []).filter((draft) => draft.key !== key);
    // Row numbers in the paths moved: the next Save says again what is still wrong.
    this.errors = new Map();
  }

  private readonly handleSubmit = (event: SubmitEvent, loaded: Loaded): void => {
    event.preventDefault();
    if (!this.drafts || this.saveTask.status === TaskStatus.PENDING) return;
    const local = localErrors(this.drafts);
    if (local.size > 0) {
      this.errors = local;
      void this.focusFirstError();
      return;
    }
    void this.saveTask.run([this.drafts, loaded]);
  };

  private async handleSaved(reply: FieldMappingsReply): Promise<void> {
    const loaded = this.loadTask.value;
    if (loaded) loaded.reply = reply;
    this.drafts = draftsFrom(reply.mappings);
    this.errors = new Map();
    this.toasts.value?.show({
      variant: 'success',
      title: 'Custom field mappings saved',
      message: reply.mappings.length === 1 ? '1 mapping in use.' : `${reply.mappings.length.toString()} mappings in use.`,
    });
    await this.updateComplete;
    this.querySelector<HTMLElement>('[data-testid=field-mappings-save]')?.focus();
  }

  private async handleSaveFailed(error: unknown): Promise<void> {
    const fields = error instanceof ApiError ? error.fieldErrors : [];
    this.errors = new Map(fields.map((field) => [field.path, field.message]));
    this.toasts.value?.show({
      variant: 'error',
      title: 'Custom field mappings not saved',
      message: fields.length ? `${fields.length.toString()} problem(s): see the rows marked in red.` : messageOf(error),
    });
    await this.focusFirstError();
  }

  private async focusFirstError(): Promise<void> {
    await this.updateComplete;
    (this.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.querySelector<HTMLElement>('[data-testid=field-mappings-save]'))?.focus();
  }

  private openValueMap(draft: FieldMappingDraft, caseField: CaseFieldMetadata, pdField: PagerDutyCustomFieldOption): void {
    this.editRow(draft.key, { valueMap: presetValueMap(caseField.picklistValues, pdField.options, draft.valueMap) });
    this.editingValues = draft.key;
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('[data-testid=value-map-modal] select')?.focus());
  }

  private closeValueMap(): void {
    const key = this.editingValues;
    this.editingValues = undefined;
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`[data-value-map-button="${String(key)}"]`)?.focus());
  }

  private renderRow(draft: FieldMappingDraft, index: number, loaded: Loaded, saving: boolean) {
    const cells = errorsByRow(this.errors).rows.get(index) ?? {};
    const caseFields = mappableCaseFields(loaded.caseFields);
    const caseField = loaded.caseFields.find((field) => field.name === draft.caseField);
    const pdField = loaded.reply.pagerDutyFields.find((field) => field.id === draft.pagerDutyFieldId);
    const mapsValues = needsValueMap(caseField, pdField);
    const rowLabel = `row ${(index + 1).toString()}`;
    return html`<tr class="slds-hint-parent" data-testid="field-mapping-row">
      <td>
        ${selectField({
          id: `fm-case-${index.toString()}`,
          label: `Case field, ${rowLabel}`,
          hideLabel: true,
          value: draft.caseField,
          emptyLabel: '— Choose a Case field —',
          options: caseFields.map((field) => ({ value: field.name, label: `${field.label} (${field.name})` })),
          disabled: saving,
          error: cells.caseField,
          testId: 'field-mapping-case-field',
          onChange: (value) => this.editRow(draft.key, { caseField: value }),
        })}
      </td>
      <td>
        ${selectField({
          id: `fm-direction-${index.toString()}`,
          label: `Direction, ${rowLabel}`,
          hideLabel: true,
          value: draft.direction,
          options: FIELD_MAPPING_DIRECTIONS.map((direction) => ({ value: direction, label: FIELD_MAPPING_DIRECTION_LABELS[direction] })),
          disabled: saving,
          error: cells.direction,
          testId: 'field-mapping-direction',
          onChange: (value) => this.editRow(draft.key, { direction: value as FieldMappingDirection }),
        })}
      </td>
      <td>
        ${selectField({
          id: `fm-pd-${index.toString()}`,
          label: `PagerDuty field, ${rowLabel}`,
          hideLabel: true,
          value: draft.pagerDutyFieldId,
          emptyLabel: '— Choose a PagerDuty field —',
          options: loaded.reply.pagerDutyFields.map((field) => ({ value: field.id, label: `${field.displayName} (${fieldKind(field)})` })),
          disabled: saving,
          error: cells.pagerDutyFieldId,
          testId: 'field-mapping-pagerduty-field',
          onChange: (value) => this.editRow(draft.key, { pagerDutyFieldId: value }),
        })}
      </td>
      <td>
        <div class="slds-form-element ${cells.valueMap ? 'slds-has-error' : ''}">
          ${
            mapsValues && caseField && pdField
              ? html`<button
                  class="slds-button slds-button_neutral"
                  type="button"
                  data-testid="field-mapping-values"
                  data-value-map-button=${draft.key}
                  aria-invalid=${cells.valueMap ? 'true' : 'false'}
                  aria-describedby=${cells.valueMap ? `fm-values-${index.toString()}-error` : nothing}
                  ?disabled=${saving}
                  @click=${() => this.openValueMap(draft, caseField, pdField)}
                >
                  Map values (${valueMapSummary(caseField.picklistValues, draft.valueMap)})
                </button>`
              : html`<span class="slds-text-color_weak">${caseField && pdField ? 'Values as they are' : '—'}</span>`
          }
          ${cells.valueMap ? html`<div class="slds-form-element__help" id="fm-values-${index.toString()}-error" data-testid="fm-values-${index.toString()}-error">${cells.valueMap}</div>` : nothing}
        </div>
      </td>
      <td>
        <button
          class="slds-button slds-button_icon slds-button_icon-border-filled"
          type="button"
          title="Remove ${rowLabel}"
          data-testid="field-mapping-remove"
          ?disabled=${saving}
          @click=${() => this.handleRemove(draft.key)}
        >
          ${buttonIcon('delete')}<span class="slds-assistive-text">Remove ${rowLabel}</span>
        </button>
      </td>
    </tr>`;
  }

  private renderValueMapModal(loaded: Loaded) {
    const draft = this.drafts?.find((candidate) => candidate.key === this.editingValues);
    const caseField = loaded.caseFields.find((field) => field.name === draft?.caseField);
    const pdField = loaded.reply.pagerDutyFields.find((field) => field.id === draft?.pagerDutyFieldId);
    if (!draft || !caseField || !pdField) return nothing;
    const options = [{ value: SKIP, label: '— Skip: not sent —' }, ...pdField.options.map((option) => ({ value: option, label: option }))];
    return html`<section
        role="dialog"
        tabindex="-1"
        aria-modal="true"
        aria-labelledby="fm-value-map-heading"
        class="slds-modal slds-fade-in-open"
        data-testid="value-map-modal"
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Escape') this.closeValueMap();
        }}
      >
        <div class="slds-modal__container">
          <div class="slds-modal__header">
            <h2 class="slds-text-heading_medium" id="fm-value-map-heading">${caseField.label} → ${pdField.displayName}</h2>
            <p class="slds-m-top_x-small">
              Choose the PagerDuty option each picklist value becomes, or skip it. Back in Salesforce, an option becomes the first picklist value mapped to it.
            </p>
          </div>
          <div class="slds-modal__content slds-p-around_medium">
            <table class="slds-table slds-table_bordered slds-table_cell-buffer" aria-label="Value map">
              <thead>
                <tr class="slds-line-height_reset">
                  <th scope="col"><div class="slds-truncate">Picklist value</div></th>
                  <th scope="col"><div class="slds-truncate">PagerDuty option</div></th>
                </tr>
              </thead>
              <tbody>
                ${caseField.picklistValues.map(
                  (value, index) =>
                    html`<tr data-testid="value-map-row">
                      <th scope="row">${value}</th>
                      <td>
                        ${selectField({
                          id: `fm-value-${index.toString()}`,
                          label: `PagerDuty option for ${value}`,
                          hideLabel: true,
                          value: draft.valueMap[value] ?? '',
                          emptyLabel: '— Choose —',
                          options,
                          onChange: (choice) => this.editRow(draft.key, { valueMap: { ...draft.valueMap, [value]: choice } }),
                        })}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>
          <div class="slds-modal__footer">
            <button class="slds-button slds-button_brand" type="button" data-testid="value-map-done" @click=${() => this.closeValueMap()}>Done</button>
          </div>
        </div>
      </section>
      <div class="slds-backdrop slds-backdrop_open" role="presentation"></div>`;
  }

  private renderTable(loaded: Loaded) {
    const drafts = this.drafts ?? [];
    const saving = this.saveTask.status === TaskStatus.PENDING;
    const general = errorsByRow(this.errors).general;
    return html`<form novalidate @submit=${(event: SubmitEvent) => this.handleSubmit(event, loaded)}>
      ${loaded.reply.pagerDutyFieldsProblem ? warningNotice(`PagerDuty's custom fields could not be read: ${loaded.reply.pagerDutyFieldsProblem}`, 'field-mappings-pd-problem') : nothing}
      ${general.map((message) => warningNotice(message))}
      ${
        drafts.length === 0
          ? html`<p class="slds-text-color_weak slds-p-vertical_small" data-testid="field-mappings-empty">
              No custom field is mapped. Add a mapping to keep a Case field and an incident custom field in step.
            </p>`
          : html`<table class="slds-table slds-table_bordered slds-table_fixed-layout pd-field-mappings__table" aria-label="Custom field mappings">
              <thead>
                <tr class="slds-line-height_reset">
                  <th scope="col"><div class="slds-truncate" title="Case field">Case field</div></th>
                  <th scope="col" class="pd-field-mappings__direction"><div class="slds-truncate" title="Direction">Direction</div></th>
                  <th scope="col"><div class="slds-truncate" title="PagerDuty field">PagerDuty field</div></th>
                  <th scope="col"><div class="slds-truncate" title="Values">Values</div></th>
                  <th scope="col" class="pd-field-mappings__remove"><span class="slds-assistive-text">Remove</span></th>
                </tr>
              </thead>
              <tbody>
                ${drafts.map((draft, index) => this.renderRow(draft, index, loaded, saving))}
              </tbody>
            </table>`
      }
      <div class="pd-authoring__actions">
        <button class="slds-button slds-button_neutral" type="button" data-testid="field-mappings-add" ?disabled=${saving} @click=${this.handleAdd}>
          Add mapping
        </button>
        <button class="slds-button slds-button_brand" type="submit" data-testid="field-mappings-save" ?disabled=${saving}>
          ${saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      ${this.renderValueMapModal(loaded)}
    </form>`;
  }

  override render() {
    return html`<article class="slds-card slds-card_boundary slds-m-top_medium" aria-labelledby="field-mappings-title" data-testid="field-mappings-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${standardIcon('custom')}</div>
          <div class="slds-media__body">
            <h2 class="slds-card__header-title" id="field-mappings-title">Custom field mappings</h2>
            <p class="slds-text-body_small slds-text-color_weak">
              Case fields ⇄ PagerDuty incident custom fields on linked Cases, whatever the rulesets say. A value the connector wrote is not sent back.
            </p>
          </div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        ${this.loadTask.render({
          initial: () => spinner('Loading the custom field mappings'),
          pending: () => spinner('Loading the custom field mappings'),
          complete: (loaded) => this.renderTable(loaded),
          error: (error) => errorNotice(`Could not load the custom field mappings. ${messageOf(error)}`, () => void this.loadTask.run()),
        })}
      </div>
    </article>`;
  }
}

/** "fixed options", "integer"… as the picker shows a field's kind. */
function fieldKind(field: PagerDutyCustomFieldOption): string {
  if (field.fieldType === 'single_value_fixed') return `options: ${field.options.join(', ')}`;
  if (field.fieldType.startsWith('multi')) return `multiple ${field.dataType}`;
  return field.dataType;
}

customElements.define('pd-field-mappings', PdFieldMappings);

declare global {
  interface HTMLElementTagNameMap {
    'pd-field-mappings': PdFieldMappings;
  }
}
