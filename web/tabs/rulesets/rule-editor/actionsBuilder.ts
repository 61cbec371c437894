/**
 * The rule editor's actions builder: the action types of the rule's side, each with its inputs
 * (PagerDuty pickers, templates, Case field/value pairs; Create Case lists the required fields).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Action, CaseFieldValue, Rule } from '../../../../rules';
import type { CaseFieldMetadata } from '../../../../contracts/authoring';
import type { RuleEditorHost } from './editorHost';
import { fieldPicker, pdSelect, setAction, strip, textInput } from './actionInputs';
import { renderLinkedIncidentAction } from './linkedIncidentActions';
import { ACTION_LABELS, actionTypesFor, caseValueFields, isListedValue, isPicklistField, missingRequiredFields, newAction, renameKey } from '../ruleDraft';
import { selectField, warningNotice } from '../../../components/authoring/authoringUi';

/** Case field types whose action values are text, where any template goes. */
const TEXT_TEMPLATE_TYPES: ReadonlySet<string> = new Set(['string', 'textarea', 'email', 'phone', 'url']);

function urgencySelect(host: RuleEditorHost, index: number, value: 'high' | 'low' | undefined, onChange: (v: 'high' | 'low' | undefined) => void) {
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
    error: host.err(`actions[${index}].urgency`),
    onChange: (v) => onChange((v || undefined) as 'high' | 'low' | undefined),
  });
}

