import { html, nothing, type TemplateResult } from 'lit';
import { utilityIcon } from '../../icons/icons';
import type { SaveCheckNotice } from './saveCheck';

/**
 * Under a connection card's Save button: what the save's check found. A warning (saved, but the
 * settings do not work, and what to do) in an SLDS scoped notification; a working connection as
 * one green line.
 */
export function saveCheckView(testId: string, notice: SaveCheckNotice | undefined): TemplateResult | typeof nothing {
  if (!notice) return nothing;
  if (notice.tone === 'success') {
    return html`<p class="pd-save-check pd-save-check_success slds-text-color_success" role="status" data-testid=${testId} data-tone="success">
      ${utilityIcon('success', 'slds-icon slds-icon_x-small slds-icon-text-success')}<span>${notice.headline}</span>
    </p>`;
  }
  return html`<div class="slds-scoped-notification slds-media slds-theme_warning pd-save-check" role="status" data-testid=${testId} data-tone="warning">
    <div class="slds-media__figure">${utilityIcon('warning', 'slds-icon slds-icon_x-small slds-icon-text-default')}</div>
    <div class="slds-media__body">
      <p><strong>${notice.headline}</strong></p>
      ${notice.hint ? html`<p class="slds-m-top_xx-small">${notice.hint}</p>` : nothing}
    </div>
  </div>`;
}
