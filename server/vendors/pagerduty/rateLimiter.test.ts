import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PagerDutyRateLimiter } from './rateLimiter';

const headers = (limit: number, remaining: number, reset: number) =>
  new Headers({ 'ratelimit-limit': String(limit), 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(reset) });

// Fake timers (and clock): a waiting request is seen to wait for exactly as long as it must.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PagerDutyRateLimiter', () => {
  it('lets requests through while the announced budget lasts, counting those in flight', async () => {
    const limiter = new PagerDutyRateLimiter();
    await limiter.acquire();
    limiter.settle(headers(960, 2, 30));
    await limiter.acquire();
    await limiter.acquire();
    // Two in flight spend the two remaining: the next one must wait for the window to reset.
    expect(limiter.waitMs).toBe(30_000);
    let third = false;
    const waiting = limiter.acquire().then(() => (third = true));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(third).toBe(false);
    // The window resets: the waiting request goes without any response having said so.
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(limiter.waitMs).toBe(0);
  });

  it('lets a waiting request go as soon as a response announces a fresh budget', async () => {
    let now = 0;
    const limiter = new PagerDutyRateLimiter(() => now);
    await limiter.acquire();
    limiter.settle(headers(960, 1, 30));
    await limiter.acquire();
    let second = false;
    const waiting = limiter.acquire().then(() => (second = true));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(second).toBe(false);
    now = 30_000;
    limiter.settle(headers(960, 959, 60));
    await waiting;
    expect(limiter.waitMs).toBe(0);
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
    const waiting = limiter.acquire().then(() => (fifth = true));
    // Only a response can tell the budget: no time passing lets the fifth go.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fifth).toBe(false);
    limiter.settle(headers(960, 950, 60));
    await waiting;
  });
});
