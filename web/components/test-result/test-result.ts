import { html, LitElement, nothing } from 'lit';
import type { ConnectionTestResult } from '../../../contracts/api';
import { utilityIcon } from '../../icons/icons';
import './test-result.css';

/**
 * `<pd-test-result>`: the plain answer of a Test button, shown next to it: green
 * "Connection OK", or the red reason with what to fix. Takes room only once there is something
 * to show (the live region itself is always there, so the answer is announced).
 *
 * @property result - the server's test result, when there is one
 * @property failure - the request itself failed (network, session): this sentence is shown
 * @property pending - a test is running
 *
 * Light DOM (see web/README.md). Announces changes politely (role="status").
 */
export class PdTestResult extends LitElement {
  static override properties = {
    result: { attribute: false },
    failure: {},
    pending: { type: Boolean },
  };

  declare result: ConnectionTestResult | undefined;
  declare failure: string | undefined;
  declare pending: boolean;

  constructor() {
    super();
    this.result = undefined;
    this.failure = undefined;
    this.pending = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private renderContent() {
    if (this.pending) {
      return html`<span class="slds-text-color_weak">Testing…</span>`;
    }
    if (this.failure) {
      return html`<p class="pd-test-result__line slds-text-color_error" data-tone="error">
        ${utilityIcon('error', 'slds-icon slds-icon_x-small slds-icon-text-error')}<span>${this.failure}</span>
      </p>`;
    }
    const result = this.result;
    if (!result) return nothing;
    if (result.ok) {
      return html`<p class="pd-test-result__line slds-text-color_success" data-tone="success">
        ${utilityIcon('success', 'slds-icon slds-icon_x-small slds-icon-text-success')}<strong>Connection OK</strong>
        ${result.message !== 'Connection OK' ? html`<span class="slds-text-color_default">${result.message}</span>` : nothing}
      </p>`;
    }
    return html`<p class="pd-test-result__line slds-text-color_error" data-tone="error">
        ${utilityIcon('error', 'slds-icon slds-icon_x-small slds-icon-text-error')}<strong>${result.message}</strong>
      </p>
      ${result.hint ? html`<p class="pd-test-result__hint">${result.hint}</p>` : nothing}`;
  }

  override render() {
    return html`<div class="pd-test-result" role="status">${this.renderContent()}</div>`;
  }
}

customElements.define('pd-test-result', PdTestResult);

declare global {
  interface HTMLElementTagNameMap {
    'pd-test-result': PdTestResult;
  }
}
