import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import type { SyncLogEventReply, SyncLogJob, SyncTraceRule } from '../../../../contracts/syncLog';
import { messageOf } from '../../../api/apiError';
import { apiContext, requireApi } from '../../../state/context';
import { statusBadge } from '../../../components/status-badge/statusBadge';
import { SyncLogApi } from '../../../api/syncLogApi';
import { describeJobResult, jobStatus, operatorLabel, resultNamesPagerDutyIds, STATUS_LOOKS, taskLabel, traceValue } from '../syncLogFormat';
import { AuthoringApi } from '../../../api/authoringApi';
import './sync-log-trace.css';

/**
 * `<pd-sync-log-trace>`: why the rules did what they did for one inbound event: per rule,
 * matched or not, and per condition the field, operator, expected, actual and previous values
 * with the outcome (GET /api/sync/log/events/:id), then what each action it caused reported
 * (responders added, the status update published, the workflow started…). Loads when shown;
 * again when the row's status changes (a retried event gets a new trace).
 *
 * Light DOM (see web/README.md).
 */
export class PdSyncLogTrace extends LitElement {
  static override properties = { eventId: { type: Number, attribute: 'event-id' }, status: { type: String } };

  declare eventId: number;
  /** The row's status: a change reloads the trace. */
  declare status: string;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly traceTask = new Task(this, {
    task: async ([eventId], { signal }): Promise<SyncLogEventReply> => {
      const api = requireApi(this.api);
      return new SyncLogApi(api).event(eventId, signal);
    },
    args: () => [this.eventId, this.status] as const,
  });

  /**
   * Names of the users, escalation policies and workflows the actions' results list by id, read
   * from the PagerDuty lists only when a result has such ids; ids stay as they are when PagerDuty
   * cannot be read (the details never wait on it or fail for it).
   */
  private readonly namesTask = new Task(this, {
    task: async ([needed], { signal }): Promise<Record<string, string>> => {
      const api = this.api.value;
      if (!needed || !api) return {};
      try {
        const lists = await new AuthoringApi(api).pagerDutyMetadata(signal);
        return Object.fromEntries([...lists.users, ...lists.escalationPolicies, ...lists.incidentWorkflows].map((item) => [item.id, item.name]));
      } catch {
        return {};
      }
    },
    args: () => [this.traceTask.value?.entry.actions.some((job) => resultNamesPagerDutyIds(job.result)) ?? false] as const,
  });

