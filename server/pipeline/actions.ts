import type { RenderedAction } from '../../rules';
import { PagerDutyApiError, apiPath, type PagerDutyClient } from '../vendors/pagerduty/client';
import type { PagerDutySession } from '../vendors/pagerduty/session';
import type { SalesforceSession } from '../vendors/salesforce/session';
import type { Db } from '../store/db';
import { recentObjectMapping, type ObjectMapping } from '../store/objectMapping';
import type { CaseCommentPayload } from './events';
import { routedIncidentFields, routedPolicyForPriorityChange } from './priorityRouting';
import type { Job } from './jobQueue';
import { jsonText } from './jsonText';
import type { CaseIncidentLink, LinkStore } from './links';
import { sameTextKey, type OwnWrites } from './ownWrites';
import type { SalesforceWriter } from '../vendors/salesforce/batchingWriter';
import { salesforceRecordId } from '../vendors/salesforce/recordId';
import { soqlString } from '../vendors/salesforce/soql';
import type { TaskHandler, TaskResult } from './worker';
import { incidentActionHandlers } from './incidentActions';
import { addCaseCommentOnce } from './caseComments';
import { linkedCaseOf, type ForLinkedCase } from './fanOut';
import { statusUpdateHandlers } from './statusUpdates';

export interface ActionDeps {
  db: Db;
  links: LinkStore;
  ownWrites: OwnWrites;
  pagerduty: PagerDutySession;
  salesforce: SalesforceSession;
  writer: SalesforceWriter;
}

type Action<T extends RenderedAction['type']> = Extract<RenderedAction, { type: T }>;
interface CaseActionPayload<T extends RenderedAction['type']> {
  action: Action<T>;
  caseId: string;
  caseNumber: string | null;
  record: Record<string, unknown>;
}
/** An incident rule's action: `caseId` names the linked Case it acts on (one job per linked Case, fanOut.ts). */
interface IncidentActionPayload<T extends RenderedAction['type']> extends ForLinkedCase {
  action: Action<T>;
  incident: Record<string, unknown>;
}

export interface PdIncident {
  id: string;
  incident_number: number;
  html_url: string;
  status: string;
  service: { id: string };
}

/** Why an action that needs the other side of a link did nothing (SYNC LOG shows it as Skipped). */
const NO_LINKED_INCIDENT = 'The Case has no linked incident';

/** PagerDuty's title limit; longer titles are refused. */
const MAX_TITLE = 1024;

/**
 * One handler per action type, plus comment ⇄ note sync (the actions on the linked incident
 * beyond create, update and note are in incidentActions.ts). Each is safe to run again after a
 * crash or a retry: incidents are created with `incident_key` = the Case Id (PagerDuty refuses
 * a second open incident with that key), links are unique per side, and comments and notes are
 * looked up before a retried write.
 */
export function actionHandlers(deps: ActionDeps): Record<string, TaskHandler> {
  return {
    ...incidentActionHandlers(deps),
    ...statusUpdateHandlers(deps),
    create_incident: (job) => createIncident(deps, job, job.payload as CaseActionPayload<'create_incident'>),
    update_incident: (job) => updateIncident(deps, job.payload as CaseActionPayload<'update_incident'>),
    add_note: (job) => addNote(deps, job, job.payload as CaseActionPayload<'add_note'>),
    set_case_fields: (job) => setCaseFields(deps, job.payload as IncidentActionPayload<'set_case_fields'>),
    create_case: (job) => createCase(deps, job.payload as IncidentActionPayload<'create_case'>),
    add_case_comment: (job) => addCaseComment(deps, job, job.payload as IncidentActionPayload<'add_case_comment'>),
    sync_comment_to_note: (job) => syncCommentToNote(deps, job, job.payload as CommentToNotePayload),
    sync_note_to_comment: (job) => syncNoteToComment(deps, job, job.payload as ForLinkedCase & { content: string; author: string }),
  };
}

