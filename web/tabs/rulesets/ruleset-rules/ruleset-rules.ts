import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { newRule, type Ruleset } from '../../../../rules';
import { ApiError, isAbortError, messageOf } from '../../../api/apiError';
import { spriteIcon } from '../../../icons/icons';
import { apiContext, toastContext, requireApi } from '../../../state/context';
import { AuthoringApi } from '../../../api/authoringApi';
import { confirmModal } from '../confirmModal';
import { formatLocation, move, type RulesetsLocation } from '../navigation';
import { describeError, describeRulesetPath, describeRunOn, newRuleId, type EditorMetadata } from '../ruleDraft';
import { addByNameForm, enabledToggle, errorNotice, nameLengthProblem, spinner } from '../../../components/authoring/authoringUi';
import '../rule-editor/rule-editor';

interface Loaded {
  ruleset: Ruleset;
  meta: EditorMetadata;
}

/**
 * `<pd-ruleset-rules>`: one ruleset's rules (Add Rule, open, move, delete) and, when `ruleId`
 * is set, that rule's `<pd-rule-editor>`. Loads the ruleset and the pickers' metadata (Case
 * describe, incident fields, PagerDuty lists; PagerDuty being down is shown, not fatal).
 *
 * @fires pd-rulesets-navigate - CustomEvent<RulesetsLocation>: open another place of the tab
 */
export class PdRulesetRules extends LitElement {
  static override properties = {
    rulesetId: { attribute: false },
    ruleId: { attribute: false },
    newName: { state: true },
    addError: { state: true },
    confirmDelete: { state: true },
    toggling: { state: true },
  };

  declare rulesetId: string;
  declare ruleId: string | null;
  declare private newName: string;
  declare private addError: string | undefined;
  declare private confirmDelete: number | null;
  declare private toggling: boolean;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly toasts = new ContextConsumer(this, { context: toastContext });

  private readonly loadTask = new Task<[string], Loaded>(this, {
    task: async ([id], { signal }) => {
      const api = this.authoring();
      const [ruleset, caseFields, incident, pagerduty] = await Promise.all([
        api.ruleset(id, signal),
        api.caseFields(signal),
        api.incidentFields(signal),
        api.pagerDutyMetadata(signal).then(
          (value) => ({ value, problem: null }),
          (error: unknown) => {
            if (isAbortError(error)) throw error;
            return { value: null, problem: messageOf(error) };
          },
        ),
      ]);
      return { ruleset, meta: { caseFields: caseFields.fields, incident, pagerduty: pagerduty.value, pagerdutyProblem: pagerduty.problem } };
    },
    args: () => [this.rulesetId],
  });

