import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement } from 'lit';
import { selfAlertEndpoints, type SelfAlertConnectionView, type UpdateSelfAlertConnectionRequest } from '../../../../contracts/selfAlerts';
import { messageOf } from '../../../api/apiError';
import type { ApiClient } from '../../../api/client';
import { standardIcon, utilityIcon } from '../../../icons/icons';
import { apiContext, requireApi } from '../../../state/context';
import { secretField, textField } from '../../../components/form-field/formFields';
import { SaveFeedbackController } from '../../../components/form-field/saveFeedback';
import { statusBadge } from '../../../components/status-badge/statusBadge';
import { SELF_ALERT_FIELD_LABELS, selfAlertsDraftFrom, selfAlertsUpdateFrom, type SelfAlertsDraft } from './selfAlertsForm';
import '../connection-card.css';

const loading = html`<div class="slds-spinner_container">
  <div class="slds-spinner slds-spinner_small" role="status">
    <span class="slds-assistive-text">Loading the alert settings</span>
    <div class="slds-spinner__dot-a"></div>
    <div class="slds-spinner__dot-b"></div>
  </div>
</div>`;

/**
 * `<pd-self-alerts-card>`: where the connector pages about its own problems (a failing
 * connection, a disabled webhook, dead jobs, a lost CDC position, the Salesforce API allocation
 * past 90 %): an Events API v2 integration's routing key (write-only) and the Events API URL.
 * Separate from the PagerDuty REST card on purpose: a broken REST key must not silence the page
 * about it. Loads (GET /api/connections/self-alerts) and saves (PUT) its own settings.
 *
 * Light DOM (see web/README.md).
 */
export class PdSelfAlertsCard extends LitElement {
  static override properties = { draft: { state: true } };

  declare private draft: SelfAlertsDraft | undefined;
  private view: SelfAlertConnectionView | undefined;

  private readonly api = new ContextConsumer(this, { context: apiContext });

  private readonly loadTask = new Task(this, {
    task: async (_args, { signal }) => {
      const view = await this.client().call<SelfAlertConnectionView>(selfAlertEndpoints.getSelfAlertConnection, { signal });
      this.show(view);
      return view;
    },
    args: () => [],
  });

  private readonly saveTask = new Task(this, {
    autoRun: false,
    task: async ([update]: [UpdateSelfAlertConnectionRequest]) =>
      this.client().call<SelfAlertConnectionView>(selfAlertEndpoints.updateSelfAlertConnection, { body: update }),
    onComplete: (view) => {
      this.show(view);
      this.feedback.saved();
    },
    onError: (error) => this.feedback.failed(error),
  });

  private readonly feedback: SaveFeedbackController = new SaveFeedbackController(this, {
    subject: 'Alert settings',
    savedMessage: 'Problems still waiting to be paged are sent now.',
    labels: SELF_ALERT_FIELD_LABELS,
    saveButtonSelector: '[data-testid=self-alerts-save]',
    isSaving: (): boolean => this.saveTask.status === TaskStatus.PENDING,
  });

  constructor() {
    super();
    this.draft = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private client(): ApiClient {
    return requireApi(this.api);
  }

  private show(view: SelfAlertConnectionView): void {
    this.view = view;
    this.draft = selfAlertsDraftFrom(view);
  }

  private edit(field: 'eventsApiUrl' | 'routingKey', value: string): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, [field]: value };
    this.feedback.clear(field);
  }

  private readonly handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (!this.draft || this.saveTask.status === TaskStatus.PENDING) return;
    void this.saveTask.run([selfAlertsUpdateFrom(this.draft)]);
  };

  private renderForm(view: SelfAlertConnectionView, draft: SelfAlertsDraft) {
    const saving = this.saveTask.status === TaskStatus.PENDING;
    return html`<form novalidate @submit=${this.handleSubmit}>
      <p class="slds-m-bottom_small slds-text-color_weak">
        The connector raises one PagerDuty alert per problem and resolves it when the problem clears, through the Events API, not the REST key.
      </p>
      ${secretField({
        id: 'self-alerts-routing-key',
        label: SELF_ALERT_FIELD_LABELS.routingKey,
        value: draft.routingKey,
        state: view.routingKey,
        error: this.feedback.error('routingKey'),
        help: 'PagerDuty › the service to page › Integrations › Add an integration › Events API V2 › Integration Key (32 characters).',
        disabled: saving || draft.removeRoutingKey,
        testId: 'self-alerts-routing-key',
        onInput: (value) => this.edit('routingKey', value),
      })}
      ${
        view.routingKey.set
          ? html`<div class="slds-checkbox slds-m-bottom_small">
              <input
                type="checkbox"
                id="self-alerts-remove-key"
                .checked=${draft.removeRoutingKey}
                ?disabled=${saving}
                @change=${(event: Event) => {
                  this.draft = { ...draft, removeRoutingKey: (event.target as HTMLInputElement).checked };
                }}
              />
              <label class="slds-checkbox__label" for="self-alerts-remove-key"
                ><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">Remove the routing key (stop paging)</span></label
              >
            </div>`
          : ''
      }
      ${textField({
        id: 'self-alerts-events-url',
        label: SELF_ALERT_FIELD_LABELS.eventsApiUrl,
        value: draft.eventsApiUrl,
        type: 'url',
        help: 'https://events.pagerduty.com, or events.eu.pagerduty.com for an EU account.',
        error: this.feedback.error('eventsApiUrl'),
        disabled: saving,
        testId: 'self-alerts-events-url',
        onInput: (value) => this.edit('eventsApiUrl', value),
      })}
      <div class="pd-connection-card__actions">
        <button class="slds-button slds-button_brand" type="submit" ?disabled=${saving} data-testid="self-alerts-save">${saving ? 'Saving…' : 'Save'}</button>
      </div>
    </form>`;
  }

  override render() {
    const configured = this.view?.configured ?? false;
    const body = this.loadTask.render({
      initial: () => loading,
      pending: () => (this.view && this.draft ? this.renderForm(this.view, this.draft) : loading),
      error: (error) =>
        html`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_error" role="alert">
          <div class="slds-media__figure">${utilityIcon('error', 'slds-icon slds-icon_small slds-icon-text-default')}</div>
          <div class="slds-media__body">
            <p>Could not load the alert settings. ${messageOf(error)}</p>
            <button class="slds-button slds-button_neutral slds-m-top_x-small" type="button" @click=${() => void this.loadTask.run()}>Try again</button>
          </div>
        </div>`,
      complete: (view) => (this.draft ? this.renderForm(this.view ?? view, this.draft) : ''),
    });
    return html`<article class="slds-card slds-card_boundary pd-connection-card" aria-labelledby="self-alerts-card-title" data-testid="self-alerts-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${standardIcon('incident')}</div>
          <div class="slds-media__body">
            <h2 class="slds-card__header-title" id="self-alerts-card-title">Alerts about the connector</h2>
          </div>
          <div class="slds-no-flex">
            ${statusBadge(configured ? { tone: 'neutral', icon: 'success', label: 'Routing key saved' } : { tone: 'neutral', icon: 'info', label: 'Not configured' })}
          </div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">${body}</div>
    </article>`;
  }
}

customElements.define('pd-self-alerts-card', PdSelfAlertsCard);

declare global {
  interface HTMLElementTagNameMap {
    'pd-self-alerts-card': PdSelfAlertsCard;
  }
}
