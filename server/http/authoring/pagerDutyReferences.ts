import type { Ruleset, RuleError } from '../../../rules';
import type { PagerDutyMetadataReply } from '../../../contracts/authoring';
import type { AppContext } from '../../context';
import { pagerDutyDirectory } from './pagerDutyDirectory';

type Directory = Pick<PagerDutyMetadataReply, 'users' | 'escalationPolicies' | 'incidentWorkflows'>;

/**
 * The responders and workflows a ruleset's actions name that PagerDuty does not list, one error
 * per action input (`rules[0].actions[1].userIds`) naming the ids, so the editor shows it at the
 * picker. Services and priorities are left to the executor, as before issue 16 (rules written
 * for another account are imported disabled and fixed there).
 */
export function unknownPagerDutyReferences(ruleset: Pick<Ruleset, 'rules'>, directory: Directory): RuleError[] {
  const users = new Set(directory.users.map((user) => user.id));
  const policies = new Set(directory.escalationPolicies.map((policy) => policy.id));
  const workflows = new Set(directory.incidentWorkflows.map((workflow) => workflow.id));
  const errors: RuleError[] = [];
  ruleset.rules.forEach((rule, ruleIndex) => {
    rule.actions.forEach((action, actionIndex) => {
      const at = `rules[${ruleIndex}].actions[${actionIndex}]`;
      if (action.type === 'add_responders') {
        const missingUsers = (action.userIds ?? []).filter((id) => !users.has(id));
        const missingPolicies = (action.escalationPolicyIds ?? []).filter((id) => !policies.has(id));
        if (missingUsers.length) {
          errors.push({ path: `${at}.userIds`, message: `PagerDuty has no user ${missingUsers.join(', ')}: remove it and choose the responders again` });
        }
        if (missingPolicies.length) {
          errors.push({
            path: `${at}.escalationPolicyIds`,
            message: `PagerDuty has no escalation policy ${missingPolicies.join(', ')}: remove it and choose the responders again`,
          });
        }
      }
      if (action.type === 'start_incident_workflow' && !workflows.has(action.workflowId)) {
        errors.push({ path: `${at}.workflowId`, message: `PagerDuty has no incident workflow ${action.workflowId}: choose one of the account's workflows` });
      }
    });
  });
  return errors;
}

/**
 * Checks the ruleset against the cached PagerDuty lists, and against fresh ones before refusing
 * (a workflow made a minute ago is not in the cache yet). When PagerDuty cannot be read the save
 * goes ahead: an outage must not stop an admin from editing rules, and the executor reports a
 * stale id on the job with a hint.
 */
export async function checkPagerDutyReferences(ctx: AppContext, ruleset: Pick<Ruleset, 'rules'>): Promise<RuleError[]> {
  const names = ruleset.rules.some((rule) => rule.actions.some((action) => action.type === 'add_responders' || action.type === 'start_incident_workflow'));
  if (!names) return [];
  try {
    const cached = unknownPagerDutyReferences(ruleset, await pagerDutyDirectory(ctx));
    return cached.length === 0 ? [] : unknownPagerDutyReferences(ruleset, await pagerDutyDirectory(ctx, { fresh: true }));
  } catch (error) {
    ctx.logger.warn({ err: error }, 'the rules could not be checked against the PagerDuty lists; saved without that check');
    return [];
  }
}
