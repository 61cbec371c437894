import type { Request, Response } from 'express';
import type { AgentActionsReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { agentOf } from '../security/agentAuth';
import { readObjectMapping } from '../store/objectMapping';
import { mappedPriority, readPriorityRouting } from '../store/priorityRouting';
import { RulesetStore } from '../store/rulesets';
import { jsonText } from '../pipeline/jsonText';
import { agentCaseId } from './agent/submitAgentAction';
import { pagerDutyDirectory } from './authoring/pagerDutyDirectory';
import { salesforceFailure } from './views/vendorErrors';

/**
 * GET /api/agent/actions: what the console's forms offer the agent. The actions the admin allows
 * (the console shows only those), the create form prefilled for this Case as the engine would
 * fill it (title and details from OBJECT MAPPINGS' fields, priority from priority routing's Case
 * field, service and urgency from the first enabled rule that opens incidents), and PagerDuty's
 * services, priorities, escalation policies, users and workflows (the rule editor's cached lists).
 */
export const getAgentActions = (ctx: AppContext) => async (_req: Request, res: Response<AgentActionsReply>) => {
  const caseId = agentCaseId(agentOf(res));
  const [settings, mapping, routing, rulesets, directory, record] = await Promise.all([
    ctx.connections.canvas(),
    readObjectMapping(ctx.db),
    readPriorityRouting(ctx.db),
    new RulesetStore(ctx.db).list(),
    pagerDutyDirectory(ctx),
    ctx.sessions.salesforce
      .run((connection) => connection.sobject('Case').retrieve(caseId) as Promise<Record<string, unknown>>)
      .catch((error: unknown) => {
        throw salesforceFailure(error, 'reading the Case');
      }),
  ]);
  const starter = rulesets
    .filter((ruleset) => ruleset.enabled)
    .flatMap((ruleset) => ruleset.rules.flatMap((rule) => rule.actions))
    .find((action) => action.type === 'create_incident');
  const text = (field: string | null) => (field && record[field] !== null && record[field] !== undefined ? jsonText(record[field]) : '');
  const named = (items: { id: string; name: string }[]) => items.map(({ id, name }) => ({ id, name }));
  res.set('Cache-Control', 'no-store');
  res.json({
    allowedActions: settings.agentActions,
    prefill: {
      serviceId: starter?.serviceId ?? directory.services[0]?.id ?? null,
      title: text(mapping.titleField) || `Salesforce Case ${text('CaseNumber') || caseId}`,
      details: text(mapping.descriptionField),
      urgency: starter?.urgency ?? 'high',
      priorityId: mappedPriority(routing, record) ?? starter?.priorityId ?? null,
    },
    services: named(directory.services),
    priorities: named(directory.priorities),
    escalationPolicies: named(directory.escalationPolicies),
    users: named(directory.users),
    workflows: named(directory.incidentWorkflows),
  });
};