  constructor() {
    super();
    this.eventId = 0;
    this.status = '';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private renderRule(rule: SyncTraceRule) {
    const look = rule.matched
      ? { tone: 'success' as const, icon: 'success' as const, label: 'Matched' }
      : {
          tone: 'neutral' as const,
          icon: 'info' as const,
          label: rule.skippedReason === 'stopped' ? 'Skipped: an earlier rule stopped the ruleset' : 'Not matched',
        };
    return html`<section class="pd-sync-trace__rule" data-testid="sync-log-trace-rule" data-matched=${rule.matched ? 'true' : 'false'}>
      <h4 class="slds-text-heading_small pd-sync-trace__rule-title">
        <span>${rule.rulesetName} › ${rule.ruleName}</span> ${statusBadge(look)}
        ${rule.logic ? html`<span class="slds-text-body_small slds-text-color_weak">Filter logic: ${rule.logic}</span>` : nothing}
      </h4>
      ${
        rule.conditions.length === 0
          ? html`<p class="slds-text-color_weak">No conditions: the rule runs on every matching event.</p>`
          : html`<table class="slds-table slds-table_cell-buffer slds-table_bordered slds-table_col-bordered pd-sync-trace__table">
              <caption class="slds-assistive-text">
                Conditions of ${rule.ruleName}
              </caption>
              <thead>
                <tr class="slds-line-height_reset">
                  <th scope="col">#</th>
                  <th scope="col">Field</th>
                  <th scope="col">Operator</th>
                  <th scope="col">Expected</th>
                  <th scope="col">Actual</th>
                  <th scope="col">Previous</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                ${rule.conditions.map(
                  (condition) =>
                    html`<tr>
                      <td>${condition.index}</td>
                      <td>${condition.field}</td>
                      <td data-testid="sync-log-trace-operator">${operatorLabel(condition.operator)}</td>
                      <td class="pd-sync-trace__value">${traceValue(condition.expected)}</td>
                      <td class="pd-sync-trace__value">${traceValue(condition.actual)}</td>
                      <td class="pd-sync-trace__value">${'previous' in condition ? traceValue(condition.previous) : '—'}</td>
                      <td>
                        <span class=${condition.outcome ? 'slds-text-color_success' : 'slds-text-color_error'}>${condition.outcome ? 'True' : 'False'}</span>
                        ${condition.note ? html`<div class="slds-text-body_small slds-text-color_weak">${condition.note}</div>` : nothing}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  }

  private renderActionResult(job: SyncLogJob) {
    const lines = job.state === 'done' && job.skippedReason === null ? describeJobResult(job.result, this.namesTask.value ?? {}) : [];
    return html`<li class="pd-sync-trace__action" data-testid="sync-log-trace-action" data-task=${job.task}>
      <span class="pd-sync-trace__action-title"><strong>${taskLabel(job.task)}</strong> ${statusBadge(STATUS_LOOKS[jobStatus(job)])}</span>
      ${job.skippedReason !== null ? html`<p class="slds-text-body_small">${job.skippedReason}</p>` : nothing}
      ${
        lines.length
          ? html`<dl class="slds-dl_horizontal pd-sync-trace__result" data-testid="sync-log-trace-result">
              ${lines.map(
                ([label, value]) =>
                  html`<dt class="slds-dl_horizontal__label">${label}</dt>
                    <dd class="slds-dl_horizontal__detail">${value}</dd>`,
              )}
            </dl>`
          : nothing
      }
    </li>`;
  }

  private renderActions(reply: SyncLogEventReply) {
    if (reply.entry.actions.length === 0) return nothing;
    return html`<section class="pd-sync-trace__actions" aria-label="What the actions did">
      <h4 class="slds-text-heading_small pd-sync-trace__rule-title">What the actions did</h4>
      <ul>
        ${reply.entry.actions.map((job) => this.renderActionResult(job))}
      </ul>
    </section>`;
  }

  private renderReply(reply: SyncLogEventReply) {
    if (!reply.trace || reply.trace.length === 0) {
      return html`<p data-testid="sync-log-trace-empty">
          ${reply.trace ? 'No enabled rule runs on this kind of event.' : `Rules did not run${reply.entry.note ? `: ${reply.entry.note}` : reply.entry.status === 'pending' ? ': the event is not processed yet.' : '.'}`}
        </p>
        ${this.renderActions(reply)}`;
    }
    return html`${reply.entry.note ? html`<p class="slds-m-bottom_x-small">${reply.entry.note}</p>` : nothing}${reply.trace.map((rule) => this.renderRule(rule))}
    ${this.renderActions(reply)}`;
  }

  override render() {
    return html`<div class="pd-sync-trace" data-testid="sync-log-trace">
      ${this.traceTask.render({
        initial: () => html`<p class="slds-text-color_weak">Loading the trace…</p>`,
        pending: () => (this.traceTask.value ? this.renderReply(this.traceTask.value) : html`<p class="slds-text-color_weak">Loading the trace…</p>`),
        complete: (reply) => this.renderReply(reply),
        error: (error) => html`<p class="slds-text-color_error" role="alert">Could not load the trace: ${messageOf(error)}</p>`,
      })}
    </div>`;
  }
}

customElements.define('pd-sync-log-trace', PdSyncLogTrace);

declare global {
  interface HTMLElementTagNameMap {
    'pd-sync-log-trace': PdSyncLogTrace;
  }
}
