import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { messageOf } from '../../api/apiError';
import { standardIcon, utilityIcon } from '../../icons/icons';
import { apiContext, requireApi } from '../../state/context';
import { SignedInEvent } from '../../state/events';
import './sign-in.css';

/** Why the sign-in screen is showing, when there is more to say than "sign in". */
export type SignInNotice = 'link-expired' | 'session-ended' | 'signed-out';

const NOTICES: Record<SignInNotice, { variant: 'warning' | 'info'; text: string }> = {
  'link-expired': {
    variant: 'warning',
    text: 'That sign-in link was already used or has expired; sign in with your password, or restart the app to get a new link.',
  },
  'session-ended': { variant: 'warning', text: 'Your session has ended; sign in again to continue.' },
  'signed-out': { variant: 'info', text: 'You are signed out.' },
};

/** A text input's value from FormData (a file input would give a File: none here). */
function textOf(value: FormDataEntryValue | null): string {
  return typeof value === 'string' ? value : '';
}

/**
 * `<pd-sign-in>`: the username + password form (POST /api/session).
 *
 * @fires pd-signed-in - SignedInEvent, once the server accepted the credentials
 * @property notice - a reason shown above the form (expired link, ended session, signed out)
 * @property demo - the server runs in demo mode (mentions the printed sign-in link)
 *
 * Light DOM (see web/README.md). Focuses the username field when it appears.
 */
export class PdSignIn extends LitElement {
  static override properties = {
    notice: {},
    demo: { type: Boolean },
    problem: { state: true },
  };

  declare notice: SignInNotice | undefined;
  declare demo: boolean;
  /** A problem found before asking the server (empty fields). */
  declare private problem: string | undefined;

  private readonly api = new ContextConsumer(this, { context: apiContext });

  private readonly signInTask = new Task(this, {
    autoRun: false,
    task: async ([username, password]: [string, string], { signal }) => {
      const api = requireApi(this.api);
      const reply = await api.signIn({ username, password }, signal);
      this.dispatchEvent(new SignedInEvent({ username: reply.username ?? username, demo: reply.demo }));
      return reply;
    },
    onError: () => {
      this.refocusPassword = true;
    },
  });

  /** Set on failure; `updated()` acts once the fields are enabled again. */
  private refocusPassword = false;

  constructor() {
    super();
    this.notice = undefined;
    this.demo = false;
    this.problem = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override firstUpdated(): void {
    this.querySelector<HTMLInputElement>('#sign-in-username')?.focus();
  }

  /** The fields were disabled while waiting (which drops focus): put the admin back on the password. */
  protected override updated(): void {
    if (!this.refocusPassword || this.signInTask.status === TaskStatus.PENDING) return;
    this.refocusPassword = false;
    const password = this.querySelector<HTMLInputElement>('#sign-in-password');
    password?.focus();
    password?.select();
  }

  private readonly handleSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const username = textOf(form.get('username')).trim();
    const password = textOf(form.get('password'));
    if (!username || !password) {
      this.problem = 'Enter your username and password.';
      this.querySelector<HTMLInputElement>(username ? '#sign-in-password' : '#sign-in-username')?.focus();
      return;
    }
    this.problem = undefined;
    void this.signInTask.run([username, password]);
  };

  private renderNotice() {
    if (!this.notice) return nothing;
    const { variant, text } = NOTICES[this.notice];
    return html`<div class="slds-scoped-notification slds-media slds-media_center slds-theme_${variant} slds-m-bottom_medium" role="status">
      <div class="slds-media__figure">${utilityIcon(variant, 'slds-icon slds-icon_small slds-icon-text-default')}</div>
      <div class="slds-media__body" data-testid="sign-in-notice">${text}</div>
    </div>`;
  }

  override render() {
    const pending = this.signInTask.status === TaskStatus.PENDING;
    const error =
      this.problem ??
      this.signInTask.render({
        initial: () => undefined,
        pending: () => undefined,
        complete: () => undefined,
        error: (failure) => messageOf(failure),
      });
    return html`<main class="pd-sign-in">
      <div class="pd-sign-in__brand">
        ${standardIcon('connected_apps', 'medium')}
        <h1 class="slds-text-heading_large">PagerDuty Configuration</h1>
      </div>
      <article class="slds-card pd-sign-in__card">
        <div class="slds-card__body slds-card__body_inner">
          <h2 class="slds-text-heading_medium slds-m-bottom_medium">Sign in</h2>
          ${this.renderNotice()}
          <form novalidate @submit=${this.handleSubmit} aria-describedby="sign-in-error">
            <div class="slds-form-element slds-m-bottom_small ${error ? 'slds-has-error' : ''}">
              <label class="slds-form-element__label" for="sign-in-username">Username</label>
              <div class="slds-form-element__control">
                <input
                  id="sign-in-username"
                  class="slds-input"
                  name="username"
                  autocomplete="username"
                  autocapitalize="none"
                  spellcheck="false"
                  aria-invalid=${error ? 'true' : 'false'}
                  ?disabled=${pending}
                />
              </div>
            </div>
            <div class="slds-form-element slds-m-bottom_small ${error ? 'slds-has-error' : ''}">
              <label class="slds-form-element__label" for="sign-in-password">Password</label>
              <div class="slds-form-element__control">
                <input
                  id="sign-in-password"
                  class="slds-input"
                  name="password"
                  type="password"
                  autocomplete="current-password"
                  aria-invalid=${error ? 'true' : 'false'}
                  ?disabled=${pending}
                />
              </div>
            </div>
            <div class="pd-sign-in__error slds-text-color_error" id="sign-in-error" role="alert" data-testid="sign-in-error">${error ?? ''}</div>
            <button class="slds-button slds-button_brand slds-button_stretch" type="submit" ?disabled=${pending}>${pending ? 'Signing in…' : 'Sign in'}</button>
          </form>
        </div>
      </article>
      <p class="pd-sign-in__help slds-text-color_weak">
        ${
          this.demo
            ? html`Demo mode: <code>npm start</code> printed a one-time sign-in link in its console; open it to sign in without a password.`
            : html`No password yet? Open the one-time sign-in link the server printed at start, or set <code>ADMIN_PASSWORD</code> and restart.`
        }
      </p>
    </main>`;
  }
}

customElements.define('pd-sign-in', PdSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'pd-sign-in': PdSignIn;
  }
}
