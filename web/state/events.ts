import type { AdminSession } from './context';

/** Fired by `<pd-sign-in>` once the server accepted the credentials. */
export class SignedInEvent extends Event {
  static readonly eventName = 'pd-signed-in' as const;
  constructor(readonly session: AdminSession) {
    super(SignedInEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Fired by `<pd-app-shell>` after the server ended the session. */
export class SignedOutEvent extends Event {
  static readonly eventName = 'pd-signed-out' as const;
  constructor() {
    super(SignedOutEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Asks `<pd-app-shell>` to open the tab at `path` (in-app links, no page reload). */
export class NavigateEvent extends Event {
  static readonly eventName = 'pd-navigate' as const;
  constructor(readonly path: string) {
    super(NavigateEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [SignedInEvent.eventName]: SignedInEvent;
    [SignedOutEvent.eventName]: SignedOutEvent;
    [NavigateEvent.eventName]: NavigateEvent;
  }
}
