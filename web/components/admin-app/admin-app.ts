import { ContextProvider } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, type PropertyValues } from 'lit';
import { ApiClient } from '../../api/client';
import { messageOf } from '../../api/apiError';
import { utilityIcon } from '../../icons/icons';
import { apiContext, sessionContext, toastContext, type AdminSession } from '../../state/context';
import { SignedInEvent, SignedOutEvent } from '../../state/events';
import { ToastController } from '../../state/toasts';
import '../app-shell/app-shell';
import '../sign-in/sign-in';
import type { SignInNotice } from '../sign-in/sign-in';
import '../toast-region/toast-region';
import './admin-app.css';

/**
 * The root element: asks the server who is signed in, then shows `<pd-sign-in>` or
 * `<pd-app-shell>`. Any 401 from the API brings the sign-in screen back.
 *
 * @provides apiContext - the typed API client (holds the session's CSRF token)
 * @provides sessionContext - the signed-in admin, or undefined
 * @provides toastContext - the toast list that `<pd-toast-region>` shows
 * @listens pd-signed-in - from `<pd-sign-in>`
 * @listens pd-signed-out - from `<pd-app-shell>`
 *
 * Renders in light DOM so the global SLDS stylesheet applies (see web/README.md).
 */
export class PdAdminApp extends LitElement {
  static override properties = {
    session: { state: true },
    notice: { state: true },
    focusShell: { state: true },
  };

  /** undefined until the server answered; null when nobody is signed in. */
  declare private session: AdminSession | null | undefined;
  declare private notice: SignInNotice | undefined;
  /** True right after sign-in, so the shell takes focus (keyboard users land on the tabs). */
  declare private focusShell: boolean;

  private readonly toasts = new ToastController();
  // The providers answer context requests from descendants; they need no further calls.
  private readonly api = new ApiClient({ onUnauthenticated: () => this.handleSessionLost() });
  private readonly apiProvider = new ContextProvider(this, { context: apiContext, initialValue: this.api });
  private readonly toastProvider = new ContextProvider(this, { context: toastContext, initialValue: this.toasts });
  private readonly sessionProvider = new ContextProvider(this, { context: sessionContext });
  private demo = false;

  private readonly sessionTask = new Task(this, {
    task: async (_args, { signal }) => {
      const reply = await this.api.getSession(signal);
      this.demo = reply.demo;
      this.session = reply.authenticated && reply.username ? { username: reply.username, demo: reply.demo } : null;
      return reply;
    },
    args: () => [],
  });

  constructor() {
    super();
    this.session = undefined;
    this.focusShell = false;
    this.notice = new URLSearchParams(window.location.search).get('signin') === 'expired' ? 'link-expired' : undefined;
    this.addEventListener(SignedInEvent.eventName, (event) => this.handleSignedIn(event));
    this.addEventListener(SignedOutEvent.eventName, () => this.handleSignedOut());
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('session')) this.sessionProvider.setValue(this.session ?? undefined);
  }

  private handleSignedIn(event: SignedInEvent): void {
    this.session = event.session;
    this.notice = undefined;
    this.focusShell = true;
    this.toasts.clear();
    // The "link expired" query belongs to the sign-in screen only; drop it so a reload is clean.
    if (window.location.search) window.history.replaceState(null, '', window.location.pathname);
  }

  private handleSignedOut(): void {
    this.session = null;
    this.notice = 'signed-out';
    this.focusShell = false;
    this.toasts.clear();
  }

  private handleSessionLost(): void {
    if (!this.session) return;
    this.session = null;
    this.notice = 'session-ended';
    this.focusShell = false;
    this.toasts.clear();
  }

  private readonly handleRetry = (): void => {
    void this.sessionTask.run();
  };

  private renderLoading() {
    return html`<div class="pd-admin-app__loading" role="status">
      <div class="slds-spinner slds-spinner_medium slds-spinner_brand">
        <span class="slds-assistive-text">Loading the admin UI</span>
        <div class="slds-spinner__dot-a"></div>
        <div class="slds-spinner__dot-b"></div>
      </div>
    </div>`;
  }

  private renderUnreachable(error: unknown) {
    return html`<main class="pd-admin-app__unreachable">
      <div class="slds-box slds-theme_default">
        <h1 class="slds-text-heading_medium slds-m-bottom_small">
          ${utilityIcon('error', 'slds-icon slds-icon_small slds-icon-text-error slds-m-right_x-small')} The admin UI cannot start
        </h1>
        <p class="slds-m-bottom_medium">${messageOf(error)}</p>
        <button class="slds-button slds-button_brand" type="button" @click=${this.handleRetry}>Try again</button>
      </div>
    </main>`;
  }

  override render() {
    const content = this.sessionTask.render({
      initial: () => this.renderLoading(),
      pending: () => this.renderLoading(),
      error: (error) => this.renderUnreachable(error),
      complete: () =>
        this.session
          ? html`<pd-app-shell ?focus-on-start=${this.focusShell}></pd-app-shell>`
          : html`<pd-sign-in .notice=${this.notice} ?demo=${this.demo}></pd-sign-in>`,
    });
    return html`${content}<pd-toast-region></pd-toast-region>`;
  }
}

customElements.define('pd-admin-app', PdAdminApp);

declare global {
  interface HTMLElementTagNameMap {
    'pd-admin-app': PdAdminApp;
  }
}
