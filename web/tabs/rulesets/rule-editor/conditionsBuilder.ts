/**
 * The rule editor's conditions builder: numbered rows of field, operator (by the field's type)
 * and a value input by type (PagerDuty lists, picklist values, true/false, number, date,
 * date-time, free text), then the filter logic with the parser's error as you type.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { checkFilterLogic, type Condition, type Rule } from '../../../../rules';
import type { RuleEditorHost } from './editorHost';
import { choicesFor, conditionFields, conditionValueFrom, datetimeLocalValue, valueAsList, valueAsText, type FieldOption } from '../ruleDraft';
import { selectField } from '../../../components/authoring/authoringUi';

function setCondition(host: RuleEditorHost, index: number, condition: Condition): void {
  host.changeDraft((rule) => ({ ...rule, conditions: rule.conditions.map((c, i) => (i === index ? condition : c)) }), `conditions[${index}]`);
}

function renderValueInput(host: RuleEditorHost, index: number, condition: Condition, field: FieldOption | undefined): TemplateResult | typeof nothing {
  const id = `condition-${index}-value`;
  const operator = field?.operators.find((op) => op.name === condition.operator);
  const shape = operator?.value ?? 'single';
  const error = host.err(`conditions[${index}].value`);
  if (shape === 'none') return html`<div></div>`;
  const choices = field ? choicesFor(field, host.meta) : null;
  const set = (raw: string | string[]) => {
    const value = conditionValueFrom(field?.kind ?? 'text', shape, raw);
    const { field: name, operator: op } = condition;
    setCondition(host, index, value === undefined ? { field: name, operator: op } : { field: name, operator: op, value });
  };
  const frame = (control: TemplateResult) =>
    html`<div class="slds-form-element ${error ? 'slds-has-error' : ''}">
      <label class="slds-form-element__label slds-assistive-text" for=${id}>Value of condition ${index + 1}</label>
      <div class="slds-form-element__control">${control}</div>
      ${error ? html`<div class="slds-form-element__help" id="${id}-error">${error}</div>` : nothing}
    </div>`;
  const aria = { invalid: error ? 'true' : 'false', describedBy: error ? `${id}-error` : nothing };
  if (shape === 'list' && choices) {
    const selected = valueAsList(condition.value);
    return frame(
      html`<select
        class="slds-select pd-authoring__multi"
        id=${id}
        data-testid=${id}
        multiple
        aria-invalid=${aria.invalid}
        aria-describedby=${aria.describedBy}
        @change=${(e: Event) => set([...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value))}
      >
        ${choices.map((choice) => html`<option value=${choice.value} ?selected=${selected.includes(choice.value)}>${choice.label}</option>`)}
      </select>`,
    );
  }
  if (choices) {
    return frame(
      html`<div class="slds-select_container">
        <select
          class="slds-select"
          id=${id}
          data-testid=${id}
          aria-invalid=${aria.invalid}
          aria-describedby=${aria.describedBy}
          .value=${live(valueAsText(condition.value))}
          @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${condition.value === undefined}>— Choose —</option>
          ${choices.map((choice) => html`<option value=${choice.value} ?selected=${valueAsText(condition.value) === choice.value}>${choice.label}</option>`)}
        </select>
      </div>`,
    );
  }
  const kind = field?.kind ?? 'text';
  const type =
    shape === 'single' && kind === 'number'
      ? 'number'
      : shape === 'single' && kind === 'date'
        ? 'date'
        : shape === 'single' && kind === 'datetime'
          ? 'datetime-local'
          : 'text';
  const shown = type === 'datetime-local' ? datetimeLocalValue(condition.value) : valueAsText(condition.value);
  return frame(
    html`<input
      class="slds-input"
      id=${id}
      data-testid=${id}
      type=${type}
      step=${type === 'number' ? 'any' : nothing}
      placeholder=${shape === 'list' ? 'Comma-separated values' : nothing}
      .value=${live(shown)}
      aria-invalid=${aria.invalid}
      aria-describedby=${aria.describedBy}
      @change=${(e: Event) => set((e.target as HTMLInputElement).value)}
    />`,
  );
}

export function renderConditions(host: RuleEditorHost, rule: Rule) {
  const fields = conditionFields(host.meta, rule.runOn.kind);
  const logic = rule.filterLogic;
  const logicCheck = logic.kind === 'custom' ? checkFilterLogic(logic.expression, rule.conditions.length) : null;
  const logicError = host.err('filterLogic.expression') ?? (logicCheck && !logicCheck.ok ? logicCheck.error.message : undefined);
  return html`<section class="pd-authoring__section" aria-labelledby="conditions-title" data-testid="conditions">
    <h3 class="slds-text-heading_small" id="conditions-title">Conditions</h3>
    ${
      rule.conditions.length === 0
        ? html`<p class="slds-text-color_weak">No conditions: the rule runs on every matching event.</p>`
        : // Column headers for the eye; each control keeps its own label ("Field of condition 1") for screen readers.
          html`<div class="pd-authoring__row pd-authoring__row-headers" aria-hidden="true" data-testid="condition-headers">
            <span>#</span><span>Field</span><span>Operator</span><span>Value</span><span></span>
          </div>`
    }
    ${rule.conditions.map((condition, index) => {
      const field = fields.find((f) => f.key === condition.field);
      return html`<div class="pd-authoring__row" data-testid="condition-row">
        <span class="pd-authoring__row-number">${index + 1}</span>
        ${selectField({
          id: `condition-${index}-field`,
          label: `Field of condition ${index + 1}`,
          hideLabel: true,
          value: condition.field,
          options: fields.map((f) => ({ value: f.key, label: f.label })),
          emptyLabel: '— Field —',
          testId: `condition-${index}-field`,
          error: host.err(`conditions[${index}].field`),
          onChange: (value) => {
            const next = fields.find((f) => f.key === value);
            const operator = next?.operators.some((op) => op.name === condition.operator) ? condition.operator : (next?.operators[0]?.name ?? '');
            setCondition(host, index, { field: value, operator });
          },
        })}
        ${selectField({
          id: `condition-${index}-operator`,
          label: `Operator of condition ${index + 1}`,
          hideLabel: true,
          value: condition.operator,
          options: (field?.operators ?? []).map((op) => ({ value: op.name, label: op.label })),
          emptyLabel: '— Operator —',
          testId: `condition-${index}-operator`,
          error: host.err(`conditions[${index}].operator`),
          onChange: (value) => {
            const shape = field?.operators.find((op) => op.name === value)?.value;
            const { value: old, ...rest } = condition;
            const keep =
              shape === 'none' ? undefined : shape === 'list' ? (old === undefined ? undefined : valueAsList(old)) : Array.isArray(old) ? old[0] : old;
            setCondition(host, index, keep === undefined ? { ...rest, operator: value } : { ...rest, operator: value, value: keep });
          },
        })}
        ${renderValueInput(host, index, condition, field)}
        <button
          class="slds-button slds-button_neutral"
          type="button"
          data-testid="condition-${index}-remove"
          @click=${() => host.changeDraft((r) => ({ ...r, conditions: r.conditions.filter((_, i) => i !== index) }), 'conditions')}
        >
          Remove<span class="slds-assistive-text"> condition ${index + 1}</span>
        </button>
      </div>`;
    })}
    <button
      class="slds-button slds-button_neutral"
      type="button"
      data-testid="add-condition"
      @click=${() => host.changeDraft((r) => ({ ...r, conditions: [...r.conditions, { field: '', operator: '' }] }))}
    >
      Add Condition
    </button>
    <fieldset class="slds-form-element slds-m-top_small">
      <legend class="slds-form-element__legend slds-form-element__label">Filter logic</legend>
      <div class="slds-form-element__control">
        ${(
          [
            ['all', 'All conditions are met (AND)'],
            ['any', 'Any condition is met (OR)'],
            ['custom', 'Custom logic'],
          ] as const
        ).map(
          ([kind, label]) =>
            html`<span class="slds-radio">
              <input
                type="radio"
                id="logic-${kind}"
                name="filter-logic"
                data-testid="logic-${kind}"
                .checked=${live(logic.kind === kind)}
                @change=${() =>
                  host.changeDraft(
                    (r) => ({ ...r, filterLogic: kind === 'custom' ? { kind, expression: r.conditions.map((_, i) => i + 1).join(' AND ') || '1' } : { kind } }),
                    'filterLogic',
                  )}
              />
              <label class="slds-radio__label" for="logic-${kind}"
                ><span class="slds-radio_faux"></span><span class="slds-form-element__label">${label}</span></label
              >
            </span>`,
        )}
      </div>
    </fieldset>
    ${
      logic.kind === 'custom'
        ? html`<div class="slds-form-element ${logicError ? 'slds-has-error' : ''}">
            <label class="slds-form-element__label" for="logic-expression">Custom logic</label>
            <div class="slds-form-element__control">
              <input
                class="slds-input"
                id="logic-expression"
                data-testid="logic-expression"
                .value=${live(logic.expression)}
                aria-invalid=${logicError ? 'true' : 'false'}
                aria-describedby="logic-expression-help"
                @input=${(e: InputEvent) => host.changeDraft((r) => ({ ...r, filterLogic: { kind: 'custom', expression: (e.target as HTMLInputElement).value } }), 'filterLogic')}
              />
            </div>
            <div class="slds-form-element__help ${logicError ? '' : 'slds-text-color_weak'}" id="logic-expression-help" data-testid="logic-expression-help">
              ${logicError ?? 'Condition numbers with AND, OR, NOT and parentheses, e.g. 1 AND (2 OR 3).'}
            </div>
          </div>`
        : nothing
    }
  </section>`;
}
