import type { Db, Executor } from '../store/db';
import {
  readFieldMappings,
  readSyncedValues,
  rememberSyncedValues,
  sendsToPagerDuty,
  sendsToSalesforce,
  syncedValueKey,
  type FieldMapping,
} from '../store/fieldMappings';
import { readIncidentCustomFieldValues, writeIncidentCustomFieldValues, type CustomFieldValue } from '../vendors/pagerduty/customFields';
import type { PagerDutySession } from '../vendors/pagerduty/session';
import type { SalesforceWriter } from '../vendors/salesforce/batchingWriter';
import type { PagerDutyWebhookEvent } from './events';
import { normalizePagerDutyValue, toPagerDutyValue, toSalesforceValue } from './fieldMappingValues';
import type { Job, NewJob } from './jobQueue';
import type { CaseIncidentLink, LinkStore } from './links';
import type { TaskHandler, TaskResult } from './worker';
import { linkedCaseOf, NO_LINKED_CASE, perLinkedCase, type ForLinkedCase } from './fanOut';

/**
 * Custom field mappings in the engine (OBJECT MAPPINGS → "Custom field mappings"): like comment
 * sync, driven by the mappings, not by rules, so it runs whatever the rulesets say.
 *
 * - Case → PagerDuty: a Case change on a linked Case whose mapped field changed, or the change
 *   that creates its incident, adds a `push_custom_fields` job that PUTs the changed values on
 *   the incident.
 * - PagerDuty → Case: `incident.custom_field_values.updated` by a person adds a
 *   `pull_custom_fields` job per linked Case (fanOut.ts) that writes the mapped Case fields
 *   through the SalesforceWriter.
 *
 * No echo: the other side's echo of our write names our integration user (CDC commitUser, the
 * webhook's agent) and fires nothing (echoGuard.ts); and per incident and field the value last
 * carried either way is remembered before it is written, so a value equal to it travels no
 * further, whoever the echo names.
 */

export const PUSH_CUSTOM_FIELDS_TASK = 'push_custom_fields';
export const PULL_CUSTOM_FIELDS_TASK = 'pull_custom_fields';
export const CUSTOM_FIELD_VALUES_EVENT_KIND = 'incident.custom_field_values.updated';

/** The mappings and the values they last carried, read in the caller's transaction (one read of the mappings per batch). */
export class FieldMappingReads {
  #mappings: Promise<FieldMapping[]> | undefined;

  constructor(private readonly executor: Executor) {}

