import { VisibleRefreshController } from '../../state/visibleRefresh';
import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  syncLogSources,
  syncLogStatuses,
  type SyncLogEntry,
  type SyncLogJob,
  type SyncLogReply,
  type SyncLogSource,
  type SyncLogStatus,
} from '../../../contracts/syncLog';
import { messageOf } from '../../api/apiError';
import { statusBadge } from '../../components/status-badge/statusBadge';
import { formatDateTime } from '../../format/dateTime';
import { buttonIcon, utilityIcon } from '../../icons/icons';
import { apiContext, toastContext, requireApi } from '../../state/context';
import { SyncLogApi } from '../../api/syncLogApi';
import {
  emptyMessage,
  entryKey,
  formatAttempts,
  formatDuration,
  jobStatus,
  jobError,
  SOURCE_LABELS,
  sourceLabel,
  STATUS_LOOKS,
  taskLabel,
  eventKindLabel,
} from './syncLogFormat';
import './sync-settings/sync-settings';
import './sync-log-trace/sync-log-trace';
import './sync-log-tab.css';

/** The log refreshes this often while shown (not while the browser tab is hidden). */
export const SYNC_LOG_REFRESH_MS = 5_000;
const PAGE_SIZE = 50;
/** The most rows the tab shows; older ones are in the CSV export. */
const MAX_ROWS = 200;
const SEARCH_DEBOUNCE_MS = 300;

/**
 * `<pd-sync-log-tab>`: SYNC LOG. Every inbound event (Case change, PagerDuty webhook, manual sync,
 * reconciliation) with its processing folded in and the actions it caused nested under it: time,
 * source, kind, Case and incident (links to both consoles), matched rules with their trace, status,
 * attempts, duration, error with a hint. Filters, search, Retry on dead jobs, CSV export.
 * Refreshes every 5 s; the last answer stays on screen meanwhile, rows keep their identity, and
 * expanded traces stay open, so nothing jumps.
 *
 * Light DOM (see web/README.md).
 */
export class PdSyncLogTab extends LitElement {
  static override properties = {
    source: { state: true },
    status: { state: true },
    query: { state: true },
    limit: { state: true },
    lastReply: { state: true },
    expanded: { state: true },
    retrying: { state: true },
    openErrors: { state: true },
    clampedErrors: { state: true },
  };

  declare private source: SyncLogSource | '';
  declare private status: SyncLogStatus | '';
  /** The applied search (the input is debounced into it). */
  declare private query: string;
  declare private limit: number;
  declare private lastReply: SyncLogReply | undefined;
  declare private expanded: ReadonlySet<string>;
  declare private retrying: ReadonlySet<number>;
  /** Jobs whose error the admin opened in full ("Show more"). */
  declare private openErrors: ReadonlySet<number>;
  /** Jobs whose error is cut to a few lines as laid out now (measured after each render): they get "Show more". */
  declare private clampedErrors: ReadonlySet<number>;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly toasts = new ContextConsumer(this, { context: toastContext });
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly polling = new VisibleRefreshController(this, SYNC_LOG_REFRESH_MS, () => this.refresh());

  private readonly logTask = new Task(this, {
    task: async ([source, status, q, limit], { signal }) => {
      const reply = await this.logApi().log({ source: source || undefined, status: status || undefined, q: q || undefined, limit }, signal);
      this.lastReply = reply;
      return reply;
    },
    args: () => [this.source, this.status, this.query, this.limit] as const,
  });

  constructor() {
    super();
    this.source = '';
    this.status = '';
    this.query = '';
    this.limit = PAGE_SIZE;
    this.lastReply = undefined;
    this.expanded = new Set();
    this.retrying = new Set();
    this.openErrors = new Set();
    this.clampedErrors = new Set();
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('resize', this.handleResize);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('resize', this.handleResize);
    clearTimeout(this.searchTimer);
    this.logTask.abort();
    super.disconnectedCallback();
  }

