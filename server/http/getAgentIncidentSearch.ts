import type { Request, Response } from 'express';
import { searchIncidentsQuery, type AgentIncidentMatch, type SearchIncidentsReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { agentOf } from '../security/agentAuth';
import { agentCaseId, requireAllowedAction } from './agent/submitAgentAction';
import { parseInput } from './validate';
import { pagerDutyFailure } from './views/vendorErrors';

interface ListedIncident {
  id: string;
  incident_number: number;
  title: string;
  status: string;
  html_url?: string;
  service?: { summary?: string } | null;
}

/** How many open incidents a search reads: PagerDuty has no title search, so the match is made here on the most recent. */
const SEARCHED = 100;
const SHOWN = 20;

/**
 * GET /api/agent/incidents/search?q=: open (triggered or acknowledged) incidents whose number is
 * q (with or without #) or whose title contains it, most recent first, for "Link to an incident".
 */
export const getAgentIncidentSearch = (ctx: AppContext) => async (req: Request, res: Response<SearchIncidentsReply>) => {
  agentCaseId(agentOf(res));
  await requireAllowedAction(ctx, 'linkIncident');
  const { q } = parseInput(searchIncidentsQuery, req.query);
  const number = /^#?(\d+)$/.exec(q)?.[1];
  const words = q.toLowerCase();
  const { body } = await ctx.sessions.pagerduty
    .client()
    .then((client) =>
      client.request<{ incidents: ListedIncident[] }>('GET', '/incidents', {
        query: { statuses: ['triggered', 'acknowledged'], sort_by: 'created_at:desc', limit: SEARCHED },
      }),
    )
    .catch((error: unknown) => {
      throw pagerDutyFailure(error, 'searching incidents');
    });
  const incidents: AgentIncidentMatch[] = body.incidents
    .filter((incident) => (number ? String(incident.incident_number) === number : incident.title.toLowerCase().includes(words)))
    .slice(0, SHOWN)
    .map((incident) => ({
      id: incident.id,
      number: incident.incident_number,
      title: incident.title,
      status: incident.status,
      service: incident.service?.summary ?? null,
      url: incident.html_url ?? null,
    }));
  res.json({ incidents });
};
