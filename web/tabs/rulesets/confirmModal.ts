import { html, nothing, type TemplateResult } from 'lit';

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
 * An SLDS confirmation modal (alertdialog). Escape cancels; the host focuses the Cancel button
 * when it opens (`[data-modal-initial-focus]`) so an accidental Enter never deletes anything.
 */
export function confirmModal(o: ConfirmModalOptions | null): TemplateResult | typeof nothing {
  if (!o) return nothing;
  return html`<section
      role="alertdialog"
      tabindex="-1"
      aria-modal="true"
      aria-labelledby="${o.id}-heading"
      aria-describedby="${o.id}-body"
      class="slds-modal slds-fade-in-open slds-modal_prompt"
      data-testid=${o.id}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') o.onCancel();
      }}
    >
      <div class="slds-modal__container">
        <div class="slds-modal__header slds-theme_error slds-theme_alert-texture">
          <h2 class="slds-text-heading_medium" id="${o.id}-heading">${o.title}</h2>
        </div>
        <div class="slds-modal__content slds-p-around_medium" id="${o.id}-body">${o.body}</div>
        <div class="slds-modal__footer">
          <button class="slds-button slds-button_neutral" type="button" data-modal-initial-focus @click=${o.onCancel}>Cancel</button>
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
    </section>
    <div class="slds-backdrop slds-backdrop_open" role="presentation"></div>`;
}
