import type { PolicyOnCall } from '../../vendors/pagerduty/onCalls';

/**
 * The escalation level an incident sits on, or null when it cannot be told for sure.
 *
 * PagerDuty's Incident has no level field (`escalation_level` is accepted by PUT /incidents/{id}
 * to escalate, never returned). What PagerDuty does document is that an escalation assigns the
 * incident to whoever is on call at the new level, and `GET /oncalls` says who that is per level.
 * The log entries give no more: `escalate_log_entry` carries the new `assignees`, not the level
 * (only its English summary mentions one, which is no contract), and reading them costs a
 * request per incident on every refresh. So the level is the one whose on-calls include every
 * current assignee.
 *
 * It must never be wrong, so anything ambiguous answers null (the console then shows the policy
 * alone): no assignee (a resolved incident), an assignee on call at no level (reassigned to
 * someone outside the policy), or every assignee on call at several levels (one person at levels
 * 1 and 2: a fresh incident and an escalated one look the same). Taking the highest or the
 * lowest of several would be wrong for one of those two incidents.
 */
export function escalationLevelOf(escalationPolicyId: string, assigneeIds: readonly string[], onCalls: readonly PolicyOnCall[]): number | null {
  if (assigneeIds.length === 0) return null;
  const usersByLevel = new Map<number, Set<string>>();
  for (const onCall of onCalls) {
    if (onCall.escalationPolicyId !== escalationPolicyId) continue;
    const users = usersByLevel.get(onCall.level) ?? new Set<string>();
    users.add(onCall.userId);
    usersByLevel.set(onCall.level, users);
  }
  const levels = [...usersByLevel].filter(([, users]) => assigneeIds.every((id) => users.has(id))).map(([level]) => level);
  const [level, other] = levels;
  return level !== undefined && other === undefined ? level : null;
}
