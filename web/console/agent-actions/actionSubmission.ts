import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { AgentActionReply } from '../../../contracts/agent';
import { ApiError, messageOf } from '../../api/apiError';
import { utilityIcon } from '../../icons/icons';
import { keepsKeyAfter, newIdempotencyKey } from './agentActionForms';

/** Fired (bubbling) when an action answered: the console shows its message and reloads the Case. */
export class AgentActionDoneEvent extends Event {
  static readonly type = 'pd-agent-action-done';

  constructor(readonly reply: AgentActionReply) {
    super(AgentActionDoneEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'pd-agent-action-done': AgentActionDoneEvent;
  }
}

/**
 * One form's submission: its idempotency key (kept across resends that may have acted, renewed
 * after an answer), whether it is under way (the button is disabled, so a double click sends
 * nothing), and the error to show beside the form.
 */
export class ActionSubmission {
  busy = false;
  error: string | null = null;
  #key = newIdempotencyKey();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {}

  async run(send: (key: string) => Promise<AgentActionReply>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    this.host.requestUpdate();
    try {
      const reply = await send(this.#key);
      this.#key = newIdempotencyKey();
      this.host.dispatchEvent(new AgentActionDoneEvent(reply));
      return true;
    } catch (error) {
      if (!(error instanceof ApiError && keepsKeyAfter(error))) this.#key = newIdempotencyKey();
      this.error = messageOf(error);
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The form's error, read out by screen readers as it appears. */
  renderError() {
    return this.error
      ? html`<div class="slds-notify slds-notify_alert slds-alert_error slds-m-top_x-small" role="alert">
          <h2>${utilityIcon('error', 'slds-icon slds-icon_x-small slds-m-right_x-small')}${this.error}</h2>
        </div>`
      : nothing;
  }
}
