import { describe, expect, it } from 'vitest';
import type { PagerDutyClient } from '../../vendors/pagerduty/client';
import { DashboardPagerDutyReads } from './statusDashboardPagerDuty';

/** A client that counts its calls and answers each read with an empty list, or fails while `failing`. */
function countingClient() {
  const state = { calls: 0, failing: false };
  const client = {
    request: (_method: string, path: string) => {
      state.calls++;
      if (state.failing) return Promise.reject(new Error('PagerDuty is down'));
      const key = path === '/incidents' ? 'incidents' : path === '/priorities' ? 'priorities' : 'services';
      return Promise.resolve({ status: 200, body: { [key]: [], more: false } });
    },
  } as unknown as PagerDutyClient;
  return { state, client: () => Promise.resolve(client) };
}

describe('DashboardPagerDutyReads', () => {
  it('shares one set of reads between viewers for a few seconds, and reads again after that or after invalidate', async () => {
    let now = 0;
    const { state, client } = countingClient();
    const reads = new DashboardPagerDutyReads(client, 5_000, () => now);
    await Promise.all([reads.read(), reads.read(), reads.read()]);
    expect(state.calls).toBe(3); // incidents, priorities, impacts: once for three viewers
    now = 4_000;
    await reads.read();
    expect(state.calls).toBe(3);
    now = 5_001;
    await reads.read();
    expect(state.calls).toBe(6);
    reads.invalidate();
    await reads.read();
    expect(state.calls).toBe(9);
  });

  it('keeps no failure: the next viewer asks again', async () => {
    const { state, client } = countingClient();
    const reads = new DashboardPagerDutyReads(client, 5_000, () => 0);
    state.failing = true;
    await expect(reads.read()).rejects.toThrow('PagerDuty is down');
    state.failing = false;
    await expect(reads.read()).resolves.toEqual({ openIncidents: [], priorities: [], impacts: [] });
  });
});
