import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import type { WebhooksReply } from '../../../../contracts/api';
import { messageOf } from '../../../api/apiError';
import { WebhooksApi } from '../../../api/webhooksApi';
import { buttonIcon, standardIcon } from '../../../icons/icons';
import { apiContext, toastContext, requireApi } from '../../../state/context';
import { statusBadge } from '../../../components/status-badge/statusBadge';
import { overallLook, primaryAction, scopeLabel, subscriptionLook } from './webhookLook';
import './webhook-subscription-card.css';

/**
 * `<pd-webhook-subscription-card>`: the app's PagerDuty webhook subscriptions (GET
 * /api/webhooks?refresh=1): overall state, one row per subscription, and the Provision webhook
 * and Repair buttons (POST /api/webhooks/provision, /repair). Secrets are never shown.
 *
 * Light DOM (see web/README.md).
 */
export class PdWebhookSubscriptionCard extends LitElement {
  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly toasts = new ContextConsumer(this, { context: toastContext });
  /** The latest answer of any of the three calls. */
  private latest: WebhooksReply | undefined;

  private readonly stateTask = new Task(this, {
    task: async (_args, { signal }) => {
      this.latest = await this.webhooksApi().webhooks(signal);
      return this.latest;
    },
    args: () => [],
  });

  private readonly changeTask = new Task(this, {
    autoRun: false,
    task: async ([action]: ['provision' | 'repair']) => (action === 'provision' ? this.webhooksApi().provision() : this.webhooksApi().repair()),
    onComplete: (reply) => this.handleChanged(reply),
    onError: (error) => this.handleChangeFailed(error),
  });

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    this.stateTask.abort();
    super.disconnectedCallback();
  }

  private webhooksApi(): WebhooksApi {
    const api = requireApi(this.api);
    return new WebhooksApi(api);
  }

  private handleChanged(reply: WebhooksReply): void {
    this.latest = reply;
    this.requestUpdate();
    const ok = reply.state === 'enabled';
    this.toasts.value?.show({ variant: ok ? 'success' : 'warning', title: ok ? 'Webhook ready' : 'Webhook still not delivering', message: reply.message });
  }

  private handleChangeFailed(error: unknown): void {
    this.toasts.value?.show({ variant: 'error', title: 'Webhook not changed', message: messageOf(error) });
  }

  private run(action: 'provision' | 'repair'): void {
    if (this.changeTask.status === TaskStatus.PENDING) return;
    void this.changeTask.run([action]);
  }

  private renderActions(reply: WebhooksReply | undefined) {
    const busy = this.changeTask.status === TaskStatus.PENDING;
    const primary = reply ? primaryAction(reply) : 'provision';
    const button = (action: 'provision' | 'repair', label: string, icon: string) =>
      html`<button
        class="slds-button ${primary === action ? 'slds-button_brand' : 'slds-button_neutral'}"
        type="button"
        data-testid="webhook-${action}"
        aria-busy=${busy ? 'true' : 'false'}
        @click=${() => this.run(action)}
      >
        ${buttonIcon(icon)}${label}
      </button>`;
    return html`<div class="pd-webhook-card__actions slds-button-group" role="group">
      ${button('provision', 'Provision webhook', 'connected_apps')} ${button('repair', 'Repair', 'refresh')}
    </div>`;
  }

  private renderReply(reply: WebhooksReply) {
    return html`<p class="slds-m-bottom_x-small" data-testid="webhook-message">${reply.message}</p>
      <p class="slds-text-body_small slds-text-color_weak slds-m-bottom_small">Delivery URL: <code class="pd-webhook-card__url">${reply.deliveryUrl}</code></p>
      ${
        reply.subscriptions.length === 0
          ? nothing
          : html`<table class="slds-table slds-table_cell-buffer slds-table_bordered" aria-label="Webhook subscriptions">
              <thead>
                <tr class="slds-line-height_reset">
                  <th scope="col"><div class="slds-truncate">Scope</div></th>
                  <th scope="col"><div class="slds-truncate">State</div></th>
                  <th scope="col"><div class="slds-truncate">Details</div></th>
                  <th scope="col"><div class="slds-truncate">Subscription</div></th>
                </tr>
              </thead>
              <tbody>
                ${reply.subscriptions.map(
                  (sub) =>
                    html`<tr data-testid="webhook-subscription-row">
                      <th scope="row">${scopeLabel(sub)}</th>
                      <td>${statusBadge(subscriptionLook(sub.state))}</td>
                      <td class="slds-cell-wrap">${sub.message}</td>
                      <td><code>${sub.id}</code></td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }`;
  }

  override render() {
    const changing = this.changeTask.status === TaskStatus.PENDING;
    const body = this.stateTask.render({
      initial: () => html`<p class="slds-text-color_weak">Asking PagerDuty…</p>`,
      pending: () => (this.latest ? this.renderReply(this.latest) : html`<p class="slds-text-color_weak">Asking PagerDuty…</p>`),
      complete: (reply) => this.renderReply(this.latest ?? reply),
      error: (error) =>
        html`<div class="slds-scoped-notification slds-theme_error" role="alert">
          <p>Could not read the webhook state. ${messageOf(error)}</p>
          <button class="slds-button slds-button_neutral slds-m-top_x-small" type="button" @click=${() => void this.stateTask.run()}>Try again</button>
        </div>`,
    });
    return html`<article class="slds-card slds-card_boundary pd-webhook-card" aria-labelledby="webhook-card-title" data-testid="webhook-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${standardIcon('event')}</div>
          <div class="slds-media__body">
            <h2 class="slds-card__header-title" id="webhook-card-title">PagerDuty webhook</h2>
          </div>
          <div class="slds-no-flex" data-testid="webhook-state">${this.latest ? statusBadge(overallLook(this.latest.state)) : nothing}</div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner pd-webhook-card__body" aria-busy=${changing ? 'true' : 'false'}>
        <p class="slds-text-body_small slds-text-color_weak slds-m-bottom_x-small">
          The app subscribes itself to incident changes of the services your rules use (all services when no rule names one) and keeps the signing secret
          encrypted. Provision again after changing the rules; Repair re-enables a subscription PagerDuty disabled after failed deliveries.
        </p>
        ${body} ${this.renderActions(this.latest)}
      </div>
    </article>`;
  }
}

customElements.define('pd-webhook-subscription-card', PdWebhookSubscriptionCard);

declare global {
  interface HTMLElementTagNameMap {
    'pd-webhook-subscription-card': PdWebhookSubscriptionCard;
  }
}
