import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ConnectionTestResult, SalesforceConnectionView, SavedSalesforceConnection, UpdateSalesforceConnectionRequest } from '../../../../contracts/api';
import type { ApiClient } from '../../../api/client';
import { buttonIcon, standardIcon } from '../../../icons/icons';
import { apiContext, requireApi } from '../../../state/context';
import { radioGroup, secretField, textField } from '../../../components/form-field/formFields';
import { SaveFeedbackController } from '../../../components/form-field/saveFeedback';
import { statusBadge } from '../../../components/status-badge/statusBadge';
import '../../../components/test-result/test-result';
import { testResultState } from '../../../components/test-result/testResultState';
import {
  AUTH_MODE_OPTIONS,
  credentialFields,
  ENVIRONMENT_LOGIN_URLS,
  ENVIRONMENT_OPTIONS,
  isSalesforceDirty,
  SALESFORCE_FIELD_LABELS,
  salesforceDraftFrom,
  salesforceUpdateFrom,
  usesLoginHost,
  type SalesforceDraft,
  type SalesforceField,
} from './salesforceForm';
import { saveCheckNotice, type SaveCheckNotice } from '../saveCheck';
import { saveCheckView } from '../saveCheckView';
import '../connection-card.css';

const FIELD_HELP: Partial<Record<SalesforceField, string>> = {
  username: 'The Salesforce user the sync acts as, e.g. integration@acme.com.',
  securityToken: 'Not needed when this server’s IP address is in the org’s trusted IP ranges.',
  clientId: 'From the connected app (Setup › App Manager › View).',
  alias: 'An org already authorized on this machine with sf org login.',
};

/**
 * `<pd-salesforce-connection-card>`: the Salesforce connection form. The auth-mode radio group
 * picks which credentials show (username + password + security token, OAuth client
 * credentials, JWT bearer, or an sf CLI alias); secrets are write-only; Save
 * (PUT /api/connections/salesforce) and "Test Salesforce authentication". A save that worked
 * says at once whether Salesforce accepts the login ("Saved, but Salesforce refused the login: …").
 *
 * @property connection - the saved settings (GET /api/connections); replaced after each save
 *
 * Light DOM (see web/README.md).
 */
export class PdSalesforceConnectionCard extends LitElement {
  static override properties = {
    connection: { attribute: false },
    draft: { state: true },
    saveCheck: { state: true },
  };

  declare connection: SalesforceConnectionView | undefined;
  declare private draft: SalesforceDraft | undefined;
  /** What the last save's authentication check found; cleared by the next save or test. */
  declare private saveCheck: SaveCheckNotice | undefined;

  private readonly api = new ContextConsumer(this, { context: apiContext });

  private readonly saveTask = new Task(this, {
    autoRun: false,
    task: async ([update]: [UpdateSalesforceConnectionRequest]) => this.client().updateSalesforceConnection(update),
    onComplete: (view) => this.handleSaved(view),
    onError: (error) => this.feedback.failed(error),
  });

  private readonly feedback: SaveFeedbackController = new SaveFeedbackController(this, {
    subject: 'Salesforce settings',
    savedMessage: 'Connection OK: Salesforce accepts the login.',
    labels: SALESFORCE_FIELD_LABELS,
    saveButtonSelector: '[data-testid=salesforce-save]',
    isSaving: (): boolean => this.saveTask.status === TaskStatus.PENDING,
  });

  private readonly authTest = new Task<[], ConnectionTestResult>(this, {
    autoRun: false,
    task: async () => this.client().testSalesforceConnection(),
  });

