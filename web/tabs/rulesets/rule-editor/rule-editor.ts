import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { checkFilterLogic, INCIDENT_EVENT_LABELS, INCIDENT_EVENT_TYPES, type Rule, type Ruleset } from '../../../../rules';
import { ApiError, messageOf } from '../../../api/apiError';
import { apiContext, toastContext, requireApi } from '../../../state/context';
import { renderActions } from './actionsBuilder';
import { AuthoringApi } from '../../../api/authoringApi';
import { renderConditions } from './conditionsBuilder';
import type { RuleEditorHost } from './editorHost';
import { describeError, describeRulePath, describeRulesetPath, errorsForRule, inputIdForPath, missingRequiredFields, type EditorMetadata } from '../ruleDraft';
import { nameInput, nameLengthProblem, selectField } from '../../../components/authoring/authoringUi';
import '../rule-test-panel/rule-test-panel';

const CASE_ON_LABELS = { create: 'When a Case is created', update: 'When a Case is updated', both: 'When a Case is created or updated' } as const;

/**
 * `<pd-rule-editor>`: one rule: name, "Run rule on", numbered conditions (field, operator by
 * type, value input by type), filter logic (All / Any / Custom, parsed as you type), actions by
 * run-on with PagerDuty and Case pickers, "Stop processing", Save (PUT of the whole ruleset;
 * a 400's paths land on their inputs) and the "Test this rule" panel.
 *
 * @fires pd-ruleset-saved - CustomEvent<Ruleset>: the ruleset as the server stored it
 */
export class PdRuleEditor extends LitElement implements RuleEditorHost {
  static override properties = {
    ruleset: { attribute: false },
    ruleIndex: { attribute: false },
    meta: { attribute: false },
    draft: { state: true },
    errors: { state: true },
    otherErrors: { state: true },
    saving: { state: true },
    freeTexts: { state: true },
  };

  declare ruleset: Ruleset;
  declare ruleIndex: number;
  declare meta: EditorMetadata;
  declare private draft: Rule | undefined;
  declare private errors: Map<string, string>;
  declare private otherErrors: { path: string; message: string }[];
  declare private saving: boolean;
  declare private freeTexts: ReadonlyMap<string, boolean>;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly toasts = new ContextConsumer(this, { context: toastContext });