  mappings(): Promise<FieldMapping[]> {
    return (this.#mappings ??= readFieldMappings(this.executor));
  }

  syncedValues(incidentId: string): Promise<Map<string, string>> {
    return readSyncedValues(this.executor, incidentId);
  }
}

type FieldJob = Omit<NewJob, 'eventId'>;

interface PushPayload {
  caseId: string;
  /** The mapped Case fields' values at the change, by field name. */
  values: Record<string, unknown>;
}

interface PullPayload extends ForLinkedCase {
  /** The changed PagerDuty fields' values, as the webhook carried them. */
  values: { id: string; value: unknown }[];
}

/**
 * The job a Case change adds: the mapped fields it changed when the Case is linked; every
 * mapped field with a value when this change creates the Case's incident (the job runs in the
 * Case's queue after the create, and finds the link).
 */
export async function caseChangeFieldJob(
  reads: FieldMappingReads,
  change: {
    eventId: number;
    caseId: string;
    caseNumber: string | null;
    record: Record<string, unknown>;
    changedFields: readonly string[];
    link: CaseIncidentLink | undefined;
    createsIncident: boolean;
  },
): Promise<FieldJob | undefined> {
  if (!change.link && !change.createsIncident) return undefined;
  const sending = (await reads.mappings()).filter(sendsToPagerDuty);
  if (sending.length === 0) return undefined;
  const changed = new Set(change.changedFields.map((field) => field.toLowerCase()));
  const values: Record<string, unknown> = {};
  for (const mapping of sending) {
    const value = change.record[mapping.caseField];
    if (change.link ? changed.has(mapping.caseField.toLowerCase()) : value !== null && value !== undefined) values[mapping.caseField] = value ?? null;
  }
  if (Object.keys(values).length === 0) return undefined;
  const payload: PushPayload = { caseId: change.caseId, values };
  return {
    task: PUSH_CUSTOM_FIELDS_TASK,
    payload,
    key: `event:${change.eventId}:custom_fields`,
    queueKey: `case:${change.caseId}`,
    caseId: change.caseId,
    caseNumber: change.caseNumber,
    incidentId: change.link?.incidentId ?? null,
    incidentNumber: change.link?.incidentNumber ?? null,
  };
}

/** The incident an `incident.custom_field_values.updated` webhook is about. */
function customFieldValuesIncidentId(webhook: PagerDutyWebhookEvent): string {
  return (webhook.data.incident as { id: string }).id;
}

/**
 * What a person's change of custom field values does: a job for the mapped fields whose value
 * differs from what was last carried, or why nothing. The caller has already set echoes of our
 * own writes (by agent) aside.
 */
export async function customFieldValuesOutcome(
  reads: FieldMappingReads,
  event: { id: number; incident_number?: string | null },
  webhook: PagerDutyWebhookEvent,
  links: readonly CaseIncidentLink[],
): Promise<{ status: 'processed' | 'ignored'; note: string; jobs: FieldJob[] }> {
  const incidentId = customFieldValuesIncidentId(webhook);
  if (links.length === 0) return { status: 'ignored', note: NO_LINKED_CASE, jobs: [] };
  const receiving = new Map((await reads.mappings()).filter(sendsToSalesforce).map((mapping) => [mapping.pagerDutyField.id, mapping]));
  const changed = (webhook.data.changed_custom_fields as { id: string; value: unknown }[] | undefined) ?? [];
  const mapped = changed.filter((field) => receiving.has(field.id));
  if (mapped.length === 0) return { status: 'ignored', note: 'No custom field mapping carries these fields to Salesforce', jobs: [] };
  const synced = await reads.syncedValues(incidentId);
  const fresh = mapped.filter((field) => {
    const mapping = receiving.get(field.id) as FieldMapping;
    return synced.get(field.id) !== syncedValueKey(normalizePagerDutyValue(mapping.pagerDutyField, field.value));
  });
  if (fresh.length === 0) return { status: 'ignored', note: 'These custom field values are already on the Case (carried by the integration)', jobs: [] };
  const values = fresh.map(({ id, value }) => ({ id, value }));
  const names = fresh.map((field) => (receiving.get(field.id) as FieldMapping).pagerDutyField.displayName);
  return {
    status: 'processed',
    note: `Custom field values → Case${links.length > 1 ? `s (${links.length})` : ''}: ${names.join(', ')}`,
    jobs: perLinkedCase(links, { key: `event:${event.id}:custom_fields`, incidentId, incidentNumber: links[0]?.incidentNumber ?? null }, (link) => {
      const payload: PullPayload = { incidentId, caseId: link.caseId, values };
      return { task: PULL_CUSTOM_FIELDS_TASK, payload: { ...payload } };
    }),
  };
}

export interface FieldMappingDeps {
  db: Db;
  links: LinkStore;
  pagerduty: PagerDutySession;
  writer: SalesforceWriter;
}

export function fieldMappingHandlers(deps: FieldMappingDeps): Record<string, TaskHandler> {
  return {
    [PUSH_CUSTOM_FIELDS_TASK]: (job) => pushCustomFields(deps, job, job.payload as PushPayload),
    [PULL_CUSTOM_FIELDS_TASK]: (job) => pullCustomFields(deps, job, job.payload as PullPayload),
  };
}

/**
 * Case → PagerDuty: PUTs the mapped values that differ from what was last carried. A retry
 * cannot trust that memory (it was written before the PUT that failed): it looks at the
 * incident's values instead and writes only what is not there yet.
 */
async function pushCustomFields(deps: FieldMappingDeps, job: Job, payload: PushPayload): Promise<TaskResult> {
  const link = await deps.links.byCase(payload.caseId);
  if (!link) return { skipped: 'The Case has no linked incident' };
  const mappings = (await readFieldMappings(deps.db)).filter((mapping) => sendsToPagerDuty(mapping) && mapping.caseField in payload.values);
  if (mappings.length === 0) return { skipped: 'No custom field mapping sends these Case fields to PagerDuty any more' };
  const client = await deps.pagerduty.client();
  const current =
    job.attempts > 1
      ? new Map(
          (await readIncidentCustomFieldValues(client, link.incidentId)).map((field) => [
            field.id,
            syncedValueKey(normalizePagerDutyValue({ dataType: field.data_type, fieldType: field.field_type }, field.value)),
          ]),
        )
      : await readSyncedValues(deps.db, link.incidentId);
  const writes = new Map<string, CustomFieldValue>();
  const written: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const mapping of mappings) {
    const carried = toPagerDutyValue(mapping, payload.values[mapping.caseField]);
    const label = mapping.pagerDutyField.displayName;
    if ('skip' in carried) notes.push(carried.skip);
    else if (current.get(mapping.pagerDutyField.id) === syncedValueKey(carried.value)) notes.push(`${label} already holds ${syncedValueKey(carried.value)}`);
    else {
      writes.set(mapping.pagerDutyField.id, carried.value as CustomFieldValue);
      written[label] = carried.value;
    }
  }
  const about = { incidentId: link.incidentId, incidentNumber: link.incidentNumber };
  if (writes.size === 0) return { skipped: `Nothing to write: ${notes.join('; ')}`, ...about };
  await rememberSyncedValues(deps.db, link.incidentId, writes);
  await writeIncidentCustomFieldValues(
    client,
    link.incidentId,
    [...writes].map(([id, value]) => ({ id, value })),
  );
  return { result: { incidentId: link.incidentId, customFields: written, ...(notes.length ? { notWritten: notes } : {}) }, ...about };
}

