import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement } from 'lit';
import { agentActions, agentEndpoints, type AgentAction, type CanvasConnectionView, type UpdateCanvasConnectionRequest } from '../../../../contracts/agent';
import { messageOf } from '../../../api/apiError';
import type { ApiClient } from '../../../api/client';
import { standardIcon, utilityIcon } from '../../../icons/icons';
import { apiContext, requireApi } from '../../../state/context';
import { secretField, textAreaField } from '../../../components/form-field/formFields';
import { SaveFeedbackController } from '../../../components/form-field/saveFeedback';
import { statusBadge } from '../../../components/status-badge/statusBadge';
import { AGENT_ACTION_LABELS, CANVAS_FIELD_LABELS, canvasDraftFrom, canvasUpdateFrom, type CanvasDraft } from './canvasForm';
import '../connection-card.css';

const loading = html`<div class="slds-spinner_container">
  <div class="slds-spinner slds-spinner_small" role="status">
    <span class="slds-assistive-text">Loading the Canvas app settings</span>
    <div class="slds-spinner__dot-a"></div>
    <div class="slds-spinner__dot-b"></div>
  </div>
</div>`;

/**
 * `<pd-canvas-app-card>`: the Salesforce Canvas app that shows agents the Command Console on the
 * Case page: its write-only consumer secret, the orgs and Salesforce domains allowed, the
 * profiles that may use the console and the actions agents may take. Loads its own settings
 * (GET /api/connections/canvas) and saves them (PUT); a 400 marks each named field.
 *
 * Light DOM (see web/README.md).
 */
export class PdCanvasAppCard extends LitElement {
  static override properties = { draft: { state: true } };

  declare private draft: CanvasDraft | undefined;
  private view: CanvasConnectionView | undefined;

  private readonly api = new ContextConsumer(this, { context: apiContext });

  private readonly loadTask = new Task(this, {
    task: async (_args, { signal }) => {
      const view = await this.client().call<CanvasConnectionView>(agentEndpoints.getCanvasConnection, { signal });
      this.show(view);
      return view;
    },
    args: () => [],
  });

  private readonly saveTask = new Task(this, {
    autoRun: false,
    task: async ([update]: [UpdateCanvasConnectionRequest]) =>
      this.client().call<CanvasConnectionView>(agentEndpoints.updateCanvasConnection, { body: update }),
    onComplete: (view) => {
      this.show(view);
      this.feedback.saved();
    },
    onError: (error) => this.feedback.failed(error),
  });

  private readonly feedback: SaveFeedbackController = new SaveFeedbackController(this, {
    subject: 'Canvas app settings',
    savedMessage: 'Agents opening the console from Salesforce get these settings on their next request.',
    labels: CANVAS_FIELD_LABELS,
    saveButtonSelector: '[data-testid=canvas-save]',
    isSaving: (): boolean => this.saveTask.status === TaskStatus.PENDING,
  });

