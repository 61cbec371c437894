import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { SecretState } from '../../../contracts/api';
import { secretPlaceholder } from './formModel';

/**
 * SLDS form-element templates (stacked label, control, help and error text) shared by the
 * connection cards. Template helpers rather than elements: inputs stay in the card's own light
 * DOM, so the card's form, labels and `aria-describedby` ids all live in one tree.
 */
export interface FieldOptions {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  help?: string | TemplateResult | undefined;
  type?: 'text' | 'url' | 'email' | 'password';
  autocomplete?: string;
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
  testId?: string;
}

function describedBy(options: { id: string; error?: string | undefined; help?: unknown }): string | typeof nothing {
  const ids = [options.help ? `${options.id}-help` : '', options.error ? `${options.id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

function frame(options: FieldOptions, control: TemplateResult): TemplateResult {
  return html`<div class="slds-form-element slds-form-element_stacked ${options.error ? 'slds-has-error' : ''}">
    <label class="slds-form-element__label" for=${options.id}
      >${options.required ? html`<abbr class="slds-required" title="required">* </abbr>` : nothing}${options.label}</label
    >
    <div class="slds-form-element__control">${control}</div>
    ${options.help ? html`<div class="slds-form-element__help slds-text-color_weak" id="${options.id}-help">${options.help}</div>` : nothing}
    ${options.error ? html`<div class="slds-form-element__help" id="${options.id}-error" data-testid="${options.id}-error">${options.error}</div>` : nothing}
  </div>`;
}

export function textField(options: FieldOptions): TemplateResult {
  return frame(
    options,
    html`<input
      id=${options.id}
      name=${options.id}
      class="slds-input"
      type=${options.type ?? 'text'}
      .value=${live(options.value)}
      placeholder=${options.placeholder ?? nothing}
      autocomplete=${options.autocomplete ?? 'off'}
      spellcheck="false"
      ?required=${options.required ?? false}
      ?disabled=${options.disabled ?? false}
      aria-invalid=${options.error ? 'true' : 'false'}
      aria-describedby=${describedBy(options)}
      data-testid=${options.testId ?? nothing}
      @input=${(event: InputEvent) => options.onInput((event.target as HTMLInputElement).value)}
    />`,
  );
}

export interface TextAreaFieldOptions extends Omit<FieldOptions, 'type' | 'autocomplete'> {
  rows?: number;
}

/** A plain multi-line text field (monospace, no spell check): lists such as one header per line. */
export function textAreaField(options: TextAreaFieldOptions): TemplateResult {
  return frame(
    options,
    html`<textarea
      id=${options.id}
      name=${options.id}
      class="slds-textarea pd-secret-textarea"
      rows=${options.rows ?? 3}
      .value=${live(options.value)}
      placeholder=${options.placeholder ?? nothing}
      spellcheck="false"
      autocomplete="off"
      ?disabled=${options.disabled ?? false}
      aria-invalid=${options.error ? 'true' : 'false'}
      aria-describedby=${describedBy(options)}
      data-testid=${options.testId ?? nothing}
      @input=${(event: InputEvent) => options.onInput((event.target as HTMLTextAreaElement).value)}
    ></textarea>`,
  );
}

export interface SecretFieldOptions extends Omit<FieldOptions, 'type' | 'placeholder'> {
  state: SecretState;
  /** A textarea (private keys); otherwise a password input. */
  multiline?: boolean;
}

const SECRET_HELP = 'Write-only: the saved value is never shown. Leave empty to keep it.';

/**
 * A write-only secret: empty unless the admin types a new value (only then is it sent); the
 * placeholder says whether one is saved and how it ends.
 */
export function secretField(options: SecretFieldOptions): TemplateResult {
  const withHelp = { ...options, help: options.help ?? (options.state.set ? SECRET_HELP : undefined) };
  const onInput = (event: InputEvent) => options.onInput((event.target as HTMLInputElement | HTMLTextAreaElement).value);
  const control = options.multiline
    ? html`<textarea
        id=${options.id}
        name=${options.id}
        class="slds-textarea pd-secret-textarea"
        rows="4"
        .value=${live(options.value)}
        placeholder=${secretPlaceholder(options.state)}
        spellcheck="false"
        autocomplete="off"
        ?disabled=${options.disabled ?? false}
        aria-invalid=${options.error ? 'true' : 'false'}
        aria-describedby=${describedBy(withHelp)}
        data-testid=${options.testId ?? nothing}
        @input=${onInput}
      ></textarea>`
    : html`<input
        id=${options.id}
        name=${options.id}
        class="slds-input"
        type="password"
        .value=${live(options.value)}
        placeholder=${secretPlaceholder(options.state)}
        autocomplete="new-password"
        spellcheck="false"
        ?disabled=${options.disabled ?? false}
        aria-invalid=${options.error ? 'true' : 'false'}
        aria-describedby=${describedBy(withHelp)}
        data-testid=${options.testId ?? nothing}
        @input=${onInput}
      />`;
  return frame(withHelp, control);
}

export interface RadioGroupOptions<Value extends string> {
  id: string;
  legend: string;
  options: readonly { value: Value; label: string }[];
  selected: Value;
  onChange: (value: Value) => void;
  error?: string | undefined;
  disabled?: boolean;
}

/** An SLDS radio group: one tab stop, arrow keys move the choice (native radio behaviour). */
export function radioGroup<Value extends string>(group: RadioGroupOptions<Value>): TemplateResult {
  return html`<fieldset class="slds-form-element slds-form-element_stacked ${group.error ? 'slds-has-error' : ''}" data-testid=${group.id}>
    <legend class="slds-form-element__legend slds-form-element__label">${group.legend}</legend>
    <div class="slds-form-element__control">
      ${group.options.map(
        (option) =>
          html`<span class="slds-radio">
            <input
              type="radio"
              id="${group.id}-${option.value}"
              name=${group.id}
              value=${option.value}
              .checked=${live(option.value === group.selected)}
              ?disabled=${group.disabled ?? false}
              @change=${() => group.onChange(option.value)}
            />
            <label class="slds-radio__label" for="${group.id}-${option.value}"
              ><span class="slds-radio_faux"></span><span class="slds-form-element__label">${option.label}</span></label
            >
          </span>`,
      )}
    </div>
    ${group.error ? html`<div class="slds-form-element__help" id="${group.id}-error">${group.error}</div>` : nothing}
  </fieldset>`;
}
