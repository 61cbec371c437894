import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Harness } from './testing/harness';
import { useEmulatorSuite } from './testing/suite';

let h: Harness;

useEmulatorSuite({ harness: (started) => (h = started) });

/** The on-calls answer as the suite reads it (its full shape is checked against the document + overlay). */
const onCallsAnswer = z.object({
  oncalls: z.array(
    z.object({
      escalation_policy: z.object({ id: z.string(), type: z.string(), summary: z.string() }),
      escalation_level: z.number(),
      schedule: z.null(),
      user: z.object({ id: z.string(), type: z.string(), summary: z.string(), email: z.string().optional() }),
      start: z.null(),
      end: z.null(),
    }),
  ),
  limit: z.number(),
  offset: z.number(),
  more: z.boolean(),
  total: z.number().nullable(),
});
const onCalls = async (query: string) => {
  const answer = await h.call('GET', `/oncalls${query}`);
  expect(answer.status).toBe(200);
  return onCallsAnswer.parse(JSON.parse(answer.text));
};
const levels = (answer: z.infer<typeof onCallsAnswer>) => answer.oncalls.map((o) => [o.escalation_policy.summary, o.escalation_level, o.user.summary]);
const policy = (name: string) => h.seed.ids.escalationPolicies[name]!;
const user = (email: string) => h.seed.ids.users[email]!;

describe('GET /oncalls', () => {
  it("derives every policy's on-calls from its rules: level by level, permanent user on-calls", async () => {
    const all = await onCalls('?total=true');
    expect(levels(all)).toEqual([
      ['Engineering Escalation', 1, 'Grace Hopper'],
      ['Engineering Escalation', 2, 'Ada Lovelace'],
      ['Support Escalation', 1, 'Alan Turing'],
      ['Support Escalation', 2, 'Katherine Johnson'],
      ['Support Escalation', 3, 'Ada Lovelace'],
    ]);
    expect(all).toMatchObject({ limit: 25, offset: 0, more: false, total: 5 });
    expect(all.oncalls[0]).toMatchObject({
      escalation_policy: { id: policy('Engineering Escalation'), type: 'escalation_policy_reference' },
      user: { id: user('grace@example.com'), type: 'user_reference' },
    });
  });

  it('filters by escalation policy, user and schedule (only `null`, the direct user targets, matches)', async () => {
    expect(levels(await onCalls(`?escalation_policy_ids[]=${policy('Support Escalation')}`))).toEqual([
      ['Support Escalation', 1, 'Alan Turing'],
      ['Support Escalation', 2, 'Katherine Johnson'],
      ['Support Escalation', 3, 'Ada Lovelace'],
    ]);
    expect(levels(await onCalls(`?user_ids[]=${user('ada@example.com')}`))).toEqual([
      ['Engineering Escalation', 2, 'Ada Lovelace'],
      ['Support Escalation', 3, 'Ada Lovelace'],
    ]);
    expect(levels(await onCalls(`?user_ids[]=${user('ada@example.com')}&escalation_policy_ids[]=${policy('Engineering Escalation')}`))).toEqual([
      ['Engineering Escalation', 2, 'Ada Lovelace'],
    ]);
    expect((await onCalls('?escalation_policy_ids[]=PNOPE00')).oncalls).toEqual([]);
    expect((await onCalls('?schedule_ids[]=PSCHED1')).oncalls).toEqual([]);
    expect((await onCalls('?schedule_ids[]=null&earliest=true')).oncalls).toHaveLength(5);
  });

  it('reflects a change of the policy: the on-calls are computed, never stored', async () => {
    const support = h.emulator.context.store.escalationPolicies.get(policy('Support Escalation'))!;
    support.rules[0]!.targetUserIds.push(user('grace@example.com'));
    expect(levels(await onCalls(`?escalation_policy_ids[]=${policy('Support Escalation')}&user_ids[]=${user('grace@example.com')}`))).toEqual([
      ['Support Escalation', 1, 'Grace Hopper'],
    ]);
  });

  it('expands users and escalation policies with include[], and pages', async () => {
    const included = await onCalls('?include[]=users&include[]=escalation_policies&include[]=schedules&limit=2&offset=1');
    expect(included).toMatchObject({ limit: 2, offset: 1, more: true, total: null });
    expect(included.oncalls.map((o) => [o.user.type, o.user.email, o.escalation_policy.type])).toEqual([
      ['user', 'ada@example.com', 'escalation_policy'],
      ['user', 'alan@example.com', 'escalation_policy'],
    ]);
  });

  it('takes a time range and a time zone, every permanent on-call overlapping it', async () => {
    const since = new Date(Date.now() + 86_400_000).toISOString();
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect((await onCalls(`?since=${since}&until=${until}&time_zone=Europe/Paris`)).oncalls).toHaveLength(5);
  });

  it('answers the documented 400 for bad input, 401 without a key', async () => {
    const refused = async (query: string) => {
      const answer = await h.call('GET', `/oncalls${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ message: 'Invalid Input Provided', code: 2001 });
      return answer.body.error?.errors;
    };
    const now = Date.now();
    expect(await refused(`?since=${new Date(now).toISOString()}&until=${new Date(now - 60_000).toISOString()}`)).toEqual([
      'The until time cannot be before the since time.',
    ]);
    expect(await refused(`?until=${new Date(now + 91 * 86_400_000).toISOString()}`)).toEqual([expect.stringContaining('90 days')]);
    expect(await refused('?since=yesterday')).toEqual(['since must be an ISO 8601 date-time.']);
    expect(await refused('?time_zone=Mars/Olympus')).toEqual([expect.stringContaining('IANA')]);
    expect(await refused('?include[]=teams')).toEqual([expect.stringContaining('include[]')]);
    expect(await refused('?earliest=maybe')).toEqual(['earliest must be true or false.']);
    const anonymous = await h.call('GET', '/oncalls', { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toEqual({ message: 'Authentication failed', code: 2006 });
  });
});
