import { VisibleRefreshController } from '../../state/visibleRefresh';
import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { ConnectionHealth, IntakeNotice, SummaryReply } from '../../../contracts/api';
import { messageOf } from '../../api/apiError';
import { buttonIcon, standardIcon, utilityIcon } from '../../icons/icons';
import { apiContext, requireApi } from '../../state/context';
import { NavigateEvent } from '../../state/events';
import { statusBadge } from '../../components/status-badge/statusBadge';
import {
  connectionDetail,
  connectionLook,
  formatCount,
  intakeNoticeTitle,
  pagerDutyBudget,
  relativeTime,
  rulesetsLabel,
  salesforceBudget,
  selfAlertDelivery,
  selfAlertTitle,
  webhookLook,
  type BudgetView,
} from './summaryFormat';
import { formatDateTime } from '../../format/dateTime';
import './summary-tab.css';

/** How often SUMMARY asks the server again; the server caches checks, so this stays cheap. */
export const SUMMARY_REFRESH_MS = 15_000;

type CardSize = 'third' | 'full';

/**
 * `<pd-summary-tab>`: the SUMMARY tab (GET /api/summary): the connector's open alerts about
 * itself (first, while there are any), connection health, integration user, webhook, rulesets,
 * API budgets and sync. Refreshes every 15 s while shown (and not while the
 * browser tab is hidden) and on the Refresh button; the last answer stays on screen during a
 * refresh, and skeleton cards of the same size hold the layout before the first one.
 *
 * @fires pd-navigate - NavigateEvent, from "Fix on the CONNECTIONS tab" links
 *
 * Light DOM (see web/README.md).
 */
export class PdSummaryTab extends LitElement {
  static override properties = { lastSummary: { state: true } };

  /** The last successful answer, kept on screen while a refresh is pending or has failed. */
  declare private lastSummary: SummaryReply | undefined;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly polling = new VisibleRefreshController(this, SUMMARY_REFRESH_MS, () => this.refresh());

  private readonly summaryTask = new Task(this, {
    task: async (_args, { signal }) => {
      const api = requireApi(this.api);
      const summary = await api.getSummary(signal);
      this.lastSummary = summary;
      return summary;
    },
    args: () => [],
  });

  constructor() {
    super();
    this.lastSummary = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    this.summaryTask.abort();
    super.disconnectedCallback();
  }

  private readonly refresh = (): void => {
    if (this.summaryTask.status !== TaskStatus.PENDING) void this.summaryTask.run();
  };

