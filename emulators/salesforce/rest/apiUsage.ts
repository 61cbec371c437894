import type { Clock } from '../../shared/clock';
import { SalesforceError } from '../errors';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The org's daily API allocation: a rolling 24-hour window from its first counted request.
 * Requests beyond it fail with 403 REQUEST_LIMIT_EXCEEDED until the window rolls over.
 */
export class ApiUsage {
  max: number;
  #used = 0;
  #windowStart: number | undefined;
  readonly #clock: Clock;

  constructor(clock: Clock, max: number) {
    this.#clock = clock;
    this.max = max;
  }

  get used(): number {
    this.#roll();
    return this.#used;
  }

  /** Counts one API request, or throws when the allocation is spent. */
  consume(): void {
    this.#roll();
    if (this.#used >= this.max) {
      throw new SalesforceError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', { statusCode: 403 });
    }
    this.#windowStart ??= this.#clock.now();
    this.#used += 1;
  }

  /** `Sforce-Limit-Info` header value. */
  header(): string {
    return `api-usage=${this.used}/${this.max}`;
  }

  reset(max = this.max): void {
    this.max = max;
    this.#used = 0;
    this.#windowStart = undefined;
  }

  #roll(): void {
    if (this.#windowStart !== undefined && this.#clock.now() - this.#windowStart >= DAY_MS) {
      this.#used = 0;
      this.#windowStart = undefined;
    }
  }
}
