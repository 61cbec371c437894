import { LitElement, html } from 'lit';
import { AgentApi } from '../api/agentApi';
import '../status-dashboard/status-dashboard';

/**
 * `<pd-canvas-dashboard>`: the Status Dashboard as a Canvas location: the shared
 * `<pd-status-dashboard>` (the admin tab's component) fed by the agent API with the page's agent
 * token, renewed as it nears expiry or on a 401.
 *
 * Light DOM (SLDS applies).
 */
export class PdCanvasDashboard extends LitElement {
  /** Replaced by tests; the page's own token and fetch otherwise. */
  api = new AgentApi();
  private readonly source = this.api.statusDashboard();

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    this.api.token.stop();
    super.disconnectedCallback();
  }

  override render() {
    return html`<div class="slds-p-around_small"><pd-status-dashboard .source=${this.source}></pd-status-dashboard></div>`;
  }
}

customElements.define('pd-canvas-dashboard', PdCanvasDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'pd-canvas-dashboard': PdCanvasDashboard;
  }
}