  constructor() {
    super();
    this.rulesetId = '';
    this.ruleId = null;
    this.newName = '';
    this.addError = undefined;
    this.confirmDelete = null;
    this.toggling = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private authoring(): AuthoringApi {
    const api = requireApi(this.api);
    return new AuthoringApi(api);
  }

  private go(location: RulesetsLocation): void {
    this.dispatchEvent(new CustomEvent<RulesetsLocation>('pd-rulesets-navigate', { detail: location, bubbles: true }));
  }

  private setRuleset(ruleset: Ruleset): void {
    const loaded = this.loadTask.value;
    if (loaded) loaded.ruleset = ruleset;
    this.requestUpdate();
  }

  private async saveRules(ruleset: Ruleset, failureTitle: string): Promise<Ruleset | undefined> {
    try {
      const saved = await this.authoring().saveRuleset(ruleset);
      this.setRuleset(saved);
      return saved;
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      this.toasts.value?.show({
        variant: 'error',
        title: failureTitle,
        message: fields.length
          ? fields.map((f) => describeError(describeRulesetPath(f.path, ruleset, this.loadTask.value?.meta), f.message)).join('; ')
          : messageOf(error),
      });
      return undefined;
    }
  }

  /** Enables or disables the ruleset (enabling re-checks its rules against today's describe). */
  private async toggle(ruleset: Ruleset): Promise<void> {
    this.toggling = true;
    try {
      this.setRuleset(await this.authoring().patchRuleset(ruleset.id, { enabled: !ruleset.enabled }));
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      this.toasts.value?.show({
        variant: 'error',
        title: `Could not ${ruleset.enabled ? 'disable' : 'enable'} "${ruleset.name}"`,
        message: fields.length
          ? fields.map((f) => describeError(describeRulesetPath(f.path, ruleset, this.loadTask.value?.meta), f.message)).join('; ')
          : messageOf(error),
      });
      this.requestUpdate();
    } finally {
      this.toggling = false;
    }
  }

  private async handleAddRule(event: SubmitEvent, ruleset: Ruleset): Promise<void> {
    event.preventDefault();
    const name = this.newName.trim();
    const problem = name ? nameLengthProblem(name) : 'Enter a name for the rule';
    if (problem) {
      this.addError = problem;
      return;
    }
    const rule = newRule({ id: newRuleId(), name });
    const saved = await this.saveRules({ ...ruleset, rules: [...ruleset.rules, rule] }, 'Rule not added');
    if (saved) {
      this.newName = '';
      this.addError = undefined;
      this.go({ rulesetId: ruleset.id, ruleId: rule.id });
    }
  }

  private renderRules(ruleset: Ruleset) {
    return html`<article class="slds-card slds-card_boundary" aria-labelledby="ruleset-rules-title" data-testid="ruleset-detail">
        <div class="slds-card__header slds-grid pd-authoring__card-header">
          <header class="slds-media slds-has-flexi-truncate">
            <div class="slds-media__body">
              <h2 class="slds-card__header-title" id="ruleset-rules-title"><span data-testid="ruleset-name">${ruleset.name}</span></h2>
            </div>
          </header>
          <div class="slds-no-flex pd-authoring__inline-form">
            <div class="pd-authoring__toggle-slot">
              ${enabledToggle({
                id: 'ruleset-toggle',
                label: `Enabled: ${ruleset.name}`,
                checked: ruleset.enabled,
                testId: 'ruleset-enabled',
                busy: this.toggling,
                onChange: () => void this.toggle(ruleset),
              })}
            </div>
            ${addByNameForm({
              id: 'new-rule-name',
              noun: 'rule',
              buttonTestId: 'add-rule',
              value: this.newName,
              error: this.addError,
              onInput: (name, problem) => {
                this.newName = name;
                this.addError = problem;
              },
              onSubmit: (e) => void this.handleAddRule(e, ruleset),
            })}
          </div>
        </div>
        <div class="slds-card__body slds-card__body_inner">
          ${
            ruleset.rules.length === 0
              ? html`<p class="slds-text-color_weak">No rules yet.</p>`
              : html`<table class="slds-table slds-table_cell-buffer slds-table_bordered" aria-labelledby="ruleset-rules-title">
                  <thead>
                    <tr class="slds-line-height_reset">
                      <th scope="col">Order</th>
                      <th scope="col">Rule</th>
                      <th scope="col">Runs on</th>
                      <th scope="col">Conditions</th>
                      <th scope="col">Actions</th>
                      <th scope="col"><span class="slds-assistive-text">Manage</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${ruleset.rules.map(
                      (rule, index) =>
                        html`<tr data-testid="rule-row">
                          <td>${index + 1}</td>
                          <th scope="row">
                            <a
                              href=${formatLocation({ rulesetId: ruleset.id, ruleId: rule.id })}
                              data-testid="rule-open"
                              @click=${(e: Event) => {
                                e.preventDefault();
                                this.go({ rulesetId: ruleset.id, ruleId: rule.id });
                              }}
                              >${rule.name}</a
                            >
                          </th>
                          <td>${describeRunOn(rule.runOn)}</td>
                          <td>${rule.conditions.length}</td>
                          <td>${rule.actions.length}${rule.stopProcessing ? html` <span class="slds-badge">stops</span>` : nothing}</td>
                          <td>
                            <div class="slds-button-group" role="group">
                              <button
                                class="slds-button slds-button_icon slds-button_icon-border-filled"
                                type="button"
                                title="Move up"
                                ?disabled=${index === 0}
                                @click=${() => void this.saveRules({ ...ruleset, rules: move(ruleset.rules, index, -1) }, 'Order not saved')}
                              >
                                ${spriteIcon('utility', 'arrowup', 'slds-button__icon')}<span class="slds-assistive-text">Move ${rule.name} up</span>
                              </button>
                              <button
                                class="slds-button slds-button_icon slds-button_icon-border-filled"
                                type="button"
                                title="Move down"
                                ?disabled=${index === ruleset.rules.length - 1}
                                @click=${() => void this.saveRules({ ...ruleset, rules: move(ruleset.rules, index, 1) }, 'Order not saved')}
                              >
                                ${spriteIcon('utility', 'arrowdown', 'slds-button__icon')}<span class="slds-assistive-text">Move ${rule.name} down</span>
                              </button>
                              <button
                                class="slds-button slds-button_destructive"
                                type="button"
                                data-testid="rule-delete"
                                @click=${() => (this.confirmDelete = index)}
                              >
                                Delete<span class="slds-assistive-text"> ${rule.name}</span>
                              </button>
                            </div>
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }
        </div>
      </article>
      ${confirmModal(
        this.confirmDelete !== null && ruleset.rules[this.confirmDelete]
          ? {
              id: 'delete-rule-modal',
              title: 'Delete rule?',
              body: html`<p>Delete the rule <strong>${ruleset.rules[this.confirmDelete]?.name}</strong>? This cannot be undone.</p>`,
              confirmLabel: 'Delete',
              onConfirm: () => {
                const index = this.confirmDelete;
                if (index === null) return;
                this.confirmDelete = null;
                // saveRules reports its own failure (a toast), so nothing is left to handle here.
                void this.saveRules({ ...ruleset, rules: ruleset.rules.filter((_, i) => i !== index) }, 'Rule not deleted');
              },
              onCancel: () => (this.confirmDelete = null),
            }
          : null,
      )}`;
  }

  private renderLoaded({ ruleset, meta }: Loaded) {
    const ruleIndex = this.ruleId ? ruleset.rules.findIndex((rule) => rule.id === this.ruleId) : -1;
    const crumbs = html`<nav role="navigation" aria-label="Breadcrumbs" class="slds-m-bottom_small">
      <ol class="slds-breadcrumb slds-list_horizontal slds-wrap">
        <li class="slds-breadcrumb__item">
          <a
            href="#"
            data-testid="crumb-rulesets"
            @click=${(e: Event) => {
              e.preventDefault();
              this.go({ rulesetId: null, ruleId: null });
            }}
            >Rulesets</a
          >
        </li>
        <li class="slds-breadcrumb__item">
          <a
            href=${formatLocation({ rulesetId: ruleset.id, ruleId: null })}
            data-testid="crumb-ruleset"
            @click=${(e: Event) => {
              e.preventDefault();
              this.go({ rulesetId: ruleset.id, ruleId: null });
            }}
            >${ruleset.name}</a
          >
        </li>
      </ol>
    </nav>`;
    if (this.ruleId && ruleIndex === -1) {
      return html`${crumbs}${errorNotice('This rule no longer exists in the ruleset: it may have been deleted.')}`;
    }
    if (ruleIndex >= 0) {
      return html`${crumbs}<pd-rule-editor
          .ruleset=${ruleset}
          .ruleIndex=${ruleIndex}
          .meta=${meta}
          @pd-ruleset-saved=${(e: CustomEvent<Ruleset>) => this.setRuleset(e.detail)}
        ></pd-rule-editor>`;
    }
    return html`${crumbs}${this.renderRules(ruleset)}`;
  }

  override render() {
    return this.loadTask.render({
      initial: () => spinner('Loading the ruleset'),
      pending: () => (this.loadTask.value ? this.renderLoaded(this.loadTask.value) : spinner('Loading the ruleset')),
      complete: (loaded) => this.renderLoaded(loaded),
      error: (error) => errorNotice(`Could not load the ruleset. ${messageOf(error)}`, () => void this.loadTask.run()),
    });
  }
}

customElements.define('pd-ruleset-rules', PdRulesetRules);

declare global {
  interface HTMLElementTagNameMap {
    'pd-ruleset-rules': PdRulesetRules;
  }
}
