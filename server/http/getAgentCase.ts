import type { Request, Response } from 'express';
import type { AgentCaseReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { agentOf } from '../security/agentAuth';
import { apiPath } from '../vendors/pagerduty/client';
import { agentCaseIdOf } from './views/agentCaseScope';
import { agentIncident, type PagerDutyIncident } from './views/agentIncident';
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
 * page names: the token carries it), and its linked incident read live from PagerDuty.
 */
export const getAgentCase = (ctx: AppContext) => async (_req: Request, res: Response<AgentCaseReply>) => {
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
    const linkedCases = await ctx.links.casesOfIncident(link.incidentId);
    incidents.push(agentIncident(body.incident, linkedCases.filter((linked) => linked.caseId !== link.caseId).length));
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
