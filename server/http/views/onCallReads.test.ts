import { describe, expect, it } from 'vitest';
import type { PagerDutyClient } from '../../vendors/pagerduty/client';
import { OnCallReads } from './onCallReads';

/** A client that answers GET /oncalls from `answers` (one per call) and records each query. */
function fakeClient(answers: (() => unknown)[]) {
  const queries: unknown[] = [];
  const client = {
    request: (_method: string, path: string, options: { query?: unknown }) => {
      queries.push({ path, ...options.query! });
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected call');
      return Promise.resolve().then(() => ({ status: 200, body: answer(), headers: { get: () => null, has: () => false } }));
    },
  } as unknown as PagerDutyClient;
  return { client, queries };
}

const page = (level: number, userId: string) => ({
  oncalls: [{ escalation_policy: { id: 'PSUP' }, escalation_level: level, user: { id: userId } }],
  more: false,
});

describe('OnCallReads', () => {
  it("shares a policy's on-calls for maxAgeMs, then reads them again", async () => {
    let now = 0;
    const { client, queries } = fakeClient([() => page(1, 'alan'), () => page(1, 'grace')]);
    const reads = new OnCallReads(
      () => Promise.resolve(client),
      30_000,
      () => now,
    );
    const [first, second] = await Promise.all([reads.read('PSUP'), reads.read('PSUP')]);
    expect(first).toEqual([{ escalationPolicyId: 'PSUP', level: 1, userId: 'alan' }]);
    expect(second).toBe(first);
    expect(queries).toEqual([{ path: '/oncalls', escalation_policy_ids: ['PSUP'], limit: 100, offset: 0 }]);
    now = 30_001;
    expect(await reads.read('PSUP')).toEqual([{ escalationPolicyId: 'PSUP', level: 1, userId: 'grace' }]);
    expect(queries).toHaveLength(2);
  });

  it('keeps no failure: the next read asks again', async () => {
    const { client } = fakeClient([
      () => {
        throw new Error('PagerDuty is down');
      },
      () => page(2, 'katherine'),
    ]);
    const reads = new OnCallReads(
      () => Promise.resolve(client),
      30_000,
      () => 0,
    );
    await expect(reads.read('PSUP')).rejects.toThrow('PagerDuty is down');
    expect(await reads.read('PSUP')).toEqual([{ escalationPolicyId: 'PSUP', level: 2, userId: 'katherine' }]);
  });
});