async function createIncident(deps: ActionDeps, job: Job, payload: CaseActionPayload<'create_incident'>): Promise<TaskResult> {
  const mapping = await recentObjectMapping(deps.db);
  const existing = await deps.links.byCase(payload.caseId);
  // Linked before this job was enqueued: another action made that incident, this one has nothing
  // to do. A link made after it may be this job's own, from an attempt that did not finish.
  if (existing && existing.createdAt < job.createdAt) {
    return {
      skipped: `The Case is already linked to incident #${existing.incidentNumber ?? existing.incidentId}`,
      result: { incidentId: existing.incidentId, incidentNumber: existing.incidentNumber, url: existing.incidentUrl },
      incidentId: existing.incidentId,
      incidentNumber: existing.incidentNumber,
    };
  }
  let link: Omit<CaseIncidentLink, 'createdAt'> | undefined = existing;
  let write: TaskResult['write'];
  let routed: string[] = [];
  if (!link) {
    const client = await deps.pagerduty.client();
    const { action, record } = payload;
    const title = (action.title ?? text(record[mapping.titleField]) ?? '').trim() || `Salesforce Case ${payload.caseNumber ?? payload.caseId}`;
    const details = action.details ?? (mapping.descriptionField ? (text(record[mapping.descriptionField]) ?? '') : '');
    const { fields: routedFields, routed: routedBy } = await routedIncidentFields(deps.db, action, record);
    routed = routedBy;
    const incident = await findOrCreateIncident(client, payload.caseId, {
      type: 'incident',
      title: title.slice(0, MAX_TITLE),
      service: { id: action.serviceId, type: 'service_reference' },
      incident_key: payload.caseId,
      ...(action.urgency ? { urgency: action.urgency } : {}),
      ...routedFields,
      body: { type: 'incident_body', details },
    });
    const created = {
      caseId: payload.caseId,
      caseNumber: payload.caseNumber,
      incidentId: incident.id,
      incidentNumber: String(incident.incident_number),
      incidentUrl: incident.html_url,
      serviceId: incident.service.id,
      incidentStatus: incident.status,
    };
    if (writesCaseFields(mapping)) {
      // The Salesforce write below may fail for good: the link must not wait for it, or a
      // resolved incident would be left unlinked and a later retry would open a second one.
      link = await deps.links.link(created);
    } else {
      // Nothing can fail between here and the completion: the link commits with it, one
      // transaction instead of two. A crash in between finds the incident by incident_key.
      link = created;
      write = async (trx) => {
        await deps.links.link(created, trx);
      };
    }
  }
  await writeIncidentFieldsToCase(deps, mapping, payload.caseId, payload.record, link.incidentNumber, link.incidentUrl);
  return {
    result: {
      incidentId: link.incidentId,
      incidentNumber: link.incidentNumber,
      url: link.incidentUrl,
      ...(routed.length ? { routing: routed.join('; ') } : {}),
    },
    incidentId: link.incidentId,
    incidentNumber: link.incidentNumber,
    write,
  };
}

/** Creates the incident, or, when PagerDuty says one is already open for this Case's key, finds it. */
export async function findOrCreateIncident(
  client: PagerDutyClient,
  caseId: string,
  incident: Record<string, unknown>,
  /** The `From` user, when not the integration user (an agent who is a PagerDuty user). */
  from?: string,
): Promise<PdIncident> {
  try {
    const { body } = await client.request<{ incident: PdIncident }>('POST', '/incidents', { body: { incident }, ...(from ? { from } : {}) });
    return body.incident;
  } catch (error) {
    if (!(error instanceof PagerDutyApiError && error.status === 400)) throw error;
    const { body } = await client.request<{ incidents: PdIncident[] }>('GET', '/incidents', {
      query: { incident_key: caseId, date_range: 'all', statuses: ['triggered', 'acknowledged'] },
    });
    const existing = body.incidents[0];
    if (!existing) throw error;
    return existing;
  }
}

export function writesCaseFields(mapping: ObjectMapping): boolean {
  return Boolean(mapping.incidentNumberField || mapping.incidentUrlField);
}