function renderCaseValues(host: RuleEditorHost, index: number, action: Extract<Action, { type: 'set_case_fields' | 'create_case' }>) {
  const writable = caseValueFields(host.meta, action.type);
  const byName = new Map(host.meta.caseFields.map((field) => [field.name, field]));
  const missing = action.type === 'create_case' ? missingRequiredFields(action.values, host.meta) : [];
  const required = host.meta.caseFields.filter((field) => field.requiredForCreate);
  const setValues = (values: Record<string, CaseFieldValue>) => setAction(host, index, { ...action, values });
  const valueInput = (name: string, value: CaseFieldValue, field: CaseFieldMetadata | undefined, row: number) => {
    const id = `action-${index}-value-${row}`;
    const error = host.err(`actions[${index}].values.${name}`);
    const label = html`<label class="slds-form-element__label slds-assistive-text" for=${id}>Value for ${field?.label ?? name}</label>`;
    const set = (v: CaseFieldValue) => setValues({ ...action.values, [name]: v });
    let control: TemplateResult;
    if (field?.type === 'boolean') {
      control = html`<div class="slds-select_container">
        <select
          class="slds-select"
          id=${id}
          data-testid=${id}
          .value=${live(String(value))}
          @change=${(e: Event) => set((e.target as HTMLSelectElement).value === 'true')}
        >
          <option value="true" ?selected=${value === true}>True</option>
          <option value="false" ?selected=${value !== true}>False</option>
        </select>
      </div>`;
    } else if (field && ['int', 'double', 'currency', 'percent'].includes(field.type)) {
      control = html`<input
        class="slds-input"
        id=${id}
        data-testid=${id}
        type="number"
        step="any"
        .value=${live(value === null ? '' : String(value))}
        @change=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          set(raw === '' ? null : Number(raw));
        }}
      />`;
    } else if (field && isPicklistField(field)) {
      control = picklistValueControl(host, `${index}:${name}`, id, field, value, set);
    } else {
      const text = value === null ? '' : String(value);
      control = html`<input
          class="slds-input"
          id=${id}
          data-testid=${id}
          .value=${live(text)}
          @input=${(e: InputEvent) => set((e.target as HTMLInputElement).value)}
        />
        ${field && TEXT_TEMPLATE_TYPES.has(field.type) ? fieldPicker(host, id, 'incident', text, set) : nothing}`;
    }
    return html`<div class="slds-form-element ${error ? 'slds-has-error' : ''}">
      ${label}
      <div class="slds-form-element__control">${control}</div>
      ${error ? html`<div class="slds-form-element__help">${error}</div>` : nothing}
    </div>`;
  };
  return html`${
      action.type === 'create_case'
        ? html`<p class="slds-text-body_small slds-m-bottom_x-small" data-testid="action-${index}-required">
              ${
                required.length === 0
                  ? 'Salesforce requires no Case fields beyond its defaults; set the ones your org needs.'
                  : `Required by Salesforce: ${required.map((f) => f.label).join(', ')}.`
              }
            </p>
            ${missing.length ? html`<div class="slds-text-color_error slds-m-bottom_x-small" role="alert" data-testid="action-${index}-missing">Set the required fields: ${missing.map((f) => f.label).join(', ')}</div>` : nothing}`
        : nothing
    }
    ${host.err(`actions[${index}].values`) ? html`<div class="slds-text-color_error">${host.err(`actions[${index}].values`)}</div>` : nothing}
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
          onChange: (v) => {
            const renamed = renameKey(action.values, name, v);
            // Another field starts blank: a Status value means nothing to Priority.
            if (renamed !== action.values) renamed[v] = byName.get(v)?.type === 'boolean' ? false : '';
            setValues(renamed);
          },
        })}
        ${valueInput(name, value, field, row)}
        <button
          class="slds-button slds-button_neutral"
          type="button"
          ?disabled=${field?.requiredForCreate && action.type === 'create_case'}
          @click=${() => setValues(Object.fromEntries(Object.entries(action.values).filter(([key]) => key !== name)))}
        >
          Remove<span class="slds-assistive-text"> ${field?.label ?? name}</span>
        </button>
      </div>`;
    })}
    <button
      class="slds-button slds-button_neutral"
      type="button"
      data-testid="action-${index}-add-field"
      @click=${() => {
        const next = writable.find((f) => !(f.name in action.values));
        if (next) setValues({ ...action.values, [next.name]: next.type === 'boolean' ? false : '' });
      }}
    >
      Add Field
    </button>
    <p class="slds-text-body_small slds-text-color_weak">
      Text values may use incident fields (Insert a field…), e.g. {{incident.number}} or {{incident.html_url}}; a blank one renders as its fallback:
      {{incident.agent_name | default: "PagerDuty"}}.
    </p>`;
}

/**
 * A picklist field's value in an action: the live describe's values in an SLDS select (several
 * for a multi-select picklist, stored "A;B"), or a text box for a template such as
 * {{incident.priority_name}} or a value off the list, which the model allows; a link switches.
 */
function picklistValueControl(
  host: RuleEditorHost,
  key: string,
  id: string,
  field: CaseFieldMetadata,
  value: CaseFieldValue,
  set: (value: CaseFieldValue) => void,
): TemplateResult {
  const text = value === null ? '' : String(value);
  const free = host.freeText(key) ?? !isListedValue(field, value);
  const toggle = (on: boolean) =>
    html`<button
      class="slds-button slds-text-body_small"
      type="button"
      data-testid="${id}-${on ? 'template' : 'list'}"
      @click=${() => {
        host.setFreeText(key, on);
        if (!on && !isListedValue(field, value)) set('');
      }}
    >
      ${on ? 'Use a template or another value' : `Choose from the ${field.label} values`}
    </button>`;
  if (free) {
    return html`<input
        class="slds-input"
        id=${id}
        data-testid=${id}
        placeholder="A value or a template, e.g. {{incident.status}}"
        .value=${live(text)}
        @input=${(e: InputEvent) => set((e.target as HTMLInputElement).value)}
      />
      ${fieldPicker(host, id, 'incident', text, set)} ${toggle(false)}`;
  }
  if (field.type === 'multipicklist') {
    const selected = new Set(text.split(';').map((part) => part.trim()));
    return html`<select
        class="slds-select pd-authoring__multi"
        id=${id}
        data-testid=${id}
        multiple
        @change=${(e: Event) => set([...(e.target as HTMLSelectElement).selectedOptions].map((option) => option.value).join(';'))}
      >
        ${field.picklistValues.map((option) => html`<option value=${option} ?selected=${selected.has(option)}>${option}</option>`)}
      </select>
      ${toggle(true)}`;
  }
  return html`<div class="slds-select_container">
      <select class="slds-select" id=${id} data-testid=${id} .value=${live(text)} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${text === ''}>— Choose —</option>
        ${field.picklistValues.map((option) => html`<option value=${option} ?selected=${option === text}>${option}</option>`)}
      </select>
    </div>
    ${toggle(true)}`;
}

function renderActionBody(host: RuleEditorHost, index: number, action: Action) {
  const pd = host.meta.pagerduty;
  switch (action.type) {
    case 'create_incident':
      return html`${pdSelect(host, index, 'serviceId', 'Service', action.serviceId, pd?.services, (v) => setAction(host, index, { ...action, serviceId: v ?? '' }), true)}
      ${urgencySelect(host, index, action.urgency, (v) => setAction(host, index, strip({ ...action, urgency: v })))}
      ${pdSelect(host, index, 'priorityId', 'Priority', action.priorityId, pd?.priorities, (v) => setAction(host, index, strip({ ...action, priorityId: v })))}
      ${pdSelect(host, index, 'escalationPolicyId', 'Escalation policy', action.escalationPolicyId, pd?.escalationPolicies, (v) => setAction(host, index, strip({ ...action, escalationPolicyId: v })))}
      ${textInput(host, index, 'title', 'Title override (optional)', action.title, (v) => setAction(host, index, strip({ ...action, title: v || undefined })), {
        help: 'Empty: the Incident Title Field from OBJECT MAPPINGS. Case fields in {{…}} become their values, e.g. {{Case.CaseNumber}}.',
        template: 'case',
      })}
      ${textInput(
        host,
        index,
        'details',
        'Details override (optional)',
        action.details,
        (v) => setAction(host, index, strip({ ...action, details: v || undefined })),
        {
          multiline: true,
          template: 'case',
        },
      )}`;
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
        error: host.err(`actions[${index}].status`) ?? host.err(`actions[${index}]`),
        onChange: (v) => setAction(host, index, strip({ ...action, status: (v || undefined) as 'acknowledged' | 'resolved' | undefined })),
      })}
      ${
        pd
          ? html`<div class="slds-form-element">
              <label class="slds-form-element__label" for="action-${index}-assignees">Reassign to</label>
              <div class="slds-form-element__control">
                <select
                  class="slds-select pd-authoring__multi"
                  id="action-${index}-assignees"
                  data-testid="action-${index}-assignees"
                  multiple
                  @change=${(e: Event) => {
                    const ids = [...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value);
                    setAction(host, index, strip({ ...action, assignToUserIds: ids.length ? ids : undefined }));
                  }}
                >
                  ${pd.users.map((user) => html`<option value=${user.id} ?selected=${action.assignToUserIds?.includes(user.id) ?? false}>${user.name}</option>`)}
                </select>
              </div>
            </div>`
          : nothing
      }
      ${pdSelect(host, index, 'escalationPolicyId', 'Escalation policy', action.escalationPolicyId, pd?.escalationPolicies, (v) => setAction(host, index, strip({ ...action, escalationPolicyId: v })))}
      ${pdSelect(host, index, 'priorityId', 'Priority', action.priorityId, pd?.priorities, (v) => setAction(host, index, strip({ ...action, priorityId: v })))}
      ${urgencySelect(host, index, action.urgency, (v) => setAction(host, index, strip({ ...action, urgency: v })))}`;
    case 'add_note':
      return textInput(host, index, 'content', 'Note', action.content, (v) => setAction(host, index, { ...action, content: v }), {
        multiline: true,
        help: `Case fields in {{…}} become their values; a blank one its fallback: {{Case.Subject | default: "(no subject)"}}.`,
        template: 'case',
      });
    case 'add_case_comment':
      return html`${textInput(host, index, 'body', 'Comment', action.body, (v) => setAction(host, index, { ...action, body: v }), {
          multiline: true,
          help: `Incident fields in {{…}} become their values; a blank one its fallback: {{incident.agent_name | default: "PagerDuty"}}.`,
          template: 'incident',
        })}
        <div class="slds-form-element slds-m-top_x-small">
          <div class="slds-form-element__control">
            <div class="slds-checkbox">
              <input
                type="checkbox"
                id="action-${index}-published"
                .checked=${live(action.isPublished ?? false)}
                @change=${(e: Event) => setAction(host, index, { ...action, isPublished: (e.target as HTMLInputElement).checked })}
              />
              <label class="slds-checkbox__label" for="action-${index}-published"
                ><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">Public comment</span></label
              >
            </div>
          </div>
        </div>`;
    case 'set_case_fields':
    case 'create_case':
      return renderCaseValues(host, index, action);
    default:
      return renderLinkedIncidentAction(host, index, action);
  }
}

