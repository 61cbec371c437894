import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { ConnectionTestResult, PagerDutyConnectionView, UpdatePagerDutyConnectionRequest } from '../../../server/http/api';
import { ApiError, messageOf, type FieldError } from '../../api/apiError';
import type { ApiClient } from '../../api/client';
import { buttonIcon, standardIcon } from '../../icons/icons';
import { apiContext, toastContext } from '../../state/context';
import { secretField, textField } from '../form-field/formFields';
import { describeFieldErrors, fieldErrorMap } from '../form-field/formModel';
import { statusBadge } from '../status-badge/statusBadge';
import '../test-result/test-result';
import { testResultState } from '../test-result/testResultState';
import { isPagerDutyDirty, PAGERDUTY_FIELD_LABELS, pagerDutyDraftFrom, pagerDutyUpdateFrom, type PagerDutyDraft } from './pagerDutyForm';
import '../connections-tab/connection-card.css';

/**
 * `<pd-pagerduty-connection-card>`: the PagerDuty connection form (API base URL, write-only
 * REST API key, integration user email), Save (PUT /api/connections/pagerduty), and the two
 * Test buttons. A 400 marks each named field and raises a toast.
 *
 * @property connection - the saved settings (GET /api/connections); replaced after each save
 *
 * Light DOM (see web/README.md).
 */
export class PdPagerDutyConnectionCard extends LitElement {
  static override properties = {
    connection: { attribute: false },
    draft: { state: true },
    fieldErrors: { state: true },
  };

  declare connection: PagerDutyConnectionView | undefined;
  declare private draft: PagerDutyDraft;
  declare private fieldErrors: Map<string, string>;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  /** Set when a save ends; `updated()` moves focus once the form is enabled again. */
  private refocusAfterSave = false;
  private readonly toasts = new ContextConsumer(this, { context: toastContext });

  private readonly saveTask = new Task(this, {
    autoRun: false,
    task: async ([update]: [UpdatePagerDutyConnectionRequest]) => this.client().updatePagerDutyConnection(update),
    onComplete: (view) => this.handleSaved(view),
    onError: (error) => this.handleSaveFailed(error),
  });

  private readonly connectionTest = new Task<[], ConnectionTestResult>(this, {
    autoRun: false,
    task: async () => this.client().testPagerDutyConnection(),
  });

  private readonly userTest = new Task<[], ConnectionTestResult>(this, {
    autoRun: false,
    task: async () => this.client().testPagerDutyUser(),
  });

