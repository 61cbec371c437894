import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import type { CaseFieldMetadata, ObjectMappingReply } from '../../../contracts/authoring';
import { ApiError, messageOf } from '../../api/apiError';
import { textField } from '../../components/form-field/formFields';
import { describeFieldErrors, fieldErrorMap } from '../../components/form-field/formModel';
import { standardIcon } from '../../icons/icons';
import { apiContext, toastContext, requireApi } from '../../state/context';
import { AuthoringApi } from '../../api/authoringApi';
import { errorNotice, selectField, spinner, warningNotice } from '../../components/authoring/authoringUi';
import './field-mappings/field-mappings';
import {
  draftFrom,
  localErrors,
  OBJECT_MAPPING_LABELS,
  requestFrom,
  STATUS_UPDATE_CHOICES,
  textFields,
  writableTextFields,
  type ObjectMappingDraft,
} from './objectMappingForm';
import './priority-routing/priority-routing';

interface Loaded {
  mapping: ObjectMappingReply;
  fields: CaseFieldMetadata[];
}

/**
 * `<pd-object-mappings-tab>`: the OBJECT MAPPINGS tab. Business Object (Case), Incident Title
 * and Description Fields from the live Case describe, Integration User Email (checked against
 * PagerDuty's users on save; the matched user's name is shown), comment sync with its API-cost
 * warning, where status updates go on the linked Cases (off, internal or public comment), and the optional write-back of the incident number / URL to Case fields.
 *
 * Light DOM (see web/README.md).
 */
export class PdObjectMappingsTab extends LitElement {
  static override properties = {
    draft: { state: true },
    errors: { state: true },
  };

  declare private draft: ObjectMappingDraft | undefined;
  declare private errors: Map<string, string>;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly toasts = new ContextConsumer(this, { context: toastContext });

  private readonly loadTask = new Task<[], Loaded>(this, {
    task: async (_args, { signal }) => {
      const api = this.authoring();
      const [mapping, describe] = await Promise.all([api.objectMapping(signal), api.caseFields(signal)]);
      this.draft = draftFrom(mapping);
      return { mapping, fields: describe.fields };
    },
    args: () => [],
  });

  private readonly saveTask = new Task(this, {
    autoRun: false,
    task: async ([draft]: [ObjectMappingDraft]) => this.authoring().saveObjectMapping(requestFrom(draft)),
    onComplete: (mapping) => void this.handleSaved(mapping),
    onError: (error) => void this.handleSaveFailed(error),
  });

  constructor() {
    super();
    this.draft = undefined;
    this.errors = new Map();
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    this.loadTask.abort();
    super.disconnectedCallback();
  }

  private authoring(): AuthoringApi {
    const api = requireApi(this.api);
    return new AuthoringApi(api);
  }

