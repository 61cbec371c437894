import { html, type TemplateResult } from 'lit';
import standardSprite from '@salesforce-ux/design-system/assets/icons/standard-sprite/svg/symbols.svg?url';
import utilitySprite from '@salesforce-ux/design-system/assets/icons/utility-sprite/svg/symbols.svg?url';

/**
 * SLDS icons from the unmodified sprite files (icons are CC BY-ND: shipped as they are). Vite
 * copies each sprite into dist/web/assets; `<use href="sprite.svg#name">` draws one symbol.
 */
const sprites = { utility: utilitySprite, standard: standardSprite } as const;

export type IconSprite = keyof typeof sprites;

/** A bare `<svg>` for use inside SLDS containers (buttons, badges, toasts); always decorative. */
export function spriteIcon(sprite: IconSprite, name: string, className: string): TemplateResult {
  return html`<svg class=${className} aria-hidden="true" focusable="false"><use href=${`${sprites[sprite]}#${name}`}></use></svg>`;
}

/** A utility icon in the text colour: status markers next to text. */
export function utilityIcon(name: string, className = 'slds-icon slds-icon_x-small slds-icon-text-default'): TemplateResult {
  return spriteIcon('utility', name, className);
}

/** A standard (object) icon on its SLDS background colour, as card headers show them. */
export function standardIcon(name: string, size: 'small' | 'medium' = 'small'): TemplateResult {
  return html`<span class="slds-icon_container slds-icon-standard-${name.replace(/_/g, '-')}"
    >${spriteIcon('standard', name, `slds-icon slds-icon_${size}`)}</span
  >`;
}

/** An icon for inside `slds-button` (left of the label). */
export function buttonIcon(name: string): TemplateResult {
  return spriteIcon('utility', name, 'slds-button__icon slds-button__icon_left');
}
