import type { Request, Response } from 'express';
import { AGENT_CASE_CHANGED_EVENT } from '../../contracts/agent';
import type { AppContext } from '../context';
import { agentOf } from '../security/agentAuth';
import { agentCaseIdOf } from './views/agentCaseScope';
import { coalescedChanges, type EngineChange, type EngineChangeHub } from './views/engineChanges';
import { openEventStream } from './views/eventStream';

/**
 * GET /api/agent/case/events: a server-sent event stream that says `changed` when something of the
 * agent's Case may have changed: an event of one of ITS incidents recorded from PagerDuty (an
 * acknowledgement, a note, a status update…), an event or a job about the Case itself (a link made
 * or removed). Events of other Cases' incidents never reach it, so an agent learns nothing of them
 * and the page refreshes only for its own. Coalesced, heartbeat, one listener on the shared hub.
 */
export const getAgentCaseStream = (ctx: Pick<AppContext, 'links' | 'logger'>, hub: EngineChangeHub) => async (req: Request, res: Response) => {
  const caseId = agentCaseIdOf(agentOf(res));
  const incidentsOfCase = async () => new Set((await ctx.links.byCasesOrIncidents([caseId], [])).map((link) => link.incidentId));
  let incidents = await incidentsOfCase();
  const concernsCase = (change: EngineChange): boolean =>
    change.caseId === caseId || (change.incidentId !== null && incidents.has(change.incidentId) && (change.kind === 'job' || change.source === 'pagerduty'));
  openEventStream(req, res, (send) =>
    coalescedChanges(hub, concernsCase, (changes) => {
      // The incidents that changed (all of this Case: the filter let no other through), so a page can tell what it heard.
      const incidentIds = [...new Set(changes.flatMap((change) => change.incidentId ?? []))];
      // A change of the Case may be a link made or removed: its incidents are read again before the page is told.
      incidentsOfCase()
        .then((current) => {
          incidents = current;
        })
        .catch((error: unknown) => ctx.logger.warn({ err: error }, "could not read the agent Case's links again"))
        .finally(() => send(AGENT_CASE_CHANGED_EVENT, { incidentIds }));
    }),
  );
};