  constructor() {
    super();
    this.connection = undefined;
    this.draft = { apiUrl: '', fromEmail: '', apiKey: '' };
    this.fieldErrors = new Map();
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('connection') && this.connection) this.draft = pagerDutyDraftFrom(this.connection);
  }

  private client(): ApiClient {
    const api = this.api.value;
    if (!api) throw new Error('The admin UI is not set up: reload the page.');
    return api;
  }

  private edit(field: keyof PagerDutyDraft, value: string): void {
    this.draft = { ...this.draft, [field]: value };
    if (this.fieldErrors.has(field)) {
      const remaining = new Map(this.fieldErrors);
      remaining.delete(field);
      this.fieldErrors = remaining;
    }
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.saveTask.status === TaskStatus.PENDING) return;
    void this.saveTask.run([pagerDutyUpdateFrom(this.draft)]);
  }

  private handleSaved(view: PagerDutyConnectionView): void {
    this.connection = view;
    this.fieldErrors = new Map();
    this.refocusAfterSave = true;
    this.toasts.value?.show({ variant: 'success', title: 'PagerDuty settings saved', message: 'Use the Test buttons to check them.' });
  }

  private handleSaveFailed(error: unknown): void {
    const fields: FieldError[] = error instanceof ApiError ? error.fieldErrors : [];
    this.fieldErrors = fieldErrorMap(fields);
    this.toasts.value?.show({
      variant: 'error',
      title: 'PagerDuty settings not saved',
      message: fields.length ? describeFieldErrors(fields, PAGERDUTY_FIELD_LABELS) : messageOf(error),
    });
    this.refocusAfterSave = true;
  }

  /** The form was disabled while saving (which drops focus): go to the first invalid field, else Save. */
  protected override updated(_changed: PropertyValues<this>): void {
    if (!this.refocusAfterSave || this.saveTask.status === TaskStatus.PENDING) return;
    this.refocusAfterSave = false;
    (this.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.querySelector<HTMLElement>('[data-testid=pagerduty-save]'))?.focus();
  }

  private renderTest(label: string, task: Task<[], ConnectionTestResult>, testId: string) {
    const state = testResultState(task);
    return html`<div class="pd-connection-card__test">
      <button class="slds-button slds-button_outline-brand" type="button" aria-busy=${state.pending ? 'true' : 'false'} @click=${() => void task.run()}>
        ${buttonIcon('connected_apps')}${label}
      </button>
      <pd-test-result data-testid=${testId} ?pending=${state.pending} .result=${state.result} .failure=${state.failure}></pd-test-result>
    </div>`;
  }

  override render() {
    const view = this.connection;
    if (!view) return nothing;
    const saving = this.saveTask.status === TaskStatus.PENDING;
    const dirty = isPagerDutyDirty(this.draft, view);
    return html`<article class="slds-card slds-card_boundary pd-connection-card" aria-labelledby="pagerduty-card-title" data-testid="pagerduty-connection-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${standardIcon('incident')}</div>
          <div class="slds-media__body">
            <h2 class="slds-card__header-title" id="pagerduty-card-title">PagerDuty</h2>
          </div>
          <div class="slds-no-flex">
            ${statusBadge(
              view.configured
                ? { tone: 'neutral', icon: 'success', label: 'Key saved' }
                : { tone: 'neutral', icon: 'info', label: 'Not configured' },
            )}
          </div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        <form novalidate @submit=${this.handleSubmit}>
          ${textField({
            id: 'pd-api-url',
            label: PAGERDUTY_FIELD_LABELS.apiUrl,
            type: 'url',
            value: this.draft.apiUrl,
            error: this.fieldErrors.get('apiUrl'),
            help: 'https://api.pagerduty.com, or https://api.eu.pagerduty.com for EU accounts.',
            required: true,
            disabled: saving,
            onInput: (value) => this.edit('apiUrl', value),
          })}
          ${secretField({
            id: 'pd-api-key',
            label: PAGERDUTY_FIELD_LABELS.apiKey,
            value: this.draft.apiKey,
            state: view.apiKey,
            error: this.fieldErrors.get('apiKey'),
            required: true,
            disabled: saving,
            onInput: (value) => this.edit('apiKey', value),
          })}
          ${textField({
            id: 'pd-from-email',
            label: PAGERDUTY_FIELD_LABELS.fromEmail,
            type: 'email',
            autocomplete: 'email',
            value: this.draft.fromEmail,
            error: this.fieldErrors.get('fromEmail'),
            help: 'An existing PagerDuty user; incidents are written on their behalf (the From header).',
            disabled: saving,
            onInput: (value) => this.edit('fromEmail', value),
          })}
          <div class="pd-connection-card__actions">
            <button class="slds-button slds-button_brand" type="submit" ?disabled=${saving} data-testid="pagerduty-save">
              ${saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
        <div class="pd-connection-card__tests">
          <h3 class="slds-text-title_caps" id="pagerduty-tests-title">Tests</h3>
          <p class="slds-text-body_small slds-text-color_weak pd-connection-card__note">
            ${dirty ? 'Tests use the saved settings: save your changes first.' : 'Tests use the saved settings.'}
          </p>
          ${this.renderTest('Test REST API connection', this.connectionTest, 'test-result-pagerduty')}
          ${this.renderTest('Test integration user', this.userTest, 'test-result-integration-user')}
        </div>
      </div>
    </article>`;
  }
}

customElements.define('pd-pagerduty-connection-card', PdPagerDutyConnectionCard);

declare global {
  interface HTMLElementTagNameMap {
    'pd-pagerduty-connection-card': PdPagerDutyConnectionCard;
  }
}
