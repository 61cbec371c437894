import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Refreshes a view every `intervalMs` while the page is visible, and at once when the page
 * becomes visible again; stops with its host. The SUMMARY and SYNC LOG tabs poll this way.
 */
export class VisibleRefreshController implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #handleVisibility = () => {
    if (!document.hidden) this.refresh();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly intervalMs: number,
    private readonly refresh: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#timer = setInterval(() => {
      if (!document.hidden) this.refresh();
    }, this.intervalMs);
    document.addEventListener('visibilitychange', this.#handleVisibility);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    document.removeEventListener('visibilitychange', this.#handleVisibility);
  }
}
