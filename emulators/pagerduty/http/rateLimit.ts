import type { NextFunction, Request, Response } from 'express';
import { callerOf } from './auth';
import { rateLimitExceeded } from './errors';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (`ratelimit-reset`). */
  resetSeconds: number;
}

const WINDOW_MS = 60_000;

/**
 * PagerDuty's REST limit: N requests per minute per account key, and per user across all of a
 * user's keys. A fixed one-minute window per bucket, on the emulator clock so tests can roll it.
 * `false` turns limiting off (benchmarks of the sync engine alone).
 */
export class RateLimiter {
  #limit: number | false;
  #windows = new Map<string, { startedAt: number; count: number }>();
  readonly #now: () => number;

  constructor(limitPerMinute: number | false, now: () => number) {
    this.#limit = limitPerMinute;
    this.#now = now;
  }

  get limitPerMinute(): number | false {
    return this.#limit;
  }

  configure(limitPerMinute: number | false): void {
    this.#limit = limitPerMinute;
    this.#windows.clear();
  }

  reset(): void {
    this.#windows.clear();
  }

  take(bucket: string): RateLimitDecision | undefined {
    if (this.#limit === false) return undefined;
    const now = this.#now();
    let window = this.#windows.get(bucket);
    if (!window || now - window.startedAt >= WINDOW_MS || now < window.startedAt) {
      window = { startedAt: now, count: 0 };
      this.#windows.set(bucket, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
    if (window.count >= this.#limit) return { allowed: false, limit: this.#limit, remaining: 0, resetSeconds };
    window.count += 1;
    return { allowed: true, limit: this.#limit, remaining: this.#limit - window.count, resetSeconds };
  }
}

/** Runs after auth: user keys share their user's bucket, other keys have their own. */
export function rateLimitMiddleware(limiter: RateLimiter) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const caller = callerOf(res);
    const bucket = caller.user ? `user:${caller.user.id}` : `key:${caller.key.token}`;
    const decision = limiter.take(bucket);
    if (!decision) {
      next();
      return;
    }
    res.setHeader('ratelimit-limit', String(decision.limit));
    res.setHeader('ratelimit-remaining', String(decision.remaining));
    res.setHeader('ratelimit-reset', String(decision.resetSeconds));
    next(decision.allowed ? undefined : rateLimitExceeded());
  };
}
