import { html, nothing, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';

export interface ConfirmModalOptions {
  id: string;
  title: string;
  body: string | TemplateResult;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * An SLDS confirmation modal (alertdialog) on a native `<dialog>` opened with `showModal()`: the
 * browser then keeps focus inside it and makes the page behind inert (no click, no Tab, hidden
 * from assistive technology) without a focus-trap script of our own. Escape cancels (the dialog's
 * `cancel` event); Cancel takes the focus when it opens (`autofocus`), so an accidental Enter
 * never deletes anything. It is shown while the host renders it and closes when removed.
 */
export function confirmModal(o: ConfirmModalOptions | null): TemplateResult | typeof nothing {
  if (!o) return nothing;
  return html`<dialog
    ${ref(openModal)}
    role="alertdialog"
    aria-labelledby="${o.id}-heading"
    aria-describedby="${o.id}-body"
    class="slds-modal slds-fade-in-open slds-modal_prompt pd-confirm-modal"
    data-testid=${o.id}
    @cancel=${(event: Event) => {
      // The host decides: it stops rendering the dialog, which closes it.
      event.preventDefault();
      o.onCancel();
    }}
  >
    <div class="slds-modal__container">
      <div class="slds-modal__header slds-theme_error slds-theme_alert-texture">
        <h2 class="slds-text-heading_medium" id="${o.id}-heading">${o.title}</h2>
      </div>
      <div class="slds-modal__content slds-p-around_medium" id="${o.id}-body">${o.body}</div>
      <div class="slds-modal__footer">
        <button class="slds-button slds-button_neutral" type="button" autofocus @click=${o.onCancel}>Cancel</button>
        <button
          class="slds-button slds-button_destructive"
          type="button"
          aria-busy=${o.busy ? 'true' : 'false'}
          data-testid="${o.id}-confirm"
          @click=${o.onConfirm}
        >
          ${o.confirmLabel}
        </button>
      </div>
    </div>
  </dialog>`;
}

/**
 * Opens the dialog as modal once it is in the document (a dialog removed from it closes). Lit
 * calls a ref while the new template is still in its fragment, so the opening waits a microtask:
 * by then the fragment is in place.
 */
function openModal(element: Element | undefined): void {
  if (!(element instanceof HTMLDialogElement)) return;
  queueMicrotask(() => {
    if (element.isConnected && !element.open) element.showModal();
  });
}