export async function writeIncidentFieldsToCase(
  deps: ActionDeps,
  mapping: ObjectMapping,
  caseId: string,
  record: Record<string, unknown>,
  incidentNumber: string | null,
  incidentUrl: string | null,
): Promise<void> {
  const values: Record<string, unknown> = {};
  if (mapping.incidentNumberField && record[mapping.incidentNumberField] !== incidentNumber) values[mapping.incidentNumberField] = incidentNumber;
  if (mapping.incidentUrlField && record[mapping.incidentUrlField] !== incidentUrl) values[mapping.incidentUrlField] = incidentUrl;
  if (Object.keys(values).length) await deps.writer.update('Case', caseId, values);
}

async function updateIncident(deps: ActionDeps, payload: CaseActionPayload<'update_incident'>): Promise<TaskResult> {
  const link = await deps.links.byCase(payload.caseId);
  if (!link) return { skipped: NO_LINKED_INCIDENT };
  const { action } = payload;
  const client = await deps.pagerduty.client();
  const update = {
    type: 'incident_reference',
    ...(action.status ? { status: action.status } : {}),
    ...(action.assignToUserIds ? { assignments: action.assignToUserIds.map((id) => ({ assignee: { id, type: 'user_reference' } })) } : {}),
    ...(action.escalationPolicyId ? { escalation_policy: { id: action.escalationPolicyId, type: 'escalation_policy_reference' } } : {}),
    ...(action.priorityId ? { priority: { id: action.priorityId, type: 'priority_reference' } } : {}),
    ...(action.urgency ? { urgency: action.urgency } : {}),
    ...(await routedPolicyForPriorityChange(deps.db, link, action)),
  };
  try {
    const { body } = await client.request<{ incident: PdIncident }>('PUT', apiPath`/incidents/${link.incidentId}`, { body: { incident: update } });
    await deps.links.setIncidentStatus(link.incidentId, body.incident.status);
    return { result: { incidentId: link.incidentId, status: body.incident.status }, incidentId: link.incidentId, incidentNumber: link.incidentNumber };
  } catch (error) {
    // Resolving what is already resolved (a retry, or a responder was faster) is done, not failed.
    if (error instanceof PagerDutyApiError && error.status === 400 && /already resolved/i.test(error.message)) {
      await deps.links.setIncidentStatus(link.incidentId, 'resolved');
      return {
        result: { incidentId: link.incidentId, status: 'resolved', note: 'Already resolved' },
        incidentId: link.incidentId,
        incidentNumber: link.incidentNumber,
      };
    }
    throw error;
  }
}

async function addNote(deps: ActionDeps, job: Job, payload: CaseActionPayload<'add_note'>): Promise<TaskResult> {
  const link = await deps.links.byCase(payload.caseId);
  if (!link) return { skipped: NO_LINKED_INCIDENT };
  await addNoteOnce(deps, job, link.incidentId, payload.action.content);
  return { result: { incidentId: link.incidentId }, incidentId: link.incidentId, incidentNumber: link.incidentNumber };
}

/**
 * Adds a note; on a retry, first checks whether the previous attempt already added it. The note
 * is remembered before it is sent, so its echo is recognised whenever it arrives.
 */
async function addNoteOnce(deps: ActionDeps, job: Job, incidentId: string, content: string): Promise<void> {
  const client = await deps.pagerduty.client();
  if (job.attempts > 1) {
    const { body } = await client.request<{ notes: { content: string }[] }>('GET', apiPath`/incidents/${incidentId}/notes`);
    if (body.notes.some((note) => sameTextKey(note.content) === sameTextKey(content))) return;
  }
  await deps.ownWrites.remember('incident_note', incidentId, content);
  await client.request('POST', apiPath`/incidents/${incidentId}/notes`, { body: { note: { content } } });
}

async function setCaseFields(deps: ActionDeps, payload: IncidentActionPayload<'set_case_fields'>): Promise<TaskResult> {
  const link = await linkedCaseOf(deps.links, payload);
  if ('skipped' in link) return link;
  await deps.writer.update('Case', link.caseId, payload.action.values);
  return { result: { caseId: link.caseId, fields: Object.keys(payload.action.values) } };
}

