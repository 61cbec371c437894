import type { Request, Response } from 'express';
import type { AgentTimelineReply } from '../../contracts/agent';
import type { AppContext } from '../context';
import { agentOf } from '../security/agentAuth';
import { SYNC_TABLES } from '../store/tables';
import { parseStoredPayload } from '../store/payloadCodec';
import { toDate } from '../store/db';
import { apiPath } from '../vendors/pagerduty/client';
import { agentCaseIdOf } from './views/agentCaseScope';
import { incidentTimeline, TIMELINE_LIMIT, type PagerDutyLogEntry, type PagerDutyNote, type ReceivedStatusUpdate } from './views/agentTimeline';
import { pagerDutyFailure } from './views/vendorErrors';

const STATUS_UPDATE_EVENT = 'incident.status_update_published';

/**
 * GET /api/agent/case/timeline: for each incident linked to the agent's Case (the token names it),
 * its log entries and notes read live from PagerDuty and its status updates as the engine received
 * them, newest first. The console reads it on load and again when its event stream says `changed`.
 */
export const getAgentCaseTimeline = (ctx: AppContext) => async (_req: Request, res: Response<AgentTimelineReply>) => {
  const caseId = agentCaseIdOf(agentOf(res));
  const links = await ctx.links.byCasesOrIncidents([caseId], []);
  const client = await ctx.sessions.pagerduty.client().catch((error: unknown) => {
    throw pagerDutyFailure(error, 'reading the incident timeline');
  });
  const timelines = await Promise.all(
    links.map(async ({ incidentId }) => {
      const [logEntries, notes, statusUpdates] = await Promise.all([
        client
          .request<{ log_entries: PagerDutyLogEntry[] }>('GET', apiPath`/incidents/${incidentId}/log_entries`, {
            query: { limit: TIMELINE_LIMIT, is_overview: false },
          })
          .then(({ body }) => body.log_entries),
        client.request<{ notes: PagerDutyNote[] }>('GET', apiPath`/incidents/${incidentId}/notes`).then(({ body }) => body.notes),
        receivedStatusUpdates(ctx, incidentId),
      ]).catch((error: unknown) => {
        throw pagerDutyFailure(error, 'reading the incident timeline');
      });
      return { incidentId, entries: incidentTimeline(logEntries, notes, statusUpdates) };
    }),
  );
  res.set('Cache-Control', 'no-store');
  res.json({ timelines });
};

interface StatusUpdatePayload {
  occurred_at?: string;
  agent?: { summary?: string | null } | null;
  data?: { message?: unknown };
}

/** The status updates of an incident from the inbox: PagerDuty cannot list them, its webhook carried each. */
async function receivedStatusUpdates(ctx: Pick<AppContext, 'db'>, incidentId: string): Promise<ReceivedStatusUpdate[]> {
  const rows = await ctx
    .db(SYNC_TABLES.events)
    .where({ kind: STATUS_UPDATE_EVENT, incident_id: incidentId })
    .orderBy('id', 'desc')
    .limit(TIMELINE_LIMIT)
    .select<{ id: number; payload: unknown; occurred_at: unknown; received_at: unknown }[]>('id', 'payload', 'occurred_at', 'received_at');
  return rows.flatMap((row) => {
    const payload = parseStoredPayload(row.payload) as StatusUpdatePayload;
    const message = payload.data?.message;
    if (typeof message !== 'string' || message === '') return [];
    return [{ eventId: row.id, message, at: toDate(row.occurred_at ?? row.received_at).toISOString(), by: payload.agent?.summary ?? null }];
  });
}
