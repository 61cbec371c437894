import { html, nothing } from 'lit';
import type { AgentChoice } from '../../../contracts/agent';

/**
 * SLDS form-element templates of the console's action forms. Ids carry the form's prefix so
 * several forms on one page stay unique. Values are read with FormData on submit, so the fields
 * are plain named controls.
 */
export function selectField(
  id: string,
  label: string,
  name: string,
  options: readonly { value: string; label: string; group?: string }[],
  selected: string | null,
  placeholder?: string,
) {
  const groups = [...new Set(options.map((option) => option.group ?? ''))];
  const optionOf = (option: { value: string; label: string }) =>
    html`<option value=${option.value} ?selected=${option.value === selected}>${option.label}</option>`;
  return html`<div class="slds-form-element slds-m-bottom_x-small">
    <label class="slds-form-element__label" for=${id}>${label}</label>
    <div class="slds-form-element__control">
      <div class="slds-select_container">
        <select class="slds-select" id=${id} name=${name}>
          ${placeholder === undefined ? nothing : html`<option value="" ?selected=${!selected}>${placeholder}</option>`}
          ${groups.map((group) =>
            group
              ? html`<optgroup label=${group}>${options.filter((option) => option.group === group).map(optionOf)}</optgroup>`
              : options.filter((option) => !option.group).map(optionOf),
          )}
        </select>
      </div>
    </div>
  </div>`;
}

export function textField(id: string, label: string, name: string, value: string, options: { required?: boolean; maxLength?: number } = {}) {
  return html`<div class="slds-form-element slds-m-bottom_x-small">
    <label class="slds-form-element__label" for=${id}
      >${options.required ? html`<abbr class="slds-required" title="required">* </abbr>` : nothing}${label}</label
    >
    <div class="slds-form-element__control">
      <input class="slds-input" id=${id} name=${name} .value=${value} ?required=${options.required ?? false} maxlength=${options.maxLength ?? 1024} />
    </div>
  </div>`;
}

export function textAreaField(id: string, label: string, name: string, value: string, options: { required?: boolean; rows?: number } = {}) {
  return html`<div class="slds-form-element slds-m-bottom_x-small">
    <label class="slds-form-element__label" for=${id}
      >${options.required ? html`<abbr class="slds-required" title="required">* </abbr>` : nothing}${label}</label
    >
    <div class="slds-form-element__control">
      <textarea class="slds-textarea" id=${id} name=${name} rows=${options.rows ?? 3} .value=${value} ?required=${options.required ?? false}></textarea>
    </div>
  </div>`;
}

export const choiceOptions = (choices: readonly AgentChoice[], group?: string) =>
  choices.map((choice) => ({ value: choice.id, label: choice.name, ...(group ? { group } : {}) }));

/** Users and escalation policies in one menu (`user:ID`, `policy:ID`). */
export const assigneeOptions = (users: readonly AgentChoice[], policies: readonly AgentChoice[]) => [
  ...users.map((user) => ({ value: `user:${user.id}`, label: user.name, group: 'Users' })),
  ...policies.map((policy) => ({ value: `policy:${policy.id}`, label: policy.name, group: 'Escalation policies' })),
];

export const URGENCY_OPTIONS = [
  { value: 'high', label: 'High' },
  { value: 'low', label: 'Low' },
];

/** The form's values as strings, by control name. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
  return values;
}

export function submitButton(label: string, busy: boolean) {
  return html`<button class="slds-button slds-button_brand" type="submit" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>
    ${busy ? 'Sending…' : label}
  </button>`;
}