  constructor() {
    super();
    this.draft = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private client(): ApiClient {
    return requireApi(this.api);
  }

  private show(view: CanvasConnectionView): void {
    this.view = view;
    this.draft = canvasDraftFrom(view);
  }

  private edit(field: Exclude<keyof CanvasDraft, 'agentActions'>, value: string): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, [field]: value };
    this.feedback.clear(field);
  }

  private toggleAction(action: AgentAction, allowed: boolean): void {
    if (!this.draft) return;
    const others = this.draft.agentActions.filter((candidate) => candidate !== action);
    this.draft = { ...this.draft, agentActions: allowed ? [...others, action] : others };
  }

  private readonly handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (!this.draft || this.saveTask.status === TaskStatus.PENDING) return;
    void this.saveTask.run([canvasUpdateFrom(this.draft)]);
  };

  private renderForm(view: CanvasConnectionView, draft: CanvasDraft) {
    const saving = this.saveTask.status === TaskStatus.PENDING;
    const list = (field: 'allowedOrgIds' | 'frameAncestors' | 'allowedProfileIds', placeholder: string, help: string) =>
      textAreaField({
        id: `canvas-${field}`,
        label: CANVAS_FIELD_LABELS[field],
        value: draft[field],
        placeholder,
        help,
        error: this.feedback.error(field),
        disabled: saving,
        onInput: (value) => this.edit(field, value),
      });
    return html`<form novalidate @submit=${this.handleSubmit}>
      ${secretField({
        id: 'canvas-consumer-secret',
        label: CANVAS_FIELD_LABELS.consumerSecret,
        value: draft.consumerSecret,
        state: view.consumerSecret,
        error: this.feedback.error('consumerSecret'),
        help: 'From the connected app with Canvas enabled (Setup → App Manager → View → Consumer Secret). It signs every Canvas request.',
        required: true,
        disabled: saving,
        onInput: (value) => this.edit('consumerSecret', value),
      })}
      ${list('allowedOrgIds', '00D5e000000XXXXEAA', 'One per line. Empty: only the org of the Salesforce connection on this tab.')}
      ${list('frameAncestors', 'https://acme.lightning.force.com', 'One https origin per line, besides the org’s own that each request names.')}
      ${list('allowedProfileIds', '00e5e000000XXXXAAA', 'One profile id per line. Empty: every profile.')}
      <fieldset class="slds-form-element slds-m-bottom_small">
        <legend class="slds-form-element__legend slds-form-element__label">${CANVAS_FIELD_LABELS.agentActions}</legend>
        <div class="slds-form-element__control">
          ${agentActions.map(
            (action) =>
              html`<div class="slds-checkbox">
                <input
                  type="checkbox"
                  id="canvas-action-${action}"
                  .checked=${draft.agentActions.includes(action)}
                  ?disabled=${saving}
                  @change=${(event: Event) => this.toggleAction(action, (event.target as HTMLInputElement).checked)}
                />
                <label class="slds-checkbox__label" for="canvas-action-${action}"
                  ><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">${AGENT_ACTION_LABELS[action]}</span></label
                >
              </div>`,
          )}
        </div>
      </fieldset>
      <div class="pd-connection-card__actions">
        <button class="slds-button slds-button_brand" type="submit" ?disabled=${saving} data-testid="canvas-save">${saving ? 'Saving…' : 'Save'}</button>
      </div>
    </form>`;
  }

  override render() {
    const configured = this.view?.configured ?? false;
    const body = this.loadTask.render({
      initial: () => loading,
      pending: () => (this.view && this.draft ? this.renderForm(this.view, this.draft) : loading),
      error: (error) =>
        html`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_error" role="alert">
          <div class="slds-media__figure">${utilityIcon('error', 'slds-icon slds-icon_small slds-icon-text-default')}</div>
          <div class="slds-media__body">
            <p>Could not load the Canvas app settings. ${messageOf(error)}</p>
            <button class="slds-button slds-button_neutral slds-m-top_x-small" type="button" @click=${() => void this.loadTask.run()}>Try again</button>
          </div>
        </div>`,
      complete: (view) => (this.draft ? this.renderForm(this.view ?? view, this.draft) : ''),
    });
    return html`<article class="slds-card slds-card_boundary pd-connection-card" aria-labelledby="canvas-card-title" data-testid="canvas-app-card">
      <div class="slds-card__header slds-grid">
        <header class="slds-media slds-media_center slds-has-flexi-truncate">
          <div class="slds-media__figure">${standardIcon('canvas')}</div>
          <div class="slds-media__body">
            <h2 class="slds-card__header-title" id="canvas-card-title">Salesforce Canvas app (agents’ console)</h2>
          </div>
          <div class="slds-no-flex">
            ${statusBadge(configured ? { tone: 'neutral', icon: 'success', label: 'Secret saved' } : { tone: 'neutral', icon: 'info', label: 'Not configured' })}
          </div>
        </header>
      </div>
      <div class="slds-card__body slds-card__body_inner">${body}</div>
    </article>`;
  }
}

customElements.define('pd-canvas-app-card', PdCanvasAppCard);

declare global {
  interface HTMLElementTagNameMap {
    'pd-canvas-app-card': PdCanvasAppCard;
  }
}
