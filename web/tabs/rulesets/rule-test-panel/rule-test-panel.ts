import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { INCIDENT_EVENT_LABELS, INCIDENT_EVENT_TYPES, OPERATORS, incidentEventLabel, type IncidentEventType, type Rule } from '../../../../rules';
import type { RuleTestReply, RuleTestRequest } from '../../../../contracts/authoring';
import { ApiError, messageOf } from '../../../api/apiError';
import { apiContext, requireApi } from '../../../state/context';
import { AuthoringApi } from '../../../api/authoringApi';
import { formatTraceValue } from './traceFormat';
import { previewAction } from './actionPreview';
import { errorNotice, selectField } from '../../../components/authoring/authoringUi';

/**
 * `<pd-rule-test-panel>`: "Test this rule". A Case number (Case rules) or a PagerDuty event
 * kind with an optional incident, by the number the UI shows or its id (incident rules; without
 * one a built-in sample incident is used); shows the trace: every condition with the value seen and its outcome, the logic, and
 * the actions the rule would take. Tests the saved rule.
 */
export class PdRuleTestPanel extends LitElement {
  static override properties = {
    rulesetId: { attribute: false },
    rule: { attribute: false },
    dirty: { type: Boolean },
    caseNumber: { state: true },
    eventType: { state: true },
    incidentId: { state: true },
  };

  declare rulesetId: string;
  declare rule: Rule | undefined;
  declare dirty: boolean;
  declare private caseNumber: string;
  declare private eventType: IncidentEventType;
  declare private incidentId: string;

  private readonly api = new ContextConsumer(this, { context: apiContext });

  private readonly testTask = new Task(this, {
    autoRun: false,
    task: async ([ruleId, body]: [string, RuleTestRequest]) => {
      const api = requireApi(this.api);
      return new AuthoringApi(api).testRule(this.rulesetId, ruleId, body);
    },
  });

  constructor() {
    super();
    this.rulesetId = '';
    this.rule = undefined;
    this.dirty = false;
    this.caseNumber = '';
    this.eventType = 'incident.triggered';
    this.incidentId = '';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private readonly handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const rule = this.rule;
    if (!rule) return;
    const body: RuleTestRequest =
      rule.runOn.kind === 'case'
        ? { caseNumber: this.caseNumber.trim() }
        : { sampleEvent: { eventType: this.eventType, ...(this.incidentId.trim() ? { incidentId: this.incidentId.trim() } : {}) } };
    void this.testTask.run([rule.id, body]);
  };