/**
 * PagerDuty → Case: writes the mapped Case fields of one linked Case. The values are remembered
 * as carried before the write, so the Case change it causes (committed by the integration user)
 * is ignored and never sent back. Which values are new was decided when the event was processed
 * (against what was last carried); the job does not ask that memory again: the job of another
 * Case of the same incident (same event, same values) has written it, and this Case still needs
 * them. Writing a Case field again (a retry, a race with the Case's own push) is harmless: the
 * same value, and its echo is ignored.
 */
async function pullCustomFields(deps: FieldMappingDeps, _job: Job, payload: PullPayload): Promise<TaskResult> {
  const link = await linkedCaseOf(deps.links, payload);
  if ('skipped' in link) return link;
  const receiving = new Map((await readFieldMappings(deps.db)).filter(sendsToSalesforce).map((mapping) => [mapping.pagerDutyField.id, mapping] as const));
  const caseValues: Record<string, unknown> = {};
  const carried = new Map<string, unknown>();
  const notes: string[] = [];
  for (const { id, value } of payload.values) {
    const mapping = receiving.get(id);
    if (!mapping) continue;
    const normalized = normalizePagerDutyValue(mapping.pagerDutyField, value);
    const converted = toSalesforceValue(mapping, normalized);
    if ('skip' in converted) notes.push(converted.skip);
    else {
      caseValues[mapping.caseField] = converted.value;
      carried.set(id, normalized);
    }
  }
  const about = { incidentId: link.incidentId, incidentNumber: link.incidentNumber };
  if (Object.keys(caseValues).length === 0)
    return { skipped: `Nothing to write: ${notes.join('; ') || 'no mapping receives these fields any more'}`, ...about };
  await rememberSyncedValues(deps.db, link.incidentId, carried);
  await deps.writer.update('Case', link.caseId, caseValues);
  return { result: { caseId: link.caseId, fields: caseValues, ...(notes.length ? { notWritten: notes } : {}) }, ...about };
}
