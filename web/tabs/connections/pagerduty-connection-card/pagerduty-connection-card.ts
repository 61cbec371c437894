import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { ConnectionTestResult, PagerDutyConnectionView, SavedPagerDutyConnection, UpdatePagerDutyConnectionRequest } from '../../../../contracts/api';
import type { ApiClient } from '../../../api/client';
import { buttonIcon, standardIcon, utilityIcon } from '../../../icons/icons';
import { apiContext, requireApi } from '../../../state/context';
import { secretField, textAreaField, textField } from '../../../components/form-field/formFields';
import { SaveFeedbackController } from '../../../components/form-field/saveFeedback';
import { statusBadge } from '../../../components/status-badge/statusBadge';
import '../../../components/test-result/test-result';
import { testResultState } from '../../../components/test-result/testResultState';
import { isPagerDutyDirty, maskedHeader, PAGERDUTY_FIELD_LABELS, pagerDutyDraftFrom, pagerDutyUpdateFrom, type PagerDutyDraft } from './pagerDutyForm';
import { saveCheckNotice, type SaveCheckNotice } from '../saveCheck';
import { saveCheckView } from '../saveCheckView';
import '../connection-card.css';

/**
 * `<pd-pagerduty-connection-card>`: the PagerDuty connection form (API base URL, write-only
 * REST API key, integration user email, custom headers with write-only values), Save (PUT /api/connections/pagerduty), and the two
 * Test buttons. A 400 marks each named field and raises a toast. A save that worked says at once
 * whether PagerDuty accepts what was saved ("Saved, but PagerDuty refused the key: …").
 *
 * @property connection - the saved settings (GET /api/connections); replaced after each save
 *
 * Light DOM (see web/README.md).
 */
export class PdPagerDutyConnectionCard extends LitElement {
  static override properties = {
    connection: { attribute: false },
    draft: { state: true },
    saveCheck: { state: true },
  };

  declare connection: PagerDutyConnectionView | undefined;
  declare private draft: PagerDutyDraft;
  /** What the last save's connection check found; cleared by the next save or REST API test. */
  declare private saveCheck: SaveCheckNotice | undefined;

  private readonly api = new ContextConsumer(this, { context: apiContext });

  private readonly saveTask = new Task(this, {
    autoRun: false,
    task: async ([update]: [UpdatePagerDutyConnectionRequest]) => this.client().updatePagerDutyConnection(update),
    onComplete: (view) => this.handleSaved(view),
    onError: (error) => this.feedback.failed(error),
  });

  private readonly feedback: SaveFeedbackController = new SaveFeedbackController(this, {
    subject: 'PagerDuty settings',
    savedMessage: 'Connection OK: PagerDuty accepts the key.',
    labels: PAGERDUTY_FIELD_LABELS,
    saveButtonSelector: '[data-testid=pagerduty-save]',
    isSaving: (): boolean => this.saveTask.status === TaskStatus.PENDING,
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
    this.draft = { apiUrl: '', fromEmail: '', apiKey: '', customHeaders: '', replaceHeaders: false };
    this.saveCheck = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('connection') && this.connection) this.draft = pagerDutyDraftFrom(this.connection);
  }

  private client(): ApiClient {
    return requireApi(this.api);
  }

  private edit(field: Exclude<keyof PagerDutyDraft, 'replaceHeaders'>, value: string): void {
    this.draft = { ...this.draft, [field]: value, ...(field === 'customHeaders' ? { replaceHeaders: true } : {}) };
    this.feedback.clear(field);
  }

  private readonly handleRemoveHeaders = (): void => {
    this.draft = { ...this.draft, customHeaders: '', replaceHeaders: true };
    this.feedback.clear('customHeaders');
  };

  private readonly handleKeepHeaders = (): void => {
    this.draft = { ...this.draft, customHeaders: '', replaceHeaders: false };
    this.feedback.clear('customHeaders');
  };

