import { LitElement, html, nothing } from 'lit';
import type { AgentIncidentMatch } from '../../../contracts/agent';
import { messageOf } from '../../api/apiError';
import type { AgentApi } from '../api/agentApi';
import { ActionSubmission } from './actionSubmission';
import { formValues } from './fields';

/**
 * "Link to an incident": search PagerDuty's open incidents by number or title, then link this
 * Case to one. Fires `pd-agent-action-done` once linked.
 */
export class PdAgentLinkIncident extends LitElement {
  static override properties = { api: { attribute: false }, found: { state: true }, searching: { state: true }, searchError: { state: true } };

  declare api: AgentApi;
  declare private found: AgentIncidentMatch[] | undefined;
  declare private searching: boolean;
  declare private searchError: string | null;

  private readonly submission = new ActionSubmission(this);

  constructor() {
    super();
    this.searching = false;
    this.searchError = null;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private readonly handleSearch = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const q = (formValues(event.currentTarget as HTMLFormElement).q ?? '').trim();
    if (!q) {
      this.searchError = 'Enter an incident number or words of its title.';
      return;
    }
    this.searching = true;
    this.searchError = null;
    try {
      this.found = (await this.api.searchIncidents(q)).incidents;
    } catch (error) {
      this.searchError = messageOf(error);
    } finally {
      this.searching = false;
    }
  };

  private link(incident: AgentIncidentMatch): void {
    void this.submission.run((key) => this.api.linkIncident(incident.id, key));
  }

  private renderMatches() {
    if (this.found === undefined) return nothing;
    if (this.found.length === 0) return html`<p class="slds-text-color_weak slds-m-top_x-small" role="status">No open incident matches.</p>`;
    return html`<ul class="slds-has-dividers_top-space slds-m-top_x-small" aria-label="Matching incidents">
      ${this.found.map(
        (incident) =>
          html`<li class="slds-item slds-grid slds-grid_vertical-align-center">
            <div class="slds-col slds-truncate" title=${incident.title}>
              #${incident.number ?? incident.id} ${incident.title}
              <span class="slds-text-color_weak">· ${incident.status}${incident.service ? ` · ${incident.service}` : ''}</span>
            </div>
            <button
              class="slds-button slds-button_neutral slds-col_bump-left"
              type="button"
              ?disabled=${this.submission.busy}
              aria-label=${`Link incident #${incident.number ?? incident.id}`}
              @click=${() => this.link(incident)}
            >
              Link
            </button>
          </li>`,
      )}
    </ul>`;
  }

  override render() {
    return html`<form class="slds-form" role="search" aria-label="Search incidents to link" @submit=${this.handleSearch}>
        <div class="slds-form-element">
          <label class="slds-form-element__label" for="pd-link-search">Incident number or title</label>
          <div class="slds-form-element__control slds-grid">
            <input class="slds-input slds-col" id="pd-link-search" name="q" type="search" />
            <button class="slds-button slds-button_neutral slds-m-left_x-small" type="submit" ?disabled=${this.searching}>
              ${this.searching ? 'Searching…' : 'Search'}
            </button>
          </div>
        </div>
      </form>
      ${this.searchError ? html`<div class="slds-notify slds-notify_alert slds-alert_error slds-m-top_x-small" role="alert"><h2>${this.searchError}</h2></div>` : nothing}
      ${this.renderMatches()} ${this.submission.renderError()}`;
  }
}

customElements.define('pd-agent-link-incident', PdAgentLinkIncident);

declare global {
  interface HTMLElementTagNameMap {
    'pd-agent-link-incident': PdAgentLinkIncident;
  }
}
