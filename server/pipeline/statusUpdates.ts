import type { ObjectMapping } from '../store/objectMapping';
import { addCaseCommentOnce, type CaseCommentDeps } from './caseComments';
import type { PagerDutyWebhookEvent } from './events';
import { linkedCaseOf, perLinkedCase, type ForLinkedCase } from './fanOut';
import type { Job, NewJob } from './jobQueue';
import { jsonText } from './jsonText';
import type { CaseIncidentLink, LinkStore } from './links';
import type { TaskHandler, TaskResult } from './worker';

/**
 * Status updates → every linked Case (OBJECT MAPPINGS → "Status updates to Cases"): when
 * PagerDuty reports a status update on an incident (`incident.status_update_published`, which
 * the webhook subscription always follows), each Case linked to it gets a CaseComment with the
 * update's text, internal or public (IsPublished, seen by the customer) per the setting. When 40
 * customers report one outage, one status update reaches all 40 Cases.
 *
 * Like comment sync, driven by the mapping, not by rules, and whoever published the update: one
 * the integration published (a Case rule's action, an agent in the console) goes to the Cases
 * too, as the Cases are not where it came from. Echo-safe: the comment is written by the
 * integration user and remembered before it is written (caseComments.ts), so it comes back as
 * an ignored echo and never becomes a PagerDuty note or a change on another Case. One job per
 * Case, keyed by the event and the Case: a second delivery of the webhook is dropped by the
 * inbox, and a retried job looks for its comment before writing it again.
 */

export const STATUS_UPDATE_EVENT_KIND = 'incident.status_update_published';
export const STATUS_UPDATE_TO_CASE_TASK = 'status_update_to_case_comment';

interface StatusUpdatePayload extends ForLinkedCase {
  statusUpdateId: string;
  message: string;
  isPublished: boolean;
}

/** The jobs a status update adds (one per linked Case), with the SYNC LOG note saying what they do or why there are none. */
export function statusUpdateJobs(
  mapping: Pick<ObjectMapping, 'statusUpdatesToCases'>,
  event: { id: number },
  webhook: PagerDutyWebhookEvent,
  links: readonly CaseIncidentLink[],
): { note: string; jobs: Omit<NewJob, 'eventId'>[] } {
  const incidentId = (webhook.data.incident as { id: string }).id;
  if (mapping.statusUpdatesToCases === 'off') return { note: 'Status updates to Cases are off (OBJECT MAPPINGS)', jobs: [] };
  if (links.length === 0) return { note: 'Status update: the incident has no linked Case', jobs: [] };
  const message = jsonText(webhook.data.message ?? '').trim();
  if (message === '') return { note: 'The status update has no text: no Case comment', jobs: [] };
  const isPublished = mapping.statusUpdatesToCases === 'public_comment';
  const jobs = perLinkedCase(links, { key: `event:${event.id}:status_update`, incidentId, incidentNumber: links[0]?.incidentNumber ?? null }, (link) => {
    const payload: StatusUpdatePayload = { incidentId, caseId: link.caseId, statusUpdateId: jsonText(webhook.data.id), message, isPublished };
    return { task: STATUS_UPDATE_TO_CASE_TASK, payload: { ...payload } };
  });
  const kind = isPublished ? 'public' : 'internal';
  return { note: `Status update → ${kind} comment on ${links.length === 1 ? 'the linked Case' : `each of ${links.length} linked Cases`}`, jobs };
}

export interface StatusUpdateDeps extends CaseCommentDeps {
  links: LinkStore;
}

export function statusUpdateHandlers(deps: StatusUpdateDeps): Record<string, TaskHandler> {
  return { [STATUS_UPDATE_TO_CASE_TASK]: (job) => statusUpdateToCase(deps, job, job.payload as StatusUpdatePayload) };
}

async function statusUpdateToCase(deps: StatusUpdateDeps, job: Job, payload: StatusUpdatePayload): Promise<TaskResult> {
  const link = await linkedCaseOf(deps.links, payload);
  if ('skipped' in link) return link;
  const commentId = await addCaseCommentOnce(deps, job, link.caseId, payload.message, payload.isPublished);
  return {
    result: { caseId: link.caseId, commentId, statusUpdateId: payload.statusUpdateId, public: payload.isPublished },
    incidentId: link.incidentId,
    incidentNumber: link.incidentNumber,
  };
}