  private renderResult(reply: RuleTestReply) {
    const trace = reply.trace;
    const what =
      reply.event.kind === 'case'
        ? `Case ${reply.event.caseNumber} (${reply.event.change}${reply.event.usedSnapshot ? ', compared with the last synced values' : ''})`
        : `${incidentEventLabel(reply.event.eventType)} on ${reply.event.source === 'sample' ? 'the sample incident' : `incident #${reply.event.incidentNumber} (${reply.event.incidentId})`}`;
    return html`<div class="slds-m-top_small" data-testid="rule-test-result" aria-live="polite">
      <p>
        <span class="slds-badge ${reply.matched ? 'slds-theme_success' : ''}" data-testid="rule-test-outcome"
          >${reply.matched ? 'Matched' : 'Not matched'}</span
        >
        ${what}. ${trace.skippedReason === 'run_on' ? html`<strong>The rule does not run on this event.</strong>` : html`Logic: <code>${trace.logic}</code>`}
      </p>
      ${
        trace.conditions.length
          ? html`<table class="slds-table slds-table_cell-buffer slds-table_bordered pd-authoring__trace slds-m-top_x-small" aria-label="Condition trace">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Field</th>
                  <th scope="col">Operator</th>
                  <th scope="col">Expected</th>
                  <th scope="col">Value seen</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                ${trace.conditions.map(
                  (c) =>
                    html`<tr data-testid="trace-row">
                      <td>${c.index}</td>
                      <td>${c.field}</td>
                      <td>${OPERATORS[c.operator].label}</td>
                      <td>${formatTraceValue(c.expected)}</td>
                      <td>
                        ${formatTraceValue(c.actual)}${'previous' in c ? html`<br /><span class="slds-text-color_weak">was ${formatTraceValue(c.previous)}</span>` : nothing}
                        ${c.note ? html`<br /><span class="slds-text-color_weak">${c.note}</span>` : nothing}
                      </td>
                      <td>${c.outcome ? 'true' : 'false'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : nothing
      }
      ${
        reply.matched
          ? html`<h4 class="slds-text-title_caps slds-m-top_small">Actions it would take</h4>
              ${
                reply.actions.length
                  ? html`<ol class="slds-list_ordered" data-testid="rule-test-actions">
                      ${reply.actions.map((action) => {
                        const described = previewAction(action, reply.pagerDutyNames);
                        return html`<li data-testid="rule-test-action" data-type=${action.type}>
                          <strong data-testid="rule-test-action-preview">${described.summary}</strong>
                          <div class="slds-text-body_small slds-text-color_weak">${described.title}</div>
                          <dl class="slds-dl_horizontal">
                            ${described.values.map(
                              ([label, value]) =>
                                html`<dt class="slds-dl_horizontal__label">${label}</dt>
                                  <dd class="slds-dl_horizontal__detail">${value}</dd>`,
                            )}
                          </dl>
                        </li>`;
                      })}
                    </ol>`
                  : html`<p class="slds-text-color_weak">None.</p>`
              }`
          : nothing
      }
    </div>`;
  }

  override render() {
    const rule = this.rule;
    if (!rule) return nothing;
    const fieldError = this.testTask.error instanceof ApiError ? this.testTask.error.fieldErrors[0]?.message : undefined;
    return html`<section class="pd-authoring__section slds-box slds-theme_shade" aria-labelledby="rule-test-title" data-testid="rule-test">
      <h3 class="slds-text-heading_small" id="rule-test-title">Test this rule</h3>
      <p class="slds-text-body_small slds-text-color_weak">
        ${this.dirty ? 'The test uses the saved rule: save your changes first.' : 'Evaluates the saved rule only; nothing is written anywhere.'}
      </p>
      <form class="slds-grid slds-wrap slds-grid_vertical-align-end slds-gutters_direct-x-small" novalidate @submit=${this.handleSubmit}>
        ${
          rule.runOn.kind === 'case'
            ? html`<div class="slds-col slds-form-element ${fieldError ? 'slds-has-error' : ''}">
                <label class="slds-form-element__label" for="rule-test-case">Case number</label>
                <div class="slds-form-element__control">
                  <input
                    class="slds-input"
                    id="rule-test-case"
                    data-testid="rule-test-case"
                    .value=${live(this.caseNumber)}
                    @input=${(e: InputEvent) => (this.caseNumber = (e.target as HTMLInputElement).value)}
                  />
                </div>
              </div>`
            : html`<div class="slds-col">
                  ${selectField({
                    id: 'rule-test-event',
                    label: 'PagerDuty event',
                    value: this.eventType,
                    options: INCIDENT_EVENT_TYPES.map((type) => ({ value: type, label: INCIDENT_EVENT_LABELS[type] })),
                    testId: 'rule-test-event',
                    onChange: (v) => (this.eventType = v as IncidentEventType),
                  })}
                </div>
                <div class="slds-col slds-form-element">
                  <label class="slds-form-element__label" for="rule-test-incident">Incident number or id (empty: a sample incident)</label>
                  <div class="slds-form-element__control">
                    <input
                      class="slds-input"
                      id="rule-test-incident"
                      placeholder="e.g. 41"
                      data-testid="rule-test-incident"
                      .value=${live(this.incidentId)}
                      @input=${(e: InputEvent) => (this.incidentId = (e.target as HTMLInputElement).value)}
                    />
                  </div>
                </div>`
        }
        <div class="slds-col slds-no-flex">
          <button
            class="slds-button slds-button_outline-brand"
            type="submit"
            data-testid="rule-test-run"
            aria-busy=${this.testTask.status === TaskStatus.PENDING ? 'true' : 'false'}
          >
            Test
          </button>
        </div>
      </form>
      <div class="pd-authoring__loading" style="min-height:2rem">
        ${this.testTask.render({
          initial: () => nothing,
          pending: () => html`<p class="slds-text-color_weak" role="status">Testing…</p>`,
          complete: (reply) => this.renderResult(reply),
          error: (error) => errorNotice(messageOf(error)),
        })}
      </div>
    </section>`;
  }
}

customElements.define('pd-rule-test-panel', PdRuleTestPanel);

declare global {
  interface HTMLElementTagNameMap {
    'pd-rule-test-panel': PdRuleTestPanel;
  }
}