  constructor() {
    super();
    this.connection = undefined;
    this.draft = undefined;
    this.saveCheck = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('connection') && this.connection) this.draft = salesforceDraftFrom(this.connection);
  }

  private client(): ApiClient {
    return requireApi(this.api);
  }

  private edit<Field extends SalesforceField>(field: Field, value: SalesforceDraft[Field]): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, [field]: value };
    this.feedback.clear(field);
  }

  private readonly handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (!this.draft || this.saveTask.status === TaskStatus.PENDING) return;
    this.saveCheck = undefined;
    void this.saveTask.run([salesforceUpdateFrom(this.draft)]);
  };

  private handleSaved({ test, ...view }: SavedSalesforceConnection): void {
    this.connection = view;
    this.saveCheck = saveCheckNotice('Salesforce', test);
    this.feedback.saved(test.ok ? undefined : { variant: 'warning', title: this.saveCheck.toastTitle, message: test.message });
  }

  private readonly runAuthTest = (): void => {
    // The test's own answer replaces the save's.
    this.saveCheck = undefined;
    void this.authTest.run();
  };

  private renderCredential(field: SalesforceField, view: SalesforceConnectionView, draft: SalesforceDraft, disabled: boolean): TemplateResult {
    const common = {
      id: `sf-${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
      label: SALESFORCE_FIELD_LABELS[field],
      value: draft[field],
      error: this.feedback.error(field),
      help: FIELD_HELP[field],
      disabled,
      onInput: (value: string) => this.edit(field, value),
    };
    switch (field) {
      case 'password':
      case 'securityToken':
      case 'clientSecret':
        return secretField({ ...common, state: view[field], required: field !== 'securityToken' });
      case 'privateKey':
        return secretField({ ...common, state: view.privateKey, multiline: true, required: true });
      default:
        return textField({ ...common, required: true, autocomplete: field === 'username' ? 'username' : 'off' });
    }
  }

  private renderLoginHost(draft: SalesforceDraft, disabled: boolean): TemplateResult {
    return html`${radioGroup({
      id: 'sf-environment',
      legend: SALESFORCE_FIELD_LABELS.environment,
      options: ENVIRONMENT_OPTIONS,
      selected: draft.environment,
      error: this.feedback.error('environment'),
      disabled,
      onChange: (value) => this.edit('environment', value),
    })}
    ${
      draft.environment === 'custom'
        ? textField({
            id: 'sf-login-url',
            label: SALESFORCE_FIELD_LABELS.loginUrl,
            type: 'url',
            value: draft.loginUrl,
            placeholder: 'https://mycompany.my.salesforce.com',
            error: this.feedback.error('loginUrl'),
            help: 'Your My Domain URL (Setup › My Domain). OAuth client credentials need it.',
            required: true,
            disabled,
            onInput: (value) => this.edit('loginUrl', value),
          })
        : html`<div class="slds-form-element slds-form-element_stacked">
            <span class="slds-form-element__label">${SALESFORCE_FIELD_LABELS.loginUrl}</span>
            <div class="slds-form-element__control">
              <div class="slds-form-element__static" data-testid="sf-login-url-static">${ENVIRONMENT_LOGIN_URLS[draft.environment]}</div>
            </div>
          </div>`
    }`;
  }

  override render() {
    const view = this.connection;
    const draft = this.draft;
    if (!view || !draft) return nothing;
    const saving = this.saveTask.status === TaskStatus.PENDING;
    const dirty = isSalesforceDirty(draft, view);
    const test = testResultState(this.authTest);
    return html`<article
      class="slds-card slds-card_boundary pd-connection-card"
      aria-labelledby="salesforce-card-title"
      data-testid="salesforce-connection-card"
    >
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${standardIcon('connected_apps')}</div>
          <div class="slds-media__body">
            <h2 class="slds-card__header-title" id="salesforce-card-title">Salesforce</h2>
          </div>
          <div class="slds-no-flex">
            ${statusBadge(
              view.configured ? { tone: 'neutral', icon: 'success', label: 'Credentials saved' } : { tone: 'neutral', icon: 'info', label: 'Not configured' },
            )}
          </div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        <form novalidate @submit=${this.handleSubmit}>
          ${radioGroup({
            id: 'sf-auth-mode',
            legend: SALESFORCE_FIELD_LABELS.authMode,
            options: AUTH_MODE_OPTIONS,
            selected: draft.authMode,
            error: this.feedback.error('authMode'),
            disabled: saving,
            onChange: (value) => this.edit('authMode', value),
          })}
          ${usesLoginHost(draft.authMode) ? this.renderLoginHost(draft, saving) : nothing}
          ${credentialFields(draft.authMode).map((field) => this.renderCredential(field, view, draft, saving))}
          ${textField({
            id: 'sf-api-version',
            label: SALESFORCE_FIELD_LABELS.apiVersion,
            value: draft.apiVersion,
            placeholder: '62.0',
            error: this.feedback.error('apiVersion'),
            required: true,
            disabled: saving,
            onInput: (value) => this.edit('apiVersion', value),
          })}
          <div class="pd-connection-card__actions">
            <button class="slds-button slds-button_brand" type="submit" ?disabled=${saving} data-testid="salesforce-save">
              ${saving ? 'Saving…' : 'Save'}
            </button>
            ${saveCheckView('salesforce-save-check', this.saveCheck)}
          </div>
        </form>
        <div class="pd-connection-card__tests">
          <h3 class="slds-text-title_caps" id="salesforce-tests-title">Tests</h3>
          <p class="slds-text-body_small slds-text-color_weak pd-connection-card__note">
            ${dirty ? 'Tests use the saved settings: save your changes first.' : 'Tests use the saved settings.'}
          </p>
          <div class="pd-connection-card__test">
            <button class="slds-button slds-button_outline-brand" type="button" aria-busy=${test.pending ? 'true' : 'false'} @click=${this.runAuthTest}>
              ${buttonIcon('connected_apps')}Test Salesforce authentication
            </button>
            <pd-test-result data-testid="test-result-salesforce" ?pending=${test.pending} .result=${test.result} .failure=${test.failure}></pd-test-result>
          </div>
        </div>
      </div>
    </article>`;
  }
}

customElements.define('pd-salesforce-connection-card', PdSalesforceConnectionCard);

declare global {
  interface HTMLElementTagNameMap {
    'pd-salesforce-connection-card': PdSalesforceConnectionCard;
  }
}
