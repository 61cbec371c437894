import { LitElement, html, nothing } from 'lit';
import { Task } from '@lit/task';
import type { AgentCaseReply, AgentIncident } from '../../../contracts/agent';
import { messageOf } from '../../api/apiError';
import { formatDateTime } from '../../format/dateTime';
import { utilityIcon } from '../../icons/icons';
import { AgentApi } from '../api/agentApi';
import '../agent-actions/agent-actions';
import './case-timeline';

/** "Support Escalation · Level 2"; the policy alone when the level is unknown (never a guessed one). */
function escalationOf(incident: AgentIncident): string | null {
  if (incident.escalationPolicy === null) return null;
  return incident.escalationLevel === null ? incident.escalationPolicy : `${incident.escalationPolicy} · Level ${incident.escalationLevel}`;
}

/**
 * The Command Console on a Case record: the Case's linked PagerDuty incidents, read-only. Light
 * DOM (SLDS applies); its data comes from the agent API with the page's agent token.
 */
export class PdAgentConsole extends LitElement {
  /** Replaced by tests; the page's own token (renewed as it nears expiry) and fetch otherwise. */
  api = new AgentApi();

  private readonly caseTask = new Task(this, {
    task: (_args, { signal }) => this.api.getCase(signal),
    args: () => [],
  });

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private readonly retry = (): void => {
    void this.caseTask.run();
  };

  /** The timeline heard of a change: the incidents are read again, the last ones staying on screen meanwhile. */
  private readonly caseChanged = (): void => {
    void this.caseTask.run();
  };

  override disconnectedCallback(): void {
    this.api.token.stop();
    super.disconnectedCallback();
  }

  private renderLoading() {
    return html`<div class="slds-is-relative slds-p-around_large" role="status">
      <div class="slds-spinner slds-spinner_small slds-spinner_brand">
        <span class="slds-assistive-text">Loading the PagerDuty incidents of this Case</span>
        <div class="slds-spinner__dot-a"></div>
        <div class="slds-spinner__dot-b"></div>
      </div>
    </div>`;
  }

  private renderError(error: unknown) {
    return html`<div class="slds-notify slds-notify_alert slds-alert_error" role="alert">
        <h2>${utilityIcon('error', 'slds-icon slds-icon_x-small slds-m-right_x-small')}${messageOf(error)}</h2>
      </div>
      <div class="slds-p-around_small">
        <button class="slds-button slds-button_neutral" type="button" @click=${this.retry}>Try again</button>
      </div>`;
  }

  private renderIncident(incident: AgentIncident) {
    const field = (label: string, value: string | null) =>
      html`<dt class="slds-item_label slds-text-color_weak slds-truncate" title=${label}>${label}</dt>
        <dd class="slds-item_detail">${value ?? '—'}</dd>`;
    return html`<li class="slds-item" data-incident=${incident.id}>
      <article class="slds-tile">
        <h3 class="slds-tile__title slds-text-heading_small">
          ${
            incident.url
              ? html`<a href=${incident.url} target="_blank" rel="noopener noreferrer">#${incident.number ?? incident.id} ${incident.title}</a>`
              : html`#${incident.number ?? incident.id} ${incident.title}`
          }
        </h3>
        <div class="slds-tile__detail">
          <dl class="slds-list_horizontal slds-wrap">
            ${field('Status', incident.status)} ${field('Urgency', incident.urgency)} ${field('Priority', incident.priority)}
            ${field('Service', incident.service)} ${field('Assigned to', incident.assignees.join(', ') || null)}
            ${field('Escalation policy', escalationOf(incident))} ${field('Created', incident.createdAt && formatDateTime(incident.createdAt))}
            ${field('Acknowledged', incident.acknowledgedAt && formatDateTime(incident.acknowledgedAt))}
          </dl>
          ${
            incident.otherLinkedCases > 0
              ? html`<p class="slds-text-body_small slds-m-top_xx-small" data-testid="other-linked-cases">
                  Linked to ${incident.otherLinkedCases} other ${incident.otherLinkedCases === 1 ? 'Case' : 'Cases'}
                </p>`
              : nothing
          }
        </div>
      </article>
    </li>`;
  }

  private renderCase(reply: AgentCaseReply) {
    return html`<div class="slds-card__body slds-card__body_inner">
      ${
        reply.incidents.length
          ? html`<ul class="slds-has-dividers_bottom-space" aria-label="Linked PagerDuty incidents">
              ${reply.incidents.map((incident) => this.renderIncident(incident))}
            </ul>`
          : html`<p class="slds-text-color_weak">No PagerDuty incident is linked to this Case.</p>`
      }
      <pd-agent-actions .api=${this.api} .incidents=${reply.incidents} @pd-agent-action-done=${this.retry}></pd-agent-actions>
      <pd-case-timeline
        .api=${this.api}
        .incidentLabels=${new Map(reply.incidents.map((incident) => [incident.id, `#${incident.number ?? incident.id}`]))}
        @pd-case-changed=${this.caseChanged}
      ></pd-case-timeline>
    </div>`;
  }

  override render() {
    const reply = this.caseTask.value;
    return html`<article class="slds-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__body">
            <h1 class="slds-card__header-title slds-text-heading_small">
              PagerDuty incidents${reply?.case.number ? html` for Case ${reply.case.number}` : nothing}
            </h1>
          </div>
        </header>
      </div>
      ${this.caseTask.render({
        initial: () => this.renderLoading(),
        // A refresh after a change or an action keeps the incidents (the timeline's stream and the actions' state with them) on screen.
        pending: () => (reply ? this.renderCase(reply) : this.renderLoading()),
        error: (error) => this.renderError(error),
        complete: (value) => this.renderCase(value),
      })}
    </article>`;
  }
}

customElements.define('pd-agent-console', PdAgentConsole);
