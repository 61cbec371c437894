import { html, type TemplateResult } from 'lit';
import { spriteIcon } from '../../icons/icons';

export interface StatusLook {
  tone: 'success' | 'error' | 'warning' | 'neutral';
  icon: 'success' | 'error' | 'warning' | 'info';
  label: string;
}

const THEME: Record<StatusLook['tone'], string> = {
  success: 'slds-theme_success',
  error: 'slds-theme_error',
  warning: 'slds-theme_warning',
  neutral: '',
};

/**
 * An SLDS badge with a leading status icon: green "Connection OK", red "Connection failed"…
 * A template helper rather than an element: it has no state and no behaviour of its own.
 */
export function statusBadge(look: StatusLook): TemplateResult {
  const inverse = look.tone === 'success' || look.tone === 'error';
  return html`<span class="slds-badge ${THEME[look.tone]}" data-tone=${look.tone}>
    <span class="slds-badge__icon slds-badge__icon_left ${inverse ? 'slds-badge__icon_inverse' : ''}"
      ><span class="slds-icon_container slds-current-color">${spriteIcon('utility', look.icon, 'slds-icon slds-icon_xx-small')}</span></span
    >${look.label}</span
  >`;
}
