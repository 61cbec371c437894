/**
 * The inputs every action form is built of: a PagerDuty picker (a select from the live list, or
 * an id box when PagerDuty could not be read), a text or template input with "Insert a field…",
 * and the draft edit that replaces one action.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Action } from '../../../../rules';
import type { RuleEditorHost } from './editorHost';
import { insertAt, templateFields } from '../ruleDraft';
import { selectField } from '../../../components/authoring/authoringUi';

export function setAction(host: RuleEditorHost, index: number, action: Action): void {
  host.changeDraft((rule) => ({ ...rule, actions: rule.actions.map((a, i) => (i === index ? action : a)) }), `actions[${index}]`);
}

export function pdSelect(
  host: RuleEditorHost,
  index: number,
  key: string,
  label: string,
  value: string | undefined,
  items: { id: string; name: string }[] | undefined,
  onChange: (v: string | undefined) => void,
  required = false,
) {
  const id = `action-${index}-${key}`;
  const error = host.err(`actions[${index}].${key}`);
  if (!items) {
    return html`<div class="slds-form-element ${error ? 'slds-has-error' : ''}">
      <label class="slds-form-element__label" for=${id}>${label} (PagerDuty id)</label>
      <div class="slds-form-element__control">
        <input
          class="slds-input"
          id=${id}
          data-testid=${id}
          .value=${live(value ?? '')}
          @change=${(e: Event) => onChange((e.target as HTMLInputElement).value.trim() || undefined)}
        />
      </div>
      ${error ? html`<div class="slds-form-element__help">${error}</div>` : nothing}
    </div>`;
  }
  return selectField({
    id,
    label,
    value: value ?? '',
    options: items.map((item) => ({ value: item.id, label: item.name })),
    ...(required ? {} : { emptyLabel: '— Default —' }),
    required,
    testId: id,
    error,
    onChange: (v) => onChange(v || undefined),
  });
}

export function textInput(
  host: RuleEditorHost,
  index: number,
  key: string,
  label: string,
  value: string | undefined,
  onChange: (v: string) => void,
  options: { multiline?: boolean; help?: string; template?: 'case' | 'incident'; required?: boolean; error?: string | undefined } = {},
) {
  const id = `action-${index}-${key}`;
  const error = host.err(`actions[${index}].${key}`) ?? options.error;
  const describedBy = [options.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const handler = (e: Event) => onChange((e.target as HTMLInputElement | HTMLTextAreaElement).value);
  return html`<div class="slds-form-element ${error ? 'slds-has-error' : ''}">
    <label class="slds-form-element__label" for=${id}
      >${options.required ? html`<abbr class="slds-required" title="required">* </abbr>` : nothing}${label}</label
    >
    <div class="slds-form-element__control">
      ${
        options.multiline
          ? html`<textarea
              class="slds-textarea"
              id=${id}
              data-testid=${id}
              .value=${live(value ?? '')}
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${describedBy}
              @input=${handler}
            ></textarea>`
          : html`<input
              class="slds-input"
              id=${id}
              data-testid=${id}
              .value=${live(value ?? '')}
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${describedBy}
              @input=${handler}
            />`
      }
    </div>
    ${options.help ? html`<div class="slds-form-element__help slds-text-color_weak" id="${id}-help">${options.help}</div>` : nothing}
    ${error ? html`<div class="slds-form-element__help" id="${id}-error" data-testid="${id}-error">${error}</div>` : nothing}
    ${options.template ? fieldPicker(host, id, options.template, value ?? '', onChange) : nothing}
  </div>`;
}

/**
 * "Insert a field": the fields a template of this side may use, by label, inserted as
 * `{{Case.Subject}}` / `{{incident.number}}` where the cursor was in the input `inputId`.
 */
export function fieldPicker(host: RuleEditorHost, inputId: string, scope: 'case' | 'incident', value: string, onChange: (v: string) => void): TemplateResult {
  const fields = templateFields(host.meta, scope);
  return html`<div class="pd-authoring__field-picker">
    <label class="slds-form-element__label slds-assistive-text" for="${inputId}-insert">Insert a field into ${inputId}</label>
    <div class="slds-select_container">
      <select
        class="slds-select"
        id="${inputId}-insert"
        data-testid="${inputId}-insert"
        @change=${async (e: Event) => {
          const select = e.target as HTMLSelectElement;
          const key = select.value;
          select.value = '';
          if (!key) return;
          const input = document.getElementById(inputId);
          const placeholder = `{{${key}}}`;
          const { text, caret } =
            input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement
              ? insertAt(value, input.selectionStart ?? value.length, input.selectionEnd ?? value.length, placeholder)
              : insertAt(value, value.length, value.length, placeholder);
          onChange(text);
          await Promise.resolve();
          if (input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement) {
            input.focus();
            input.setSelectionRange(caret, caret);
          }
        }}
      >
        <option value="">Insert a field…</option>
        ${fields.map((field) => html`<option value=${field.key}>${field.label} — {{${field.key}}}</option>`)}
      </select>
    </div>
  </div>`;
}

/** Drops keys whose value is undefined: optional action fields are absent, never undefined. */
export function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A whole-number input (escalation level, snooze amount). What was typed goes to the model as a
 * number (empty or unreadable: 0) so the server's check names the problem at this input.
 */
export function numberInput(
  host: RuleEditorHost,
  index: number,
  key: string,
  label: string,
  value: number,
  onChange: (v: number) => void,
  options: { min: number; max: number; help?: string },
): TemplateResult {
  const id = `action-${index}-${key}`;
  const error = host.err(`actions[${index}].${key}`);
  const describedBy = [options.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  return html`<div class="slds-form-element ${error ? 'slds-has-error' : ''}">
    <label class="slds-form-element__label" for=${id}><abbr class="slds-required" title="required">* </abbr>${label}</label>
    <div class="slds-form-element__control pd-authoring__number">
      <input
        class="slds-input"
        id=${id}
        data-testid=${id}
        type="number"
        inputmode="numeric"
        min=${options.min}
        max=${options.max}
        step="1"
        required
        .value=${live(Number.isFinite(value) ? String(value) : '')}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @change=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          onChange(raw.trim() === '' || !Number.isFinite(Number(raw)) ? 0 : Number(raw));
        }}
      />
    </div>
    ${options.help ? html`<div class="slds-form-element__help slds-text-color_weak" id="${id}-help">${options.help}</div>` : nothing}
    ${error ? html`<div class="slds-form-element__help" id="${id}-error" data-testid="${id}-error">${error}</div>` : nothing}
  </div>`;
}