  /**
   * Which errors the layout cuts short can only be known once laid out: measured after every
   * render (the log re-renders on each refresh, and on a resize), stored only when it changed.
   */
  protected override updated(): void {
    const clamped = new Set<number>();
    for (const element of this.querySelectorAll<HTMLElement>('[data-error-job]')) {
      const jobId = Number(element.dataset.errorJob);
      if (!this.openErrors.has(jobId) && element.scrollHeight > element.clientHeight + 1) clamped.add(jobId);
    }
    if (clamped.size !== this.clampedErrors.size || [...clamped].some((jobId) => !this.clampedErrors.has(jobId))) this.clampedErrors = clamped;
  }

  private readonly handleResize = (): void => {
    this.requestUpdate();
  };

  private logApi(): SyncLogApi {
    const api = requireApi(this.api);
    return new SyncLogApi(api);
  }

  private refresh(): void {
    if (this.logTask.status !== TaskStatus.PENDING) void this.logTask.run();
  }

  private readonly handleSource = (event: Event): void => {
    this.source = (event.target as HTMLSelectElement).value as SyncLogSource | '';
    this.limit = PAGE_SIZE;
  };

  private readonly handleStatus = (event: Event): void => {
    this.status = (event.target as HTMLSelectElement).value as SyncLogStatus | '';
    this.limit = PAGE_SIZE;
  };

