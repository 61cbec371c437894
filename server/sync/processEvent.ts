import { evaluate, type EvaluationResult, type IncidentEventType, type RuleTrace } from '../../rules';
import { INCIDENT_EVENT_TYPES } from '../../rules/model';
import type { Db } from '../store/db';
import { readObjectMapping } from '../store/objectMapping';
import { SYNC_TABLES } from '../store/tables';
import type { CaseChangePayload, CaseCommentPayload, PagerDutyWebhookEvent } from './events';
import { flattenIncident } from './incidentRecord';
import type { JobQueue, Job, NewJob } from './jobQueue';
import type { LinkStore } from './links';
import type { RulesCache } from './rulesCache';
import type { SnapshotStore } from './snapshots';
import type { TaskResult } from './worker';
import type { SalesforceSession } from '../salesforce/session';
import type { PagerDutySession } from '../pagerduty/session';

export interface ProcessorDeps {
  db: Db;
  jobs: JobQueue;
  links: LinkStore;
  snapshots: SnapshotStore;
  rules: RulesCache;
  salesforce: SalesforceSession;
  pagerduty: PagerDutySession;
}

interface StoredEvent {
  id: number;
  kind: string;
  status: string;
  payload: string;
  case_id: string | null;
  case_number: string | null;
  incident_id: string | null;
  incident_number: string | null;
}

interface Outcome {
  status: 'processed' | 'ignored';
  note: string | null;
  trace: RuleTrace[] | null;
  jobs: Omit<NewJob, 'eventId'>[];
  snapshot?: { type: 'case' | 'incident'; id: string; fields: Record<string, unknown> };
  caseNumber?: string | null;
  incidentNumber?: string | null;
}

/** Marks our own notes and comments, so the other side's echo of them is recognised. */
export const SYNC_MARKER = '​'; // zero-width space: invisible to people, unmistakable to us

/**
 * The `process_event` task: reads one inbox event, recognises echoes of the integration's own
 * writes (they update snapshots but fire no rules), evaluates the enabled rules purely, then in
 * ONE transaction enqueues a job per selected action, saves the snapshot and marks the event.
 * A crash before the commit leaves everything as it was, and the job runs again.
 */
export function processEventTask(deps: ProcessorDeps) {
  return async (job: Job): Promise<TaskResult> => {
    const { eventId } = job.payload as { eventId: number };
    const event = (await deps.db(SYNC_TABLES.events).where({ id: eventId }).first()) as StoredEvent | undefined;
    if (!event) return { result: { skipped: 'The event no longer exists' } };
    if (event.status !== 'received') return { result: { skipped: `Already ${event.status}` } };

    const payload = JSON.parse(event.payload) as unknown;
    const outcome = event.kind.startsWith('case.')
      ? await processCaseChange(deps, event, payload as CaseChangePayload)
      : event.kind === 'case_comment.create'
        ? await processCaseComment(deps, event, payload as CaseCommentPayload)
        : event.kind.startsWith('incident.')
          ? await processIncidentEvent(deps, event, payload as PagerDutyWebhookEvent)
          : { status: 'ignored' as const, note: `No processing for ${event.kind} events`, trace: null, jobs: [] };

    await deps.db.transaction(async (trx) => {
      for (const [index, next] of outcome.jobs.entries()) {
        await deps.jobs.enqueue({ ...next, key: `${next.key}:${index}`, eventId: event.id }, trx);
      }
      if (outcome.snapshot) await deps.snapshots.put(outcome.snapshot.type, outcome.snapshot.id, outcome.snapshot.fields, trx);
      await trx(SYNC_TABLES.events)
        .where({ id: event.id })
        .update({
          status: outcome.status,
          note: outcome.note?.slice(0, 500) ?? null,
          trace: outcome.trace ? JSON.stringify(outcome.trace) : null,
          processed_at: new Date(),
          ...(outcome.caseNumber ? { case_number: outcome.caseNumber } : {}),
          ...(outcome.incidentNumber ? { incident_number: outcome.incidentNumber } : {}),
        });
    });
    return { result: { status: outcome.status, actions: outcome.jobs.map((next) => next.task), note: outcome.note } };
  };
}

