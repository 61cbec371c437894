import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement } from 'lit';
import { messageOf } from '../../api/apiError';
import { utilityIcon } from '../../icons/icons';
import { apiContext, requireApi } from '../../state/context';
import './pagerduty-connection-card/pagerduty-connection-card';
import './salesforce-connection-card/salesforce-connection-card';
import './webhook-subscription-card/webhook-subscription-card';
import './canvas-app-card/canvas-app-card';
import './self-alerts-card/self-alerts-card';
import './connections-tab.css';

/**
 * `<pd-connections-tab>`: the CONNECTIONS tab. Loads the saved settings (GET /api/connections;
 * secrets come back only as "set" flags) and shows one card per connection. Placeholder cards
 * of the final height hold the layout while loading.
 *
 * Light DOM (see web/README.md).
 */
export class PdConnectionsTab extends LitElement {
  private readonly api = new ContextConsumer(this, { context: apiContext });

  private readonly connectionsTask = new Task(this, {
    task: async (_args, { signal }) => {
      const api = requireApi(this.api);
      return api.getConnections(signal);
    },
    args: () => [],
  });

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    this.connectionsTask.abort();
    super.disconnectedCallback();
  }

  private renderPlaceholders(label: string) {
    const placeholder = html`<div class="slds-col slds-size_1-of-1 slds-large-size_1-of-2 pd-connections__cell">
      <div class="slds-card slds-card_boundary pd-connections__placeholder">
        <div class="slds-spinner_container">
          <div class="slds-spinner slds-spinner_small slds-spinner_brand" role="status">
            <span class="slds-assistive-text">${label}</span>
            <div class="slds-spinner__dot-a"></div>
            <div class="slds-spinner__dot-b"></div>
          </div>
        </div>
      </div>
    </div>`;
    return html`${placeholder}${placeholder}`;
  }

  override render() {
    const content = this.connectionsTask.render({
      initial: () => this.renderPlaceholders('Loading the connections'),
      pending: () => this.renderPlaceholders('Loading the connections'),
      complete: (connections) => html`
        <div class="slds-col slds-size_1-of-1 slds-large-size_1-of-2 pd-connections__cell">
          <pd-pagerduty-connection-card .connection=${connections.pagerduty}></pd-pagerduty-connection-card>
        </div>
        <div class="slds-col slds-size_1-of-1 slds-large-size_1-of-2 pd-connections__cell">
          <pd-salesforce-connection-card .connection=${connections.salesforce}></pd-salesforce-connection-card>
        </div>
        <div class="slds-col slds-size_1-of-1 pd-connections__cell">
          <pd-webhook-subscription-card></pd-webhook-subscription-card>
        </div>
        <div class="slds-col slds-size_1-of-1 pd-connections__cell">
          <pd-self-alerts-card></pd-self-alerts-card>
        </div>
        <div class="slds-col slds-size_1-of-1 pd-connections__cell">
          <pd-canvas-app-card></pd-canvas-app-card>
        </div>
      `,
      error: (error) =>
        html`<div class="slds-col slds-size_1-of-1">
          <div class="slds-scoped-notification slds-media slds-media_center slds-theme_error" role="alert">
            <div class="slds-media__figure">${utilityIcon('error', 'slds-icon slds-icon_small slds-icon-text-default')}</div>
            <div class="slds-media__body">
              <p>Could not load the connections. ${messageOf(error)}</p>
              <button class="slds-button slds-button_neutral slds-m-top_x-small" type="button" @click=${() => void this.connectionsTask.run()}>
                Try again
              </button>
            </div>
          </div>
        </div>`,
    });
    return html`<div class="pd-connections__header">
        <h2 class="slds-text-heading_medium">Connections</h2>
        <p class="slds-text-body_small slds-text-color_weak">
          Where the sync reads and writes. Secrets are stored encrypted and never shown again; leave a secret empty to keep it.
        </p>
      </div>
      <div class="slds-grid slds-wrap slds-gutters_direct-x-small">${content}</div>`;
  }
}

customElements.define('pd-connections-tab', PdConnectionsTab);

declare global {
  interface HTMLElementTagNameMap {
    'pd-connections-tab': PdConnectionsTab;
  }
}
