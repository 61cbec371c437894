import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { StatusDashboardApi } from '../../api/statusDashboardApi';
import type { ApiClient } from '../../api/client';
import { apiContext } from '../../state/context';
import '../../console/status-dashboard/status-dashboard';

/**
 * `<pd-status-dashboard-tab>`: STATUS DASHBOARD, the agents' dashboard as admins see it: the
 * shared `<pd-status-dashboard>` fed by the admin session's API client.
 *
 * Light DOM (see web/README.md).
 */
export class PdStatusDashboardTab extends LitElement {
  private readonly api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  #source: { client: ApiClient; source: StatusDashboardApi } | undefined;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** One source per client, so a re-render keeps the dashboard's event stream. */
  private source(): StatusDashboardApi | undefined {
    const client = this.api.value;
    if (!client) return undefined;
    if (this.#source?.client !== client) this.#source = { client, source: new StatusDashboardApi(client) };
    return this.#source.source;
  }

  override render() {
    const source = this.source();
    return source ? html`<pd-status-dashboard .source=${source}></pd-status-dashboard>` : nothing;
  }
}

customElements.define('pd-status-dashboard-tab', PdStatusDashboardTab);

declare global {
  interface HTMLElementTagNameMap {
    'pd-status-dashboard-tab': PdStatusDashboardTab;
  }
}
