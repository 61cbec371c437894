import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { StatusDashboardBusinessService, StatusDashboardIncident, StatusDashboardReply } from '../../../contracts/statusDashboard';
import { messageOf } from '../../api/apiError';
import type { StatusDashboardSource } from '../../api/statusDashboardApi';
import { formatDateTime } from '../../format/dateTime';
import { caseCount, customerSummary, timeOpen, utcTime } from './dashboardFormat';
import './status-dashboard.css';

/** How long the "Copied" confirmation stays. */
const COPIED_MS = 4_000;

/**
 * `<pd-status-dashboard>`: ongoing incidents linked to Cases and the business services they
 * impact, most severe first, with the latest status update of each, filters by service and
 * priority, each incident's linked Cases, and a customer-facing summary to copy. It takes its data
 * from `source` (StatusDashboardSource), so the admin app and an embedding page (the agents'
 * Canvas page) each pass their own caller; it refreshes when the source says the data changed.
 *
 * Light DOM (see web/README.md).
 */
export class PdStatusDashboard extends LitElement {
  static override properties = {
    source: { attribute: false },
    serviceId: { state: true },
    priorityId: { state: true },
    lastReply: { state: true },
    openCases: { state: true },
    copied: { state: true },
  };

  declare source: StatusDashboardSource | undefined;
  declare private serviceId: string;
  declare private priorityId: string;
  /** The last answer stays on screen while a refresh runs, so live updates do not flash. */
  declare private lastReply: StatusDashboardReply | undefined;
  /** Incidents whose list of linked Cases is open. */
  declare private openCases: ReadonlySet<string>;
  /** The incident whose summary was just copied, or the copy's failure. */
  declare private copied: { incidentId: string; ok: boolean; message: string } | undefined;

  private unsubscribe: (() => void) | undefined;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly dashboardTask = new Task(this, {
    task: async ([source, serviceId, priorityId], { signal }) => {
      if (!source) throw new Error('The dashboard has no data source.');
      const reply = await source.dashboard({ serviceId: serviceId || undefined, priorityId: priorityId || undefined }, signal);
      this.lastReply = reply;
      return reply;
    },
    args: () => [this.source, this.serviceId, this.priorityId] as const,
  });

  constructor() {
    super();
    this.source = undefined;
    this.serviceId = '';
    this.priorityId = '';
    this.lastReply = undefined;
    this.openCases = new Set();
    this.copied = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribe();
  }

