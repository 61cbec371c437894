/**
 * SLDS template helpers shared by the OBJECT MAPPINGS and RULESETS tabs: a labelled select, a
 * spinner, an error notice. Templates, not elements, so inputs stay in the tab's own light DOM.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { NAME_MAX_LENGTH } from '../../../rules';
import { utilityIcon } from '../../icons/icons';
import './authoring.css';

export interface SelectOptions {
  id: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  /** An empty first option, e.g. "— None —"; omit to force a choice. */
  emptyLabel?: string;
  error?: string | undefined;
  help?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  testId?: string;
  /** Hide the label visually (tables of rows label their columns). */
  hideLabel?: boolean;
  /** SLDS stacked spacing, to line up with the stacked text fields of a form. */
  stacked?: boolean;
}

export function selectField(o: SelectOptions): TemplateResult {
  const known = o.options.some((option) => option.value === o.value);
  const describedBy = [o.help ? `${o.id}-help` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="slds-form-element ${o.stacked ? 'slds-form-element_stacked' : ''} ${o.error ? 'slds-has-error' : ''}">
    <label class="slds-form-element__label ${o.hideLabel ? 'slds-assistive-text' : ''}" for=${o.id}
      >${o.required ? html`<abbr class="slds-required" title="required">* </abbr>` : nothing}${o.label}</label
    >
    <div class="slds-form-element__control">
      <div class="slds-select_container">
        <select
          class="slds-select"
          id=${o.id}
          ?required=${o.required ?? false}
          ?disabled=${o.disabled ?? false}
          aria-invalid=${o.error ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          data-testid=${o.testId ?? nothing}
          .value=${live(o.value)}
          @change=${(event: Event) => o.onChange((event.target as HTMLSelectElement).value)}
        >
          ${o.emptyLabel !== undefined ? html`<option value="" ?selected=${o.value === ''}>${o.emptyLabel}</option>` : nothing}
          ${!known && o.value !== '' ? html`<option value=${o.value} selected>${o.value} (not found)</option>` : nothing}
          ${o.options.map((option) => html`<option value=${option.value} ?selected=${option.value === o.value}>${option.label}</option>`)}
        </select>
      </div>
    </div>
    ${o.help ? html`<div class="slds-form-element__help slds-text-color_weak" id="${o.id}-help">${o.help}</div>` : nothing}
    ${o.error ? html`<div class="slds-form-element__help" id="${o.id}-error" data-testid="${o.id}-error">${o.error}</div>` : nothing}
  </div>`;
}

export function spinner(label: string): TemplateResult {
  return html`<div class="pd-authoring__loading">
    <div class="slds-spinner slds-spinner_small slds-spinner_brand" role="status">
      <span class="slds-assistive-text">${label}</span>
      <div class="slds-spinner__dot-a"></div>
      <div class="slds-spinner__dot-b"></div>
    </div>
  </div>`;
}

export function errorNotice(message: string, retry?: () => void): TemplateResult {
  return html`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_error" role="alert">
    <div class="slds-media__figure">${utilityIcon('error', 'slds-icon slds-icon_small slds-icon-text-default')}</div>
    <div class="slds-media__body">
      <p>${message}</p>
      ${retry ? html`<button class="slds-button slds-button_neutral slds-m-top_x-small" type="button" @click=${retry}>Try again</button>` : nothing}
    </div>
  </div>`;
}

export function warningNotice(message: string | TemplateResult, testId?: string): TemplateResult {
  return html`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_warning" role="status" data-testid=${testId ?? nothing}>
    <div class="slds-media__figure">${utilityIcon('warning', 'slds-icon slds-icon_small slds-icon-text-default')}</div>
    <div class="slds-media__body"><p>${message}</p></div>
  </div>`;
}

/** What is wrong with a name's length, if anything: inputs take a paste whole and say this, rather than cutting it short. */
export function nameLengthProblem(value: string, max = NAME_MAX_LENGTH): string | undefined {
  const length = value.trim().length;
  return length > max ? `${length} characters: at most ${max}. Shorten the name.` : undefined;
}

export interface NameInputOptions {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  testId?: string;
  /** The error's test id; default `<id>-error`. */
  errorTestId?: string;
  required?: boolean;
  /** Hide the label visually (a compact form that a placeholder and a button explain). */
  hideLabel?: boolean;
  placeholder?: string;
  /** A one-line form: the count shows only near the limit (the limit is then said, and an over-long name an error). */
  compact?: boolean;
  onKeydown?: (event: KeyboardEvent) => void;
}

/**
 * A name input (rulesets, rules): no `maxlength`, which would cut a pasted name without a word;
 * the limit shows as a count under the box and an over-long name is an error that says so.
 */
export function nameInput(o: NameInputOptions): TemplateResult {
  const length = o.value.trim().length;
  const count = `${length}/${NAME_MAX_LENGTH} characters`;
  const showCount = !o.compact || length > NAME_MAX_LENGTH - 20;
  return html`<div class="slds-form-element ${o.error ? 'slds-has-error' : ''}">
    <label class="slds-form-element__label ${o.hideLabel ? 'slds-assistive-text' : ''}" for=${o.id}
      >${o.required ? html`<abbr class="slds-required" title="required">* </abbr>` : nothing}${o.label}</label
    >
    <div class="slds-form-element__control">
      <input
        class="slds-input"
        id=${o.id}
        data-testid=${o.testId ?? nothing}
        placeholder=${o.placeholder ?? nothing}
        .value=${live(o.value)}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${o.error ? `${o.id}-error` : showCount ? `${o.id}-count` : nothing}
        @input=${(event: InputEvent) => o.onInput((event.target as HTMLInputElement).value)}
        @keydown=${(event: KeyboardEvent) => o.onKeydown?.(event)}
      />
    </div>
    ${
      o.error
        ? html`<div class="slds-form-element__help" id="${o.id}-error" data-testid=${o.errorTestId ?? `${o.id}-error`}>${o.error}</div>`
        : showCount
          ? html`<div class="slds-form-element__help slds-text-color_weak" id="${o.id}-count">${count}</div>`
          : nothing
    }
  </div>`;
}

/** The SLDS toggle that enables a ruleset: on the list's rows and on the ruleset's own page. */
export function enabledToggle(o: { id: string; label: string; checked: boolean; onChange: () => void; testId?: string; busy?: boolean }): TemplateResult {
  return html`<div class="slds-form-element">
    <label class="slds-checkbox_toggle slds-grid">
      <span class="slds-assistive-text">${o.label}</span>
      <input
        type="checkbox"
        .checked=${live(o.checked)}
        ?disabled=${o.busy ?? false}
        data-testid=${o.testId ?? nothing}
        aria-describedby=${o.id}
        @change=${o.onChange}
      />
      <span id=${o.id} class="slds-checkbox_faux_container">
        <span class="slds-checkbox_faux"></span>
        <span class="slds-checkbox_on">Enabled</span>
        <span class="slds-checkbox_off">Disabled</span>
      </span>
    </label>
  </div>`;
}

export interface AddByNameFormOptions {
  /** The name box's id and test id (e.g. `new-rule-name`). */
  id: string;
  /** What is added: "rule" or "ruleset" (the box's label, "Add Rule" on the button). */
  noun: string;
  buttonTestId: string;
  value: string;
  error: string | undefined;
  /** The typed name and its length problem, if any, as the box changes. */
  onInput: (name: string, problem: string | undefined) => void;
  onSubmit: (event: SubmitEvent) => void;
}

/** The one-line "New <noun> name [Add <Noun>]" form of the rulesets list and of a ruleset's rules. */
export function addByNameForm(o: AddByNameFormOptions): TemplateResult {
  const label = `New ${o.noun} name`;
  const title = o.noun.charAt(0).toUpperCase() + o.noun.slice(1);
  return html`<form class="pd-authoring__inline-form slds-m-left_small" novalidate @submit=${o.onSubmit}>
    ${nameInput({
      id: o.id,
      label,
      hideLabel: true,
      compact: true,
      placeholder: label,
      value: o.value,
      error: o.error,
      testId: o.id,
      onInput: (name) => o.onInput(name, nameLengthProblem(name)),
    })}
    <button class="slds-button slds-button_brand" type="submit" data-testid=${o.buttonTestId}>Add ${title}</button>
  </form>`;
}
