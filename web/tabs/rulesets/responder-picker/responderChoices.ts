/**
 * The responder picker's pure half: the chosen users and escalation policies as pills (names from
 * the PagerDuty lists; an id PagerDuty no longer lists stays, marked, so it can be removed), and
 * what is left to add. No DOM, unit-tested.
 */
import type { PagerDutyMetadataReply } from '../../../../contracts/authoring';

export type ResponderKind = 'user' | 'policy';

export interface ResponderPill {
  kind: ResponderKind;
  id: string;
  label: string;
  /** PagerDuty's lists do not have it (deleted since, or another account's). */
  unknown: boolean;
}

export interface ResponderTargets {
  userIds?: string[] | undefined;
  escalationPolicyIds?: string[] | undefined;
}

type Lists = Pick<PagerDutyMetadataReply, 'users' | 'escalationPolicies'>;

export function responderPills(targets: ResponderTargets, lists: Lists): ResponderPill[] {
  const users = new Map(lists.users.map((user) => [user.id, user.name]));
  const policies = new Map(lists.escalationPolicies.map((policy) => [policy.id, policy.name]));
  const pill = (kind: ResponderKind, names: Map<string, string>) => (id: string) => {
    const name = names.get(id);
    return { kind, id, label: name ?? `${id} (not found in PagerDuty)`, unknown: name === undefined };
  };
  return [...(targets.userIds ?? []).map(pill('user', users)), ...(targets.escalationPolicyIds ?? []).map(pill('policy', policies))];
}

/** Users and escalation policies not chosen yet, as the "Add a …" selects offer them. */
export function addableResponders(
  targets: ResponderTargets,
  lists: Lists,
): { users: { id: string; name: string }[]; policies: { id: string; name: string }[] } {
  const chosenUsers = new Set(targets.userIds ?? []);
  const chosenPolicies = new Set(targets.escalationPolicyIds ?? []);
  return {
    users: lists.users.filter((user) => !chosenUsers.has(user.id)),
    policies: lists.escalationPolicies.filter((policy) => !chosenPolicies.has(policy.id)),
  };
}

/** The targets with one added or removed; an emptied list is dropped (the model's lists are optional). */
export function withResponder<T extends ResponderTargets>(targets: T, kind: ResponderKind, id: string, present: boolean): T {
  const key = kind === 'user' ? 'userIds' : 'escalationPolicyIds';
  const current = targets[key] ?? [];
  const next = present ? (current.includes(id) ? current : [...current, id]) : current.filter((existing) => existing !== id);
  const { [key]: _dropped, ...rest } = targets;
  return (next.length > 0 || kind === 'user' ? { ...rest, [key]: next } : rest) as T;
}

/** Ids typed as a list when PagerDuty's lists are unavailable: "PABC, PDEF" → ['PABC', 'PDEF']. */
export function parseIdList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((id) => id !== ''))];
}
