import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  checkFilterLogic,
  INCIDENT_EVENT_TYPES,
  type Action,
  type CaseFieldValue,
  type Condition,
  type IncidentEventType,
  type Rule,
  type Ruleset,
} from '../../rules';
import type { CaseFieldMetadata } from '../../server/http/contracts/authoring';
import { ApiError, messageOf } from '../api/apiError';
import { apiContext, toastContext } from '../state/context';
import { AuthoringApi } from './authoringApi';
import {
  ACTION_LABELS,
  actionTypesFor,
  caseValueFields,
  choicesFor,
  conditionFields,
  conditionValueFrom,
  datetimeLocalValue,
  errorsForRule,
  missingRequiredFields,
  newAction,
  renameKey,
  valueAsList,
  valueAsText,
  type EditorMetadata,
  type FieldOption,
} from './ruleDraft';
import { selectField, warningNotice } from './ui';
import './rule-test-panel';

const CASE_ON_LABELS = { create: 'When a Case is created', update: 'When a Case is updated', both: 'When a Case is created or updated' } as const;

/**
 * `<pd-rule-editor>`: one rule: name, "Run rule on", numbered conditions (field, operator by
 * type, value input by type), filter logic (All / Any / Custom, parsed as you type), actions by
 * run-on with PagerDuty and Case pickers, "Stop processing", Save (PUT of the whole ruleset;
 * a 400's paths land on their inputs) and the "Test this rule" panel.
 *
 * @fires pd-ruleset-saved - CustomEvent<Ruleset>: the ruleset as the server stored it
 */
export class PdRuleEditor extends LitElement {
  static override properties = {
    ruleset: { attribute: false },
    ruleIndex: { attribute: false },
    meta: { attribute: false },
    draft: { state: true },
    errors: { state: true },
    otherErrors: { state: true },
    saving: { state: true },
  };

  declare ruleset: Ruleset;
  declare ruleIndex: number;
  declare meta: EditorMetadata;
  declare private draft: Rule | undefined;
  declare private errors: Map<string, string>;
  declare private otherErrors: { path: string; message: string }[];
  declare private saving: boolean;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly toasts = new ContextConsumer(this, { context: toastContext });

