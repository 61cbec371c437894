import { PagerDutyApiError, apiPath } from '../../vendors/pagerduty/client';
import type { RuleError, Ruleset } from '../../../rules';
import type { AppContext } from '../../context';

/** What a rule names in PagerDuty by id, where it is, and how to read it. */
interface NamedId {
  id: string;
  path: string;
  noun: string;
  read: (id: string) => string;
}

/** The PagerDuty ids of a ruleset's actions that a save checks (the Case rules' incident actions). */
function namedIds(ruleset: Ruleset): NamedId[] {
  const out: NamedId[] = [];
  ruleset.rules.forEach((rule, r) =>
    rule.actions.forEach((action, a) => {
      const at = `rules[${r}].actions[${a}]`;
      if (action.type === 'add_responders') {
        (action.userIds ?? []).forEach((id, i) => out.push({ id, path: `${at}.userIds[${i}]`, noun: 'user', read: (v) => apiPath`/users/${v}` }));
        (action.escalationPolicyIds ?? []).forEach((id, i) =>
          out.push({ id, path: `${at}.escalationPolicyIds[${i}]`, noun: 'escalation policy', read: (v) => apiPath`/escalation_policies/${v}` }),
        );
      }
      if (action.type === 'start_incident_workflow') {
        out.push({ id: action.workflowId, path: `${at}.workflowId`, noun: 'incident workflow', read: (v) => apiPath`/incident_workflows/${v}` });
      }
    }),
  );
  return out;
}

/**
 * Problems with the responders and workflows a ruleset names that PagerDuty does not know, each
 * at its path. Only ids the stored ruleset did not already name are read (a save stays cheap),
 * and when PagerDuty cannot answer (not connected, an outage) nothing is refused: the executor
 * reports a stale id when it runs, with a hint.
 */
export async function unknownPagerDutyIds(ctx: AppContext, ruleset: Ruleset, stored: Ruleset): Promise<RuleError[]> {
  const known = new Set(namedIds(stored).map((named) => `${named.noun}:${named.id}`));
  const fresh = namedIds(ruleset).filter((named) => !known.has(`${named.noun}:${named.id}`));
  if (fresh.length === 0) return [];
  let client;
  try {
    client = await ctx.sessions.pagerduty.client();
  } catch {
    return [];
  }
  const errors: RuleError[] = [];
  const missing = new Map<string, Promise<boolean>>();
  for (const named of fresh) {
    const key = `${named.noun}:${named.id}`;
    let check = missing.get(key);
    if (!check) {
      check = client.request('GET', named.read(named.id)).then(
        () => false,
        (error: unknown) => error instanceof PagerDutyApiError && error.status === 404,
      );
      missing.set(key, check);
    }
    if (await check) errors.push({ path: named.path, message: `PagerDuty has no ${named.noun} with the id ${named.id}: pick one from the list again` });
  }
  return errors;
}
