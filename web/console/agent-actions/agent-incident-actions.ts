import { LitElement, html, nothing } from 'lit';
import type { AgentActionsReply, AgentIncident } from '../../../contracts/agent';
import type { AgentApi, IncidentActionName } from '../api/agentApi';
import { INCIDENT_ACTION_LABELS, actionHasChoices, allowedIncidentActions, incidentActionBody } from './agentActionForms';
import { ActionSubmission } from './actionSubmission';
import { URGENCY_OPTIONS, assigneeOptions, choiceOptions, formValues, selectField, submitButton, textAreaField } from './fields';

/**
 * The action menu of one linked incident: the agent picks an action the admin allows (a native
 * select: keyboard and screen readers know it), fills its short form and sends it. Fires
 * `pd-agent-action-done` once PagerDuty has it.
 */
export class PdAgentIncidentActions extends LitElement {
  static override properties = { api: { attribute: false }, choices: { attribute: false }, incident: { attribute: false }, action: { state: true } };

  declare api: AgentApi;
  declare choices: AgentActionsReply;
  declare incident: AgentIncident;
  declare private action: IncidentActionName | '';

  private readonly submission = new ActionSubmission(this);

  constructor() {
    super();
    this.action = '';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get offered(): IncidentActionName[] {
    return allowedIncidentActions(this.choices.allowedActions).filter((action) => actionHasChoices(action, this.choices));
  }

  private readonly handleChoose = (event: Event): void => {
    this.action = (event.currentTarget as HTMLSelectElement).value as IncidentActionName | '';
    this.submission.error = null;
  };

  private readonly handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const { action } = this;
    if (!action) return;
    const body = incidentActionBody(action, formValues(event.currentTarget as HTMLFormElement));
    if (await this.submission.run((key) => this.api.actOnIncident(action, this.incident.id, body, key))) this.action = '';
  };

  private fieldsOf(action: IncidentActionName) {
    const id = (name: string) => `pd-act-${this.incident.id}-${name}`;
    const { users, escalationPolicies, priorities, workflows } = this.choices;
    switch (action) {
      case 'addNote':
        return textAreaField(id('note'), 'Note', 'content', '', { required: true });
      case 'postStatusUpdate':
        return textAreaField(id('status-update'), 'Status update (customers may read it)', 'message', '', { required: true });
      case 'reassign':
        return selectField(id('assignee'), 'Reassign to', 'assignee', assigneeOptions(users, escalationPolicies), null);
      case 'changePriority':
        return selectField(id('priority'), 'Priority', 'priorityId', choiceOptions(priorities), null);
      case 'changeUrgency':
        return selectField(id('urgency'), 'Urgency', 'urgency', URGENCY_OPTIONS, this.incident.urgency);
      case 'addResponders':
        return html`${selectField(id('responder'), 'Responder', 'responder', assigneeOptions(users, escalationPolicies), null)}
        ${textAreaField(id('responder-message'), 'Message', 'message', '', { rows: 2 })}`;
      case 'startWorkflow':
        return selectField(id('workflow'), 'Workflow', 'workflowId', choiceOptions(workflows), null);
      case 'resolve':
        return textAreaField(id('resolution'), 'Resolution note', 'note', '', { required: true });
      case 'unlinkIncident':
        return html`<p class="slds-m-bottom_x-small">The incident stays open in PagerDuty; only this Case stops following it.</p>`;
    }
  }

  override render() {
    const offered = this.offered;
    if (offered.length === 0) return nothing;
    const number = `#${this.incident.number ?? this.incident.id}`;
    const { action } = this;
    return html`<div class="slds-form-element slds-m-top_small">
        <label class="slds-form-element__label" for=${`pd-act-${this.incident.id}`}>Action on incident ${number}</label>
        <div class="slds-form-element__control">
          <div class="slds-select_container">
            <select class="slds-select" id=${`pd-act-${this.incident.id}`} @change=${this.handleChoose}>
              <option value="" ?selected=${action === ''}>Choose an action…</option>
              ${offered.map((name) => html`<option value=${name} ?selected=${action === name}>${INCIDENT_ACTION_LABELS[name]}</option>`)}
            </select>
          </div>
        </div>
      </div>
      ${
        action
          ? html`<form
              class="slds-form slds-m-top_x-small"
              aria-label=${`${INCIDENT_ACTION_LABELS[action]} on incident ${number}`}
              @submit=${this.handleSubmit}
            >
              ${this.fieldsOf(action)} ${this.submission.renderError()} ${submitButton(INCIDENT_ACTION_LABELS[action], this.submission.busy)}
            </form>`
          : nothing
      }`;
  }
}

customElements.define('pd-agent-incident-actions', PdAgentIncidentActions);

declare global {
  interface HTMLElementTagNameMap {
    'pd-agent-incident-actions': PdAgentIncidentActions;
  }
}