export function renderActions(host: RuleEditorHost, rule: Rule) {
  const types = actionTypesFor(rule.runOn);
  return html`<section class="pd-authoring__section" aria-labelledby="actions-title" data-testid="actions">
    <h3 class="slds-text-heading_small" id="actions-title">Actions</h3>
    ${host.meta.pagerdutyProblem ? warningNotice(`PagerDuty lists are unavailable (${host.meta.pagerdutyProblem}); enter PagerDuty ids instead.`) : nothing}
    ${rule.actions.map(
      (action, index) =>
        html`<div class="pd-authoring__box" data-testid="action-box">
          <div class="slds-grid slds-grid_align-spread slds-grid_vertical-align-end">
            ${selectField({
              id: `action-${index}-type`,
              label: `Action ${index + 1}`,
              value: action.type,
              options: types.map((type) => ({ value: type, label: ACTION_LABELS[type] })),
              testId: `action-${index}-type`,
              error: host.err(`actions[${index}].type`),
              onChange: (v) => setAction(host, index, newAction(v as Action['type'], host.meta)),
            })}
            <button
              class="slds-button slds-button_neutral"
              type="button"
              data-testid="action-${index}-remove"
              @click=${() => host.changeDraft((r) => ({ ...r, actions: r.actions.filter((_, i) => i !== index) }), 'actions')}
            >
              Remove<span class="slds-assistive-text"> action ${index + 1}</span>
            </button>
          </div>
          ${renderActionBody(host, index, action)}
        </div>`,
    )}
    <button
      class="slds-button slds-button_neutral"
      type="button"
      data-testid="add-action"
      @click=${() => host.changeDraft((r) => ({ ...r, actions: [...r.actions, newAction(types[0] as Action['type'], host.meta)] }))}
    >
      Add Action
    </button>
  </section>`;
}
