import type { Request, Response } from 'express';
import {
  agentActionLabels,
  idempotencyKey,
  IDEMPOTENCY_KEY_HEADER,
  type AgentAction,
  type AgentActionReply,
  type AgentActionRequests,
} from '../../../contracts/agent';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { ActionRejected } from '../../pipeline/actionErrors';
import {
  agentActionEvent,
  agentActionState,
  agentSourceEventId,
  isAgentActionTask,
  type AgentActionPayload,
  type AgentActionState,
} from '../../pipeline/agentActions';
import type { Job } from '../../pipeline/jobQueue';
import type { JobFinish } from '../../pipeline/worker';
import { agentOf, type AgentClaims } from '../../security/agentAuth';
import { parseInput } from '../validate';
import { salesforceRecordId } from '../../vendors/salesforce/recordId';
import { pagerDutyFailure } from '../views/vendorErrors';

/**
 * How long an action's request waits for the engine to carry it out before answering 202
 * "queued": long enough for PagerDuty's usual answer and one quick retry, short enough that the
 * console never looks stuck. The job goes on either way; a repeat of the request (same
 * idempotency key) answers how it ended.
 */
export const AGENT_ACTION_WAIT_MS = 8_000;

/** The Case the agent's verified Canvas request was opened on: the only Case an agent may act on. */
export function agentCaseId(agent: AgentClaims): string {
  if (!agent.recordId || (agent.recordType !== null && agent.recordType !== 'Case')) {
    throw new AppError('not_found', 'The PagerDuty console works on a Case: add it to the Case record page.');
  }
  return salesforceRecordId(agent.recordId);
}

/** Refuses (403) an action the admin has not allowed agents on CONNECTIONS. */
export async function requireAllowedAction(ctx: AppContext, action: AgentAction): Promise<void> {
  const { agentActions } = await ctx.connections.canvas();
  if (!agentActions.includes(action)) {
    throw new AppError(
      'forbidden',
      `Your PagerDuty integration admin has not allowed agents to ${agentActionLabels[action]} from the console. Ask them to allow it on CONNECTIONS › Salesforce Canvas app.`,
    );
  }
}

/** An endpoint's action; its inputs are parsed only once the action is allowed, so a refusal says 403 whatever the body. */
interface Submission<A extends AgentAction> {
  action: A;
  /** The incident acted on: it must be linked to the agent's Case. Null for create and link. */
  incidentId: () => string | null;
  request: () => AgentActionRequests[A];
}

/**
 * The one path of every agent action endpoint: allowed by the admin, on the agent's own Case and
 * its linked incident only, recorded in the inbox once per idempotency key, then answered with
 * how the engine's job ended (or 202 while PagerDuty has not answered yet).
 */
export async function submitAgentAction<A extends AgentAction>(
  ctx: AppContext,
  req: Request,
  res: Response<AgentActionReply>,
  submission: Submission<A>,
): Promise<void> {
  const agent = agentOf(res);
  await requireAllowedAction(ctx, submission.action);
  const caseId = agentCaseId(agent);
  const incidentId = submission.incidentId();
  const request = submission.request();
  const key = parseInput(idempotencyKey, req.header(IDEMPOTENCY_KEY_HEADER));
  const link = await ctx.links.byCase(caseId);
  if (incidentId !== null && link?.incidentId !== incidentId) {
    throw new AppError('not_found', `Incident ${incidentId} is not linked to this Case: reload the console to see its incidents.`);
  }
  const payload: AgentActionPayload<A> = {
    action: submission.action,
    agent: { userId: agent.userId, orgId: agent.orgId, name: agent.name, email: agent.email },
    caseId,
    incidentId,
    request,
    sourceEventId: agentSourceEventId(agent, key),
  };
  const finished = waitForAgentJob(ctx, payload.sourceEventId);
  try {
    const recorded = await ctx.sync.record(
      agentActionEvent(payload, incidentId ? { caseNumber: link?.caseNumber ?? null, incidentNumber: link?.incidentNumber ?? null } : {}),
    );
    // A repeated request (double click, retry) acts no more: it answers how the first one ended,
    // or waits for it like the first request did.
    const earlier = recorded.duplicate ? await agentActionState(ctx.db, payload.sourceEventId) : undefined;
    const ended = earlier?.state === 'done' || earlier?.state === 'dead' ? { outcome: finishOf(earlier.state), state: earlier } : await finished.promise;
    await answer(ctx, res, submission.action, payload.sourceEventId, ended ?? (await stillWaiting(ctx, payload.sourceEventId)));
  } finally {
    finished.cancel();
  }
}

