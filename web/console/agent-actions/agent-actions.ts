import { LitElement, html, nothing } from 'lit';
import { Task } from '@lit/task';
import type { AgentActionReply, AgentActionsReply, AgentIncident } from '../../../contracts/agent';
import { messageOf } from '../../api/apiError';
import { utilityIcon } from '../../icons/icons';
import type { AgentApi } from '../api/agentApi';
import { AgentActionDoneEvent } from './actionSubmission';
import './agent-create-incident';
import './agent-incident-actions';
import './agent-link-incident';

type CasePanel = 'create' | 'link' | null;

/**
 * What an agent may do from the Command Console, below the Case's incidents: "Create incident"
 * and "Link to an incident" while none is linked, and each linked incident's action menu. Only
 * the actions the admin allows appear (GET /api/agent/actions); each answer is said above the
 * forms, and the `pd-agent-action-done` event bubbles on to the console, which reloads the Case.
 *
 * Properties: `api` (the page's AgentApi), `incidents` (the Case's linked incidents).
 */
export class PdAgentActions extends LitElement {
  static override properties = { api: { attribute: false }, incidents: { attribute: false }, panel: { state: true }, notice: { state: true } };

  declare api: AgentApi;
  declare incidents: AgentIncident[];
  declare private panel: CasePanel;
  declare private notice: AgentActionReply | null;

  private readonly choicesTask = new Task(this, {
    task: (_args, { signal }) => this.api.getActions(signal),
    args: () => [],
  });

  constructor() {
    super();
    this.incidents = [];
    this.panel = null;
    this.notice = null;
    this.addEventListener(AgentActionDoneEvent.type, (event) => {
      this.notice = event.reply;
      this.panel = null;
    });
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Opens (or closes) a panel; an opened one takes the focus, so a keyboard user lands in its first field. */
  private async toggle(panel: CasePanel): Promise<void> {
    this.panel = this.panel === panel ? null : panel;
    this.notice = null;
    if (!this.panel) return;
    await this.updateComplete;
    await this.querySelector<LitElement>('#pd-case-action-panel > *')?.updateComplete;
    this.querySelector<HTMLElement>('#pd-case-action-panel select, #pd-case-action-panel input')?.focus();
  }

  private renderNotice() {
    if (!this.notice) return nothing;
    const tone = this.notice.status === 'done' ? 'slds-theme_success' : 'slds-theme_info';
    return html`<div class="slds-notify slds-notify_alert ${tone} slds-m-bottom_x-small" role="status">
      <h2>${utilityIcon(this.notice.status === 'done' ? 'success' : 'info', 'slds-icon slds-icon_x-small slds-m-right_x-small')}${this.notice.message}</h2>
    </div>`;
  }

  private renderCaseActions(choices: AgentActionsReply) {
    const canCreate = choices.allowedActions.includes('createIncident') && choices.services.length > 0;
    const canLink = choices.allowedActions.includes('linkIncident');
    if (!canCreate && !canLink) return nothing;
    const button = (panel: Exclude<CasePanel, null>, label: string) =>
      html`<button
        class="slds-button ${this.panel === panel ? 'slds-button_brand' : 'slds-button_neutral'}"
        type="button"
        aria-expanded=${this.panel === panel ? 'true' : 'false'}
        aria-controls="pd-case-action-panel"
        @click=${() => void this.toggle(panel)}
      >
        ${label}
      </button>`;
    return html`<div class="slds-button-group" role="group" aria-label="Incident for this Case">
        ${canCreate ? button('create', 'Create incident') : nothing} ${canLink ? button('link', 'Link to an incident') : nothing}
      </div>
      <div id="pd-case-action-panel" class="slds-m-top_small">
        ${this.panel === 'create' && canCreate ? html`<pd-agent-create-incident .api=${this.api} .choices=${choices}></pd-agent-create-incident>` : nothing}
        ${this.panel === 'link' && canLink ? html`<pd-agent-link-incident .api=${this.api}></pd-agent-link-incident>` : nothing}
      </div>`;
  }

  private renderActions(choices: AgentActionsReply) {
    return html`${this.renderNotice()}
    ${
      this.incidents.length === 0
        ? this.renderCaseActions(choices)
        : this.incidents.map(
            (incident) => html`<pd-agent-incident-actions .api=${this.api} .choices=${choices} .incident=${incident}></pd-agent-incident-actions>`,
          )
    }`;
  }

  override render() {
    return html`<section class="slds-m-top_small" aria-label="PagerDuty actions">
      ${this.choicesTask.render({
        initial: () => nothing,
        pending: () =>
          this.choicesTask.value ? this.renderActions(this.choicesTask.value) : html`<p class="slds-text-color_weak" role="status">Loading the actions…</p>`,
        error: (error) =>
          html`<div class="slds-notify slds-notify_alert slds-alert_warning" role="alert">
              <h2>${utilityIcon('warning', 'slds-icon slds-icon_x-small slds-m-right_x-small')}The actions are not available: ${messageOf(error)}</h2>
            </div>
            <button class="slds-button slds-button_neutral slds-m-top_x-small" type="button" @click=${() => void this.choicesTask.run()}>Try again</button>`,
        complete: (choices) => this.renderActions(choices),
      })}
    </section>`;
  }
}

customElements.define('pd-agent-actions', PdAgentActions);

declare global {
  interface HTMLElementTagNameMap {
    'pd-agent-actions': PdAgentActions;
  }
}