  constructor() {
    super();
    this.ruleIndex = 0;
    this.draft = undefined;
    this.errors = new Map();
    this.otherErrors = [];
    this.saving = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('ruleset') || changed.has('ruleIndex')) && (!this.draft || this.draft.id !== this.saved()?.id)) {
      this.draft = structuredClone(this.saved());
    }
  }

  private saved(): Rule | undefined {
    return this.ruleset?.rules[this.ruleIndex];
  }

  private get dirty(): boolean {
    return JSON.stringify(this.draft) !== JSON.stringify(this.saved());
  }

  private changeDraft(change: (rule: Rule) => Rule, clear?: string): void {
    if (!this.draft) return;
    this.draft = change(this.draft);
    if (clear !== undefined) {
      const rest = new Map([...this.errors].filter(([path]) => !path.startsWith(clear)));
      if (rest.size !== this.errors.size) this.errors = rest;
    }
  }

  private err(path: string): string | undefined {
    return this.errors.get(path);
  }

  // ── run on ──────────────────────────────────────────────────────────────────────────────────
  private setRunKind(kind: 'case' | 'incident'): void {
    this.changeDraft((rule) => {
      if (rule.runOn.kind === kind) return rule;
      // Conditions and actions belong to one side: switching sides starts them afresh.
      return {
        ...rule,
        runOn: kind === 'case' ? { kind: 'case', on: 'both' } : { kind: 'incident', events: ['incident.triggered'] },
        conditions: [],
        filterLogic: { kind: 'all' },
        actions: [],
      };
    }, '');
  }

  private renderRunOn(rule: Rule) {
    const runOn = rule.runOn;
    return html`<fieldset class="slds-form-element pd-authoring__section" data-testid="run-on">
      <legend class="slds-form-element__legend slds-form-element__label">Run rule on</legend>
      <div class="slds-form-element__control">
        ${(['case', 'incident'] as const).map(
          (kind) => html`<span class="slds-radio">
            <input type="radio" id="run-on-${kind}" name="run-on" value=${kind} .checked=${live(runOn.kind === kind)} data-testid="run-on-${kind}"
              @change=${() => this.setRunKind(kind)} />
            <label class="slds-radio__label" for="run-on-${kind}">
              <span class="slds-radio_faux"></span>
              <span class="slds-form-element__label">${kind === 'case' ? 'Case create or update' : 'PagerDuty incident create or update'}</span>
            </label>
          </span>`,
        )}
      </div>
      ${runOn.kind === 'case'
        ? selectField({
            id: 'run-on-case-change',
            label: 'Case change',
            value: runOn.on,
            options: (['create', 'update', 'both'] as const).map((on) => ({ value: on, label: CASE_ON_LABELS[on] })),
            error: this.err('runOn.on'),
            onChange: (value) => this.changeDraft((r) => ({ ...r, runOn: { kind: 'case', on: value as 'create' | 'update' | 'both' } }), 'runOn'),
          })
        : html`<fieldset class="slds-form-element slds-m-top_x-small ${this.err('runOn.events') ? 'slds-has-error' : ''}">
            <legend class="slds-form-element__legend slds-form-element__label">PagerDuty events</legend>
            <div class="slds-form-element__control pd-authoring__checks">
              ${INCIDENT_EVENT_TYPES.map((eventType) => {
                const id = `event-${eventType.replace('.', '-')}`;
                return html`<div class="slds-checkbox">
                  <input type="checkbox" id=${id} data-testid=${id} .checked=${live(runOn.events.includes(eventType))}
                    @change=${(e: Event) => {
                      const on = (e.target as HTMLInputElement).checked;
                      this.changeDraft((r) => {
                        const events = r.runOn.kind === 'incident' ? r.runOn.events : [];
                        const next = on ? [...events, eventType] : events.filter((x) => x !== eventType);
                        return { ...r, runOn: { kind: 'incident', events: INCIDENT_EVENT_TYPES.filter((t) => next.includes(t)) as IncidentEventType[] } };
                      }, 'runOn');
                    }} />
                  <label class="slds-checkbox__label" for=${id}><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">${eventType}</span></label>
                </div>`;
              })}
            </div>
            ${this.err('runOn.events') ? html`<div class="slds-form-element__help">${this.err('runOn.events')}</div>` : nothing}
          </fieldset>`}
    </fieldset>`;
  }

  // ── conditions ──────────────────────────────────────────────────────────────────────────────
  private setCondition(index: number, condition: Condition): void {
    this.changeDraft((rule) => ({ ...rule, conditions: rule.conditions.map((c, i) => (i === index ? condition : c)) }), `conditions[${index}]`);
  }

  private renderValueInput(index: number, condition: Condition, field: FieldOption | undefined): TemplateResult | typeof nothing {
    const id = `condition-${index}-value`;
    const operator = field?.operators.find((op) => op.name === condition.operator);
    const shape = operator?.value ?? 'single';
    const error = this.err(`conditions[${index}].value`);
    if (shape === 'none') return html`<div></div>`;
    const choices = field ? choicesFor(field, this.meta) : null;
    const set = (raw: string | string[]) => {
      const value = conditionValueFrom(field?.kind ?? 'text', shape, raw);
      const { value: _old, ...rest } = condition;
      this.setCondition(index, value === undefined ? rest : { ...rest, value });
    };
    const frame = (control: TemplateResult) => html`<div class="slds-form-element ${error ? 'slds-has-error' : ''}">
      <label class="slds-form-element__label slds-assistive-text" for=${id}>Value of condition ${index + 1}</label>
      <div class="slds-form-element__control">${control}</div>
      ${error ? html`<div class="slds-form-element__help" id="${id}-error">${error}</div>` : nothing}
    </div>`;
    const aria = { invalid: error ? 'true' : 'false', describedBy: error ? `${id}-error` : nothing };
    if (shape === 'list' && choices) {
      const selected = valueAsList(condition.value);
      return frame(html`<select class="slds-select pd-authoring__multi" id=${id} data-testid=${id} multiple aria-invalid=${aria.invalid} aria-describedby=${aria.describedBy}
        @change=${(e: Event) => set([...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value))}>
        ${choices.map((choice) => html`<option value=${choice.value} ?selected=${selected.includes(choice.value)}>${choice.label}</option>`)}
      </select>`);
    }
    if (choices) {
      return frame(html`<div class="slds-select_container"><select class="slds-select" id=${id} data-testid=${id} aria-invalid=${aria.invalid} aria-describedby=${aria.describedBy}
        .value=${live(valueAsText(condition.value))} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${condition.value === undefined}>— Choose —</option>
        ${choices.map((choice) => html`<option value=${choice.value} ?selected=${valueAsText(condition.value) === choice.value}>${choice.label}</option>`)}
      </select></div>`);
    }
    const kind = field?.kind ?? 'text';
    const type = shape === 'single' && kind === 'number' ? 'number' : shape === 'single' && kind === 'date' ? 'date' : shape === 'single' && kind === 'datetime' ? 'datetime-local' : 'text';
    const shown = type === 'datetime-local' ? datetimeLocalValue(condition.value) : valueAsText(condition.value);
    return frame(html`<input class="slds-input" id=${id} data-testid=${id} type=${type} step=${type === 'number' ? 'any' : nothing}
      placeholder=${shape === 'list' ? 'Comma-separated values' : nothing} .value=${live(shown)} aria-invalid=${aria.invalid} aria-describedby=${aria.describedBy}
      @change=${(e: Event) => set((e.target as HTMLInputElement).value)} />`);
  }

  private renderConditions(rule: Rule) {
    const fields = conditionFields(this.meta, rule.runOn.kind);
    const logic = rule.filterLogic;
    const logicCheck = logic.kind === 'custom' ? checkFilterLogic(logic.expression, rule.conditions.length) : null;
    const logicError = this.err('filterLogic.expression') ?? (logicCheck && !logicCheck.ok ? logicCheck.error.message : undefined);
    return html`<section class="pd-authoring__section" aria-labelledby="conditions-title" data-testid="conditions">
      <h3 class="slds-text-heading_small" id="conditions-title">Conditions</h3>
      ${rule.conditions.length === 0 ? html`<p class="slds-text-color_weak">No conditions: the rule runs on every matching event.</p>` : nothing}
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
            error: this.err(`conditions[${index}].field`),
            onChange: (value) => {
              const next = fields.find((f) => f.key === value);
              const operator = next?.operators.some((op) => op.name === condition.operator) ? condition.operator : (next?.operators[0]?.name ?? '');
              this.setCondition(index, { field: value, operator });
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
            error: this.err(`conditions[${index}].operator`),
            onChange: (value) => {
              const shape = field?.operators.find((op) => op.name === value)?.value;
              const { value: old, ...rest } = condition;
              const keep = shape === 'none' ? undefined : shape === 'list' ? (old === undefined ? undefined : valueAsList(old)) : Array.isArray(old) ? old[0] : old;
              this.setCondition(index, keep === undefined ? { ...rest, operator: value } : { ...rest, operator: value, value: keep });
            },
          })}
          ${this.renderValueInput(index, condition, field)}
          <button class="slds-button slds-button_neutral" type="button" data-testid="condition-${index}-remove"
            @click=${() => this.changeDraft((r) => ({ ...r, conditions: r.conditions.filter((_, i) => i !== index) }), 'conditions')}>
            Remove<span class="slds-assistive-text"> condition ${index + 1}</span>
          </button>
        </div>`;
      })}
      <button class="slds-button slds-button_neutral" type="button" data-testid="add-condition"
        @click=${() => this.changeDraft((r) => ({ ...r, conditions: [...r.conditions, { field: '', operator: '' }] }))}>Add Condition</button>
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
            ([kind, label]) => html`<span class="slds-radio">
              <input type="radio" id="logic-${kind}" name="filter-logic" data-testid="logic-${kind}" .checked=${live(logic.kind === kind)}
                @change=${() =>
                  this.changeDraft(
                    (r) => ({ ...r, filterLogic: kind === 'custom' ? { kind, expression: r.conditions.map((_, i) => i + 1).join(' AND ') || '1' } : { kind } }),
                    'filterLogic',
                  )} />
              <label class="slds-radio__label" for="logic-${kind}"><span class="slds-radio_faux"></span><span class="slds-form-element__label">${label}</span></label>
            </span>`,
          )}
        </div>
      </fieldset>
      ${logic.kind === 'custom'
        ? html`<div class="slds-form-element ${logicError ? 'slds-has-error' : ''}">
            <label class="slds-form-element__label" for="logic-expression">Custom logic</label>
            <div class="slds-form-element__control">
              <input class="slds-input" id="logic-expression" data-testid="logic-expression" .value=${live(logic.expression)}
                aria-invalid=${logicError ? 'true' : 'false'} aria-describedby="logic-expression-help"
                @input=${(e: InputEvent) => this.changeDraft((r) => ({ ...r, filterLogic: { kind: 'custom', expression: (e.target as HTMLInputElement).value } }), 'filterLogic')} />
            </div>
            <div class="slds-form-element__help ${logicError ? '' : 'slds-text-color_weak'}" id="logic-expression-help" data-testid="logic-expression-help">
              ${logicError ?? 'Condition numbers with AND, OR, NOT and parentheses, e.g. 1 AND (2 OR 3).'}
            </div>
          </div>`
        : nothing}
    </section>`;
  }

  // ── actions ─────────────────────────────────────────────────────────────────────────────────
  private setAction(index: number, action: Action): void {
    this.changeDraft((rule) => ({ ...rule, actions: rule.actions.map((a, i) => (i === index ? action : a)) }), `actions[${index}]`);
  }

  private pdSelect(index: number, key: string, label: string, value: string | undefined, items: { id: string; name: string }[] | undefined, onChange: (v: string | undefined) => void, required = false) {
    const id = `action-${index}-${key}`;
    const error = this.err(`actions[${index}].${key}`);
    if (!items) {
      return html`<div class="slds-form-element ${error ? 'slds-has-error' : ''}">
        <label class="slds-form-element__label" for=${id}>${label} (PagerDuty id)</label>
        <div class="slds-form-element__control"><input class="slds-input" id=${id} data-testid=${id} .value=${live(value ?? '')}
          @change=${(e: Event) => onChange((e.target as HTMLInputElement).value.trim() || undefined)} /></div>
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

  private textInput(index: number, key: string, label: string, value: string | undefined, onChange: (v: string) => void, options: { multiline?: boolean; help?: string } = {}) {
    const id = `action-${index}-${key}`;
    const error = this.err(`actions[${index}].${key}`);
    const describedBy = [options.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
    const handler = (e: Event) => onChange((e.target as HTMLInputElement | HTMLTextAreaElement).value);
    return html`<div class="slds-form-element ${error ? 'slds-has-error' : ''}">
      <label class="slds-form-element__label" for=${id}>${label}</label>
      <div class="slds-form-element__control">
        ${options.multiline
          ? html`<textarea class="slds-textarea" id=${id} data-testid=${id} .value=${live(value ?? '')} aria-describedby=${describedBy} @input=${handler}></textarea>`
          : html`<input class="slds-input" id=${id} data-testid=${id} .value=${live(value ?? '')} aria-describedby=${describedBy} @input=${handler} />`}
      </div>
      ${options.help ? html`<div class="slds-form-element__help slds-text-color_weak" id="${id}-help">${options.help}</div>` : nothing}
      ${error ? html`<div class="slds-form-element__help" id="${id}-error">${error}</div>` : nothing}
    </div>`;
  }

  private urgencySelect(index: number, value: 'high' | 'low' | undefined, onChange: (v: 'high' | 'low' | undefined) => void) {
    return selectField({
      id: `action-${index}-urgency`,
      label: 'Urgency',
      value: value ?? '',
      options: [
        { value: 'high', label: 'High' },
        { value: 'low', label: 'Low' },
      ],
      emptyLabel: '— Service default —',
      testId: `action-${index}-urgency`,
      error: this.err(`actions[${index}].urgency`),
      onChange: (v) => onChange((v || undefined) as 'high' | 'low' | undefined),
    });
  }

  private renderCaseValues(index: number, action: Extract<Action, { type: 'set_case_fields' | 'create_case' }>) {
    const writable = caseValueFields(this.meta, action.type);
    const byName = new Map(this.meta.caseFields.map((field) => [field.name, field]));
    const missing = action.type === 'create_case' ? missingRequiredFields(action.values, this.meta) : [];
    const required = this.meta.caseFields.filter((field) => field.requiredForCreate);
    const setValues = (values: Record<string, CaseFieldValue>) => this.setAction(index, { ...action, values });
    const valueInput = (name: string, value: CaseFieldValue, field: CaseFieldMetadata | undefined, row: number) => {
      const id = `action-${index}-value-${row}`;
      const error = this.err(`actions[${index}].values.${name}`);
      const label = html`<label class="slds-form-element__label slds-assistive-text" for=${id}>Value for ${field?.label ?? name}</label>`;
      const set = (v: CaseFieldValue) => setValues({ ...action.values, [name]: v });
      let control: TemplateResult;
      if (field?.type === 'boolean') {
        control = html`<div class="slds-select_container"><select class="slds-select" id=${id} data-testid=${id} .value=${live(String(value))}
          @change=${(e: Event) => set((e.target as HTMLSelectElement).value === 'true')}>
          <option value="true" ?selected=${value === true}>True</option><option value="false" ?selected=${value !== true}>False</option></select></div>`;
      } else if (field && ['int', 'double', 'currency', 'percent'].includes(field.type)) {
        control = html`<input class="slds-input" id=${id} data-testid=${id} type="number" step="any" .value=${live(value === null ? '' : String(value))}
          @change=${(e: Event) => {
            const raw = (e.target as HTMLInputElement).value;
            set(raw === '' ? null : Number(raw));
          }} />`;
      } else {
        control = html`<input class="slds-input" id=${id} data-testid=${id} list=${field?.picklistValues.length ? `${id}-values` : nothing}
          .value=${live(value === null ? '' : String(value))} @input=${(e: InputEvent) => set((e.target as HTMLInputElement).value)} />
          ${field?.picklistValues.length ? html`<datalist id="${id}-values">${field.picklistValues.map((v) => html`<option value=${v}></option>`)}</datalist>` : nothing}`;
      }
      return html`<div class="slds-form-element ${error ? 'slds-has-error' : ''}">${label}<div class="slds-form-element__control">${control}</div>
        ${error ? html`<div class="slds-form-element__help">${error}</div>` : nothing}</div>`;
    };
    return html`${action.type === 'create_case'
        ? html`<p class="slds-text-body_small slds-m-bottom_x-small" data-testid="action-${index}-required">
            ${required.length === 0
              ? 'Salesforce requires no Case fields beyond its defaults; set the ones your org needs.'
              : `Required by Salesforce: ${required.map((f) => f.label).join(', ')}.`}
          </p>
          ${missing.length ? html`<div class="slds-text-color_error slds-m-bottom_x-small" role="alert" data-testid="action-${index}-missing">Set the required fields: ${missing.map((f) => f.label).join(', ')}</div>` : nothing}`
        : nothing}
      ${this.err(`actions[${index}].values`) ? html`<div class="slds-text-color_error">${this.err(`actions[${index}].values`)}</div>` : nothing}
      ${Object.entries(action.values).map(([name, value], row) => {
        const field = byName.get(name);
        return html`<div class="pd-authoring__pair" data-testid="action-${index}-pair">
          ${selectField({
            id: `action-${index}-field-${row}`,
            label: `Case field ${row + 1}`,
            hideLabel: true,
            value: name,
            options: writable.filter((f) => f.name === name || !(f.name in action.values)).map((f) => ({ value: f.name, label: `${f.label} (${f.name})` })),
            testId: `action-${index}-field-${row}`,
            onChange: (v) => setValues(renameKey(action.values, name, v)),
          })}
          ${valueInput(name, value, field, row)}
          <button class="slds-button slds-button_neutral" type="button" ?disabled=${field?.requiredForCreate && action.type === 'create_case'}
            @click=${() => setValues(Object.fromEntries(Object.entries(action.values).filter(([key]) => key !== name)))}>
            Remove<span class="slds-assistive-text"> ${field?.label ?? name}</span></button>
        </div>`;
      })}
      <button class="slds-button slds-button_neutral" type="button" data-testid="action-${index}-add-field"
        @click=${() => {
          const next = writable.find((f) => !(f.name in action.values));
          if (next) setValues({ ...action.values, [next.name]: next.type === 'boolean' ? false : '' });
        }}>Add Field</button>
      <p class="slds-text-body_small slds-text-color_weak">Text values may use {{incident.title}}, {{incident.html_url}} and other incident fields.</p>`;
  }

  private renderActionBody(index: number, action: Action) {
    const pd = this.meta.pagerduty;
    switch (action.type) {
      case 'create_incident':
        return html`${this.pdSelect(index, 'serviceId', 'Service', action.serviceId, pd?.services, (v) => this.setAction(index, { ...action, serviceId: v ?? '' }), true)}
          ${this.urgencySelect(index, action.urgency, (v) => this.setAction(index, strip({ ...action, urgency: v })))}
          ${this.pdSelect(index, 'priorityId', 'Priority', action.priorityId, pd?.priorities, (v) => this.setAction(index, strip({ ...action, priorityId: v })))}
          ${this.pdSelect(index, 'escalationPolicyId', 'Escalation policy', action.escalationPolicyId, pd?.escalationPolicies, (v) => this.setAction(index, strip({ ...action, escalationPolicyId: v })))}
          ${this.textInput(index, 'title', 'Title override (optional)', action.title, (v) => this.setAction(index, strip({ ...action, title: v || undefined })), {
            help: 'Empty: the Incident Title Field from OBJECT MAPPINGS. Templates such as {{Case.CaseNumber}} work here.',
          })}
          ${this.textInput(index, 'details', 'Details override (optional)', action.details, (v) => this.setAction(index, strip({ ...action, details: v || undefined })), { multiline: true })}`;
      case 'update_incident':
        return html`${selectField({
            id: `action-${index}-status`,
            label: 'Status',
            value: action.status ?? '',
            options: [
              { value: 'acknowledged', label: 'Acknowledge' },
              { value: 'resolved', label: 'Resolve' },
            ],
            emptyLabel: '— No change —',
            testId: `action-${index}-status`,
            error: this.err(`actions[${index}].status`) ?? this.err(`actions[${index}]`),
            onChange: (v) => this.setAction(index, strip({ ...action, status: (v || undefined) as 'acknowledged' | 'resolved' | undefined })),
          })}
          ${pd
            ? html`<div class="slds-form-element">
                <label class="slds-form-element__label" for="action-${index}-assignees">Reassign to</label>
                <div class="slds-form-element__control">
                  <select class="slds-select pd-authoring__multi" id="action-${index}-assignees" data-testid="action-${index}-assignees" multiple
                    @change=${(e: Event) => {
                      const ids = [...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value);
                      this.setAction(index, strip({ ...action, assignToUserIds: ids.length ? ids : undefined }));
                    }}>
                    ${pd.users.map((user) => html`<option value=${user.id} ?selected=${action.assignToUserIds?.includes(user.id) ?? false}>${user.name}</option>`)}
                  </select>
                </div>
              </div>`
            : nothing}
          ${this.pdSelect(index, 'escalationPolicyId', 'Escalation policy', action.escalationPolicyId, pd?.escalationPolicies, (v) => this.setAction(index, strip({ ...action, escalationPolicyId: v })))}
          ${this.pdSelect(index, 'priorityId', 'Priority', action.priorityId, pd?.priorities, (v) => this.setAction(index, strip({ ...action, priorityId: v })))}
          ${this.urgencySelect(index, action.urgency, (v) => this.setAction(index, strip({ ...action, urgency: v })))}`;
      case 'add_note':
        return this.textInput(index, 'content', 'Note', action.content, (v) => this.setAction(index, { ...action, content: v }), { multiline: true, help: 'Templates such as {{Case.Subject}} work here.' });
      case 'add_case_comment':
        return html`${this.textInput(index, 'body', 'Comment', action.body, (v) => this.setAction(index, { ...action, body: v }), { multiline: true, help: 'Templates such as {{incident.html_url}} work here.' })}
          <div class="slds-checkbox slds-m-top_x-small">
            <input type="checkbox" id="action-${index}-published" .checked=${live(action.isPublished ?? false)}
              @change=${(e: Event) => this.setAction(index, { ...action, isPublished: (e.target as HTMLInputElement).checked })} />
            <label class="slds-checkbox__label" for="action-${index}-published"><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">Public comment</span></label>
          </div>`;
      case 'set_case_fields':
      case 'create_case':
        return this.renderCaseValues(index, action);
    }
  }

  private renderActions(rule: Rule) {
    const types = actionTypesFor(rule.runOn);
    return html`<section class="pd-authoring__section" aria-labelledby="actions-title" data-testid="actions">
      <h3 class="slds-text-heading_small" id="actions-title">Actions</h3>
      ${this.meta.pagerdutyProblem ? warningNotice(`PagerDuty lists are unavailable (${this.meta.pagerdutyProblem}); enter PagerDuty ids instead.`) : nothing}
      ${rule.actions.map(
        (action, index) => html`<div class="pd-authoring__box" data-testid="action-box">
          <div class="slds-grid slds-grid_align-spread slds-grid_vertical-align-end">
            ${selectField({
              id: `action-${index}-type`,
              label: `Action ${index + 1}`,
              value: action.type,
              options: types.map((type) => ({ value: type, label: ACTION_LABELS[type] })),
              testId: `action-${index}-type`,
              error: this.err(`actions[${index}].type`),
              onChange: (v) => this.setAction(index, newAction(v as Action['type'], this.meta)),
            })}
            <button class="slds-button slds-button_neutral" type="button" data-testid="action-${index}-remove"
              @click=${() => this.changeDraft((r) => ({ ...r, actions: r.actions.filter((_, i) => i !== index) }), 'actions')}>
              Remove<span class="slds-assistive-text"> action ${index + 1}</span></button>
          </div>
          ${this.renderActionBody(index, action)}
        </div>`,
      )}
      <button class="slds-button slds-button_neutral" type="button" data-testid="add-action"
        @click=${() => this.changeDraft((r) => ({ ...r, actions: [...r.actions, newAction(types[0] as Action['type'], this.meta)] }))}>Add Action</button>
    </section>`;
  }

  // ── save ────────────────────────────────────────────────────────────────────────────────────
  private localProblems(rule: Rule): Map<string, string> {
    const problems = new Map<string, string>();
    rule.conditions.forEach((condition, index) => {
      if (!condition.field) problems.set(`conditions[${index}].field`, 'Choose a field');
      else if (!condition.operator) problems.set(`conditions[${index}].operator`, 'Choose an operator');
    });
    if (rule.filterLogic.kind === 'custom') {
      const check = checkFilterLogic(rule.filterLogic.expression, rule.conditions.length);
      if (!check.ok) problems.set('filterLogic.expression', check.error.message);
    }
    rule.actions.forEach((action, index) => {
      if (action.type === 'create_case') {
        const missing = missingRequiredFields(action.values, this.meta);
        if (missing.length) problems.set(`actions[${index}].values`, `Set the required fields: ${missing.map((f) => f.label).join(', ')}`);
      }
    });
    return problems;
  }

  private async handleSave(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const draft = this.draft;
    if (!draft || this.saving) return;
    const local = this.localProblems(draft);
    if (local.size > 0) {
      this.errors = local;
      await this.focusFirstError();
      return;
    }
    this.saving = true;
    try {
      const api = this.api.value;
      if (!api) throw new Error('The admin UI is not set up: reload the page.');
      const saved = await new AuthoringApi(api).saveRuleset({ ...this.ruleset, rules: this.ruleset.rules.map((rule, i) => (i === this.ruleIndex ? draft : rule)) });
      this.errors = new Map();
      this.otherErrors = [];
      this.ruleset = saved;
      this.draft = structuredClone(saved.rules[this.ruleIndex]);
      this.dispatchEvent(new CustomEvent<Ruleset>('pd-ruleset-saved', { detail: saved, bubbles: true }));
      this.toasts.value?.show({ variant: 'success', title: `Rule "${draft.name}" saved` });
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      const { own, others } = errorsForRule(fields, this.ruleIndex);
      this.errors = own;
      this.otherErrors = others;
      this.toasts.value?.show({ variant: 'error', title: 'Rule not saved', message: fields.length ? `${fields.length} problem(s): see the marked fields.` : messageOf(error) });
      await this.focusFirstError();
    } finally {
      this.saving = false;
    }
  }

  private async focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('[aria-invalid="true"], .slds-has-error input, .slds-has-error select')?.focus();
  }

  override render() {
    const rule = this.draft;
    if (!rule) return nothing;
    const errorList = [...this.errors.entries()].map(([path, message]) => ({ path, message })).concat(this.otherErrors);
    return html`<article class="slds-card slds-card_boundary" aria-labelledby="rule-editor-title" data-testid="rule-editor">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__body"><h2 class="slds-card__header-title" id="rule-editor-title">Rule: ${this.saved()?.name ?? rule.name}</h2></div>
          ${this.dirty ? html`<span class="slds-badge" data-testid="rule-unsaved">Unsaved changes</span>` : nothing}
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        <form novalidate @submit=${(e: SubmitEvent) => void this.handleSave(e)}>
          ${errorList.length
            ? html`<div class="slds-notify slds-notify_alert slds-alert_error" role="alert" data-testid="rule-errors">
                <div><strong>Fix these before saving:</strong>
                  <ul class="slds-list_dotted">${errorList.map((e) => html`<li>${e.path ? `${e.path}: ` : ''}${e.message}</li>`)}</ul></div>
              </div>`
            : nothing}
          <div class="slds-form-element ${this.err('name') ? 'slds-has-error' : ''}">
            <label class="slds-form-element__label" for="rule-name"><abbr class="slds-required" title="required">* </abbr>Rule name</label>
            <div class="slds-form-element__control">
              <input class="slds-input" id="rule-name" data-testid="rule-name" maxlength="80" .value=${live(rule.name)}
                aria-invalid=${this.err('name') ? 'true' : 'false'} @input=${(e: InputEvent) => this.changeDraft((r) => ({ ...r, name: (e.target as HTMLInputElement).value }), 'name')} />
            </div>
            ${this.err('name') ? html`<div class="slds-form-element__help">${this.err('name')}</div>` : nothing}
          </div>
          ${this.renderRunOn(rule)} ${this.renderConditions(rule)} ${this.renderActions(rule)}
          <div class="slds-checkbox pd-authoring__section">
            <input type="checkbox" id="rule-stop" data-testid="rule-stop" .checked=${live(rule.stopProcessing)}
              @change=${(e: Event) => this.changeDraft((r) => ({ ...r, stopProcessing: (e.target as HTMLInputElement).checked }))} />
            <label class="slds-checkbox__label" for="rule-stop"><span class="slds-checkbox_faux"></span>
              <span class="slds-form-element__label">Stop processing further rules in this ruleset when this rule matches</span></label>
          </div>
          <div class="pd-authoring__actions">
            <button class="slds-button slds-button_brand" type="submit" data-testid="rule-save" aria-busy=${this.saving ? 'true' : 'false'}>${this.saving ? 'Saving…' : 'Save Rule'}</button>
            <button class="slds-button slds-button_neutral" type="button" ?disabled=${!this.dirty}
              @click=${() => {
                this.draft = structuredClone(this.saved());
                this.errors = new Map();
                this.otherErrors = [];
              }}>Discard changes</button>
          </div>
        </form>
        <pd-rule-test-panel .rulesetId=${this.ruleset.id} .rule=${this.saved()} .dirty=${this.dirty}></pd-rule-test-panel>
      </div>
    </article>`;
  }
}

/** Drops keys whose value is undefined: optional action fields are absent, never undefined. */
function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

customElements.define('pd-rule-editor', PdRuleEditor);

declare global {
  interface HTMLElementTagNameMap {
    'pd-rule-editor': PdRuleEditor;
  }
}
