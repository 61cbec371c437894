import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CaseFieldMetadata, PagerDutyMetadataReply } from '../../../../contracts/authoring';
import type { PriorityRoutingReply } from '../../../../contracts/priorityRouting';
import { ApiError, messageOf } from '../../../api/apiError';
import { AuthoringApi } from '../../../api/authoringApi';
import { PriorityRoutingApi } from '../../../api/priorityRoutingApi';
import { errorNotice, selectField, spinner } from '../../../components/authoring/authoringUi';
import { buttonIcon, standardIcon } from '../../../icons/icons';
import { apiContext, toastContext, requireApi } from '../../../state/context';
import { draftFrom, localErrors, newRoute, picklistFields, placeErrors, requestFrom, type PriorityRoutingDraft, type RouteDraft } from './priorityRoutingForm';
import './priority-routing.css';

interface Loaded {
  routing: PriorityRoutingReply;
  fields: CaseFieldMetadata[];
  pagerduty: PagerDutyMetadataReply;
}

type RouteField = 'serviceId' | 'priorityId' | 'escalationPolicyId';

/**
 * `<pd-priority-routing>`: OBJECT MAPPINGS → Priority routing (ServiceNow v7's "Map Priority to
 * Escalation Policy"). An SLDS data table edited in place: per row a PagerDuty service, a
 * priority and an escalation policy (pickers over the live lists) and an Active toggle, with
 * Add row / Remove; below it, a Case picklist field from the live describe whose values each map
 * to a PagerDuty priority. Save sends the whole configuration; the server's field errors appear
 * next to their row or value, and a toast says whether it was saved.
 *
 * Light DOM (see web/README.md).
 */
export class PdPriorityRouting extends LitElement {
  static override properties = {
    draft: { state: true },
    errors: { state: true },
  };

  declare private draft: PriorityRoutingDraft | undefined;
  declare private errors: Map<string, string>;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly toasts = new ContextConsumer(this, { context: toastContext });

  private readonly loadTask = new Task<[], Loaded>(this, {
    task: async (_args, { signal }) => {
      const client = this.client();
      const authoring = new AuthoringApi(client);
      const [routing, describe, pagerduty] = await Promise.all([
        new PriorityRoutingApi(client).get(signal),
        authoring.caseFields(signal),
        authoring.pagerDutyMetadata(signal),
      ]);
      this.draft = draftFrom(routing);
      return { routing, fields: describe.fields, pagerduty };
    },
    args: () => [],
  });

  private readonly saveTask = new Task(this, {
    autoRun: false,
    task: async ([draft, fields]: [PriorityRoutingDraft, CaseFieldMetadata[]]) => new PriorityRoutingApi(this.client()).save(requestFrom(draft, fields)),
    onComplete: (routing) => void this.handleSaved(routing),
    onError: (error) => void this.handleSaveFailed(error),
  });

  constructor() {
    super();
    this.draft = undefined;
    this.errors = new Map();
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    this.loadTask.abort();
    super.disconnectedCallback();
  }

  private client() {
    return requireApi(this.api);
  }

  private change(draft: PriorityRoutingDraft, clear: string[]): void {
    this.draft = draft;
    if (clear.some((key) => this.errors.has(key))) {
      const rest = new Map(this.errors);
      for (const key of clear) rest.delete(key);
      this.errors = rest;
    }
  }

  private editRoute(route: RouteDraft, changes: Partial<RouteDraft>): void {
    if (!this.draft) return;
    const routes = this.draft.routes.map((candidate) => (candidate.key === route.key ? { ...candidate, ...changes } : candidate));
    this.change(
      { ...this.draft, routes },
      Object.keys(changes).map((field) => `route:${route.key}:${field}`),
    );
  }

  private readonly handleAddRow = async (): Promise<void> => {
    if (!this.draft) return;
    const route = newRoute();
    this.change({ ...this.draft, routes: [...this.draft.routes, route] }, []);
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#pr-route-${route.key}-serviceId`)?.focus();
  };

  private removeRow(route: RouteDraft): void {
    if (!this.draft) return;
    const routes = this.draft.routes.filter((candidate) => candidate.key !== route.key);
    this.change({ ...this.draft, routes }, [`route:${route.key}:serviceId`, `route:${route.key}:priorityId`, `route:${route.key}:escalationPolicyId`]);
    this.querySelector<HTMLElement>('[data-testid=priority-routing-add-row]')?.focus();
  }