  private readonly handleFixLink = (event: MouseEvent): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.dispatchEvent(new NavigateEvent('/connections'));
  };

  private readonly handleSyncLogLink = (event: MouseEvent): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.dispatchEvent(new NavigateEvent('/sync-log'));
  };

  private renderCard(id: string, title: string, icon: string, body: TemplateResult, size: CardSize = 'third') {
    const width = size === 'full' ? 'slds-size_1-of-1' : 'slds-size_1-of-1 slds-medium-size_1-of-2 slds-large-size_1-of-3';
    return html`<div class="slds-col ${width} pd-summary__cell pd-summary__cell_${size}">
      <article class="slds-card slds-card_boundary pd-summary__card" aria-labelledby="summary-card-${id}" data-testid="summary-card-${id}">
        <div class="slds-card__header slds-grid">
          <header class="slds-media slds-media_center slds-has-flexi-truncate">
            <div class="slds-media__figure">${standardIcon(icon)}</div>
            <div class="slds-media__body">
              <h2 class="slds-card__header-title" id="summary-card-${id}">${title}</h2>
            </div>
          </header>
        </div>
        <div class="slds-card__body slds-card__body_inner">${body}</div>
      </article>
    </div>`;
  }

  private renderConnection(testId: string, health: ConnectionHealth, now: Date) {
    const look = connectionLook(health);
    const detail = connectionDetail(health);
    return html`<div class="pd-summary__status" data-testid=${testId} data-tone=${look.tone}>
        ${statusBadge(look)} ${detail ? html`<p class="slds-m-top_x-small ${look.tone === 'error' ? 'slds-text-color_error' : ''}">${detail}</p>` : nothing}
        ${!health.ok && health.hint ? html`<p class="slds-m-top_xx-small">${health.hint}</p>` : nothing}
      </div>
      <p class="slds-text-body_small slds-text-color_weak slds-m-top_small">
        <span title=${formatDateTime(health.checkedAt)}>Checked ${relativeTime(health.checkedAt, now)}</span>
        ${health.ok ? nothing : html` · <a href="/connections" @click=${this.handleFixLink}>Fix on the CONNECTIONS tab</a>`}
      </p>`;
  }

  private renderBudget(name: string, view: BudgetView | undefined, testId: string) {
    return html`<div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-2" data-testid=${testId}>
      <h3 class="slds-text-title_caps slds-m-bottom_x-small">${name}</h3>
      ${
        view
          ? html`<div
                class="slds-progress-bar slds-progress-bar_medium pd-summary__bar pd-summary__bar_${view.tone}"
                role="progressbar"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=${view.percent}
                aria-label="${name} API budget used"
              >
                <span class="slds-progress-bar__value" style=${styleMap({ width: `${view.percent}%` })}
                  ><span class="slds-assistive-text">${view.percent}% used</span></span
                >
              </div>
              <p class="slds-m-top_x-small">${view.label}</p>`
          : html`<p class="slds-text-color_weak">Not measured yet: known after the first successful call to ${name}.</p>`
      }
    </div>`;
  }

  private renderSync(sync: SummaryReply['sync'], now: Date) {
    if (!sync) {
      return html`<div data-testid="summary-sync-status">
        <p class="slds-text-heading_small">No sync yet</p>
        <p class="slds-text-color_weak slds-m-top_x-small">Times and counts appear here once Cases and incidents start syncing.</p>
      </div>`;
    }
    const row = (label: string, value: TemplateResult | string) =>
      html`<dt class="slds-item_label slds-text-color_weak slds-truncate">${label}</dt>
        <dd class="slds-item_detail">${value}</dd>`;
    const at = (iso: string | null) => (iso ? html`<span title=${formatDateTime(iso)}>${relativeTime(iso, now)}</span>` : 'never');
    return html`<dl class="slds-list_horizontal slds-wrap" data-testid="summary-sync-status">
      ${row('Last inbound event', at(sync.lastInboundAt))} ${row('Last action', at(sync.lastActionAt))}
      ${row('Events processed (24 h)', formatCount(sync.processed24h))} ${row('Actions done (24 h)', formatCount(sync.actionsDone24h))}
      ${row(
        'Actions skipped (24 h)',
        sync.actionsSkipped24h > 0
          ? html`${formatCount(sync.actionsSkipped24h)} · <a href="/sync-log" @click=${this.handleSyncLogLink}>Why, on SYNC LOG</a>`
          : formatCount(sync.actionsSkipped24h),
      )}
      ${row('Failures (24 h)', html`<span class=${sync.failures24h > 0 ? 'slds-text-color_error' : ''}>${formatCount(sync.failures24h)}</span>`)}
      ${row(
        'Dead jobs',
        html`<span class=${sync.deadJobs > 0 ? 'slds-text-color_error' : ''} data-testid="summary-sync-dead">${formatCount(sync.deadJobs)}</span>${
            sync.deadJobs > 0 ? html` · <a href="/sync-log" @click=${this.handleSyncLogLink}>Retry on SYNC LOG</a>` : nothing
          }`,
      )}
    </dl>`;
  }

  /** The problems the connector raised an alert about (Events API v2); the card shows only while one is open. */
  private renderSelfAlerts(summary: SummaryReply, now: Date) {
    return html`<ul class="slds-has-dividers_bottom-space" data-testid="summary-self-alerts">
        ${summary.selfAlerts.map(
          (alert) =>
            html`<li class="slds-item" data-testid="summary-self-alert" data-kind=${alert.kind}>
              <div class="slds-grid slds-grid_align-spread">
                <span class="slds-text-title_bold">${selfAlertTitle(alert.kind)}</span>
                <span>
                  ${statusBadge(selfAlertDelivery(alert, summary.selfAlertsConfigured))}
                  <span class="slds-text-color_weak slds-m-left_x-small" title=${formatDateTime(alert.openedAt)}
                    >since ${relativeTime(alert.openedAt, now)}</span
                  >
                </span>
              </div>
              <p class="slds-m-top_xx-small">${alert.summary}</p>
              ${alert.lastError ? html`<p class="slds-m-top_xx-small slds-text-color_error">${alert.lastError}</p>` : nothing}
            </li>`,
        )}
      </ul>
      <p class="slds-text-color_weak slds-m-top_x-small">
        ${
          summary.selfAlertsConfigured
            ? 'Each problem is one PagerDuty alert; it resolves itself when the problem clears.'
            : html`No routing key is set, so nobody is paged: <a href="/connections" @click=${this.handleFixLink}>set one on the CONNECTIONS tab</a>.`
        }
      </p>`;
  }

  /** What went wrong with the Salesforce intake lately; the card shows only when something did. */
  private renderIntakeNotices(notices: IntakeNotice[], now: Date) {
    return html`<ul class="slds-has-dividers_bottom-space" data-testid="summary-intake-notices">
        ${notices.map(
          (notice) =>
            html`<li class="slds-item">
              <div class="slds-grid slds-grid_align-spread">
                <span class="slds-text-title_bold">${intakeNoticeTitle(notice.code)}</span>
                <span class="slds-text-color_weak" title=${formatDateTime(notice.at)}>${relativeTime(notice.at, now)}</span>
              </div>
              <p class="slds-m-top_xx-small">${notice.message}</p>
            </li>`,
        )}
      </ul>
      <p class="slds-text-color_weak slds-m-top_x-small">Newest first; each stays here for 24 hours.</p>`;
  }

  private renderCards(summary: SummaryReply) {
    const now = new Date();
    const webhook = webhookLook(summary.webhook.state);
    const budgets = html`<div class="slds-grid slds-wrap slds-gutters_direct-small">
      ${this.renderBudget('Salesforce', summary.budgets.salesforce ? salesforceBudget(summary.budgets.salesforce) : undefined, 'summary-budget-salesforce')}
      ${this.renderBudget('PagerDuty', summary.budgets.pagerduty ? pagerDutyBudget(summary.budgets.pagerduty) : undefined, 'summary-budget-pagerduty')}
    </div>`;
    return html`
      ${summary.selfAlerts.length > 0 ? this.renderCard('self-alerts', 'Alerts about the connector', 'incident', this.renderSelfAlerts(summary, now), 'full') : nothing}
      ${this.renderCard('pagerduty', 'PagerDuty', 'incident', this.renderConnection('summary-pagerduty-status', summary.pagerduty, now))}
      ${this.renderCard('salesforce', 'Salesforce', 'connected_apps', this.renderConnection('summary-salesforce-status', summary.salesforce, now))}
      ${this.renderCard('integration-user', 'Integration user', 'user', this.renderConnection('summary-integration-user-status', summary.integrationUser, now))}
      ${this.renderCard(
        'webhook',
        'Webhook subscription',
        'flow',
        html`<div data-testid="summary-webhook-status">
          ${statusBadge(webhook)}
          <p class="slds-m-top_x-small">${summary.webhook.message}</p>
        </div>`,
      )}
      ${this.renderCard(
        'rulesets',
        'Enabled rulesets',
        'filter_criteria_rule',
        html`<p class="slds-text-heading_medium" data-testid="summary-rulesets">${rulesetsLabel(summary.rulesets)}</p>
          <p class="slds-text-color_weak slds-m-top_x-small">Rulesets decide which Cases and incidents sync.</p>`,
      )}
      ${this.renderCard('sync', 'Sync', 'data_integration_hub', this.renderSync(summary.sync, now))}
      ${
        summary.intakeNotices.length > 0
          ? this.renderCard('intake', 'Salesforce intake: recent problems', 'data_streams', this.renderIntakeNotices(summary.intakeNotices, now), 'full')
          : nothing
      }
      ${this.renderCard('budget', 'API budget', 'metrics', budgets, 'full')}
    `;
  }

  private renderSkeleton() {
    const titles: [string, string, string, CardSize][] = [
      ['pagerduty', 'PagerDuty', 'incident', 'third'],
      ['salesforce', 'Salesforce', 'connected_apps', 'third'],
      ['integration-user', 'Integration user', 'user', 'third'],
      ['webhook', 'Webhook subscription', 'flow', 'third'],
      ['rulesets', 'Enabled rulesets', 'filter_criteria_rule', 'third'],
      ['sync', 'Sync', 'data_integration_hub', 'third'],
      ['budget', 'API budget', 'metrics', 'full'],
    ];
    return titles.map(([id, title, icon, size]) =>
      this.renderCard(id, title, icon, html`<div class="pd-summary__placeholder" aria-hidden="true"></div>`, size),
    );
  }

  private renderToolbar() {
    const pending = this.summaryTask.status === TaskStatus.PENDING;
    const updated = this.lastSummary ? formatDateTime(this.lastSummary.generatedAt) : undefined;
    return html`<div class="pd-summary__toolbar">
      <div>
        <h2 class="slds-text-heading_medium">Summary</h2>
        <p class="slds-text-body_small slds-text-color_weak" data-testid="summary-updated">
          ${updated ? `Updated ${updated} · refreshes every 15 seconds` : 'Loading…'}
        </p>
      </div>
      <div class="pd-summary__actions">
        <span class="pd-summary__busy" role="status">
          ${
            pending
              ? html`<div class="slds-spinner slds-spinner_x-small slds-spinner_inline slds-spinner_brand">
                  <span class="slds-assistive-text">Refreshing the summary</span>
                  <div class="slds-spinner__dot-a"></div>
                  <div class="slds-spinner__dot-b"></div>
                </div>`
              : nothing
          }
        </span>
        <button class="slds-button slds-button_neutral" type="button" @click=${this.refresh} aria-busy=${pending ? 'true' : 'false'}>
          ${buttonIcon('refresh')}Refresh
        </button>
      </div>
    </div>`;
  }

  private renderFailure(error: unknown) {
    return html`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_error slds-m-bottom_small" role="alert">
      <div class="slds-media__figure">${utilityIcon('error', 'slds-icon slds-icon_small slds-icon-text-default')}</div>
      <div class="slds-media__body" data-testid="summary-error">
        ${this.lastSummary ? 'Could not refresh the summary; showing the last answer. ' : 'Could not load the summary. '}${messageOf(error)}
      </div>
    </div>`;
  }

  override render() {
    const shown = this.lastSummary;
    const grid = (cards: unknown) => html`<div class="slds-grid slds-wrap slds-gutters_direct-x-small pd-summary__grid">${cards}</div>`;
    return html`${this.renderToolbar()}
    ${this.summaryTask.render({
      initial: () => grid(this.renderSkeleton()),
      pending: () => grid(shown ? this.renderCards(shown) : this.renderSkeleton()),
      complete: (summary) => grid(this.renderCards(summary)),
      error: (error) => html`${this.renderFailure(error)}${grid(shown ? this.renderCards(shown) : this.renderSkeleton())}`,
    })}`;
  }
}

customElements.define('pd-summary-tab', PdSummaryTab);

declare global {
  interface HTMLElementTagNameMap {
    'pd-summary-tab': PdSummaryTab;
  }
}