interface Finished {
  outcome: JobFinish | undefined;
  error?: unknown;
  state?: AgentActionState;
}

/** After the wait: a job waiting for its next attempt answers its last error; one not run yet answers nothing (202). */
async function stillWaiting(ctx: AppContext, sourceEventId: string): Promise<Finished | undefined> {
  const state = await agentActionState(ctx.db, sourceEventId);
  return state?.state === 'failed' ? { outcome: 'failed', state } : undefined;
}

function finishOf(state: string): JobFinish | undefined {
  return state === 'done' ? 'done' : state === 'dead' ? 'dead' : state === 'failed' ? 'failed' : undefined;
}

/** Resolves with the first attempt's end of the request's job (undefined after the wait); listens before the request is recorded. */
function waitForAgentJob(ctx: AppContext, sourceEventId: string): { promise: Promise<Finished | undefined>; cancel: () => void } {
  let cancel = () => {};
  const promise = new Promise<Finished | undefined>((resolve) => {
    const listener = (job: Job, outcome: JobFinish, _durationMs: number, error?: unknown) => {
      if (!isAgentActionTask(job.task) || (job.payload as AgentActionPayload).sourceEventId !== sourceEventId || outcome === 'lost') return;
      cancel();
      resolve({ outcome, error });
    };
    const timer = setTimeout(() => {
      cancel();
      resolve(undefined);
    }, AGENT_ACTION_WAIT_MS);
    cancel = () => {
      clearTimeout(timer);
      ctx.sync.off('jobFinished', listener);
    };
    ctx.sync.on('jobFinished', listener);
  });
  return { promise, cancel };
}

async function answer(
  ctx: AppContext,
  res: Response<AgentActionReply>,
  action: AgentAction,
  sourceEventId: string,
  finished: Finished | undefined,
): Promise<void> {
  const state = finished?.state ?? (finished ? await agentActionState(ctx.db, sourceEventId) : undefined);
  const label = agentActionLabels[action];
  if (!finished?.outcome || !state) {
    res.status(202).json({
      status: 'queued',
      message: `PagerDuty has not answered yet: your request to ${label} is kept and carried out as soon as it does. Reload the console in a moment.`,
      result: null,
    });
    return;
  }
  if (finished.outcome === 'done' || finished.outcome === 'skipped') {
    const result = (state.result ?? {}) as { skipped?: string };
    if (typeof result.skipped === 'string') {
      res.json({ status: 'skipped', message: result.skipped, result });
      return;
    }
    res.json({ status: 'done', message: doneMessage(action, state.incidentNumber), result });
    return;
  }
  throw failureOf(finished, state, label);
}

/** What went wrong, in words an agent can act on: the vendor-error mapping, plus whether the engine keeps trying. */
function failureOf(finished: Finished, state: AgentActionState, label: string): AppError {
  const retrying = finished.outcome === 'failed';
  const later = retrying ? ' Your request is kept and tried again by itself for about a minute; reload the console to see it.' : '';
  const { error } = finished;
  if (error instanceof ActionRejected) return new AppError('conflict', `${error.message}. ${error.hint}`);
  if (error !== undefined) {
    const mapped = pagerDutyFailure(error, `trying to ${label}`);
    return new AppError(mapped.code, mapped.message + later, mapped.details);
  }
  return new AppError('upstream_failed', `Could not ${label}: ${state.lastError ?? 'unknown error'}.${state.errorHint ? ` ${state.errorHint}` : ''}${later}`);
}

function doneMessage(action: AgentAction, incidentNumber: string | null): string {
  const incident = incidentNumber ? `incident #${incidentNumber}` : 'the incident';
  switch (action) {
    case 'createIncident':
      return `Created ${incident} and linked it to this Case.`;
    case 'linkIncident':
      return `Linked this Case to ${incident}.`;
    case 'unlinkIncident':
      return `Unlinked ${incident} from this Case.`;
    case 'addNote':
      return `Added your note to ${incident}.`;
    case 'reassign':
      return `Reassigned ${incident}.`;
    case 'changePriority':
      return `Changed the priority of ${incident}.`;
    case 'changeUrgency':
      return `Changed the urgency of ${incident}.`;
    case 'addResponders':
      return `Asked the responders to help on ${incident}.`;
    case 'postStatusUpdate':
      return `Posted the status update on ${incident}.`;
    case 'startWorkflow':
      return `Started the workflow on ${incident}.`;
    case 'resolve':
      return `Resolved ${incident}.`;
  }
}