  private readonly handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const loaded = this.loadTask.value;
    if (!this.draft || !loaded || this.saveTask.status === TaskStatus.PENDING) return;
    const local = localErrors(this.draft);
    if (local.size > 0) {
      this.errors = local;
      this.toasts.value?.show({ variant: 'error', title: 'Priority routing not saved', message: 'Fix the rows marked in red.' });
      void this.focusFirstError();
      return;
    }
    void this.saveTask.run([this.draft, loaded.fields]);
  };

  private async handleSaved(routing: PriorityRoutingReply): Promise<void> {
    const loaded = this.loadTask.value;
    if (loaded) loaded.routing = routing;
    this.draft = draftFrom(routing);
    this.errors = new Map();
    const active = routing.routes.filter((route) => route.active).length;
    this.toasts.value?.show({
      variant: 'success',
      title: 'Priority routing saved',
      message: `${active} active row${active === 1 ? '' : 's'} of ${routing.routes.length}; ${routing.caseValues.length} Case value${routing.caseValues.length === 1 ? '' : 's'} mapped to priorities.`,
    });
    await this.updateComplete;
    this.querySelector<HTMLElement>('[data-testid=priority-routing-save]')?.focus();
  }

  private async handleSaveFailed(error: unknown): Promise<void> {
    const loaded = this.loadTask.value;
    const fields = error instanceof ApiError ? error.fieldErrors : [];
    if (this.draft && loaded) this.errors = placeErrors(fields, this.draft, requestFrom(this.draft, loaded.fields));
    this.toasts.value?.show({
      variant: 'error',
      title: 'Priority routing not saved',
      message: fields.length
        ? `${fields.length === 1 ? 'One problem' : `${fields.length} problems`}, marked next to the rows: ${fields[0]?.message ?? ''}`
        : messageOf(error),
    });
    await this.focusFirstError();
  }

  private async focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private renderRoute(route: RouteDraft, index: number, pagerduty: PagerDutyMetadataReply, saving: boolean) {
    const picker = (field: RouteField, label: string, options: readonly { id: string; name: string }[], placeholder: string) =>
      html`<td data-label=${label}>
        ${selectField({
          id: `pr-route-${route.key}-${field}`,
          label: `${label}, row ${index + 1}`,
          hideLabel: true,
          value: route[field],
          options: options.map((option) => ({ value: option.id, label: option.name })),
          emptyLabel: placeholder,
          disabled: saving,
          error: this.errors.get(`route:${route.key}:${field}`),
          testId: `priority-route-${field}`,
          onChange: (value) => this.editRoute(route, { [field]: value }),
        })}
      </td>`;
    return html`<tr class="slds-hint-parent" data-testid="priority-route-row">
      ${picker('serviceId', 'Service', pagerduty.services, '— Choose a service —')}
      ${picker('priorityId', 'Priority', pagerduty.priorities, '— Choose a priority —')}
      ${picker('escalationPolicyId', 'Escalation policy', pagerduty.escalationPolicies, '— Choose a policy —')}
      <td data-label="Active">
        <div class="slds-form-element">
          <label class="slds-checkbox_toggle slds-grid">
            <span class="slds-assistive-text">Active, row ${index + 1}</span>
            <input
              type="checkbox"
              .checked=${route.active}
              ?disabled=${saving}
              data-testid="priority-route-active"
              aria-describedby="pr-route-${route.key}-active"
              @change=${(event: Event) => this.editRoute(route, { active: (event.target as HTMLInputElement).checked })}
            />
            <span id="pr-route-${route.key}-active" class="slds-checkbox_faux_container">
              <span class="slds-checkbox_faux"></span>
              <span class="slds-checkbox_on">Active</span>
              <span class="slds-checkbox_off">Inactive</span>
            </span>
          </label>
        </div>
      </td>
      <td>
        <button
          type="button"
          class="slds-button slds-button_icon slds-button_icon-border-filled"
          title="Remove row ${index + 1}"
          ?disabled=${saving}
          data-testid="priority-route-remove"
          @click=${() => this.removeRow(route)}
        >
          ${buttonIcon('delete')}<span class="slds-assistive-text">Remove row ${index + 1}</span>
        </button>
      </td>
    </tr>`;
  }

  private renderRoutes(draft: PriorityRoutingDraft, pagerduty: PagerDutyMetadataReply, saving: boolean) {
    return html`<h3 class="slds-text-heading_small slds-m-bottom_x-small" id="pr-routes-title">Priority → escalation policy</h3>
      <p class="slds-text-body_small slds-text-color_weak slds-m-bottom_small">
        When an incident of a service is created at a priority, or its priority changes in Salesforce or PagerDuty, it is reassigned to the row's escalation
        policy. An inactive or missing row leaves the incident's policy alone.
      </p>
      <table class="slds-table slds-table_cell-buffer slds-table_bordered slds-table_edit pd-priority-routing__table" aria-labelledby="pr-routes-title">
        <thead>
          <tr class="slds-line-height_reset">
            <th scope="col"><div class="slds-truncate" title="Service">Service</div></th>
            <th scope="col"><div class="slds-truncate" title="Priority">Priority</div></th>
            <th scope="col"><div class="slds-truncate" title="Escalation policy">Escalation policy</div></th>
            <th scope="col" class="pd-priority-routing__narrow"><div class="slds-truncate" title="Active">Active</div></th>
            <th scope="col" class="pd-priority-routing__narrow"><span class="slds-assistive-text">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          ${
            draft.routes.length === 0
              ? html`<tr>
                  <td colspan="5" class="slds-text-color_weak" data-testid="priority-routing-empty">
                    No rows: incidents keep the escalation policy of their service.
                  </td>
                </tr>`
              : repeat(
                  draft.routes,
                  (route) => route.key,
                  (route, index) => this.renderRoute(route, index, pagerduty, saving),
                )
          }
        </tbody>
      </table>
      ${
        pagerduty.priorities.length === 0
          ? html`<p class="slds-text-color_error slds-m-top_x-small">
              This PagerDuty account has no priorities: turn them on in PagerDuty to route by priority.
            </p>`
          : nothing
      }
      <button
        type="button"
        class="slds-button slds-button_neutral slds-m-top_small"
        ?disabled=${saving}
        data-testid="priority-routing-add-row"
        @click=${this.handleAddRow}
      >
        ${buttonIcon('add')}Add row
      </button>`;
  }

  private renderCaseValues(draft: PriorityRoutingDraft, fields: CaseFieldMetadata[], pagerduty: PagerDutyMetadataReply, saving: boolean) {
    const picklists = picklistFields(fields);
    const field = picklists.find((candidate) => candidate.name === draft.caseField);
    const priorities = pagerduty.priorities.map((priority) => ({ value: priority.id, label: priority.name }));
    return html`<h3 class="slds-text-heading_small slds-m-top_large slds-m-bottom_x-small" id="pr-values-title">Case field → PagerDuty priority</h3>
      <p class="slds-text-body_small slds-text-color_weak slds-m-bottom_small">
        An incident created for a Case takes the priority its value maps to (unless the rule sets one); when the field changes on a linked Case, the incident's
        priority follows.
      </p>
      <div class="pd-priority-routing__field">
        ${selectField({
          id: 'pr-case-field',
          label: 'Case field',
          value: draft.caseField,
          options: picklists.map((candidate) => ({ value: candidate.name, label: `${candidate.label} (${candidate.name})` })),
          emptyLabel: '— None —',
          disabled: saving,
          error: this.errors.get('caseField'),
          testId: 'priority-routing-case-field',
          help: 'A picklist field of the Case, from the live describe.',
          onChange: (value) => this.draft && this.change({ ...this.draft, caseField: value }, ['caseField']),
        })}
      </div>
      ${
        field
          ? html`<table
              class="slds-table slds-table_cell-buffer slds-table_bordered slds-table_edit slds-m-top_small pd-priority-routing__values"
              aria-labelledby="pr-values-title"
            >
              <thead>
                <tr class="slds-line-height_reset">
                  <th scope="col"><div class="slds-truncate">Case ${field.label}</div></th>
                  <th scope="col"><div class="slds-truncate">PagerDuty priority</div></th>
                </tr>
              </thead>
              <tbody>
                ${field.picklistValues.map(
                  (value, index) =>
                    html`<tr data-testid="priority-value-row">
                      <th scope="row">${value}</th>
                      <td>
                        ${selectField({
                          id: `pr-value-${index}`,
                          label: `PagerDuty priority for ${field.label} ${value}`,
                          hideLabel: true,
                          value: draft.caseValues[value] ?? '',
                          options: priorities,
                          emptyLabel: '— Not mapped —',
                          disabled: saving,
                          error: this.errors.get(`value:${value}`),
                          testId: `priority-value-${value}`,
                          onChange: (priorityId) =>
                            this.draft && this.change({ ...this.draft, caseValues: { ...this.draft.caseValues, [value]: priorityId } }, [`value:${value}`]),
                        })}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : nothing
      }`;
  }

  private renderForm({ routing, fields, pagerduty }: Loaded) {
    const draft = this.draft ?? draftFrom(routing);
    const saving = this.saveTask.status === TaskStatus.PENDING;
    return html`<form novalidate @submit=${this.handleSubmit}>
      ${this.renderRoutes(draft, pagerduty, saving)} ${this.renderCaseValues(draft, fields, pagerduty, saving)}
      <div class="pd-authoring__actions">
        <button class="slds-button slds-button_brand" type="submit" ?disabled=${saving} data-testid="priority-routing-save">
          ${saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>`;
  }

  override render() {
    return html`<article class="slds-card slds-card_boundary slds-m-top_medium" aria-labelledby="priority-routing-title" data-testid="priority-routing-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${standardIcon('queue')}</div>
          <div class="slds-media__body"><h2 class="slds-card__header-title" id="priority-routing-title">Priority routing</h2></div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">
        ${this.loadTask.render({
          initial: () => spinner('Loading priority routing'),
          pending: () => spinner('Loading priority routing'),
          complete: (loaded) => this.renderForm(loaded),
          error: (error) => errorNotice(`Could not load priority routing. ${messageOf(error)}`, () => void this.loadTask.run()),
        })}
      </div>
    </article>`;
  }
}

customElements.define('pd-priority-routing', PdPriorityRouting);

declare global {
  interface HTMLElementTagNameMap {
    'pd-priority-routing': PdPriorityRouting;
  }
}