  private edit<K extends keyof ObjectMappingDraft>(key: K, value: ObjectMappingDraft[K]): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, [key]: value };
    if (this.errors.has(key)) {
      const rest = new Map(this.errors);
      rest.delete(key);
      this.errors = rest;
    }
  }

  private readonly handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (!this.draft || this.saveTask.status === TaskStatus.PENDING) return;
    const local = localErrors(this.draft);
    if (local.size > 0) {
      this.errors = local;
      void this.focusFirstError();
      return;
    }
    void this.saveTask.run([this.draft]);
  };

  private async handleSaved(mapping: ObjectMappingReply): Promise<void> {
    const loaded = this.loadTask.value;
    if (loaded) loaded.mapping = mapping;
    this.draft = draftFrom(mapping);
    this.errors = new Map();
    this.toasts.value?.show({
      variant: 'success',
      title: 'Object mapping saved',
      ...(mapping.integrationUser ? { message: `Incidents are written as ${mapping.integrationUser.name}.` } : {}),
    });
    await this.updateComplete;
    this.querySelector<HTMLElement>('[data-testid=object-mapping-save]')?.focus();
  }

  private async handleSaveFailed(error: unknown): Promise<void> {
    const fields = error instanceof ApiError ? error.fieldErrors : [];
    this.errors = fieldErrorMap(fields);
    this.toasts.value?.show({
      variant: 'error',
      title: 'Object mapping not saved',
      message: fields.length ? describeFieldErrors(fields, OBJECT_MAPPING_LABELS) : messageOf(error),
    });
    await this.focusFirstError();
  }

  private async focusFirstError(): Promise<void> {
    await this.updateComplete;
    (this.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.querySelector<HTMLElement>('[data-testid=object-mapping-save]'))?.focus();
  }

  private renderForm({ mapping, fields }: Loaded) {
    const draft = this.draft ?? draftFrom(mapping);
    const saving = this.saveTask.status === TaskStatus.PENDING;
    const options = (list: CaseFieldMetadata[]) => list.map((field) => ({ value: field.name, label: `${field.label} (${field.name})` }));
    const text = options(textFields(fields));
    const writable = options(writableTextFields(fields));
    const user = mapping.integrationUser;
    const savedEmail = mapping.integrationUserEmail ?? '';
    const emailHelp =
      draft.integrationUserEmail.trim() !== savedEmail
        ? 'Checked against PagerDuty users when you save.'
        : user
          ? html`Matches PagerDuty user <strong data-testid="integration-user-name">${user.name}</strong>. Incidents and notes are written on their behalf.`
          : (mapping.integrationUserProblem ?? 'The PagerDuty user on whose behalf incidents are written (the From header).');
    return html`<article class="slds-card slds-card_boundary" aria-labelledby="object-mapping-title" data-testid="object-mapping-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${standardIcon('case')}</div>
          <div class="slds-media__body"><h2 class="slds-card__header-title" id="object-mapping-title">Case ⇄ PagerDuty Incident</h2></div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        <form novalidate @submit=${this.handleSubmit}>
          ${selectField({
            stacked: true,
            id: 'om-business-object',
            label: OBJECT_MAPPING_LABELS.businessObject,
            value: 'Case',
            options: [{ value: 'Case', label: 'Case' }],
            help: 'Case is the only business object mapped to PagerDuty incidents.',
            onChange: () => {},
          })}
          ${selectField({
            stacked: true,
            id: 'om-title-field',
            label: OBJECT_MAPPING_LABELS.titleField,
            value: draft.titleField,
            options: text,
            required: true,
            disabled: saving,
            error: this.errors.get('titleField'),
            help: 'The Case field that becomes the incident title (a rule may override it).',
            onChange: (value) => this.edit('titleField', value),
          })}
          ${selectField({
            stacked: true,
            id: 'om-description-field',
            label: OBJECT_MAPPING_LABELS.descriptionField,
            value: draft.descriptionField,
            options: text,
            emptyLabel: '— None —',
            disabled: saving,
            error: this.errors.get('descriptionField'),
            help: 'The Case field that becomes the incident details.',
            onChange: (value) => this.edit('descriptionField', value),
          })}
          ${textField({
            id: 'om-integration-email',
            label: OBJECT_MAPPING_LABELS.integrationUserEmail,
            type: 'email',
            value: draft.integrationUserEmail,
            error: this.errors.get('integrationUserEmail'),
            help: emailHelp,
            disabled: saving,
            onInput: (value) => this.edit('integrationUserEmail', value),
          })}
          <div class="slds-form-element slds-form-element_stacked">
            <div class="slds-form-element__control">
              <div class="slds-checkbox">
                <input
                  type="checkbox"
                  id="om-sync-comments"
                  .checked=${draft.syncCommentsToNotes}
                  ?disabled=${saving}
                  aria-describedby="om-sync-comments-help"
                  @change=${(e: Event) => this.edit('syncCommentsToNotes', (e.target as HTMLInputElement).checked)}
                />
                <label class="slds-checkbox__label" for="om-sync-comments">
                  <span class="slds-checkbox_faux"></span>
                  <span class="slds-form-element__label">${OBJECT_MAPPING_LABELS.syncCommentsToNotes}</span>
                </label>
              </div>
            </div>
            <div class="slds-form-element__help slds-text-color_weak" id="om-sync-comments-help">
              Each new Case comment on a linked Case becomes a note on its incident.
            </div>
          </div>
          ${
            draft.syncCommentsToNotes
              ? warningNotice('Comment sync polls CaseComment and costs Salesforce API calls from your daily allocation.', 'sync-comments-warning')
              : nothing
          }
          ${selectField({
            stacked: true,
            id: 'om-status-updates',
            label: OBJECT_MAPPING_LABELS.statusUpdatesToCases,
            value: draft.statusUpdatesToCases,
            options: STATUS_UPDATE_CHOICES,
            disabled: saving,
            testId: 'om-status-updates',
            error: this.errors.get('statusUpdatesToCases'),
            help: 'Each status update published on an incident becomes a comment on every Case linked to it.',
            onChange: (value) => this.edit('statusUpdatesToCases', value as ObjectMappingDraft['statusUpdatesToCases']),
          })}
          <div class="slds-form-element slds-form-element_stacked slds-m-top_small">
            <div class="slds-form-element__control">
              <div class="slds-checkbox">
                <input
                  type="checkbox"
                  id="om-write-back"
                  .checked=${draft.writeBack}
                  ?disabled=${saving}
                  @change=${(e: Event) => this.edit('writeBack', (e.target as HTMLInputElement).checked)}
                />
                <label class="slds-checkbox__label" for="om-write-back">
                  <span class="slds-checkbox_faux"></span>
                  <span class="slds-form-element__label">Write incident number / URL to Case field</span>
                </label>
              </div>
            </div>
          </div>
          ${
            draft.writeBack
              ? html`${selectField({
                  stacked: true,
                  id: 'om-incident-number-field',
                  label: OBJECT_MAPPING_LABELS.incidentNumberField,
                  value: draft.incidentNumberField,
                  options: writable,
                  emptyLabel: '— None —',
                  disabled: saving,
                  error: this.errors.get('incidentNumberField'),
                  onChange: (value) => this.edit('incidentNumberField', value),
                })}
                ${selectField({
                  stacked: true,
                  id: 'om-incident-url-field',
                  label: OBJECT_MAPPING_LABELS.incidentUrlField,
                  value: draft.incidentUrlField,
                  options: writable,
                  emptyLabel: '— None —',
                  disabled: saving,
                  error: this.errors.get('incidentUrlField'),
                  onChange: (value) => this.edit('incidentUrlField', value),
                })}`
              : nothing
          }
          <div class="pd-authoring__actions">
            <button class="slds-button slds-button_brand" type="submit" ?disabled=${saving} data-testid="object-mapping-save">
              ${saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      </div>
    </article>`;
  }

  override render() {
    return html`<div class="pd-authoring__header">
        <h2 class="slds-text-heading_medium">Object Mappings</h2>
        <p class="slds-text-body_small slds-text-color_weak">Which Case fields make an incident, and who PagerDuty sees writing it.</p>
      </div>
      ${this.loadTask.render({
        initial: () => spinner('Loading the object mapping'),
        pending: () => spinner('Loading the object mapping'),
        complete: (loaded) => this.renderForm(loaded),
        error: (error) => errorNotice(`Could not load the object mapping. ${messageOf(error)}`, () => void this.loadTask.run()),
      })}
      <pd-priority-routing></pd-priority-routing>
      <pd-field-mappings></pd-field-mappings>`;
  }
}

customElements.define('pd-object-mappings-tab', PdObjectMappingsTab);

declare global {
  interface HTMLElementTagNameMap {
    'pd-object-mappings-tab': PdObjectMappingsTab;
  }
}
