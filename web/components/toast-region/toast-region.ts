import { ContextConsumer } from '@lit/context';
import { html, LitElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { spriteIcon } from '../../icons/icons';
import { toastContext } from '../../state/context';
import type { Toast, ToastVariant } from '../../state/toasts';
import './toast-region.css';

const ICONS: Record<ToastVariant, string> = { success: 'success', error: 'error', warning: 'warning', info: 'info' };

/**
 * `<pd-toast-region>`: shows the toasts of `toastContext` as SLDS toasts at the top of the page.
 * Two live regions exist from the start (screen readers only announce changes to regions they
 * already know): polite for success/info, assertive for errors/warnings. Escape or the close
 * button dismisses a toast; focus then moves to the next toast, or back to where it came from.
 *
 * Light DOM (see web/README.md).
 */
export class PdToastRegion extends LitElement {
  static override properties = { toasts: { state: true } };

  declare private toasts: readonly Toast[];

  private unsubscribe: (() => void) | undefined;
  /** Where focus was before it entered a toast, to return it when the toasts close. */
  private returnFocusTo: HTMLElement | undefined;

  private readonly controller = new ContextConsumer(this, {
    context: toastContext,
    callback: (controller) => {
      this.unsubscribe?.();
      this.toasts = controller.toasts;
      this.unsubscribe = controller.subscribe((toasts) => (this.toasts = toasts));
    },
  });

  constructor() {
    super();
    this.toasts = [];
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    super.disconnectedCallback();
  }

  private readonly handleFocusIn = (event: FocusEvent): void => {
    const from = event.relatedTarget;
    if (from instanceof HTMLElement && !this.contains(from)) this.returnFocusTo = from;
  };

  private async dismiss(toast: Toast): Promise<void> {
    const hadFocus = this.contains(document.activeElement);
    this.controller.value?.dismiss(toast.id);
    if (!hadFocus) return;
    await this.updateComplete;
    const nextClose = this.querySelector<HTMLButtonElement>('.slds-notify__close button');
    if (nextClose) nextClose.focus();
    else if (this.returnFocusTo?.isConnected) this.returnFocusTo.focus();
  }

  private handleKeydown(event: KeyboardEvent, toast: Toast): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    void this.dismiss(toast);
  }

  private renderToast(toast: Toast) {
    return html`<div
      class="slds-notify slds-notify_toast slds-theme_${toast.variant}"
      data-testid="toast"
      data-variant=${toast.variant}
      @keydown=${(event: KeyboardEvent) => this.handleKeydown(event, toast)}
    >
      <span class="slds-assistive-text">${toast.variant}</span>
      <span class="slds-icon_container slds-icon-utility-${ICONS[toast.variant]} slds-m-right_small slds-no-flex slds-align-top"
        >${spriteIcon('utility', ICONS[toast.variant], 'slds-icon slds-icon_small')}</span
      >
      <div class="slds-notify__content">
        <h2 class="slds-text-heading_small">${toast.title}</h2>
        ${toast.message ? html`<p>${toast.message}</p>` : ''}
      </div>
      <div class="slds-notify__close">
        <button class="slds-button slds-button_icon slds-button_icon-inverse" type="button" title="Close" @click=${() => void this.dismiss(toast)}>
          ${spriteIcon('utility', 'close', 'slds-button__icon slds-button__icon_large')}
          <span class="slds-assistive-text">Close</span>
        </button>
      </div>
    </div>`;
  }

  private renderRegion(variants: ToastVariant[], live: 'polite' | 'assertive') {
    const shown = this.toasts.filter((toast) => variants.includes(toast.variant));
    return html`<div class="pd-toast-region__live" aria-live=${live} aria-atomic="false" aria-relevant="additions text">
      ${repeat(
        shown,
        (toast) => toast.id,
        (toast) => this.renderToast(toast),
      )}
    </div>`;
  }

  override render() {
    return html`<section class="slds-notify_container pd-toast-region" aria-label="Notifications" @focusin=${this.handleFocusIn}>
      ${this.renderRegion(['error', 'warning'], 'assertive')} ${this.renderRegion(['success', 'info'], 'polite')}
    </section>`;
  }
}

customElements.define('pd-toast-region', PdToastRegion);

declare global {
  interface HTMLElementTagNameMap {
    'pd-toast-region': PdToastRegion;
  }
}
