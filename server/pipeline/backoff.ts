/**
 * Retry delay after the n-th failed attempt: exponential from 1 s, capped at 10 minutes, with
 * ±20% jitter so a burst of failures does not retry in lockstep. A server's Retry-After
 * (PagerDuty's rate-limit reset) wins when it is longer.
 */
export function backoffMs(attempts: number, options: { retryAfterMs?: number; random?: () => number } = {}): number {
  const base = Math.min(1_000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
  const jitter = 0.8 + 0.4 * (options.random ?? Math.random)();
  return Math.max(Math.round(base * jitter), options.retryAfterMs ?? 0);
}