async function createCase(deps: ActionDeps, payload: IncidentActionPayload<'create_case'>): Promise<TaskResult> {
  const existing = await deps.links.primaryOfIncident(payload.incidentId);
  if (existing) return { skipped: `The incident is already linked to Case ${existing.caseNumber ?? existing.caseId}`, result: { caseId: existing.caseId } };
  const mapping = await recentObjectMapping(deps.db);
  const incident = payload.incident;
  const values: Record<string, unknown> = { ...payload.action.values };
  if (mapping.incidentNumberField) values[mapping.incidentNumberField] = String(incident.number);
  if (mapping.incidentUrlField) values[mapping.incidentUrlField] = incident.html_url;
  // After a crash between the create and the link, find the Case we made by its incident field.
  const caseId = (await findCaseForIncident(deps, mapping, incident)) ?? (await deps.writer.create('Case', values));
  const caseRecord = await deps.salesforce.run((connection) => connection.sobject('Case').retrieve(salesforceRecordId(caseId)));
  const caseNumber = ((caseRecord as Record<string, unknown>).CaseNumber as string | undefined) ?? null;
  await deps.links.link({
    caseId,
    caseNumber,
    incidentId: payload.incidentId,
    incidentNumber: String(incident.number),
    incidentUrl: (incident.html_url as string | undefined) ?? null,
    serviceId: (incident.service_id as string | undefined) ?? null,
    incidentStatus: (incident.status as string | undefined) ?? null,
  });
  return { result: { caseId, caseNumber } };
}

async function findCaseForIncident(deps: ActionDeps, mapping: ObjectMapping, incident: Record<string, unknown>): Promise<string | undefined> {
  const field = mapping.incidentUrlField ?? mapping.incidentNumberField;
  if (!field) return undefined;
  const value = String(field === mapping.incidentUrlField ? incident.html_url : incident.number);
  // The field name comes from the saved mapping, checked against the describe when saved.
  const describe = await deps.salesforce.describeCase();
  if (!describe.fields.some((candidate) => candidate.name === field)) return undefined;
  const result = await deps.salesforce.run(
    async (connection) => await connection.query<{ Id: string }>(`SELECT Id FROM Case WHERE ${field} = ${soqlString(value)} LIMIT 1`),
  );
  return result.records[0]?.Id;
}

async function addCaseComment(deps: ActionDeps, job: Job, payload: IncidentActionPayload<'add_case_comment'>): Promise<TaskResult> {
  const link = await linkedCaseOf(deps.links, payload);
  if ('skipped' in link) return link;
  const commentId = await addCaseCommentOnce(deps, job, link.caseId, payload.action.body, payload.action.isPublished);
  return { result: { caseId: link.caseId, commentId } };
}

/**
 * A Case comment → note job. `sharedCaseNumber` is set when the Case shared its incident with
 * other Cases as the comment was processed: the note then names its Case ("… (Salesforce comment
 * on Case 00001027): …"), so responders know which customer said it, and the same words on
 * two Cases are two notes, never taken for one another by a retry's look for its earlier note.
 * Fixed when the job is made, so every attempt writes the same text.
 */
interface CommentToNotePayload {
  comment: CaseCommentPayload;
  incidentId: string;
  sharedCaseNumber?: string;
}

async function syncCommentToNote(deps: ActionDeps, job: Job, payload: CommentToNotePayload): Promise<TaskResult> {
  const author = payload.comment.createdByName ?? 'Salesforce user';
  const source = payload.sharedCaseNumber ? `Salesforce comment on Case ${payload.sharedCaseNumber}` : 'Salesforce comment';
  await addNoteOnce(deps, job, payload.incidentId, `${author} (${source}): ${payload.comment.body}`);
  return { result: { incidentId: payload.incidentId } };
}

async function syncNoteToComment(deps: ActionDeps, job: Job, payload: ForLinkedCase & { content: string; author: string }): Promise<TaskResult> {
  const link = await linkedCaseOf(deps.links, payload);
  if ('skipped' in link) return link;
  const commentId = await addCaseCommentOnce(deps, job, link.caseId, `${payload.author} (PagerDuty note): ${payload.content}`, false);
  return { result: { caseId: link.caseId, commentId } };
}

function text(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : jsonText(value);
}