  /** The saved headers (names, values masked), what Save will do to them, and the box that replaces them. */
  private renderCustomHeaders(view: PagerDutyConnectionView, saving: boolean) {
    const saved = view.customHeaders;
    const removing = this.draft.replaceHeaders && this.draft.customHeaders.trim() === '' && saved.length > 0;
    const savedList = saved.length
      ? html`<div class="pd-custom-headers__saved" data-testid="pd-custom-headers-saved">
          <span class="slds-text-body_small slds-text-color_weak"
            >${removing ? 'Removed when you save:' : this.draft.replaceHeaders ? 'Replaced when you save:' : 'Saved:'}</span
          >
          <ul class="slds-text-body_small">
            ${saved.map((header) => html`<li class=${this.draft.replaceHeaders ? 'pd-custom-headers__replaced' : ''}>${maskedHeader(header)}</li>`)}
          </ul>
          ${
            this.draft.replaceHeaders
              ? html`<button class="slds-button" type="button" ?disabled=${saving} @click=${this.handleKeepHeaders}>Keep the saved headers</button>`
              : html`<button class="slds-button slds-button_text-destructive" type="button" ?disabled=${saving} @click=${this.handleRemoveHeaders}>
                  Remove all headers
                </button>`
          }
        </div>`
      : nothing;
    return html`${textAreaField({
      id: 'pd-custom-headers',
      label: PAGERDUTY_FIELD_LABELS.customHeaders,
      value: this.draft.customHeaders,
      placeholder: saved.length ? 'Type every header here to replace the saved ones' : 'X-Api-Gateway-Key: value',
      help: 'Sent on every PagerDuty REST call, e.g. for an API gateway: one Name: value per line. Values are write-only, like the key.',
      error: this.feedback.error('customHeaders'),
      disabled: saving,
      onInput: (value) => this.edit('customHeaders', value),
    })}${savedList}`;
  }

  /** The saved API URL sends the key in clear text (http:// to another machine): said until it changes. */
  private renderApiUrlWarning(view: PagerDutyConnectionView) {
    if (!view.apiUrlWarning) return nothing;
    return html`<div class="slds-scoped-notification slds-media slds-theme_warning pd-save-check" role="status" data-testid="pagerduty-api-url-warning">
      <div class="slds-media__figure">${utilityIcon('warning', 'slds-icon slds-icon_x-small slds-icon-text-default')}</div>
      <div class="slds-media__body"><p>${view.apiUrlWarning}</p></div>
    </div>`;
  }

  private readonly handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.saveTask.status === TaskStatus.PENDING) return;
    this.saveCheck = undefined;
    void this.saveTask.run([pagerDutyUpdateFrom(this.draft)]);
  };

  private handleSaved({ test, ...view }: SavedPagerDutyConnection): void {
    this.connection = view;
    this.saveCheck = saveCheckNotice('PagerDuty', test);
    this.feedback.saved(test.ok ? undefined : { variant: 'warning', title: this.saveCheck.toastTitle, message: test.message });
  }

  private readonly runConnectionTest = (): void => {
    // The test's own answer replaces the save's.
    this.saveCheck = undefined;
    void this.connectionTest.run();
  };

  private renderTest(label: string, task: Task<[], ConnectionTestResult>, testId: string, run: () => void) {
    const state = testResultState(task);
    return html`<div class="pd-connection-card__test">
      <button class="slds-button slds-button_outline-brand" type="button" aria-busy=${state.pending ? 'true' : 'false'} @click=${run}>
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
              view.configured ? { tone: 'neutral', icon: 'success', label: 'Key saved' } : { tone: 'neutral', icon: 'info', label: 'Not configured' },
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
            error: this.feedback.error('apiUrl'),
            help: 'https://api.pagerduty.com, or https://api.eu.pagerduty.com for EU accounts.',
            required: true,
            disabled: saving,
            onInput: (value) => this.edit('apiUrl', value),
          })}
          ${this.renderApiUrlWarning(view)}
          ${secretField({
            id: 'pd-api-key',
            label: PAGERDUTY_FIELD_LABELS.apiKey,
            value: this.draft.apiKey,
            state: view.apiKey,
            error: this.feedback.error('apiKey'),
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
            error: this.feedback.error('fromEmail'),
            help: 'An existing PagerDuty user; incidents are written on their behalf (the From header).',
            disabled: saving,
            onInput: (value) => this.edit('fromEmail', value),
          })}
          ${this.renderCustomHeaders(view, saving)}
          <div class="pd-connection-card__actions">
            <button class="slds-button slds-button_brand" type="submit" ?disabled=${saving} data-testid="pagerduty-save">${saving ? 'Saving…' : 'Save'}</button>
            ${saveCheckView('pagerduty-save-check', this.saveCheck)}
          </div>
        </form>
        <div class="pd-connection-card__tests">
          <h3 class="slds-text-title_caps" id="pagerduty-tests-title">Tests</h3>
          <p class="slds-text-body_small slds-text-color_weak pd-connection-card__note">
            ${dirty ? 'Tests use the saved settings: save your changes first.' : 'Tests use the saved settings.'}
          </p>
          ${this.renderTest('Test REST API connection', this.connectionTest, 'test-result-pagerduty', this.runConnectionTest)}
          ${this.renderTest('Test integration user', this.userTest, 'test-result-integration-user', () => void this.userTest.run())}
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