async function processCaseChange(deps: ProcessorDeps, event: StoredEvent, payload: CaseChangePayload): Promise<Outcome> {
  const caseId = payload.caseId;
  if (payload.changeType === 'DELETE') return { status: 'ignored', note: 'Case deleted: rules run on create and update only', trace: null, jobs: [] };

  let previous = await deps.snapshots.get('case', caseId);
  // An update to a Case never seen before carries only its changed fields: read the rest once.
  if (!previous && payload.changeType !== 'CREATE' && payload.changedFields !== null) {
    previous = await fetchCase(deps, caseId);
  }
  const record: Record<string, unknown> = { ...(previous ?? {}), ...payload.values, Id: caseId };
  for (const field of payload.nulledFields) record[field] = null;
  const changedFields = payload.changedFields ?? diffFields(previous, payload.values);
  const caseNumber = (record.CaseNumber as string | undefined) ?? event.case_number;
  const snapshot = { type: 'case' as const, id: caseId, fields: record };

  const integrationUserId = await deps.salesforce.integrationUserId();
  if (payload.commitUser && integrationUserId && sameSalesforceId(payload.commitUser, integrationUserId)) {
    return { status: 'ignored', note: 'Written by the integration user: an echo of our own change, rules not run', trace: null, jobs: [], snapshot, caseNumber };
  }
  if (previous && payload.changedFields === null && changedFields.length === 0) {
    return { status: 'ignored', note: 'No field changed since the last sync', trace: null, jobs: [], snapshot, caseNumber };
  }
  const change = payload.changeType === 'CREATE' || !previous ? 'create' : 'update';
  const result = evaluate(await deps.rules.compiled(), { kind: 'case', change, record, changedFields }, change === 'create' ? undefined : previous);
  const jobs = result.actions.map((selected) => ({
    task: selected.action.type,
    payload: { action: selected.action, rulesetId: selected.rulesetId, ruleId: selected.ruleId, caseId, caseNumber, record },
    key: `event:${event.id}:action`,
    queueKey: `case:${caseId}`,
    caseId,
    caseNumber,
  }));
  return { status: 'processed', note: summarize(result), trace: relevantTrace(result), jobs, snapshot, caseNumber };
}

async function processCaseComment(deps: ProcessorDeps, event: StoredEvent, payload: CaseCommentPayload): Promise<Outcome> {
  const integrationUserId = await deps.salesforce.integrationUserId();
  if ((integrationUserId && sameSalesforceId(payload.createdById, integrationUserId)) || payload.body.includes(SYNC_MARKER)) {
    return { status: 'ignored', note: 'Comment written by the integration: not synced back', trace: null, jobs: [] };
  }
  const mapping = await readObjectMapping(deps.db);
  if (!mapping.syncCommentsToNotes) return { status: 'ignored', note: 'Comment sync is off (OBJECT MAPPINGS)', trace: null, jobs: [] };
  const link = await deps.links.byCase(payload.caseId);
  if (!link) return { status: 'ignored', note: 'The Case has no linked incident', trace: null, jobs: [] };
  return {
    status: 'processed',
    note: 'Comment → PagerDuty note',
    trace: null,
    jobs: [{ task: 'sync_comment_to_note', payload: { comment: payload, incidentId: link.incidentId }, key: `event:${event.id}:comment`, queueKey: `case:${payload.caseId}`, caseId: payload.caseId, caseNumber: link.caseNumber, incidentId: link.incidentId, incidentNumber: link.incidentNumber }],
    incidentNumber: link.incidentNumber,
  };
}

