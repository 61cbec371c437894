import type { PagerDutyClient } from './client';

/**
 * PagerDuty's on-calls (`GET /oncalls`): who is on call at which level of an escalation policy,
 * computed by PagerDuty from the policy's rules and schedules. The console reads them to tell an
 * incident's escalation level, which the Incident object does not carry.
 */

/** One on-call entry as far as the app reads it. */
export interface PolicyOnCall {
  escalationPolicyId: string;
  /** 1-based: the rule's position in the policy. */
  level: number;
  userId: string;
}

interface OnCallEntry {
  escalation_policy: { id: string };
  escalation_level: number;
  user: { id: string };
}

/** Pages of 100 (PagerDuty's largest); a policy rarely has more than a handful of on-calls, 1,000 stops a runaway. */
const PAGE = 100;
const MAX_PAGES = 10;

/**
 * Everyone on call now at every level of the given escalation policies. Without `since`/`until`
 * PagerDuty answers the on-calls of this moment (both default to the current time).
 */
export async function listPolicyOnCalls(client: PagerDutyClient, escalationPolicyIds: readonly string[]): Promise<PolicyOnCall[]> {
  if (escalationPolicyIds.length === 0) return [];
  const onCalls: PolicyOnCall[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const { body } = await client.request<{ oncalls: OnCallEntry[]; more?: boolean }>('GET', '/oncalls', {
      query: { escalation_policy_ids: [...escalationPolicyIds], limit: PAGE, offset: page * PAGE },
    });
    onCalls.push(...body.oncalls.map((entry) => ({ escalationPolicyId: entry.escalation_policy.id, level: entry.escalation_level, userId: entry.user.id })));
    if (!body.more) break;
  }
  return onCalls;
}