  private readonly handleSearch = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.query = value;
      this.limit = PAGE_SIZE;
    }, SEARCH_DEBOUNCE_MS);
  };

  private readonly handleShowMore = (): void => {
    this.limit = Math.min(MAX_ROWS, this.limit + PAGE_SIZE);
  };

  private toggle(key: string): void {
    const next = new Set(this.expanded);
    if (!next.delete(key)) next.add(key);
    this.expanded = next;
  }

  private async retry(job: SyncLogJob, caseNumber: string | null): Promise<void> {
    if (this.retrying.has(job.id)) return;
    this.retrying = new Set([...this.retrying, job.id]);
    const what = `${taskLabel(job.task)}${caseNumber ? ` for Case ${caseNumber}` : ''}`;
    try {
      await this.logApi().retry(job.id);
      this.toasts.value?.show({ variant: 'success', title: 'Retry queued', message: `${what} runs again now.` });
    } catch (error) {
      this.toasts.value?.show({ variant: 'error', title: 'Could not retry', message: `${what}: ${messageOf(error)}` });
    } finally {
      const next = new Set(this.retrying);
      next.delete(job.id);
      this.retrying = next;
      void this.logTask.run();
    }
  }

  private renderToolbar() {
    const pending = this.logTask.status === TaskStatus.PENDING;
    const filters = { source: this.source || undefined, status: this.status || undefined, q: this.query || undefined };
    return html`<div class="pd-sync-log__toolbar">
        <div>
          <h2 class="slds-text-heading_medium">Sync log</h2>
          <p class="slds-text-body_small slds-text-color_weak">Every inbound event and every action, newest first · refreshes every 5 seconds</p>
        </div>
        <div class="pd-sync-log__actions">
          <span class="pd-sync-log__busy" role="status">
            ${
              pending
                ? html`<div class="slds-spinner slds-spinner_x-small slds-spinner_inline slds-spinner_brand">
                    <span class="slds-assistive-text">Refreshing the sync log</span>
                    <div class="slds-spinner__dot-a"></div>
                    <div class="slds-spinner__dot-b"></div>
                  </div>`
                : nothing
            }
          </span>
          <a class="slds-button slds-button_neutral" href=${SyncLogApi.csvHref(filters)} download data-testid="sync-log-export">
            ${buttonIcon('download')}Export CSV
          </a>
        </div>
      </div>
      <div class="slds-grid slds-wrap slds-gutters_direct-x-small pd-sync-log__filters" role="search">
        <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-4 slds-form-element">
          <label class="slds-form-element__label" for="sync-log-source">Source</label>
          <div class="slds-form-element__control">
            <div class="slds-select_container">
              <select class="slds-select" id="sync-log-source" data-testid="sync-log-source" @change=${this.handleSource}>
                <option value="" ?selected=${this.source === ''}>All sources</option>
                ${syncLogSources.map((source) => html`<option value=${source} ?selected=${this.source === source}>${SOURCE_LABELS[source]}</option>`)}
              </select>
            </div>
          </div>
        </div>
        <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-4 slds-form-element">
          <label class="slds-form-element__label" for="sync-log-status">Status</label>
          <div class="slds-form-element__control">
            <div class="slds-select_container">
              <select class="slds-select" id="sync-log-status" data-testid="sync-log-status" @change=${this.handleStatus}>
                <option value="" ?selected=${this.status === ''}>All statuses</option>
                ${syncLogStatuses.map((status) => html`<option value=${status} ?selected=${this.status === status}>${STATUS_LOOKS[status].label}</option>`)}
              </select>
            </div>
          </div>
        </div>
        <div class="slds-col slds-size_1-of-1 slds-medium-size_2-of-4 slds-form-element">
          <label class="slds-form-element__label" for="sync-log-search">Search</label>
          <div class="slds-form-element__control slds-input-has-icon slds-input-has-icon_left">
            ${utilityIcon('search', 'slds-icon slds-input__icon slds-input__icon_left slds-icon-text-default')}
            <input
              class="slds-input"
              id="sync-log-search"
              type="search"
              data-testid="sync-log-search"
              maxlength="200"
              placeholder="Case number, incident number, kind or error text"
              @input=${this.handleSearch}
            />
          </div>
        </div>
      </div>`;
  }

  private link(text: string | null, url: string | null, label: string): TemplateResult | string {
    if (!text) return '—';
    return url ? html`<a href=${url} target="_blank" rel="noopener noreferrer" title=${label}>${text}</a>` : text;
  }

  private toggleError(jobId: number): void {
    const next = new Set(this.openErrors);
    if (!next.delete(jobId)) next.add(jobId);
    this.openErrors = next;
  }

  /**
   * A job's error, wrapped between words and cut to three lines with "Show more" when longer;
   * under it the hint (what to do) in full, and Retry for a dead job.
   */
  private renderError(job: SyncLogJob | null, caseNumber: string | null) {
    const error = jobError(job);
    if (!job || !error) return nothing;
    const open = this.openErrors.has(job.id);
    const messageId = `sync-log-error-${job.id}`;
    return html`<div class="pd-sync-log__error">
      <p
        class="slds-text-color_error pd-sync-log__error-message ${open ? '' : 'slds-line-clamp'}"
        id=${messageId}
        data-error-job=${job.id}
        data-testid="sync-log-error-message"
      >
        ${error.message}
      </p>
      ${
        open || this.clampedErrors.has(job.id)
          ? html`<button
              class="slds-button pd-sync-log__more"
              type="button"
              aria-expanded=${open ? 'true' : 'false'}
              aria-controls=${messageId}
              @click=${() => this.toggleError(job.id)}
            >
              ${open ? 'Show less' : 'Show more'}
            </button>`
          : nothing
      }
      ${
        error.hint
          ? html`<p class="slds-text-body_small pd-sync-log__hint" data-testid="sync-log-error-hint">
              ${utilityIcon('light_bulb', 'slds-icon slds-icon_xx-small slds-icon-text-default pd-sync-log__hint-icon')}<span>${error.hint}</span>
            </p>`
          : nothing
      }
      ${this.renderRetry(job, caseNumber)}
    </div>`;
  }

  private renderRetry(job: SyncLogJob | null, caseNumber: string | null) {
    if (!job || job.state !== 'dead') return nothing;
    const busy = this.retrying.has(job.id);
    return html`<button
      class="slds-button slds-button_neutral slds-button_small pd-sync-log__retry"
      type="button"
      data-testid="sync-log-retry"
      data-job-id=${job.id}
      aria-busy=${busy ? 'true' : 'false'}
      aria-label="Retry ${taskLabel(job.task)} (job ${job.id})"
      @click=${() => void this.retry(job, caseNumber)}
    >
      ${buttonIcon('refresh')}Retry
    </button>`;
  }

  /** A job's status badge, and for a skipped job the reason the engine gave. */
  private renderJobStatus(job: SyncLogJob) {
    return html`${statusBadge(STATUS_LOOKS[jobStatus(job)])}${
      job.skippedReason === null
        ? nothing
        : html`<p class="slds-text-body_small pd-sync-log__reason" data-testid="sync-log-skipped-reason">${job.skippedReason}</p>`
    }`;
  }

  private renderAction(entry: SyncLogEntry, action: SyncLogJob) {
    return html`<tr
      class="pd-sync-log__action-row"
      data-testid="sync-log-action-row"
      data-job-id=${action.id}
      data-event-key=${entryKey(entry)}
      data-state=${action.state}
      data-status=${jobStatus(action)}
    >
      <td></td>
      <td><span title=${action.finishedAt ?? action.createdAt}>${formatDateTime(action.finishedAt ?? action.createdAt)}</span></td>
      <td class="slds-text-color_weak">Action</td>
      <td><span class="pd-sync-log__nested">↳ ${taskLabel(action.task)}</span></td>
      <td>${this.link(action.caseNumber, action.caseUrl, 'Open the Case in Salesforce')}</td>
      <td>${this.link(action.incidentNumber ? `#${action.incidentNumber}` : null, action.incidentUrl, 'Open the incident in PagerDuty')}</td>
      <td></td>
      <td>${this.renderJobStatus(action)}</td>
      <td>${formatAttempts(action)}</td>
      <td>${formatDuration(action.durationMs)}</td>
      <td>${this.renderError(action, entry.caseNumber)}</td>
    </tr>`;
  }

  private renderEntry(entry: SyncLogEntry) {
    const key = entryKey(entry);
    const open = this.expanded.has(key);
    const traceId = `sync-log-trace-${key}`;
    const isEvent = entry.type === 'event';
    return html`<tr class="slds-hint-parent pd-sync-log__row" data-testid="sync-log-row" data-key=${key} data-status=${entry.status}>
        <td>
          ${
            isEvent
              ? html`<button
                  class="slds-button slds-button_icon slds-button_icon-border-filled slds-button_icon-x-small"
                  type="button"
                  aria-expanded=${open ? 'true' : 'false'}
                  aria-controls=${traceId}
                  data-testid="sync-log-expand"
                  title=${open ? 'Hide the rules trace' : 'Show the rules trace'}
                  @click=${() => this.toggle(key)}
                >
                  ${utilityIcon(open ? 'chevrondown' : 'chevronright', 'slds-button__icon')}
                  <span class="slds-assistive-text">${open ? 'Hide' : 'Show'} the rules trace of event ${entry.id}</span>
                </button>`
              : nothing
          }
        </td>
        <td><span title=${entry.at}>${formatDateTime(entry.at)}</span></td>
        <td>${isEvent ? sourceLabel(entry.source) : html`<span class="slds-text-color_weak">Action</span>`}</td>
        <td>
          ${isEvent ? html`<span title=${entry.kind}>${eventKindLabel(entry.kind)}</span>` : taskLabel(entry.kind)}${entry.note && isEvent ? html`<div class="slds-text-body_small slds-text-color_weak pd-sync-log__note" data-testid="sync-log-note">${entry.note}</div>` : nothing}
        </td>
        <td>${this.link(entry.caseNumber, entry.caseUrl, 'Open the Case in Salesforce')}</td>
        <td>${this.link(entry.incidentNumber ? `#${entry.incidentNumber}` : null, entry.incidentUrl, 'Open the incident in PagerDuty')}</td>
        <td>
          ${entry.matchedRules.length ? entry.matchedRules.map((rule) => html`<div class="pd-sync-log__rule" data-testid="sync-log-rule">${rule}</div>`) : html`<span class="slds-text-color_weak">—</span>`}
        </td>
        <td>
          <span data-testid="sync-log-status-badge">${statusBadge(STATUS_LOOKS[entry.status])}</span>
          ${
            !isEvent && entry.processing?.skippedReason
              ? html`<p class="slds-text-body_small pd-sync-log__reason" data-testid="sync-log-skipped-reason">${entry.processing.skippedReason}</p>`
              : nothing
          }
        </td>
        <td>${formatAttempts(entry.processing)}</td>
        <td>${formatDuration(entry.processing?.durationMs ?? null)}</td>
        <td>${this.renderError(entry.processing, entry.caseNumber)}</td>
      </tr>
      ${entry.actions.map((action) => this.renderAction(entry, action))}
      ${
        isEvent && open
          ? html`<tr class="pd-sync-log__trace-row" id=${traceId}>
              <td></td>
              <td colspan="10"><pd-sync-log-trace event-id=${entry.id} status=${entry.status}></pd-sync-log-trace></td>
            </tr>`
          : nothing
      }`;
  }

  private renderTable(reply: SyncLogReply) {
    if (reply.entries.length === 0) {
      const empty = emptyMessage(Boolean(this.source || this.status || this.query));
      return html`<div class="slds-box slds-theme_shade pd-sync-log__empty" data-testid="sync-log-empty">
          <p class="slds-text-heading_small">${empty.title}</p>
          <p class="slds-text-color_weak slds-m-top_x-small">${empty.body}</p>
        </div>
        ${this.renderRetention(reply)}`;
    }
    const more = reply.nextBefore !== null;
    return html`<div class="pd-sync-log__scroll">
        <table class="slds-table slds-table_cell-buffer slds-table_bordered slds-table_fixed-layout pd-sync-log__table" aria-label="Sync log">
          <!-- Fixed widths that add up to less than the table's min-width (sync-log-tab.css): the Error column takes the rest. -->
          <colgroup>
            <col style="width:2.5rem" />
            <col style="width:10rem" />
            <col style="width:6.5rem" />
            <col style="width:9.5rem" />
            <col style="width:5.75rem" />
            <col style="width:5rem" />
            <col style="width:11rem" />
            <col style="width:8rem" />
            <col style="width:5.25rem" />
            <col style="width:5.5rem" />
            <col />
          </colgroup>
          <thead>
            <tr class="slds-line-height_reset">
              <th scope="col"><span class="slds-assistive-text">Trace</span></th>
              <th scope="col">Time</th>
              <th scope="col">Source</th>
              <th scope="col">Kind</th>
              <th scope="col">Case</th>
              <th scope="col">Incident</th>
              <th scope="col">Matched rules</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Duration</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              reply.entries,
              (entry) => entryKey(entry),
              (entry) => this.renderEntry(entry),
            )}
          </tbody>
        </table>
      </div>
      <div class="pd-sync-log__footer">
        ${
          more && this.limit < MAX_ROWS
            ? html`<button class="slds-button slds-button_neutral" type="button" data-testid="sync-log-more" @click=${this.handleShowMore}>
                Show older rows
              </button>`
            : more
              ? html`<p class="slds-text-color_weak">The tab shows the newest ${MAX_ROWS} rows: narrow the filters, or export CSV for everything.</p>`
              : nothing
        }
        ${this.renderRetention(reply)}
      </div>`;
  }

  private renderRetention(reply: SyncLogReply) {
    return html`<p class="slds-text-color_weak slds-text-body_small slds-m-top_x-small" data-testid="sync-log-retention">
      Finished rows are kept ${reply.retentionDays} ${reply.retentionDays === 1 ? 'day' : 'days'} (RETENTION_DAYS), then deleted; dead and unfinished ones stay
      until they are retried.
    </p>`;
  }

  private renderFailure(error: unknown) {
    return html`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_error slds-m-bottom_small" role="alert">
      <div class="slds-media__figure">${utilityIcon('error', 'slds-icon slds-icon_small slds-icon-text-default')}</div>
      <div class="slds-media__body" data-testid="sync-log-error">
        ${this.lastReply ? 'Could not refresh the sync log; showing the last answer. ' : 'Could not load the sync log. '}${messageOf(error)}
      </div>
    </div>`;
  }

  override render() {
    const shown = this.lastReply;
    const placeholder = html`<div class="pd-sync-log__placeholder" aria-hidden="true"></div>`;
    // The sync settings and manual sync (web/tabs/sync-log/sync-settings/) sit above the log they fill.
    return html`<div class="pd-sync-log__manual"><pd-sync-settings></pd-sync-settings></div>
      <article class="slds-card slds-card_boundary">
        <div class="slds-card__body slds-card__body_inner">
          ${this.renderToolbar()}
          ${this.logTask.render({
            initial: () => placeholder,
            pending: () => (shown ? this.renderTable(shown) : placeholder),
            complete: (reply) => this.renderTable(reply),
            error: (error) => html`${this.renderFailure(error)}${shown ? this.renderTable(shown) : nothing}`,
          })}
        </div>
      </article>`;
  }
}

customElements.define('pd-sync-log-tab', PdSyncLogTab);

declare global {
  interface HTMLElementTagNameMap {
    'pd-sync-log-tab': PdSyncLogTab;
  }
}