  override disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.copiedTimer);
    this.dashboardTask.abort();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source')) this.subscribe();
  }

  private subscribe(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.source && this.isConnected ? this.source.subscribe(this.refresh) : undefined;
  }

  /** A change arrived: one refresh at a time; one running already reads the new state. */
  private readonly refresh = (): void => {
    if (this.dashboardTask.status !== TaskStatus.PENDING) void this.dashboardTask.run();
  };

  private toggleCases(incidentId: string): void {
    const next = new Set(this.openCases);
    if (!next.delete(incidentId)) next.add(incidentId);
    this.openCases = next;
  }

  private async copySummary(incident: StatusDashboardIncident): Promise<void> {
    const text = customerSummary(incident);
    try {
      await navigator.clipboard.writeText(text);
      this.copied = { incidentId: incident.id, ok: true, message: 'Customer summary copied' };
    } catch (error) {
      this.copied = { incidentId: incident.id, ok: false, message: `Could not copy (${messageOf(error)}): select the update and copy it by hand.` };
    }
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => (this.copied = undefined), COPIED_MS);
  }

  override render() {
    return html`<article class="slds-card pd-status-dashboard">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__body">
            <h2 class="slds-card__header-title slds-text-heading_small">Status Dashboard</h2>
            <p class="slds-text-body_small slds-text-color_weak">Ongoing incidents linked to Cases, most severe first · updates live</p>
          </div>
        </header>
        <span class="pd-status-dashboard__busy" role="status">
          ${this.dashboardTask.status === TaskStatus.PENDING && this.lastReply ? spinner('Refreshing the dashboard') : nothing}
        </span>
      </div>
      <div class="slds-card__body slds-card__body_inner">${this.renderFilters()}${this.renderState()}</div>
    </article>`;
  }

  private renderState() {
    return this.dashboardTask.render({
      initial: () => html`<p class="slds-text-color_weak" data-testid="status-dashboard-initial">Connecting to the dashboard…</p>`,
      pending: () =>
        this.lastReply ? this.renderReply(this.lastReply) : html`<div class="pd-status-dashboard__loading">${spinner('Loading the ongoing incidents')}</div>`,
      complete: (reply) => this.renderReply(reply),
      error: (error) =>
        html`<div class="slds-notify slds-notify_alert slds-alert_error" role="alert" data-testid="status-dashboard-error">
            <h2>The dashboard could not be loaded: ${messageOf(error)}</h2>
            <button class="slds-button slds-button_inverse pd-status-dashboard__retry" @click=${this.refresh}>Try again</button>
          </div>
          ${
            this.lastReply
              ? html`<p class="slds-text-color_weak slds-m-top_small">Showing the data from ${formatDateTime(this.lastReply.generatedAt)}.</p>
                  ${this.renderReply(this.lastReply)}`
              : nothing
          }`,
    });
  }

  private renderFilters() {
    const options = this.lastReply?.options ?? { services: [], priorities: [] };
    return html`<div class="slds-grid slds-wrap slds-gutters_direct-x-small slds-m-bottom_small" role="search">
      <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-form-element">
        <label class="slds-form-element__label" for="pd-status-dashboard-service">Service</label>
        <div class="slds-form-element__control">
          <div class="slds-select_container">
            <select
              class="slds-select"
              id="pd-status-dashboard-service"
              data-testid="status-dashboard-service"
              @change=${(event: Event) => (this.serviceId = (event.target as HTMLSelectElement).value)}
            >
              <option value="" ?selected=${this.serviceId === ''}>All services</option>
              ${options.services.map((service) => html`<option value=${service.id} ?selected=${this.serviceId === service.id}>${service.name}</option>`)}
            </select>
          </div>
        </div>
      </div>
      <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-form-element">
        <label class="slds-form-element__label" for="pd-status-dashboard-priority">Priority</label>
        <div class="slds-form-element__control">
          <div class="slds-select_container">
            <select
              class="slds-select"
              id="pd-status-dashboard-priority"
              data-testid="status-dashboard-priority"
              @change=${(event: Event) => (this.priorityId = (event.target as HTMLSelectElement).value)}
            >
              <option value="" ?selected=${this.priorityId === ''}>All priorities</option>
              ${options.priorities.map((priority) => html`<option value=${priority.id} ?selected=${this.priorityId === priority.id}>${priority.name}</option>`)}
            </select>
          </div>
        </div>
      </div>
    </div>`;
  }

  private renderReply(reply: StatusDashboardReply) {
    const now = new Date(reply.generatedAt);
    return html`${this.renderIncidents(reply.incidents, now)}${this.renderBusinessServices(reply.impactedBusinessServices)}`;
  }

  private renderIncidents(incidents: StatusDashboardIncident[], now: Date) {
    if (incidents.length === 0) {
      return html`<p class="slds-text-color_weak slds-m-vertical_small" data-testid="status-dashboard-empty">
        No ongoing incident is linked to a Case${this.serviceId || this.priorityId ? ' with these filters' : ''}.
      </p>`;
    }
    return html`<table
      class="slds-table slds-table_cell-buffer slds-table_bordered slds-no-row-hover pd-status-dashboard__table"
      data-testid="status-dashboard-incidents"
    >
      <caption class="slds-assistive-text">
        Ongoing incidents linked to Cases
      </caption>
      <thead>
        <tr class="slds-line-height_reset">
          ${['Incident', 'Service', 'Status', 'Priority', 'Latest status update', 'Linked Cases', 'Open for', 'Customer summary'].map(
            (label) => html`<th scope="col"><div class="slds-truncate" title=${label}>${label}</div></th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${repeat(
          incidents,
          (incident) => incident.id,
          (incident) => this.renderIncident(incident, now),
        )}
      </tbody>
    </table>`;
  }

  private renderIncident(incident: StatusDashboardIncident, now: Date) {
    const open = this.openCases.has(incident.id);
    const casesId = `pd-status-dashboard-cases-${incident.id}`;
    const copied = this.copied?.incidentId === incident.id ? this.copied : undefined;
    return html`<tr data-testid="status-dashboard-incident" data-incident-id=${incident.id}>
        <th scope="row" class="slds-cell-wrap">
          ${incident.url ? html`<a href=${incident.url} target="_blank" rel="noopener">#${incident.number} ${incident.title}</a>` : html`#${incident.number} ${incident.title}`}
        </th>
        <td class="slds-cell-wrap">${incident.serviceName}</td>
        <td>
          <span class="slds-badge ${incident.status === 'triggered' ? 'slds-theme_error' : 'slds-theme_warning'}"
            >${incident.status === 'triggered' ? 'Triggered' : 'Acknowledged'}</span
          >
        </td>
        <td>${incident.priorityName ?? html`<span class="slds-text-color_weak">None</span>`}</td>
        <td class="slds-cell-wrap" data-testid="status-dashboard-update">
          ${
            incident.latestStatusUpdate
              ? html`<div>${incident.latestStatusUpdate.message}</div>
                  ${incident.latestStatusUpdate.at ? html`<div class="slds-text-body_small slds-text-color_weak" title=${formatDateTime(incident.latestStatusUpdate.at)}>${utcTime(incident.latestStatusUpdate.at)}</div>` : nothing}`
              : html`<span class="slds-text-color_weak">No status update yet</span>`
          }
        </td>
        <td>
          <button
            class="slds-button"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls=${casesId}
            data-testid="status-dashboard-cases"
            @click=${() => this.toggleCases(incident.id)}
          >
            ${caseCount(incident.linkedCases.length)}
          </button>
        </td>
        <td title=${formatDateTime(incident.createdAt)}>${timeOpen(incident.createdAt, now)}</td>
        <td>
          <button class="slds-button slds-button_neutral" data-testid="status-dashboard-copy" @click=${() => void this.copySummary(incident)}>
            Copy customer summary
          </button>
          <div
            class="slds-text-body_small ${copied?.ok === false ? 'slds-text-color_error' : 'slds-text-color_success'}"
            role="status"
            data-testid="status-dashboard-copied"
          >
            ${copied?.message ?? ''}
          </div>
        </td>
      </tr>
      ${
        open
          ? html`<tr id=${casesId} data-testid="status-dashboard-case-list">
              <td colspan="8">
                <ul class="slds-list_horizontal slds-has-dividers_left" aria-label="Cases linked to incident #${incident.number}">
                  ${incident.linkedCases.map(
                    (linked) =>
                      html`<li class="slds-item">
                        ${linked.url ? html`<a href=${linked.url} target="_blank" rel="noopener">Case ${linked.number ?? linked.id}</a>` : html`Case ${linked.number ?? linked.id}`}
                      </li>`,
                  )}
                </ul>
              </td>
            </tr>`
          : nothing
      }`;
  }

  private renderBusinessServices(services: StatusDashboardBusinessService[]) {
    return html`<h3 class="slds-text-heading_small slds-m-top_medium slds-m-bottom_x-small">Impacted business services</h3>
      ${
        services.length === 0
          ? html`<p class="slds-text-color_weak" data-testid="status-dashboard-no-impacts">No business service is impacted.</p>`
          : html`<ul class="slds-has-dividers_bottom-space" data-testid="status-dashboard-business-services">
              ${services.map(
                (service) =>
                  html`<li class="slds-item">
                    <span class="slds-badge slds-theme_error">Impacted</span>
                    ${service.name}${service.priorityName ? html` · highest priority ${service.priorityName}` : nothing}
                  </li>`,
              )}
            </ul>`
      }`;
  }
}

function spinner(label: string) {
  return html`<div class="slds-spinner slds-spinner_x-small slds-spinner_inline slds-spinner_brand">
    <span class="slds-assistive-text">${label}</span>
    <div class="slds-spinner__dot-a"></div>
    <div class="slds-spinner__dot-b"></div>
  </div>`;
}

customElements.define('pd-status-dashboard', PdStatusDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'pd-status-dashboard': PdStatusDashboard;
  }
}
