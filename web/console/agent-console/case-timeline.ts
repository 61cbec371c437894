import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AgentIncidentTimeline, AgentTimelineEntry } from '../../../contracts/agent';
import { messageOf } from '../../api/apiError';
import { formatDateTime } from '../../format/dateTime';
import type { AgentApi } from '../api/agentApi';

const KIND_LABELS: Record<AgentTimelineEntry['kind'], string> = { log_entry: 'Log entry', note: 'Note', status_update: 'Status update' };

/**
 * `<pd-case-timeline>`: the live timeline of each incident linked to the console's Case: log
 * entries, notes and status updates, newest first. It reads them when it opens and again each
 * time the Case's event stream says `changed` (never on a timer), keeping the last timeline on
 * screen meanwhile; after a change it fires `pd-case-changed` so the console reads the incident
 * again too. `incidentLabels` names each incident (#number) for its heading.
 *
 * Light DOM (SLDS applies).
 */
export class PdCaseTimeline extends LitElement {
  static override properties = {
    api: { attribute: false },
    incidentLabels: { attribute: false },
    timelines: { state: true },
    error: { state: true },
  };

  declare api: AgentApi | undefined;
  declare incidentLabels: ReadonlyMap<string, string>;
  declare private timelines: AgentIncidentTimeline[] | undefined;
  declare private error: unknown;

  #unsubscribe: (() => void) | undefined;
  #reading: AbortController | undefined;
  #again = false;

  constructor() {
    super();
    this.api = undefined;
    this.incidentLabels = new Map();
    this.timelines = undefined;
    this.error = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.api) return;
    void this.#read();
    this.#unsubscribe = this.api.subscribeCase(() => {
      void this.#read();
      this.dispatchEvent(new CustomEvent('pd-case-changed', { bubbles: true, composed: true }));
    });
  }

  override disconnectedCallback(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#reading?.abort();
    super.disconnectedCallback();
  }

  /** One read at a time; a change during a read reads once more after it, so the last change is never missed. */
  async #read(): Promise<void> {
    if (!this.api) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    const controller = new AbortController();
    this.#reading = controller;
    try {
      this.timelines = (await this.api.getTimeline(controller.signal)).timelines;
      this.error = undefined;
    } catch (error) {
      if (!controller.signal.aborted) this.error = error;
    } finally {
      this.#reading = undefined;
    }
    if (this.#again && !controller.signal.aborted) {
      this.#again = false;
      await this.#read();
    }
  }

  private renderEntry(entry: AgentTimelineEntry) {
    return html`<li class="slds-timeline__item pd-timeline-entry" data-kind=${entry.kind} data-type=${entry.type ?? nothing}>
      <div class="slds-media">
        <div class="slds-media__body">
          <div class="slds-grid slds-grid_align-spread">
            <p class="slds-text-title">${KIND_LABELS[entry.kind]}${entry.by ? html` · ${entry.by}` : nothing}</p>
            <p class="slds-timeline__date"><time datetime=${entry.at}>${formatDateTime(entry.at)}</time></p>
          </div>
          <p class="slds-m-top_xx-small pd-timeline-text">${entry.text}</p>
        </div>
      </div>
    </li>`;
  }

  override render() {
    if (this.error && !this.timelines) {
      return html`<p class="slds-text-color_error" role="alert">${messageOf(this.error)}</p>`;
    }
    if (!this.timelines) return html`<p class="slds-text-color_weak" role="status">Loading the timeline…</p>`;
    return html`${this.error ? html`<p class="slds-text-color_error" role="alert">${messageOf(this.error)} Showing the last timeline read.</p>` : nothing}
    ${repeat(
      this.timelines,
      (timeline) => timeline.incidentId,
      (timeline) =>
        html`<section class="slds-m-top_small" aria-label=${`Timeline of ${this.incidentLabels.get(timeline.incidentId) ?? timeline.incidentId}`}>
          <h2 class="slds-text-heading_small slds-m-bottom_x-small">Timeline of ${this.incidentLabels.get(timeline.incidentId) ?? timeline.incidentId}</h2>
          ${
            timeline.entries.length
              ? html`<ul class="slds-timeline" aria-live="polite">
                  ${repeat(
                    timeline.entries,
                    (entry) => entry.id,
                    (entry) => this.renderEntry(entry),
                  )}
                </ul>`
              : html`<p class="slds-text-color_weak">Nothing has happened on this incident yet.</p>`
          }
        </section>`,
    )}`;
  }
}

customElements.define('pd-case-timeline', PdCaseTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'pd-case-timeline': PdCaseTimeline;
  }
}
