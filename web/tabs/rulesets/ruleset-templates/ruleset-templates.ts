import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Ruleset } from '../../../../rules';
import type { PagerDutyServiceOption, RulesetTemplateView } from '../../../../contracts/authoring';
import { ApiError, messageOf } from '../../../api/apiError';
import { AuthoringApi } from '../../../api/authoringApi';
import { errorNotice, selectField, spinner, warningNotice } from '../../../components/authoring/authoringUi';
import { apiContext, toastContext, requireApi } from '../../../state/context';
import { addRequest, blockedReason, serviceChoice } from './templateChoices';
import './ruleset-templates.css';

/** Fired when a template was added; the list reloads. */
export class RulesetAddedEvent extends Event {
  static readonly eventName = 'pd-ruleset-added' as const;
  constructor(readonly ruleset: Ruleset) {
    super(RulesetAddedEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * `<pd-ruleset-templates>`: "Add from template" on RULESETS. A button that opens an SLDS modal of
 * the starter rulesets (GET /api/rulesets/templates), each with what it does, its rules and, when
 * it pages or watches a PagerDuty service, a service picker set to the account's first service by
 * name. "Add" stores it disabled (POST /api/rulesets/templates/:key) and fires `pd-ruleset-added`.
 *
 * Light DOM (see web/README.md).
 */
export class PdRulesetTemplates extends LitElement {
  static override properties = {
    open: { state: true },
    serviceIds: { state: true },
    adding: { state: true },
    errors: { state: true },
  };

  declare private open: boolean;
  /** The service chosen per template key. */
  declare private serviceIds: Readonly<Record<string, string>>;
  declare private adding: string | null;
  /** A failed add's message per template key. */
  declare private errors: Readonly<Record<string, string>>;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly toasts = new ContextConsumer(this, { context: toastContext });

  private readonly templatesTask = new Task<[], RulesetTemplateView[]>(this, {
    task: async (_args, { signal }) => (await this.authoring().rulesetTemplates(signal)).templates,
    autoRun: false,
  });

  private readonly servicesTask = new Task<[], PagerDutyServiceOption[]>(this, {
    task: async (_args, { signal }) => (await this.authoring().pagerDutyMetadata(signal)).services,
    autoRun: false,
  });

  constructor() {
    super();
    this.open = false;
    this.serviceIds = {};
    this.adding = null;
    this.errors = {};
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    this.templatesTask.abort();
    this.servicesTask.abort();
    super.disconnectedCallback();
  }

  private authoring(): AuthoringApi {
    const api = requireApi(this.api);
    return new AuthoringApi(api);
  }

  private readonly openModal = async (): Promise<void> => {
    this.open = true;
    this.errors = {};
    void this.templatesTask.run();
    void this.servicesTask.run();
    await this.updateComplete;
    this.querySelector<HTMLElement>('[data-templates-initial-focus]')?.focus();
  };

  private readonly close = async (): Promise<void> => {
    this.open = false;
    await this.updateComplete;
    this.querySelector<HTMLElement>('[data-testid=rulesets-add-from-template]')?.focus();
  };

  private services(): PagerDutyServiceOption[] | undefined {
    return this.servicesTask.value;
  }

  private serviceFor(template: RulesetTemplateView): string {
    return serviceChoice(this.services() ?? [], this.serviceIds[template.key]);
  }

  private async add(template: RulesetTemplateView): Promise<void> {
    if (this.adding) return;
    this.adding = template.key;
    this.errors = { ...this.errors, [template.key]: '' };
    try {
      const created = await this.authoring().addRulesetFromTemplate(template.key, addRequest(template, this.serviceFor(template)));
      this.toasts.value?.show({ variant: 'success', title: `Ruleset "${created.name}" added`, message: 'It is disabled until you enable it.' });
      this.dispatchEvent(new RulesetAddedEvent(created));
      await this.close();
    } catch (error) {
      const messages = error instanceof ApiError && error.fieldErrors.length > 0 ? error.fieldErrors.map((field) => field.message) : [messageOf(error)];
      this.errors = { ...this.errors, [template.key]: messages.join(' ') };
    } finally {
      this.adding = null;
    }
  }

  private renderServicePicker(template: RulesetTemplateView): TemplateResult | typeof nothing {
    if (!template.needs.includes('service')) return nothing;
    const services = this.services();
    if (!services) return nothing;
    return selectField({
      id: `template-service-${template.key}`,
      label: 'PagerDuty service',
      value: this.serviceFor(template),
      options: services.map((service) => ({ value: service.id, label: service.name })),
      onChange: (value) => (this.serviceIds = { ...this.serviceIds, [template.key]: value }),
      help: "Set to the account's first service by name; choose the one this ruleset works with.",
      stacked: true,
    });
  }

  private renderTemplate(template: RulesetTemplateView): TemplateResult {
    const blocked = blockedReason(template, this.services() ?? (this.servicesTask.error ? [] : undefined), this.serviceFor(template));
    const error = this.errors[template.key];
    const busy = this.adding === template.key;
    return html`<li class="slds-box slds-box_small pd-ruleset-templates__item" data-testid="ruleset-template" data-template-key=${template.key}>
      <h3 class="slds-text-heading_small" id="template-${template.key}-name">${template.name}</h3>
      <p class="slds-m-top_xx-small">${template.description}</p>
      <p class="slds-text-body_small slds-text-color_weak slds-m-top_xx-small">Rules: ${template.ruleNames.join(' · ')}</p>
      ${this.renderServicePicker(template)}
      <div class="slds-m-top_x-small pd-ruleset-templates__add">
        <button
          class="slds-button slds-button_brand"
          type="button"
          ?disabled=${blocked !== undefined || (this.adding !== null && !busy)}
          aria-busy=${busy ? 'true' : 'false'}
          aria-describedby=${blocked ? `template-${template.key}-blocked` : nothing}
          data-testid="ruleset-template-add"
          @click=${() => void this.add(template)}
        >
          Add<span class="slds-assistive-text"> ${template.name}</span>
        </button>
        ${blocked ? html`<span class="slds-text-body_small slds-text-color_weak" id="template-${template.key}-blocked">${blocked}</span>` : nothing}
      </div>
      ${error ? html`<div class="slds-text-color_error slds-m-top_x-small" role="alert" data-testid="ruleset-template-error">${error}</div>` : nothing}
    </li>`;
  }

  private renderBody(): TemplateResult {
    const servicesProblem = this.servicesTask.error
      ? warningNotice(
          `Could not list the PagerDuty services (${messageOf(this.servicesTask.error)}): templates that need a service can be added once PagerDuty answers.`,
        )
      : nothing;
    return this.templatesTask.render({
      initial: () => spinner('Loading the templates'),
      pending: () => spinner('Loading the templates'),
      complete: (templates) =>
        html`${servicesProblem}
          <ul class="pd-ruleset-templates__list">
            ${templates.map((template) => this.renderTemplate(template))}
          </ul>`,
      error: (error) => errorNotice(`Could not load the templates. ${messageOf(error)}`, () => void this.templatesTask.run()),
    });
  }

  private renderModal(): TemplateResult {
    return html`<section
        role="dialog"
        tabindex="-1"
        aria-modal="true"
        aria-labelledby="ruleset-templates-heading"
        aria-describedby="ruleset-templates-intro"
        class="slds-modal slds-fade-in-open slds-modal_medium"
        data-testid="ruleset-templates-modal"
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Escape') void this.close();
        }}
      >
        <div class="slds-modal__container">
          <div class="slds-modal__header">
            <h2 class="slds-modal__title slds-hyphenate" id="ruleset-templates-heading">Add from template</h2>
            <p class="slds-m-top_x-small" id="ruleset-templates-intro">
              Starter rulesets for the usual round trips. Each is added disabled, after your rulesets: review it, then enable it.
            </p>
          </div>
          <div class="slds-modal__content slds-p-around_medium">${this.renderBody()}</div>
          <div class="slds-modal__footer">
            <button class="slds-button slds-button_neutral" type="button" data-templates-initial-focus @click=${() => void this.close()}>Close</button>
          </div>
        </div>
      </section>
      <div class="slds-backdrop slds-backdrop_open" role="presentation"></div>`;
  }

  override render(): TemplateResult {
    return html`<button
        class="slds-button slds-button_neutral"
        type="button"
        aria-haspopup="dialog"
        data-testid="rulesets-add-from-template"
        @click=${() => void this.openModal()}
      >
        Add from template
      </button>
      ${this.open ? this.renderModal() : nothing}`;
  }
}

customElements.define('pd-ruleset-templates', PdRulesetTemplates);

declare global {
  interface HTMLElementTagNameMap {
    'pd-ruleset-templates': PdRulesetTemplates;
  }
  interface HTMLElementEventMap {
    [RulesetAddedEvent.eventName]: RulesetAddedEvent;
  }
}
