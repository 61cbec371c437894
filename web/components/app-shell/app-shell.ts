import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { messageOf } from '../../api/apiError';
import { buttonIcon, standardIcon } from '../../icons/icons';
import { apiContext, sessionContext, toastContext } from '../../state/context';
import { NavigateEvent, SignedOutEvent } from '../../state/events';
import { adminTabs } from '../../tabs/adminTabs';
import { tabForPath, tabIndexAfterKey, type TabDefinition } from '../../tabs/registry';
import './app-shell.css';

/**
 * `<pd-app-shell>`: the signed-in frame: global header (app name, who is signed in, Sign out)
 * and the tab set from `adminTabs`. Each tab has its own URL path, so a reload keeps the tab;
 * Back and Forward move between tabs. Tabs follow the WAI-ARIA pattern: Left/Right/Home/End
 * move and activate, Tab leaves the list for the panel.
 *
 * @fires pd-signed-out - SignedOutEvent, after the server ended the session
 * @listens pd-navigate - NavigateEvent from in-app links: opens the tab with that path
 * @property focus-on-start - focus the active tab when first shown (right after sign-in)
 *
 * Light DOM (see web/README.md).
 */
export class PdAppShell extends LitElement {
  static override properties = {
    focusOnStart: { type: Boolean, attribute: 'focus-on-start' },
    activeTab: { state: true },
    signingOut: { state: true },
  };

  declare focusOnStart: boolean;
  declare private activeTab: TabDefinition;
  declare private signingOut: boolean;

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly session = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  private readonly toasts = new ContextConsumer(this, { context: toastContext });
  private readonly handlePopState = () => {
    this.activeTab = tabForPath(adminTabs, window.location.pathname);
  };

  constructor() {
    super();
    this.focusOnStart = false;
    this.signingOut = false;
    this.activeTab = tabForPath(adminTabs, window.location.pathname);
    // handleNavigate settles on its own (it only waits for the render, then moves focus).
    this.addEventListener(NavigateEvent.eventName, (event) => {
      void this.handleNavigate(event);
    });
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.handlePopState);
    // `/` and unknown paths show the first tab: put its path in the address bar so a reload keeps it.
    if (window.location.pathname !== this.activeTab.path) window.history.replaceState(null, '', this.activeTab.path);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.handlePopState);
    super.disconnectedCallback();
  }

  protected override firstUpdated(): void {
    if (this.focusOnStart) this.focusActiveTab();
  }

  private focusActiveTab(): void {
    this.querySelector<HTMLElement>(`#tab-${this.activeTab.id}`)?.focus();
  }

  private selectTab(tab: TabDefinition): void {
    if (tab.id === this.activeTab.id) return;
    this.activeTab = tab;
    window.history.pushState(null, '', tab.path);
  }

  private async handleNavigate(event: NavigateEvent): Promise<void> {
    const tab = adminTabs.find((candidate) => candidate.path === event.path);
    if (!tab) return;
    this.selectTab(tab);
    await this.updateComplete;
    this.focusActiveTab();
  }

  private handleTabClick(event: MouseEvent, tab: TabDefinition): void {
    // Modified clicks keep the browser's meaning (open the tab's URL in a new window or tab).
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.selectTab(tab);
  }

  private async handleTabKeydown(event: KeyboardEvent): Promise<void> {
    const current = adminTabs.findIndex((tab) => tab.id === this.activeTab.id);
    const next = tabIndexAfterKey(event.key, current, adminTabs.length);
    const tab = next === undefined ? undefined : adminTabs[next];
    if (!tab) return;
    event.preventDefault();
    this.selectTab(tab);
    await this.updateComplete;
    this.focusActiveTab();
  }

  private async handleSignOut(): Promise<void> {
    const api = this.api.value;
    if (!api || this.signingOut) return;
    this.signingOut = true;
    try {
      await api.signOut();
      this.dispatchEvent(new SignedOutEvent());
    } catch (error) {
      // A 401 already brought the sign-in screen back (the client reports it); others are shown.
      this.toasts.value?.show({ variant: 'error', title: 'Sign out failed', message: messageOf(error) });
    } finally {
      this.signingOut = false;
    }
  }

  private renderHeader() {
    const session = this.session.value;
    return html`<header class="pd-app-shell__header">
      <div class="slds-global-header slds-grid slds-grid_align-spread">
        <div class="slds-global-header__item pd-app-shell__brand">
          ${standardIcon('connected_apps')}
          <h1 class="slds-text-heading_small pd-app-shell__app-name">PagerDuty Configuration</h1>
          ${session?.demo ? html`<span class="slds-badge slds-badge_lightest" data-testid="demo-badge">Demo mode</span>` : nothing}
        </div>
        <div class="slds-global-header__item pd-app-shell__user">
          <span class="slds-text-body_small slds-text-color_weak slds-m-right_small pd-app-shell__signed-in-as" data-testid="signed-in-user"
            >Signed in as <strong>${session?.username ?? ''}</strong></span
          >
          <button class="slds-button slds-button_neutral" type="button" @click=${() => void this.handleSignOut()} ?disabled=${this.signingOut}>
            ${buttonIcon('logout')}Sign out
          </button>
        </div>
      </div>
    </header>`;
  }

  private renderTabs() {
    const active = this.activeTab;
    return html`<div class="slds-tabs_default pd-app-shell__tabs">
      <ul
        class="slds-tabs_default__nav"
        role="tablist"
        aria-label="PagerDuty Configuration"
        @keydown=${(event: KeyboardEvent) => void this.handleTabKeydown(event)}
      >
        ${adminTabs.map((tab) => {
          const selected = tab.id === active.id;
          return html`<li class="slds-tabs_default__item ${selected ? 'slds-is-active' : ''}" role="presentation">
            <a
              class="slds-tabs_default__link"
              href=${tab.path}
              role="tab"
              id="tab-${tab.id}"
              data-testid="tab-${tab.id}"
              tabindex=${selected ? 0 : -1}
              aria-selected=${selected ? 'true' : 'false'}
              aria-controls=${selected ? `tabpanel-${tab.id}` : nothing}
              @click=${(event: MouseEvent) => this.handleTabClick(event, tab)}
              >${tab.label}</a
            >
          </li>`;
        })}
      </ul>
      <div id="tabpanel-${active.id}" class="slds-tabs_default__content slds-show pd-app-shell__panel" role="tabpanel" aria-labelledby="tab-${active.id}">
        ${active.render()}
      </div>
    </div>`;
  }

  override render() {
    return html`${this.renderHeader()}
      <main class="pd-app-shell__main">${this.renderTabs()}</main>`;
  }
}

customElements.define('pd-app-shell', PdAppShell);

declare global {
  interface HTMLElementTagNameMap {
    'pd-app-shell': PdAppShell;
  }
}