async function processIncidentEvent(deps: ProcessorDeps, event: StoredEvent, webhook: PagerDutyWebhookEvent): Promise<Outcome> {
  const eventType = webhook.event_type as IncidentEventType;
  const isNote = webhook.data.type === 'incident_note';
  const incidentId = String(isNote ? (webhook.data.incident as { id: string }).id : webhook.data.id);
  const previous = await deps.snapshots.get('incident', incidentId);
  const base: Record<string, unknown> = isNote ? (previous ?? (await fetchIncident(deps, incidentId))) : { ...flattenIncident(webhook.data) };
  const noteContent = isNote ? String(webhook.data.content ?? '') : null;
  const incident: Record<string, unknown> = {
    ...base,
    note_content: noteContent,
    agent_email: webhook.agent?.id ? await agentEmailOf(deps, webhook.agent.id) : null,
    agent_name: webhook.agent?.summary ?? null,
  };
  const snapshot = { type: 'incident' as const, id: incidentId, fields: { ...incident, note_content: null } };
  const link = await deps.links.byIncident(incidentId);
  if (!isNote && link && incident.status) await deps.links.setIncidentStatus(incidentId, String(incident.status));
  const incidentNumber = String(incident.number ?? event.incident_number ?? '');

  const integrationUserId = await deps.pagerduty.integrationUserId();
  if ((webhook.agent?.id && webhook.agent.id === integrationUserId) || (noteContent ?? '').includes(SYNC_MARKER)) {
    return { status: 'ignored', note: 'Made by the integration user: an echo of our own change, rules not run', trace: null, jobs: [], snapshot, incidentNumber };
  }
  if (!(INCIDENT_EVENT_TYPES as readonly string[]).includes(eventType)) {
    return { status: 'ignored', note: `Rules do not run on ${eventType}`, trace: null, jobs: [], snapshot, incidentNumber };
  }
  const result = evaluate(await deps.rules.compiled(), { kind: 'incident', eventType, incident }, previous);
  const queueKey = link ? `case:${link.caseId}` : `incident:${incidentId}`;
  const jobs: Omit<NewJob, 'eventId'>[] = result.actions.map((selected) => ({
    task: selected.action.type,
    payload: { action: selected.action, rulesetId: selected.rulesetId, ruleId: selected.ruleId, incidentId, incident },
    key: `event:${event.id}:action`,
    queueKey,
    caseId: link?.caseId ?? null,
    caseNumber: link?.caseNumber ?? null,
    incidentId,
    incidentNumber,
  }));
  if (isNote && link && (await readObjectMapping(deps.db)).syncCommentsToNotes) {
    jobs.push({
      task: 'sync_note_to_comment',
      payload: { incidentId, noteId: webhook.data.id, content: noteContent, author: webhook.agent?.summary ?? 'PagerDuty' },
      key: `event:${event.id}:note`,
      queueKey,
      caseId: link.caseId,
      caseNumber: link.caseNumber,
      incidentId,
      incidentNumber,
    });
  }
  return { status: 'processed', note: summarize(result), trace: relevantTrace(result), jobs, snapshot, incidentNumber };
}

async function fetchCase(deps: ProcessorDeps, caseId: string): Promise<Record<string, unknown> | undefined> {
  const record = await deps.salesforce.run((connection) => connection.sobject('Case').retrieve(caseId));
  const { attributes: _attributes, ...fields } = record as Record<string, unknown>;
  return fields;
}

async function fetchIncident(deps: ProcessorDeps, incidentId: string): Promise<Record<string, unknown>> {
  const client = await deps.pagerduty.client();
  const { body } = await client.request<{ incident: Record<string, unknown> }>('GET', `/incidents/${incidentId}`);
  return { ...flattenIncident(body.incident) };
}

const agentEmails = new Map<string, string | null>();
async function agentEmailOf(deps: ProcessorDeps, userId: string): Promise<string | null> {
  if (agentEmails.has(userId)) return agentEmails.get(userId)!;
  const client = await deps.pagerduty.client();
  const email = await client
    .request<{ user: { email: string } }>('GET', `/users/${userId}`)
    .then(({ body }) => body.user.email)
    .catch(() => null);
  agentEmails.set(userId, email);
  return email;
}

function diffFields(previous: Record<string, unknown> | undefined, values: Record<string, unknown>): string[] {
  if (!previous) return Object.keys(values);
  return Object.keys(values).filter((field) => field !== 'SystemModstamp' && field !== 'LastModifiedDate' && !sameValue(previous[field], values[field]));
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Equal values, where datetimes compare by instant: CDC sends `2026-01-02T03:04:05Z` and queries
 * return `2026-01-02T03:04:05.000+0000` for the same value.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && ISO_DATETIME.test(a) && ISO_DATETIME.test(b)) {
    const instantA = Date.parse(a.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    const instantB = Date.parse(b.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isNaN(instantA) && !Number.isNaN(instantB)) return instantA === instantB;
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** 15- and 18-character Ids of the same record compare equal. */
function sameSalesforceId(a: string, b: string): boolean {
  return a.slice(0, 15) === b.slice(0, 15);
}

/** Keep the rules that could have run on this event (not the ones for other triggers). */
function relevantTrace(result: EvaluationResult): RuleTrace[] {
  return result.trace.filter((rule) => rule.skippedReason !== 'run_on');
}

function summarize(result: EvaluationResult): string {
  if (result.matched.length === 0) return 'No rule matched';
  return `${result.matched.length} rule(s) matched, ${result.actions.length} action(s)`;
}