  constructor() {
    super();
    this.ruleIndex = 0;
    this.draft = undefined;
    this.errors = new Map();
    this.otherErrors = [];
    this.saving = false;
    this.freeTexts = new Map();
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('ruleset') || changed.has('ruleIndex')) && (!this.draft || this.draft.id !== this.saved()?.id)) {
      this.draft = structuredClone(this.saved());
      this.freeTexts = new Map();
    }
  }

  private saved(): Rule | undefined {
    return this.ruleset.rules[this.ruleIndex];
  }

  private get dirty(): boolean {
    return JSON.stringify(this.draft) !== JSON.stringify(this.saved());
  }

  /** Applies an edit to the draft; `clear` drops the errors whose path starts with it. */
  changeDraft(change: (rule: Rule) => Rule, clear?: string): void {
    if (!this.draft) return;
    this.draft = change(this.draft);
    if (clear !== undefined) {
      const rest = new Map([...this.errors].filter(([path]) => !path.startsWith(clear)));
      if (rest.size !== this.errors.size) this.errors = rest;
    }
  }

  freeText(key: string): boolean | undefined {
    return this.freeTexts.get(key);
  }

  setFreeText(key: string, on: boolean): void {
    this.freeTexts = new Map([...this.freeTexts, [key, on]]);
  }

  err(path: string): string | undefined {
    return this.errors.get(path);
  }

  // ── run on ──────────────────────────────────────────────────────────────────────────────────
  private setRunKind(kind: 'case' | 'incident'): void {
    this.changeDraft((rule) => {
      if (rule.runOn.kind === kind) return rule;
      // Conditions and actions belong to one side: switching sides starts them afresh.
      return {
        ...rule,
        runOn: kind === 'case' ? { kind: 'case', on: 'both' } : { kind: 'incident', events: ['incident.triggered'] },
        conditions: [],
        filterLogic: { kind: 'all' },
        actions: [],
      };
    }, '');
  }

  private renderRunOn(rule: Rule) {
    const runOn = rule.runOn;
    return html`<fieldset class="slds-form-element pd-authoring__section" data-testid="run-on">
      <legend class="slds-form-element__legend slds-form-element__label">Run rule on</legend>
      <div class="slds-form-element__control">
        ${(['case', 'incident'] as const).map(
          (kind) =>
            html`<span class="slds-radio">
              <input
                type="radio"
                id="run-on-${kind}"
                name="run-on"
                value=${kind}
                .checked=${live(runOn.kind === kind)}
                data-testid="run-on-${kind}"
                @change=${() => this.setRunKind(kind)}
              />
              <label class="slds-radio__label" for="run-on-${kind}">
                <span class="slds-radio_faux"></span>
                <span class="slds-form-element__label">${kind === 'case' ? 'Case create or update' : 'PagerDuty incident create or update'}</span>
              </label>
            </span>`,
        )}
      </div>
      ${
        runOn.kind === 'case'
          ? selectField({
              id: 'run-on-case-change',
              label: 'Case change',
              value: runOn.on,
              options: (['create', 'update', 'both'] as const).map((on) => ({ value: on, label: CASE_ON_LABELS[on] })),
              error: this.err('runOn.on'),
              onChange: (value) => this.changeDraft((r) => ({ ...r, runOn: { kind: 'case', on: value as 'create' | 'update' | 'both' } }), 'runOn'),
            })
          : html`<fieldset class="slds-form-element slds-m-top_x-small ${this.err('runOn.events') ? 'slds-has-error' : ''}">
              <legend class="slds-form-element__legend slds-form-element__label">PagerDuty events</legend>
              <div class="slds-form-element__control pd-authoring__checks">
                ${INCIDENT_EVENT_TYPES.map((eventType) => {
                  const id = `event-${eventType.replaceAll('.', '-')}`;
                  return html`<div class="slds-checkbox">
                    <input
                      type="checkbox"
                      id=${id}
                      data-testid=${id}
                      .checked=${live(runOn.events.includes(eventType))}
                      @change=${(e: Event) => {
                        const on = (e.target as HTMLInputElement).checked;
                        this.changeDraft((r) => {
                          const events = r.runOn.kind === 'incident' ? r.runOn.events : [];
                          const next = on ? [...events, eventType] : events.filter((x) => x !== eventType);
                          return { ...r, runOn: { kind: 'incident', events: INCIDENT_EVENT_TYPES.filter((t) => next.includes(t)) } };
                        }, 'runOn');
                      }}
                    />
                    <label class="slds-checkbox__label" for=${id}
                      ><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">${INCIDENT_EVENT_LABELS[eventType]}</span></label
                    >
                  </div>`;
                })}
              </div>
              ${this.err('runOn.events') ? html`<div class="slds-form-element__help">${this.err('runOn.events')}</div>` : nothing}
            </fieldset>`
      }
    </fieldset>`;
  }

  // ── save ────────────────────────────────────────────────────────────────────────────────────
  private localProblems(rule: Rule): Map<string, string> {
    const problems = new Map<string, string>();
    const nameProblem = rule.name.trim() ? nameLengthProblem(rule.name) : 'Enter a name for the rule';
    if (nameProblem) problems.set('name', nameProblem);
    rule.conditions.forEach((condition, index) => {
      if (!condition.field) problems.set(`conditions[${index}].field`, 'Choose a field');
      else if (!condition.operator) problems.set(`conditions[${index}].operator`, 'Choose an operator');
    });
    if (rule.filterLogic.kind === 'custom') {
      const check = checkFilterLogic(rule.filterLogic.expression, rule.conditions.length);
      if (!check.ok) problems.set('filterLogic.expression', check.error.message);
    }
    rule.actions.forEach((action, index) => {
      if (action.type === 'create_case') {
        const missing = missingRequiredFields(action.values, this.meta);
        if (missing.length) problems.set(`actions[${index}].values`, `Set the required fields: ${missing.map((f) => f.label).join(', ')}`);
      }
    });
    return problems;
  }

  private async handleSave(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const draft = this.draft;
    if (!draft || this.saving) return;
    const local = this.localProblems(draft);
    if (local.size > 0) {
      this.errors = local;
      await this.focusFirstError();
      return;
    }
    this.saving = true;
    try {
      const api = requireApi(this.api);
      const saved = await new AuthoringApi(api).saveRuleset({
        ...this.ruleset,
        rules: this.ruleset.rules.map((rule, i) => (i === this.ruleIndex ? draft : rule)),
      });
      this.errors = new Map();
      this.otherErrors = [];
      this.ruleset = saved;
      this.draft = structuredClone(saved.rules[this.ruleIndex]);
      this.dispatchEvent(new CustomEvent<Ruleset>('pd-ruleset-saved', { detail: saved, bubbles: true }));
      this.toasts.value?.show({ variant: 'success', title: `Rule "${draft.name}" saved` });
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      const { own, others } = errorsForRule(fields, this.ruleIndex);
      this.errors = own;
      this.otherErrors = others;
      this.toasts.value?.show({
        variant: 'error',
        title: 'Rule not saved',
        message: fields.length ? `${fields.length} problem(s): see the marked fields.` : messageOf(error),
      });
      await this.focusFirstError();
    } finally {
      this.saving = false;
    }
  }

  private async focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('[aria-invalid="true"], .slds-has-error input, .slds-has-error select')?.focus();
  }

  override render() {
    const rule = this.draft;
    if (!rule) return nothing;
    // The banner speaks the inputs' language ("Condition 1 › Field"), each line a link to its input.
    const errorList = [
      ...[...this.errors.entries()].map(([path, message]) => ({
        text: describeError(describeRulePath(path, rule, this.meta), message),
        inputId: inputIdForPath(path, rule),
      })),
      ...this.otherErrors.map(({ path, message }) => ({
        text: describeError(describeRulesetPath(path, this.ruleset, this.meta), message),
        inputId: undefined,
      })),
    ];
    return html`<article class="slds-card slds-card_boundary" aria-labelledby="rule-editor-title" data-testid="rule-editor">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__body"><h2 class="slds-card__header-title" id="rule-editor-title">Rule: ${this.saved()?.name ?? rule.name}</h2></div>
          ${this.dirty ? html`<span class="slds-badge" data-testid="rule-unsaved">Unsaved changes</span>` : nothing}
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        <form novalidate @submit=${(e: SubmitEvent) => void this.handleSave(e)}>
          ${
            errorList.length
              ? html`<div class="slds-notify slds-notify_alert slds-alert_error" role="alert" data-testid="rule-errors">
                  <div>
                    <strong>Fix these before saving:</strong>
                    <ul class="slds-list_dotted">
                      ${errorList.map((e) =>
                        e.inputId
                          ? html`<li>
                              <a
                                href="#${e.inputId}"
                                @click=${(event: Event) => {
                                  event.preventDefault();
                                  this.querySelector<HTMLElement>(`#${e.inputId ?? ''}`)?.focus();
                                }}
                                >${e.text}</a
                              >
                            </li>`
                          : html`<li>${e.text}</li>`,
                      )}
                    </ul>
                  </div>
                </div>`
              : nothing
          }
          ${nameInput({
            id: 'rule-name',
            label: 'Rule name',
            required: true,
            value: rule.name,
            error: this.err('name') ?? nameLengthProblem(rule.name),
            testId: 'rule-name',
            onInput: (name) => this.changeDraft((r) => ({ ...r, name }), 'name'),
          })}
          ${this.renderRunOn(rule)} ${renderConditions(this, rule)} ${renderActions(this, rule)}
          <div class="slds-form-element pd-authoring__section">
            <div class="slds-form-element__control">
              <div class="slds-checkbox">
                <input
                  type="checkbox"
                  id="rule-stop"
                  data-testid="rule-stop"
                  aria-describedby="rule-stop-help"
                  .checked=${live(rule.stopProcessing)}
                  @change=${(e: Event) => this.changeDraft((r) => ({ ...r, stopProcessing: (e.target as HTMLInputElement).checked }))}
                />
                <label class="slds-checkbox__label" for="rule-stop">
                  <span class="slds-checkbox_faux"></span>
                  <span class="slds-form-element__label">Stop processing</span>
                </label>
              </div>
            </div>
            <div class="slds-form-element__help slds-text-color_weak" id="rule-stop-help">
              When this rule matches, the rules after it in this ruleset are skipped; other rulesets still run.
            </div>
          </div>
          <div class="pd-authoring__actions">
            <button class="slds-button slds-button_brand" type="submit" data-testid="rule-save" aria-busy=${this.saving ? 'true' : 'false'}>
              ${this.saving ? 'Saving…' : 'Save Rule'}
            </button>
            <button
              class="slds-button slds-button_neutral"
              type="button"
              ?disabled=${!this.dirty}
              @click=${() => {
                this.draft = structuredClone(this.saved());
                this.errors = new Map();
                this.otherErrors = [];
              }}
            >
              Discard changes
            </button>
          </div>
        </form>
        <pd-rule-test-panel .rulesetId=${this.ruleset.id} .rule=${this.saved()} .dirty=${this.dirty}></pd-rule-test-panel>
      </div>
    </article>`;
  }
}

customElements.define('pd-rule-editor', PdRuleEditor);

declare global {
  interface HTMLElementTagNameMap {
    'pd-rule-editor': PdRuleEditor;
  }
}
