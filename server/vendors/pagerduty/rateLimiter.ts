/**
 * Client-side pacing for PagerDuty's REST limit (960 requests per minute per key by default),
 * fed by the `ratelimit-limit/remaining/reset` headers of every response. Requests wait while
 * the remaining budget is spent by requests already in flight, and resume when the window
 * resets: the budget is used fully, without 429s. A 429 (another client on the same key) blocks
 * everyone until the reset it announced.
 *
 * Hand-written: generic limiters (bottleneck, p-limit) count their own requests and cannot
 * follow a server-side window announced in headers.
 */
export class PagerDutyRateLimiter {
  #remaining: number | undefined;
  #resetAt = 0;
  #inFlight = 0;
  #waiters: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Resolves when a request may be sent; call `settle` with its response headers afterwards. */
  async acquire(): Promise<void> {
    while (!this.#mayStart()) {
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        this.#scheduleWake();
      });
    }
    this.#inFlight += 1;
  }

  /** Records what the response said about the budget (or that no answer came). */
  settle(headers: ResponseHeaders | undefined, status?: number): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    const limit = Number(headers?.get('ratelimit-limit'));
    const remaining = Number(headers?.get('ratelimit-remaining'));
    const reset = Number(headers?.get('ratelimit-reset') ?? headers?.get('retry-after'));
    if (headers?.has('ratelimit-remaining') && Number.isFinite(remaining) && Number.isFinite(limit)) {
      const resetAt = this.#now() + (Number.isFinite(reset) ? reset : 60) * 1000;
      // Responses can arrive out of order: a new window (later reset) or fewer remaining wins.
      if (resetAt > this.#resetAt + 1000 || this.#remaining === undefined || remaining < this.#remaining) {
        this.#remaining = remaining;
        this.#resetAt = Math.max(this.#resetAt, resetAt);
      }
    }
    if (status === 429) {
      // The 429's own reset is the authority on when to try again.
      this.#remaining = 0;
      this.#resetAt = this.#now() + (Number.isFinite(reset) && reset > 0 ? reset : 5) * 1000;
    }
    this.#wakeAll();
  }

  /** Milliseconds until a request may be sent (0 when now); for SUMMARY and tests. */
  get waitMs(): number {
    return this.#mayStart() ? 0 : Math.max(0, this.#resetAt - this.#now());
  }

  #mayStart(): boolean {
    // Until a response tells the budget, a few requests may probe it.
    if (this.#remaining === undefined) return this.#inFlight < 4;
    if (this.#now() >= this.#resetAt) {
      // The window has reset: the budget is whole again until a response says otherwise.
      this.#remaining = undefined;
      return true;
    }
    return this.#remaining - this.#inFlight > 0;
  }

  #scheduleWake(): void {
    if (this.#timer || this.#remaining === undefined) return;
    const delay = Math.max(10, this.#resetAt - this.#now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#wakeAll();
    }, delay);
    this.#timer.unref();
  }

  #wakeAll(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

/** The response headers the client and the rate limiter read (a `Headers` fits too). */
export interface ResponseHeaders {
  get(name: string): string | null;
  has(name: string): boolean;
}
