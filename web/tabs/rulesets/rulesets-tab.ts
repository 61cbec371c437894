import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement } from 'lit';
import { rulesetNameKey, type Ruleset } from '../../../rules';
import { ApiError, messageOf } from '../../api/apiError';
import { spriteIcon } from '../../icons/icons';
import { apiContext, toastContext, requireApi } from '../../state/context';
import { AuthoringApi } from '../../api/authoringApi';
import { confirmModal } from './confirmModal';
import { formatLocation, move, parseLocation, type RulesetsLocation } from './navigation';
import { describeError, describeRulesetPath } from './ruleDraft';
import { addByNameForm, enabledToggle, errorNotice, nameInput, nameLengthProblem, spinner } from '../../components/authoring/authoringUi';
import './ruleset-rules/ruleset-rules';
import './ruleset-templates/ruleset-templates';
import './rulesets-tab.css';

/**
 * `<pd-rulesets-tab>`: the RULESETS tab. The list of rulesets in evaluation order with Add
 * Ruleset (created disabled), enable/disable, move up/down, rename, delete (confirmed), Export
 * and Import; opening a ruleset shows `<pd-ruleset-rules>`. Where the admin is lives in the URL
 * hash (see navigation.ts).
 *
 * Light DOM (see web/README.md).
 */
export class PdRulesetsTab extends LitElement {
  static override properties = {
    location: { state: true },
    newName: { state: true },
    addError: { state: true },
    renaming: { state: true },
    confirmDelete: { state: true },
    busy: { state: true },
  };

  declare private location: RulesetsLocation;
  declare private newName: string;
  declare private addError: string | undefined;
  declare private renaming: { id: string; name: string; error?: string } | null;
  declare private confirmDelete: Ruleset | null;
  declare private busy: boolean;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly toasts = new ContextConsumer(this, { context: toastContext });

  private readonly listTask = new Task<[], Ruleset[]>(this, {
    task: async (_args, { signal }) => (await this.authoring().rulesets(signal)).rulesets,
    args: () => [],
  });

  private readonly handleHashChange = () => {
    const next = parseLocation(window.location.hash);
    if (next.rulesetId === this.location.rulesetId && next.ruleId === this.location.ruleId) return;
    this.location = next;
    if (!next.rulesetId) void this.listTask.run();
  };

  constructor() {
    super();
    this.location = parseLocation(window.location.hash);
    this.newName = '';
    this.addError = undefined;
    this.renaming = null;
    this.confirmDelete = null;
    this.busy = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back/Forward between places of this tab: entries made by pushState raise popstate.
    window.addEventListener('hashchange', this.handleHashChange);
    window.addEventListener('popstate', this.handleHashChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.handleHashChange);
    window.removeEventListener('popstate', this.handleHashChange);
    this.listTask.abort();
    super.disconnectedCallback();
  }

  private authoring(): AuthoringApi {
    const api = requireApi(this.api);
    return new AuthoringApi(api);
  }

  /** Opens a place in the tab; pushes a history entry so Back returns. */
  navigate(location: RulesetsLocation): void {
    const hash = formatLocation(location);
    window.history.pushState(null, '', `${window.location.pathname}${hash}`);
    this.location = location;
    if (!location.rulesetId) void this.listTask.run();
  }

  private rulesets(): Ruleset[] {
    return this.listTask.value ?? [];
  }

  private replace(updated: Ruleset): void {
    const list = this.rulesets().map((ruleset) => (ruleset.id === updated.id ? updated : ruleset));
    this.listTask.value?.splice(0, Infinity, ...list);
    this.requestUpdate();
  }

