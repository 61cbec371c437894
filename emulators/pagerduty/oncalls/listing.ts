import type { Request } from 'express';
import { invalidInput } from '../http/errors';
import { arrayParam, booleanParam, dateParam, stringParam } from '../http/query';
import type { EscalationPolicy, User } from '../model';
import type { PagerDutyStore } from '../store';

/**
 * One on-call entry: a user on call at a level of an escalation policy. The emulator has no
 * schedules, so every rule targets users directly and every on-call is what PagerDuty calls a
 * "permanent user on-call": no schedule, no start, no end (the Oncall schema's own descriptions).
 */
export interface OnCall {
  policy: EscalationPolicy;
  /** 1-based, the rule's position in the policy. */
  level: number;
  user: User;
}

/** `include[]` values the operation documents (`include_oncalls`). */
export const ONCALL_INCLUDES = new Set(['escalation_policies', 'users', 'schedules']);
/** `schedule_ids[]` may hold the word `null`: "it includes permanent on-calls due to direct user escalation targets". */
const DIRECT_TARGETS = 'null';
/** "On-call shifts are limited to 90 days in the future" (since/until descriptions). */
const MAX_FUTURE_MS = 90 * 24 * 60 * 60 * 1000;

/** Every on-call of the account: policies in store order, then level, then the rule's target order. */
export function allOnCalls(store: PagerDutyStore): OnCall[] {
  return [...store.escalationPolicies.values()].flatMap((policy) =>
    policy.rules.flatMap((rule, index) =>
      rule.targetUserIds.flatMap((userId) => {
        const user = store.users.get(userId);
        return user ? [{ policy, level: index + 1, user }] : [];
      }),
    ),
  );
}

/**
 * `GET /oncalls` filters: `escalation_policy_ids[]`, `user_ids[]`, `schedule_ids[]` (only the
 * word `null` can match: direct user targets), `since`/`until` (checked, then every permanent
 * on-call overlaps any range), `earliest` (one entry per policy, level and user: a permanent
 * on-call is already one) and `time_zone` (checked; permanent on-calls have no time to render).
 */
export function filterOnCalls(store: PagerDutyStore, query: Request['query'], now: number): OnCall[] {
  const policyIds = arrayParam(query, 'escalation_policy_ids');
  const userIds = arrayParam(query, 'user_ids');
  const scheduleIds = arrayParam(query, 'schedule_ids');
  checkTimeRange(query, now);
  checkTimeZone(stringParam(query, 'time_zone'));
  booleanParam(query, 'earliest');
  return allOnCalls(store).filter(
    (onCall) =>
      (policyIds.length === 0 || policyIds.includes(onCall.policy.id)) &&
      (userIds.length === 0 || userIds.includes(onCall.user.id)) &&
      (scheduleIds.length === 0 || scheduleIds.includes(DIRECT_TARGETS)),
  );
}

function checkTimeRange(query: Request['query'], now: number): void {
  const since = dateParam(query, 'since') ?? now;
  const until = dateParam(query, 'until') ?? now;
  if (until < since) throw invalidInput('The until time cannot be before the since time.');
  if (until > now + MAX_FUTURE_MS) throw invalidInput('On-call shifts are limited to 90 days in the future: choose an until time within 90 days.');
}

/** PagerDuty's `tzinfo` format: an IANA time zone name such as `America/New_York`. */
function checkTimeZone(timeZone: string | undefined): void {
  if (timeZone === undefined) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw invalidInput(`${timeZone} is not a time zone: use an IANA name such as America/New_York.`);
  }
}
