import { LitElement, html } from 'lit';
import type { AgentActionsReply } from '../../../contracts/agent';
import type { AgentApi } from '../api/agentApi';
import { createIncidentBody } from './agentActionForms';
import { ActionSubmission } from './actionSubmission';
import { URGENCY_OPTIONS, assigneeOptions, choiceOptions, formValues, selectField, submitButton, textAreaField, textField } from './fields';

/**
 * "Create incident" for this Case: service, title, details, urgency and priority, prefilled as
 * the engine would fill them from OBJECT MAPPINGS (GET /api/agent/actions). Fires
 * `pd-agent-action-done` once PagerDuty has it.
 */
export class PdAgentCreateIncident extends LitElement {
  static override properties = { api: { attribute: false }, choices: { attribute: false } };

  declare api: AgentApi;
  declare choices: AgentActionsReply;

  private readonly submission = new ActionSubmission(this);

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private readonly handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const body = createIncidentBody(formValues(event.currentTarget as HTMLFormElement));
    void this.submission.run((key) => this.api.createIncident(body, key));
  };

  override render() {
    const { prefill, services, priorities, users, escalationPolicies } = this.choices;
    return html`<form class="slds-form" aria-label="Create a PagerDuty incident" @submit=${this.handleSubmit}>
      ${selectField('pd-create-service', 'Service', 'serviceId', choiceOptions(services), prefill.serviceId)}
      ${textField('pd-create-title', 'Title', 'title', prefill.title, { required: true })}
      ${textAreaField('pd-create-details', 'Details', 'details', prefill.details, { rows: 4 })}
      <div class="slds-grid slds-gutters_x-small">
        <div class="slds-col">${selectField('pd-create-urgency', 'Urgency', 'urgency', URGENCY_OPTIONS, prefill.urgency)}</div>
        ${
          priorities.length
            ? html`<div class="slds-col">
                ${selectField('pd-create-priority', 'Priority', 'priorityId', choiceOptions(priorities), prefill.priorityId, 'No priority')}
              </div>`
            : ''
        }
      </div>
      ${
        users.length || escalationPolicies.length
          ? selectField('pd-create-responder', 'Also ask to respond (optional)', 'responder', assigneeOptions(users, escalationPolicies), null, 'Nobody else')
          : ''
      }
      ${this.submission.renderError()}
      <div class="slds-m-top_x-small">${submitButton('Create incident', this.submission.busy)}</div>
    </form>`;
  }
}

customElements.define('pd-agent-create-incident', PdAgentCreateIncident);

declare global {
  interface HTMLElementTagNameMap {
    'pd-agent-create-incident': PdAgentCreateIncident;
  }
}