  private async run<T>(title: string, work: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    try {
      return await work();
    } catch (error) {
      this.toasts.value?.show({ variant: 'error', title, message: messageOf(error) });
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Why a name cannot be saved, before asking the server (which checks the same and answers 409 on a race). */
  private nameProblem(name: string, ownId: string | null): string | undefined {
    if (!name.trim()) return 'Enter a name for the ruleset';
    const length = nameLengthProblem(name);
    if (length) return length;
    const owner = this.rulesets().find((ruleset) => ruleset.id !== ownId && rulesetNameKey(ruleset.name) === rulesetNameKey(name));
    return owner ? `A ruleset named "${owner.name}" already exists: choose another name` : undefined;
  }

  private async handleAdd(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const problem = this.nameProblem(this.newName, null);
    if (problem) {
      this.addError = problem;
      return;
    }
    try {
      const created = await this.authoring().createRuleset(this.newName.trim());
      this.newName = '';
      this.addError = undefined;
      this.toasts.value?.show({ variant: 'success', title: `Ruleset "${created.name}" added`, message: 'It is disabled until you enable it.' });
      await this.listTask.run();
    } catch (error) {
      this.addError = error instanceof ApiError && error.fieldErrors[0] ? error.fieldErrors[0].message : messageOf(error);
    }
  }

  private async toggle(ruleset: Ruleset): Promise<void> {
    const updated = await this.run(`Could not ${ruleset.enabled ? 'disable' : 'enable'} "${ruleset.name}"`, () =>
      this.authoring().patchRuleset(ruleset.id, { enabled: !ruleset.enabled }),
    );
    if (updated) this.replace(updated);
  }

  private async reorder(index: number, delta: -1 | 1): Promise<void> {
    const ids = move(this.rulesets(), index, delta).map((ruleset) => ruleset.id);
    const reply = await this.run('Could not change the order', () => this.authoring().reorderRulesets(ids));
    if (reply) {
      this.listTask.value?.splice(0, Infinity, ...reply.rulesets);
      this.requestUpdate();
      await this.updateComplete;
      this.querySelector<HTMLElement>(`[data-testid="ruleset-move-${delta < 0 ? 'up' : 'down'}-${index + delta}"]`)?.focus();
    }
  }

  private async saveRename(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const renaming = this.renaming;
    if (!renaming) return;
    const problem = this.nameProblem(renaming.name, renaming.id);
    if (problem) {
      this.renaming = { ...renaming, error: problem };
      return;
    }
    try {
      const updated = await this.authoring().patchRuleset(renaming.id, { name: renaming.name.trim() });
      this.replace(updated);
      this.renaming = null;
    } catch (error) {
      this.renaming = { ...renaming, error: error instanceof ApiError && error.fieldErrors[0] ? error.fieldErrors[0].message : messageOf(error) };
    }
  }

  private async deleteConfirmed(): Promise<void> {
    const ruleset = this.confirmDelete;
    if (!ruleset) return;
    const done = await this.run(`Could not delete "${ruleset.name}"`, async () => {
      await this.authoring().deleteRuleset(ruleset.id);
      return true;
    });
    this.confirmDelete = null;
    if (done) {
      this.toasts.value?.show({ variant: 'success', title: `Ruleset "${ruleset.name}" deleted` });
      await this.listTask.run();
    }
  }

  private openDeleteModal(ruleset: Ruleset): void {
    // The modal dialog focuses its Cancel button itself when it opens.
    this.confirmDelete = ruleset;
  }

  private async handleImport(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      this.toasts.value?.show({ variant: 'error', title: 'Import failed', message: `${file.name} is not JSON: choose a file made by Export.` });
      return;
    }
    try {
      const reply = await this.authoring().importRulesets(document);
      this.toasts.value?.show({
        variant: 'success',
        title: `Imported ${reply.imported.length} ruleset${reply.imported.length === 1 ? '' : 's'}`,
        message: `Imported rulesets are disabled: review them, then enable them.${
          reply.renamedNames.length
            ? ` Names already in use were changed: ${reply.renamedNames.map((renamed) => `"${renamed.from}" → "${renamed.to}"`).join(', ')}.`
            : ''
        }`,
      });
      await this.listTask.run();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      this.toasts.value?.show({
        variant: 'error',
        title: 'Import failed: nothing was imported',
        message: fields.length
          ? fields
              .slice(0, 4)
              .map((field) => describeError(describeRulesetPath(field.path, undefined, undefined), field.message))
              .join('; ')
          : messageOf(error),
      });
    }
  }

  private renderRow(ruleset: Ruleset, index: number, count: number) {
    const renaming = this.renaming?.id === ruleset.id ? this.renaming : null;
    const nameCell = renaming
      ? html`<form class="pd-authoring__inline-form" novalidate @submit=${(e: SubmitEvent) => void this.saveRename(e)}>
          ${nameInput({
            id: `rename-${ruleset.id}`,
            label: `New name for ${ruleset.name}`,
            hideLabel: true,
            placeholder: 'Ruleset name',
            value: renaming.name,
            error: renaming.error,
            testId: 'ruleset-rename-input',
            errorTestId: 'ruleset-rename-error',
            onInput: (name) => {
              const error = nameLengthProblem(name);
              this.renaming = error ? { id: ruleset.id, name, error } : { id: ruleset.id, name };
            },
            onKeydown: (e) => {
              if (e.key === 'Escape') this.renaming = null;
            },
          })}
          <button class="slds-button slds-button_brand" type="submit" data-testid="ruleset-rename-save">Save</button>
          <button class="slds-button slds-button_neutral" type="button" @click=${() => (this.renaming = null)}>Cancel</button>
        </form>`
      : html`<a
          href=${formatLocation({ rulesetId: ruleset.id, ruleId: null }) || '#'}
          data-testid="ruleset-open"
          @click=${(e: Event) => {
            e.preventDefault();
            this.navigate({ rulesetId: ruleset.id, ruleId: null });
          }}
          >${ruleset.name}</a
        >`;
    return html`<tr class="slds-hint-parent" data-testid="ruleset-row" data-ruleset-id=${ruleset.id}>
      <td data-label="Order">${index + 1}</td>
      <th scope="row" data-label="Name">${nameCell}</th>
      <td data-label="Rules">${ruleset.rules.length}</td>
      <td data-label="Enabled">
        ${enabledToggle({
          id: `toggle-${ruleset.id}`,
          label: `Enabled: ${ruleset.name}`,
          checked: ruleset.enabled,
          testId: 'ruleset-enabled',
          onChange: () => void this.toggle(ruleset),
        })}
      </td>
      <td data-label="Actions">
        <div class="slds-button-group" role="group">
          <button
            class="slds-button slds-button_icon slds-button_icon-border-filled"
            type="button"
            title="Move up"
            ?disabled=${index === 0}
            data-testid="ruleset-move-up-${index}"
            @click=${() => void this.reorder(index, -1)}
          >
            ${spriteIcon('utility', 'arrowup', 'slds-button__icon')}<span class="slds-assistive-text">Move ${ruleset.name} up</span>
          </button>
          <button
            class="slds-button slds-button_icon slds-button_icon-border-filled"
            type="button"
            title="Move down"
            ?disabled=${index === count - 1}
            data-testid="ruleset-move-down-${index}"
            @click=${() => void this.reorder(index, 1)}
          >
            ${spriteIcon('utility', 'arrowdown', 'slds-button__icon')}<span class="slds-assistive-text">Move ${ruleset.name} down</span>
          </button>
          <button
            class="slds-button slds-button_neutral"
            type="button"
            data-testid="ruleset-rename"
            @click=${async () => {
              this.renaming = { id: ruleset.id, name: ruleset.name };
              await this.updateComplete;
              this.querySelector<HTMLInputElement>('[data-testid=ruleset-rename-input]')?.focus();
            }}
          >
            Rename<span class="slds-assistive-text"> ${ruleset.name}</span>
          </button>
          <button class="slds-button slds-button_destructive" type="button" data-testid="ruleset-delete" @click=${() => this.openDeleteModal(ruleset)}>
            Delete<span class="slds-assistive-text"> ${ruleset.name}</span>
          </button>
        </div>
      </td>
    </tr>`;
  }

  private renderList(rulesets: Ruleset[]) {
    return html`<article class="slds-card slds-card_boundary" aria-labelledby="rulesets-title" data-testid="rulesets-card">
        <div class="slds-card__header slds-grid pd-authoring__card-header">
          <header class="slds-media slds-has-flexi-truncate">
            <div class="slds-media__body"><h2 class="slds-card__header-title" id="rulesets-title">Rulesets (${rulesets.length})</h2></div>
          </header>
          <div class="slds-no-flex pd-authoring__inline-form">
            <pd-ruleset-templates @pd-ruleset-added=${() => void this.listTask.run()}></pd-ruleset-templates>
            <a class="slds-button slds-button_neutral" href=${this.authoring().exportUrl} download data-testid="rulesets-export">Export</a>
            <label class="slds-button slds-button_neutral" for="rulesets-import-file">Import…</label>
            <input
              class="slds-assistive-text"
              type="file"
              id="rulesets-import-file"
              accept="application/json,.json"
              data-testid="rulesets-import"
              @change=${(e: Event) => void this.handleImport(e)}
            />
            ${addByNameForm({
              id: 'new-ruleset-name',
              noun: 'ruleset',
              buttonTestId: 'add-ruleset',
              value: this.newName,
              error: this.addError,
              onInput: (name, problem) => {
                this.newName = name;
                this.addError = problem;
              },
              onSubmit: (e) => void this.handleAdd(e),
            })}
          </div>
        </div>
        <div class="slds-card__body slds-card__body_inner">
          ${
            rulesets.length === 0
              ? html`<p class="slds-text-color_weak" data-testid="rulesets-empty">
                  No rulesets yet. Add one: it starts disabled, so nothing runs until you enable it.
                </p>`
              : html`<table class="slds-table slds-table_cell-buffer slds-table_bordered" aria-labelledby="rulesets-title">
                  <thead>
                    <tr class="slds-line-height_reset">
                      <th scope="col">Order</th>
                      <th scope="col">Name</th>
                      <th scope="col">Rules</th>
                      <th scope="col">Status</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${rulesets.map((ruleset, index) => this.renderRow(ruleset, index, rulesets.length))}
                  </tbody>
                </table>`
          }
          <p class="slds-text-body_small slds-text-color_weak slds-m-top_small">
            Enabled rulesets run in this order; inside a ruleset, rules run top to bottom. Imported rulesets arrive disabled.
          </p>
        </div>
      </article>
      ${confirmModal(
        this.confirmDelete
          ? {
              id: 'delete-ruleset-modal',
              title: 'Delete ruleset?',
              body: html`<p>
                Delete <strong>${this.confirmDelete.name}</strong> and its ${this.confirmDelete.rules.length} rule(s)? This cannot be undone; Export first to
                keep a copy.
              </p>`,
              confirmLabel: 'Delete',
              busy: this.busy,
              onConfirm: () => void this.deleteConfirmed(),
              onCancel: () => (this.confirmDelete = null),
            }
          : null,
      )}`;
  }

  override render() {
    const header = html`<div class="pd-authoring__header">
      <h2 class="slds-text-heading_medium">Rulesets</h2>
      <p class="slds-text-body_small slds-text-color_weak">Which Case changes become incidents, and what PagerDuty's updates do to Cases.</p>
    </div>`;
    if (this.location.rulesetId) {
      return html`${header}<pd-ruleset-rules
          .rulesetId=${this.location.rulesetId}
          .ruleId=${this.location.ruleId}
          @pd-rulesets-navigate=${(e: CustomEvent<RulesetsLocation>) => this.navigate(e.detail)}
        ></pd-ruleset-rules>`;
    }
    return html`${header}${this.listTask.render({
      initial: () => spinner('Loading the rulesets'),
      pending: () => (this.listTask.value ? this.renderList(this.listTask.value) : spinner('Loading the rulesets')),
      complete: (rulesets) => this.renderList(rulesets),
      error: (error) => errorNotice(`Could not load the rulesets. ${messageOf(error)}`, () => void this.listTask.run()),
    })}`;
  }
}

customElements.define('pd-rulesets-tab', PdRulesetsTab);

declare global {
  interface HTMLElementTagNameMap {
    'pd-rulesets-tab': PdRulesetsTab;
  }
}
