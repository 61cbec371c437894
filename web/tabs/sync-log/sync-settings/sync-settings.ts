import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { SyncRunMode, SyncRunView, SyncSettings } from '../../../../contracts/sync';
import { ApiError, messageOf } from '../../../api/apiError';
import { apiContext, toastContext, requireApi } from '../../../state/context';
import { SyncApi } from '../../../api/syncApi';
import { automaticSyncHelp, fromLocalInput, modeLabel, progressLabel, progressTone, stateLabel, toLocalInput } from './syncSettingsFormat';
import { fullSyncRange } from './manualSyncRange';
import './sync-settings.css';

/** The settings the form shows, each with its own inline message. */
const FORM_FIELDS: ReadonlySet<string> = new Set<keyof SyncSettings>(['automaticSync', 'intakeMode', 'pollIntervalSeconds', 'commentPollSeconds', 'startDate']);

/** How often a running manual sync is asked for its progress. */
export const RUN_POLL_MS = 700;

/**
 * `<pd-sync-settings>`: the seeds' sync settings (automatic sync on/off, intake mode, poll
 * frequencies, start date) and manual sync: "Run full sync" / "Run incremental sync", a
 * progress bar that follows the run (GET /api/sync/runs/:id every 0.7 s) and Cancel.
 * Placed on the SYNC LOG tab by its owner; works on any tab.
 *
 * data-testid: `sync-settings-form`, `sync-settings-save`, `manual-sync-full`,
 * `manual-sync-incremental`, `manual-sync-progress` (the bar, with `aria-valuenow`),
 * `manual-sync-cancel`, `manual-sync-status`.
 *
 * Light DOM (see web/README.md).
 */
export class PdSyncSettings extends LitElement {
  static override properties = {
    draft: { state: true },
    saving: { state: true },
    fieldErrors: { state: true },
    run: { state: true },
    starting: { state: true },
    savedStartDate: { state: true },
  };

  declare private draft: SyncSettings | undefined;
  declare private saving: boolean;
  declare private fieldErrors: Record<string, string>;
  /** The run shown under the buttons: the one running, else the latest. */
  declare private run: SyncRunView | undefined;
  declare private starting: boolean;
  /** The start date the server has: what "Run full sync" reads from. */
  declare private savedStartDate: string | undefined;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly toasts = new ContextConsumer(this, { context: toastContext });
  private pollTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly loadTask = new Task(this, {
    task: async (_args, { signal }) => {
      const api = this.syncApi();
      const [settings, runs] = await Promise.all([api.settings(signal), api.runs(signal)]);
      this.draft = settings;
      this.savedStartDate = settings.startDate;
      this.run = runs.runs[0];
      if (this.run?.state === 'running') this.schedulePoll();
      return settings;
    },
    args: () => [],
  });

