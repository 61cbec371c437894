/**
 * The forms of the Case-rule actions on the linked incident (issue 16): escalate to a level,
 * snooze for a duration, resolve with a resolution note, add responders (users and escalation
 * policies as pills, with a message), publish a status update, start an incident workflow (from
 * the account's workflows), set the conference bridge. Text inputs take Case-field templates.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { MAX_ESCALATION_LEVEL, type Action } from '../../../../rules';
import type { RuleEditorHost } from './editorHost';
import { numberInput, pdSelect, setAction, strip, textInput } from './actionInputs';
import { responderPicker } from '../responder-picker/responderPicker';
import { DURATION_UNITS, durationMinutes, splitDuration, type DurationUnit } from '../durationFormat';
import { warningNotice } from '../../../components/authoring/authoringUi';

type LinkedIncidentAction = Extract<
  Action,
  {
    type:
      | 'escalate_incident'
      | 'snooze_incident'
      | 'resolve_incident'
      | 'add_responders'
      | 'publish_status_update'
      | 'start_incident_workflow'
      | 'set_conference_bridge';
  }
>;

const CASE_TEMPLATE_HELP = 'Case fields in {{…}} become their values (Insert a field…), e.g. {{Case.CaseNumber}}.';

export function renderLinkedIncidentAction(host: RuleEditorHost, index: number, action: LinkedIncidentAction): TemplateResult {
  const pd = host.meta.pagerduty;
  const set = (next: Action) => setAction(host, index, next);
  switch (action.type) {
    case 'escalate_incident':
      return numberInput(host, index, 'level', 'Escalation level', action.level, (level) => set({ ...action, level }), {
        min: 1,
        max: MAX_ESCALATION_LEVEL,
        help: `The level of the incident's escalation policy to escalate to: 1 is its first rule, at most ${MAX_ESCALATION_LEVEL}.`,
      });
    case 'snooze_incident':
      return snoozeInput(host, index, action.durationMinutes, (durationMinutes) => set({ ...action, durationMinutes }));
    case 'resolve_incident':
      return textInput(
        host,
        index,
        'resolution',
        'Resolution note (optional)',
        action.resolution,
        (v) => set(strip({ ...action, resolution: v || undefined })),
        {
          multiline: true,
          help: `Added to the incident's Resolve log entry. ${CASE_TEMPLATE_HELP}`,
          template: 'case',
        },
      );
    case 'add_responders':
      return html`${responderPicker({
        idPrefix: `action-${index}-responders`,
        targets: action,
        lists: pd,
        error: responderErrors(host, index, action),
        onChange: (next) => set(next),
      })}
      ${textInput(host, index, 'message', 'Message to responders', action.message, (message) => set({ ...action, message }), {
        multiline: true,
        required: true,
        help: `PagerDuty sends it with the request to respond. ${CASE_TEMPLATE_HELP}`,
        template: 'case',
      })}`;
    case 'publish_status_update':
      return textInput(host, index, 'message', 'Status update', action.message, (message) => set({ ...action, message }), {
        multiline: true,
        required: true,
        help: `Published on the incident to its stakeholders. ${CASE_TEMPLATE_HELP}`,
        template: 'case',
      });
    case 'start_incident_workflow':
      return html`${pd && pd.incidentWorkflows.length === 0 ? warningNotice('This PagerDuty account has no incident workflows to start.') : nothing}
      ${pdSelect(host, index, 'workflowId', 'Workflow', action.workflowId || undefined, pd?.incidentWorkflows, (v) => set({ ...action, workflowId: v ?? '' }), true)}`;
    case 'set_conference_bridge':
      return html`${textInput(
        host,
        index,
        'conferenceNumber',
        'Conference number',
        action.conferenceNumber,
        (v) => set(strip({ ...action, conferenceNumber: v || undefined })),
        { help: 'Dial-in number, e.g. +1 555 0100,,1234#. Enter a number, a URL or both.', template: 'case', error: host.err(`actions[${index}]`) },
      )}
      ${textInput(host, index, 'conferenceUrl', 'Conference URL', action.conferenceUrl, (v) => set(strip({ ...action, conferenceUrl: v || undefined })), {
        help: 'Meeting link starting with https://, or a template that renders one.',
        template: 'case',
      })}`;
  }
}

/**
 * The server's problems with an action's responders, wherever it put them: the whole action
 * ("Choose at least one…"), a list, or one id of it (`userIds[1]`: PagerDuty has no such user).
 */
function responderErrors(host: RuleEditorHost, index: number, action: Extract<Action, { type: 'add_responders' }>): string | undefined {
  const at = `actions[${index}]`;
  const paths = [
    at,
    `${at}.userIds`,
    `${at}.escalationPolicyIds`,
    ...(action.userIds ?? []).map((_, k) => `${at}.userIds[${k}]`),
    ...(action.escalationPolicyIds ?? []).map((_, k) => `${at}.escalationPolicyIds[${k}]`),
  ];
  const messages = paths.map((path) => host.err(path)).filter((message): message is string => message !== undefined);
  return messages.length > 0 ? messages.join('; ') : undefined;
}

/**
 * "Snooze for": an amount and a unit (minutes, hours, days), stored as whole minutes. The unit
 * shown is the largest that keeps the amount whole, so 120 minutes reads "2 hours".
 */
function snoozeInput(host: RuleEditorHost, index: number, minutes: number, onChange: (minutes: number) => void): TemplateResult {
  const id = `action-${index}-durationMinutes`;
  const error = host.err(`actions[${index}].durationMinutes`);
  const { amount, unit } = splitDuration(minutes);
  // Each control's change reads the other's current value (both belong to this form's light DOM).
  const readUnit = () => {
    const select = document.getElementById(`${id}-unit`);
    return select instanceof HTMLSelectElement ? (select.value as DurationUnit) : unit;
  };
  const amountInput = () => document.getElementById(id);
  return html`<fieldset class="slds-form-element ${error ? 'slds-has-error' : ''}">
    <legend class="slds-form-element__legend slds-form-element__label"><abbr class="slds-required" title="required">* </abbr>Snooze for</legend>
    <div class="slds-form-element__control pd-authoring__duration">
      <label class="slds-assistive-text" for=${id}>Snooze for (amount)</label>
      <input
        class="slds-input"
        id=${id}
        data-testid=${id}
        type="number"
        min="1"
        step="1"
        required
        .value=${live(String(amount))}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${id}-help${error ? ` ${id}-error` : ''}"
        @change=${(e: Event) => onChange(durationMinutes((e.target as HTMLInputElement).value, readUnit()))}
      />
      <label class="slds-assistive-text" for="${id}-unit">Snooze for (unit)</label>
      <div class="slds-select_container">
        <select
          class="slds-select"
          id="${id}-unit"
          data-testid="${id}-unit"
          .value=${live(unit)}
          @change=${(e: Event) => {
            const input = amountInput();
            onChange(durationMinutes(input instanceof HTMLInputElement ? input.value : String(amount), (e.target as HTMLSelectElement).value as DurationUnit));
          }}
        >
          ${DURATION_UNITS.map((entry) => html`<option value=${entry.unit} ?selected=${entry.unit === unit}>${entry.label}</option>`)}
        </select>
      </div>
    </div>
    <div class="slds-form-element__help slds-text-color_weak" id="${id}-help">PagerDuty re-triggers the incident when the snooze ends; at most 7 days.</div>
    ${error ? html`<div class="slds-form-element__help" id="${id}-error" data-testid="${id}-error">${error}</div>` : nothing}
  </fieldset>`;
}
