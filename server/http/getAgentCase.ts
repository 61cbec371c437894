import type { Request, Response } from 'express';
import type { AgentCaseReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { agentOf } from '../security/agentAuth';
import { apiPath } from '../vendors/pagerduty/client';
import { agentCaseIdOf } from './views/agentCaseScope';
import { agentIncident, assigneeIdsOf, type PagerDutyIncident } from './views/agentIncident';
import { escalationLevelOf } from './views/escalationLevel';
import { OnCallReads } from './views/onCallReads';
import { pagerDutyFailure, salesforceFailure } from './views/vendorErrors';

interface CaseRecord {
  Id: string;
  CaseNumber?: string | null;
  Subject?: string | null;
  Status?: string | null;
  Priority?: string | null;
}

/**
 * GET /api/agent/case: the Case the agent's verified Canvas request was opened on (never one the
 * page names: the token carries it), and its linked incident read live from PagerDuty, with the
 * level of its escalation policy told from the policy's on-calls (shared briefly between consoles,
 * OnCallReads says why). The console reads it again on every change of the incident, so an
 * escalation (`incident.escalated`) shows its new level.
 */
export const getAgentCase = (ctx: AppContext) => {
  const onCalls = new OnCallReads(() => ctx.sessions.pagerduty.client());
  return async (_req: Request, res: Response<AgentCaseReply>) => {
    const agent = agentOf(res);
    const caseId = agentCaseIdOf(agent);
    const record = await ctx.sessions.salesforce
      .run((connection) => connection.sobject('Case').retrieve(caseId) as Promise<CaseRecord>)
      .catch((error: unknown) => {
        throw salesforceFailure(error, 'reading the Case');
      });
    const link = (await ctx.links.byCase(record.Id)) ?? (await ctx.links.byCase(caseId));
    const incidents = [];
    if (link) {
      const { body } = await ctx.sessions.pagerduty
        .client()
        .then((client) => client.request<{ incident: PagerDutyIncident }>('GET', apiPath`/incidents/${link.incidentId}`))
        .catch((error: unknown) => {
          throw pagerDutyFailure(error, 'reading the linked incident');
        });
      const [linkedCases, level] = await Promise.all([ctx.links.casesOfIncident(link.incidentId), escalationLevel(body.incident)]);
      incidents.push(agentIncident(body.incident, linkedCases.filter((linked) => linked.caseId !== link.caseId).length, level));
    }
    res.json({
      agent: { name: agent.name, email: agent.email },
      case: {
        id: record.Id,
        number: record.CaseNumber ?? null,
        subject: record.Subject ?? null,
        status: record.Status ?? null,
        priority: record.Priority ?? null,
      },
      incidents,
    });
  };

  /** The level, or null when unknown: a failed on-call read costs the level, never the panel. */
  async function escalationLevel(incident: PagerDutyIncident): Promise<number | null> {
    const policyId = incident.escalation_policy?.id;
    const assigneeIds = assigneeIdsOf(incident);
    // Without assignees (a resolved incident) there is no level to tell: no call is spent on it.
    if (!policyId || assigneeIds.length === 0) return null;
    try {
      return escalationLevelOf(policyId, assigneeIds, await onCalls.read(policyId));
    } catch (error) {
      ctx.logger.warn(
        { err: error, escalationPolicyId: policyId },
        'could not read the on-calls of the escalation policy; the console shows it without a level',
      );
      return null;
    }
  }
};
