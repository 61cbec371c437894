import { describe, expect, it } from 'vitest';
import { PagerDutyRateLimiter } from './rateLimiter';

const headers = (limit: number, remaining: number, reset: number) =>
  new Headers({ 'ratelimit-limit': String(limit), 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(reset) });

describe('PagerDutyRateLimiter', () => {
  it('lets requests through while the announced budget lasts, counting those in flight', async () => {
    let now = 0;
    const limiter = new PagerDutyRateLimiter(() => now);
    await limiter.acquire();
    limiter.settle(headers(960, 2, 30));
    await limiter.acquire();
    await limiter.acquire();
    // Two in flight spend the two remaining: the next one must wait for the window to reset.
    expect(limiter.waitMs).toBe(30_000);
    let third = false;
    const waiting = limiter.acquire().then(() => (third = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(third).toBe(false);
    now = 30_000;
    // The window reset: the next response announces a fresh budget.
    limiter.settle(headers(960, 959, 60));
    await waiting;
    expect(third).toBe(true);
  });

  it('waits for the reset a 429 announces, not for a longer window seen before', async () => {
    let now = 0;
    const limiter = new PagerDutyRateLimiter(() => now);
    await limiter.acquire();
    limiter.settle(headers(960, 900, 55));
    await limiter.acquire();
    limiter.settle(new Headers({ 'ratelimit-reset': '2' }), 429);
    expect(limiter.waitMs).toBe(2_000);
    now = 2_000;
    expect(limiter.waitMs).toBe(0);
  });

  it('probes with a few requests before any budget is known', async () => {
    const limiter = new PagerDutyRateLimiter(() => 0);
    for (let i = 0; i < 4; i++) await limiter.acquire();
    expect(limiter.waitMs).toBe(0);
    let fifth = false;
    void limiter.acquire().then(() => (fifth = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fifth).toBe(false);
    limiter.settle(headers(960, 950, 60));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fifth).toBe(true);
  });
});