  constructor() {
    super();
    this.draft = undefined;
    this.saving = false;
    this.fieldErrors = {};
    this.run = undefined;
    this.starting = false;
    this.savedStartDate = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.pollTimer);
  }

  protected override render(): TemplateResult {
    return html`<article class="slds-card slds-card_boundary pd-sync-settings">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__body"><h2 class="slds-card__header-title">Sync settings</h2></div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        ${
          this.loadTask.status === TaskStatus.ERROR
            ? html`<p class="slds-text-color_error" role="alert">Could not load the sync settings: ${messageOf(this.loadTask.error)}</p>`
            : this.draft
              ? html`${this.renderForm(this.draft)}${this.renderManualSync()}`
              : html`<div class="pd-sync-settings__skeleton" aria-busy="true"><span class="slds-assistive-text">Loading the sync settings</span></div>`
        }
      </div>
    </article>`;
  }

  private renderForm(draft: SyncSettings): TemplateResult {
    return html`<form class="slds-form" data-testid="sync-settings-form" novalidate @submit=${(event: SubmitEvent) => void this.handleSave(event)}>
      <div class="slds-grid slds-wrap slds-gutters_direct-x-small">
        <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-form-element ${this.fieldErrors.automaticSync ? 'slds-has-error' : ''}">
          <span class="slds-form-element__label" id="sync-automatic-label">Automatic sync</span>
          <div class="slds-form-element__control">
            <label class="slds-checkbox_toggle slds-grid">
              <input
                type="checkbox"
                id="sync-automatic"
                aria-describedby="sync-automatic-help"
                aria-invalid=${this.fieldErrors.automaticSync ? 'true' : 'false'}
                .checked=${draft.automaticSync}
                @change=${(event: Event) => this.patch({ automaticSync: (event.target as HTMLInputElement).checked })}
              />
              <span class="slds-checkbox_faux_container" aria-live="assertive">
                <span class="slds-checkbox_faux"></span>
                <span class="slds-checkbox_on">On</span>
                <span class="slds-checkbox_off">Off</span>
              </span>
              <span class="slds-assistive-text">Automatic sync</span>
            </label>
          </div>
          <div class="slds-form-element__help" id="sync-automatic-help">${this.fieldErrors.automaticSync ?? automaticSyncHelp(draft)}</div>
        </div>
        <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-form-element ${this.fieldErrors.intakeMode ? 'slds-has-error' : ''}">
          <label class="slds-form-element__label" for="sync-intake-mode">Salesforce changes arrive by</label>
          <div class="slds-form-element__control">
            <div class="slds-select_container">
              <select
                class="slds-select"
                id="sync-intake-mode"
                aria-describedby=${this.fieldErrors.intakeMode ? 'sync-intake-mode-error' : nothing}
                aria-invalid=${this.fieldErrors.intakeMode ? 'true' : 'false'}
                .value=${draft.intakeMode}
                @change=${(event: Event) => this.patch({ intakeMode: (event.target as HTMLSelectElement).value as SyncSettings['intakeMode'] })}
              >
                <option value="cdc" ?selected=${draft.intakeMode === 'cdc'}>Change Data Capture (real time)</option>
                <option value="poll" ?selected=${draft.intakeMode === 'poll'}>Polling (orgs without CDC)</option>
              </select>
            </div>
          </div>
          ${this.fieldErrors.intakeMode ? html`<div class="slds-form-element__help" id="sync-intake-mode-error">${this.fieldErrors.intakeMode}</div>` : nothing}
        </div>
        ${this.numberField('sync-poll-interval', 'pollIntervalSeconds', 'Poll every (seconds)', draft.pollIntervalSeconds, 'Polling mode: one API call per poll.')}
        ${this.numberField('sync-comment-poll', 'commentPollSeconds', 'Poll comments every (seconds)', draft.commentPollSeconds, 'While comments sync to notes.')}
        <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-form-element ${this.fieldErrors.startDate ? 'slds-has-error' : ''}">
          <label class="slds-form-element__label" for="sync-start-date">Start date</label>
          <div class="slds-form-element__control">
            <input
              class="slds-input"
              type="datetime-local"
              id="sync-start-date"
              .value=${toLocalInput(draft.startDate)}
              aria-describedby="sync-start-date-help"
              aria-invalid=${this.fieldErrors.startDate ? 'true' : 'false'}
              @change=${(event: Event) => {
                const iso = fromLocalInput((event.target as HTMLInputElement).value);
                if (iso) this.patch({ startDate: iso });
              }}
            />
          </div>
          <div class="slds-form-element__help" id="sync-start-date-help">${this.fieldErrors.startDate ?? 'Cases changed before this are never synced.'}</div>
        </div>
      </div>
      <div class="slds-m-top_small">
        <button class="slds-button slds-button_brand" type="submit" data-testid="sync-settings-save" aria-busy=${this.saving ? 'true' : 'false'}>Save</button>
      </div>
    </form>`;
  }

  private numberField(id: string, key: 'pollIntervalSeconds' | 'commentPollSeconds', label: string, value: number, help: string): TemplateResult {
    const error = this.fieldErrors[key];
    return html`<div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3 slds-form-element ${error ? 'slds-has-error' : ''}">
      <label class="slds-form-element__label" for=${id}>${label}</label>
      <div class="slds-form-element__control">
        <input
          class="slds-input"
          type="number"
          min="10"
          max="86400"
          step="1"
          id=${id}
          .value=${String(value)}
          aria-describedby=${`${id}-help`}
          aria-invalid=${error ? 'true' : 'false'}
          @change=${(event: Event) => this.patch({ [key]: (event.target as HTMLInputElement).valueAsNumber })}
        />
      </div>
      <div class="slds-form-element__help" id=${`${id}-help`}>${error ?? help}</div>
    </div>`;
  }

  private renderManualSync(): TemplateResult {
    const run = this.run;
    const running = run?.state === 'running';
    return html`<section class="pd-sync-settings__manual slds-m-top_medium" aria-labelledby="manual-sync-heading">
      <h3 class="slds-text-heading_small" id="manual-sync-heading">Manual sync</h3>
      <div class="slds-button-group slds-m-top_x-small" role="group">
        <button
          class="slds-button slds-button_neutral"
          data-testid="manual-sync-full"
          aria-describedby="manual-sync-full-range"
          aria-busy=${this.starting ? 'true' : 'false'}
          @click=${() => void this.handleStart('full')}
        >
          Run full sync
        </button>
        <button
          class="slds-button slds-button_neutral"
          data-testid="manual-sync-incremental"
          aria-busy=${this.starting ? 'true' : 'false'}
          @click=${() => void this.handleStart('incremental')}
        >
          Run incremental sync
        </button>
        ${running ? html`<button class="slds-button slds-button_destructive" data-testid="manual-sync-cancel" ?disabled=${run.cancelRequested} @click=${() => void this.handleCancel()}>Cancel</button>` : nothing}
      </div>
      <p class="slds-text-body_small slds-m-top_xx-small" id="manual-sync-full-range" data-testid="manual-sync-full-range">
        ${this.savedStartDate && this.draft ? fullSyncRange(this.savedStartDate, this.draft.startDate) : 'Full sync reads Cases changed since the start date.'}
      </p>
      <div class="pd-sync-settings__run slds-m-top_small">
        ${
          run
            ? html`<div class="slds-grid slds-grid_align-spread">
                  <span data-testid="manual-sync-status"
                    >${modeLabel(run.mode)}: ${stateLabel(run.state)}${run.cancelRequested && running ? ' (cancelling…)' : ''}</span
                  >
                  <span aria-hidden="true">${progressLabel(run)}</span>
                </div>
                <div
                  class="slds-progress-bar slds-progress-bar_large pd-sync-settings__bar_${progressTone(run.state)}"
                  data-testid="manual-sync-progress"
                  role="progressbar"
                  aria-valuemin="0"
                  aria-valuemax="100"
                  aria-valuenow=${run.percent}
                  aria-label=${`${modeLabel(run.mode)} progress`}
                  aria-valuetext=${progressLabel(run)}
                >
                  <span class="slds-progress-bar__value" style=${`width: ${run.percent}%`}><span class="slds-assistive-text">${progressLabel(run)}</span></span>
                </div>
                ${run.error ? html`<p class="slds-text-color_error slds-m-top_xx-small" role="alert">${run.error}</p>` : nothing}
                ${run.note ? html`<p class="slds-text-body_small slds-text-color_weak slds-m-top_xx-small">${run.note}</p>` : nothing}`
            : html`<p class="slds-text-body_small slds-text-color_weak">No manual sync has run yet.</p>`
        }
      </div>
    </section>`;
  }

  private syncApi(): SyncApi {
    const api = requireApi(this.api);
    return new SyncApi(api);
  }

  private patch(update: Partial<SyncSettings>): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, ...update };
    this.fieldErrors = Object.fromEntries(Object.entries(this.fieldErrors).filter(([key]) => !(key in update)));
  }

  /**
   * Saves the draft; never rejects. A refused value is said at its field (which gets the focus);
   * only a failure no field explains (network, session, server) is a toast.
   */
  private async handleSave(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.draft || this.saving) return;
    this.saving = true;
    try {
      this.draft = await this.syncApi().saveSettings(this.draft);
      this.savedStartDate = this.draft.startDate;
      this.fieldErrors = {};
      this.toasts.value?.show({ variant: 'success', title: 'Sync settings saved' });
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      this.fieldErrors = Object.fromEntries(fields.filter((field) => FORM_FIELDS.has(field.path)).map((field) => [field.path, field.message]));
      if (Object.keys(this.fieldErrors).length) {
        await this.updateComplete;
        this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      } else {
        this.toasts.value?.show({ variant: 'error', title: 'The sync settings were not saved', message: messageOf(error) });
      }
    } finally {
      this.saving = false;
    }
  }

  private async handleStart(mode: SyncRunMode): Promise<void> {
    if (this.starting) return;
    this.starting = true;
    try {
      this.run = await this.syncApi().startRun({ mode });
      this.schedulePoll();
    } catch (error) {
      this.toasts.value?.show({ variant: 'error', title: `${modeLabel(mode)} did not start`, message: messageOf(error) });
    } finally {
      this.starting = false;
    }
  }

  private async handleCancel(): Promise<void> {
    const run = this.run;
    if (!run) return;
    try {
      this.run = await this.syncApi().cancelRun(run.id);
      this.schedulePoll();
    } catch (error) {
      this.toasts.value?.show({ variant: 'error', title: 'The sync was not cancelled', message: messageOf(error) });
    }
  }

  private schedulePoll(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => {
      void this.poll();
    }, RUN_POLL_MS);
  }

  /** One progress poll; never rejects (a failed poll schedules the next one). */
  private async poll(): Promise<void> {
    const run = this.run;
    if (!run || run.state !== 'running' || !this.isConnected) return;
    try {
      const next = await this.syncApi().run(run.id);
      if (this.run?.id === next.id) this.run = next;
      if (next.state === 'running') this.schedulePoll();
      else if (next.state === 'succeeded')
        this.toasts.value?.show({ variant: 'success', title: `${modeLabel(next.mode)} completed`, message: progressLabel(next) });
    } catch {
      // A missed poll (network blip) is retried; the bar just waits.
      this.schedulePoll();
    }
  }
}

customElements.define('pd-sync-settings', PdSyncSettings);

declare global {
  interface HTMLElementTagNameMap {
    'pd-sync-settings': PdSyncSettings;
  }
}
