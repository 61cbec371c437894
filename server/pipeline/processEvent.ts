import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { evaluate, type CompiledRules, type EvaluationResult, type IncidentEventType, type RuleTrace } from '../../rules';
import { INCIDENT_EVENT_TYPES } from '../../rules/model';
import type { Db, Executor } from '../store/db';
import { readObjectMapping, type ObjectMapping } from '../store/objectMapping';
import { decodeStoredPayload } from '../store/payloadCodec';
import { readPriorityRouting, type PriorityRouting } from '../store/priorityRouting';
import { SYNC_TABLES } from '../store/tables';
import { caseChangeEcho, caseCommentEcho, incidentEventEcho } from './echoGuard';
import type { CaseChangePayload, CaseCommentPayload, PagerDutyWebhookEvent } from './events';
import { CUSTOM_FIELD_VALUES_EVENT_KIND, FieldMappingReads, caseChangeFieldJob, customFieldValuesOutcome } from './fieldMappings';
import { PER_EVENT_INCIDENT_FIELDS, fieldsFromIncidentEvent, flattenIncident } from './incidentRecord';
import { routingJobForCaseChange, routingJobForIncidentEvent } from './priorityRouting';
import { perLinkedCase } from './fanOut';
import { STATUS_UPDATE_EVENT_KIND, statusUpdateJobs } from './statusUpdates';
import { jsonText } from './jsonText';
import { AGENT_EVENT_PREFIX, agentActionJob, type AgentActionPayload } from './agentActions';
import type { IntakeProcessing, StoredInboxEvent } from './inbox';
import type { JobQueue, Job, NewJob } from './jobQueue';
import type { CaseIncidentLink, LinkStore } from './links';
import type { OwnWriteKind, OwnWrites } from './ownWrites';
import type { RulesCache } from './rulesCache';
import type { SnapshotStore, SnapshotType } from './snapshots';
import type { BatchOutcome } from './worker';
import type { SalesforceSession } from '../vendors/salesforce/session';
import type { PagerDutySession } from '../vendors/pagerduty/session';
import { apiPath } from '../vendors/pagerduty/client';
import { salesforceRecordId } from '../vendors/salesforce/recordId';

/** An inbox row as the store returns it: PostgreSQL hands a bigint id back as a string. */
/** A row as read: the payload is text or a compressed blob (payloadCodec.ts). */
type StoredInboxRow = Omit<StoredInboxEvent, 'id' | 'payload'> & { id: number | string; payload: unknown };

export interface ProcessorDeps {
  db: Db;
  jobs: JobQueue;
  links: LinkStore;
  snapshots: SnapshotStore;
  ownWrites: OwnWrites;
  rules: RulesCache;
  salesforce: SalesforceSession;
  pagerduty: PagerDutySession;
}

interface Outcome {
  status: 'processed' | 'ignored';
  note: string | null;
  trace: RuleTrace[] | null;
  jobs: Omit<NewJob, 'eventId'>[];
  snapshot?: { type: SnapshotType; id: string; fields: Record<string, unknown> };
  /** The linked incident's status moved (an incident webhook). */
  linkStatus?: { incidentId: string; status: string };
  caseNumber?: string | null;
  incidentNumber?: string | null;
}

/**
 * Processing at intake cannot have what needs a vendor call or rules not compiled yet: a read
 * that would need one answers this instead of its value, the processing returns it, and the
 * event is left to its `process_event` job, which may wait for the network. A value, not an
 * exception: it is an expected answer, checked where it is read.
 */
class NeedsWorker {
  constructor(readonly what: string) {}

  get message(): string {
    return `Processing needs ${this.what}`;
  }
}

/** What a read answers, or that only the worker can have it. */
type OrNeedsWorker<T> = T | NeedsWorker;

/**
 * What the events of one batch read, loaded with one query per kind instead of one per event.
 * `remember` updates the snapshots as each event is processed, in order, so every event sees
 * what it would have seen processed alone (in a claimed batch each queue has one event; at
 * intake a queue may have several).
 *
 * `atIntake` reads through the intake's transaction and never calls a vendor: on SQLite that
 * transaction holds the only connection, and intake must answer whatever the vendors do.
 */
class BatchReads {
  readonly #snapshots = new Map<string, Record<string, unknown> | undefined>();
  readonly #linksByCase = new Map<string, CaseIncidentLink | undefined>();
  /** Every linked Case of each incident, in link order (the primary first). */
  readonly #linksByIncident = new Map<string, CaseIncidentLink[]>();
  #compiled: Promise<OrNeedsWorker<CompiledRules>> | undefined;
  #mapping: Promise<ObjectMapping> | undefined;
  #fieldMappings: FieldMappingReads | undefined;
  #priorityRouting: Promise<PriorityRouting> | undefined;

  private constructor(
    private readonly deps: ProcessorDeps,
    private readonly executor: Executor,
    private readonly atIntake: boolean,
  ) {}

  static async load(deps: ProcessorDeps, events: readonly StoredInboxEvent[], intakeTransaction?: Knex.Transaction): Promise<BatchReads> {
    const executor = intakeTransaction ?? deps.db;
    const reads = new BatchReads(deps, executor, intakeTransaction !== undefined);
    const caseIds = new Set<string>();
    const incidentIds = new Set<string>();
    for (const event of events) {
      if (event.case_id) caseIds.add(event.case_id);
      if (event.incident_id) incidentIds.add(event.incident_id);
    }
    const [caseSnapshots, incidentSnapshots, links] = await Promise.all([
      deps.snapshots.getMany('case', [...caseIds], executor),
      deps.snapshots.getMany('incident', [...incidentIds], executor),
      deps.links.byCasesOrIncidents([...caseIds], [...incidentIds], executor),
    ]);
    // Known absent is known too: a new Case or incident has no snapshot to read again.
    for (const id of caseIds) reads.#snapshots.set(`case:${id}`, caseSnapshots.get(id));
    for (const id of incidentIds) reads.#snapshots.set(`incident:${id}`, incidentSnapshots.get(id));
    for (const id of caseIds) reads.#linksByCase.set(id, undefined);
    for (const id of incidentIds) reads.#linksByIncident.set(id, []);
    // In link order (byCasesOrIncidents sorts them), so each incident's list starts with its primary Case.
    for (const link of links) {
      reads.#linksByCase.set(link.caseId, link);
      reads.#linksByIncident.get(link.incidentId)?.push(link);
    }
    return reads;
  }

  /** The stored snapshot; read from the store if an event names an entity its columns did not. */
  async snapshot(type: SnapshotType, id: string): Promise<Record<string, unknown> | undefined> {
    const key = `${type}:${id}`;
    if (!this.#snapshots.has(key)) this.#snapshots.set(key, await this.deps.snapshots.get(type, id, this.executor));
    return this.#snapshots.get(key);
  }

  remember(type: SnapshotType, id: string, fields: Record<string, unknown>): void {
    this.#snapshots.set(`${type}:${id}`, fields);
  }

  async linkByCase(caseId: string): Promise<CaseIncidentLink | undefined> {
    if (this.#linksByCase.has(caseId)) return this.#linksByCase.get(caseId);
    return this.deps.links.byCase(caseId, this.executor);
  }

  /** Every Case linked to the incident, the primary first. */
  async linksOfIncident(incidentId: string): Promise<readonly CaseIncidentLink[]> {
    return this.#linksByIncident.get(incidentId) ?? this.deps.links.casesOfIncident(incidentId, this.executor);
  }

  compiled(): Promise<OrNeedsWorker<CompiledRules>> {
    return (this.#compiled ??= this.atIntake
      ? this.deps.rules.ifCurrent(this.executor).then((compiled) => compiled ?? new NeedsWorker('the rules compiled'))
      : this.deps.rules.compiled());
  }

  /** Whether the engine wrote this note / comment (ownWrites.ts): read in the batch's transaction. */
  wrote(kind: OwnWriteKind, targetId: string, text: string): Promise<boolean> {
    return this.deps.ownWrites.wrote(kind, targetId, text, this.executor);
  }

  mapping(): Promise<ObjectMapping> {
    return (this.#mapping ??= readObjectMapping(this.executor));
  }

  /** Custom field mappings and the values they last carried (fieldMappings.ts), read in the batch's transaction. */
  fieldMappings(): FieldMappingReads {
    return (this.#fieldMappings ??= new FieldMappingReads(this.executor));
  }

  priorityRouting(): Promise<PriorityRouting> {
    return (this.#priorityRouting ??= readPriorityRouting(this.executor));
  }

  async salesforceIntegrationUserId(): Promise<OrNeedsWorker<string | undefined>> {
    if (!this.atIntake) return this.deps.salesforce.integrationUserId();
    const known = this.deps.salesforce.knownIntegrationUserId();
    if (!known) return new NeedsWorker('a Salesforce session');
    return known.id;
  }

  async pagerdutyIntegrationUserId(): Promise<OrNeedsWorker<string | undefined>> {
    if (!this.atIntake) return this.deps.pagerduty.integrationUserId();
    const known = this.deps.pagerduty.knownIntegrationUserId();
    if (known === undefined) return new NeedsWorker('the PagerDuty integration user');
    return known;
  }

  async agentEmail(userId: string): Promise<OrNeedsWorker<string | null>> {
    const known = agentEmails.get(userId);
    if (known !== undefined) return known;
    if (this.atIntake) return new NeedsWorker('a PagerDuty user lookup');
    return agentEmailOf(this.deps, userId);
  }

  /** The whole Case, for an update to a Case never seen before. */
  async fetchCase(caseId: string): Promise<OrNeedsWorker<Record<string, unknown> | undefined>> {
    if (this.atIntake) return new NeedsWorker('the Case read from Salesforce');
    return fetchCase(this.deps, caseId);
  }

  /** The whole incident, for a note on an incident never seen before. */
  async fetchIncident(incidentId: string): Promise<OrNeedsWorker<Record<string, unknown>>> {
    if (this.atIntake) return new NeedsWorker('the incident read from PagerDuty');
    return fetchIncident(this.deps, incidentId);
  }
}

/**
 * The `process_event` task, run in batches: reads the batch's inbox events, recognises echoes
 * of the integration's own writes (echoGuard.ts: they update snapshots but fire no rules), evaluates the
 * enabled rules purely, then returns per event its writes: a job per selected action, the
 * snapshot, the event's new status. The worker commits each with its job's completion (the
 * batch's completions share one group commit), so a crash before the commit leaves everything
 * as it was and the job runs again. An event whose processing or write fails fails alone.
 */
export function processEventsTask(deps: ProcessorDeps) {
  return async (jobs: Job[]): Promise<BatchOutcome[]> => {
    const eventIds = jobs.map((job) => (job.payload as { eventId: number }).eventId);
    const found = await deps.db<StoredInboxRow>(SYNC_TABLES.events).whereIn('id', eventIds).select();
    // Each payload is decoded on its own: a row that cannot be read (damaged, or written in a
    // format this version does not know) fails its own event, not the batch it came in.
    const rows: StoredInboxEvent[] = [];
    const unreadable = new Map<number, Error>();
    for (const row of found) {
      const id = Number(row.id);
      try {
        rows.push({ ...row, id, payload: decodeStoredPayload(row.payload) });
      } catch (error) {
        unreadable.set(id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    const events = new Map(rows.map((row) => [row.id, row]));
    const reads = await BatchReads.load(deps, rows);
    const outcomes: BatchOutcome[] = [];
    for (const eventId of eventIds) {
      const damaged = unreadable.get(eventId);
      if (damaged) {
        outcomes.push({ ok: false, error: damaged });
        continue;
      }
      const event = events.get(eventId);
      if (!event) {
        outcomes.push({ ok: true, result: { result: { skipped: 'The event no longer exists' } } });
        continue;
      }
      if (event.status !== 'received') {
        outcomes.push({ ok: true, result: { result: { skipped: `Already ${event.status}` } } });
        continue;
      }
      try {
        const outcome = await processEvent(deps, reads, event);
        if (outcome instanceof NeedsWorker) {
          // Only reads at intake answer this; the worker's reads call the vendors instead.
          outcomes.push({ ok: false, error: new Error(outcome.message) });
          continue;
        }
        if (outcome.snapshot) reads.remember(outcome.snapshot.type, outcome.snapshot.id, outcome.snapshot.fields);
        outcomes.push({
          ok: true,
          result: {
            result: { status: outcome.status, actions: outcome.jobs.map((next) => next.task), note: outcome.note },
            write: async (trx) => {
              await deps.jobs.enqueueMany(actionJobs(event, outcome), trx);
              await writeEffects(deps, [{ event, outcome }], trx);
            },
          },
        });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  };
}

/**
 * Processing at intake, in the transaction that stores the events (see Inbox): the same
 * processing as the `process_event` task, reading through that transaction and never calling a
 * vendor. `process` answers undefined when an event needs what only the worker may wait for (a
 * vendor read, rules not compiled yet), so the caller leaves it to its job; any other error
 * is thrown, and the caller then leaves the whole batch to its jobs, where errors are retried
 * and shown. The caller enqueues the action jobs `process` returns, in event order; `write`
 * then writes the other effects of every processed event at once.
 */
export function processorAtIntake(deps: ProcessorDeps, logger: Logger): IntakeProcessing {
  return {
    failed(error) {
      logger.warn({ err: error }, 'processing at intake failed and was rolled back: the events wait for their jobs');
    },
    async begin(trx, events) {
      const reads = await BatchReads.load(deps, events, trx);
      const processed: { event: StoredInboxEvent; outcome: Outcome }[] = [];
      return {
        async process(event) {
          const outcome = await processEvent(deps, reads, event);
          if (outcome instanceof NeedsWorker) return undefined;
          if (outcome.snapshot) reads.remember(outcome.snapshot.type, outcome.snapshot.id, outcome.snapshot.fields);
          processed.push({ event, outcome });
          return {
            result: { status: outcome.status, actions: outcome.jobs.map((next) => next.task), note: outcome.note },
            actions: actionJobs(event, outcome),
          };
        },
        write: () => writeEffects(deps, processed, trx),
      };
    },
  };
}

function processEvent(deps: ProcessorDeps, reads: BatchReads, event: StoredInboxEvent): Promise<OrNeedsWorker<Outcome>> {
  const payload = JSON.parse(event.payload) as unknown;
  if (event.kind.startsWith('case.')) return processCaseChange(deps, reads, event, payload as CaseChangePayload);
  if (event.kind === 'case_comment.create') return processCaseComment(deps, reads, event, payload as CaseCommentPayload);
  if (event.kind.startsWith('incident.')) return processIncidentEvent(deps, reads, event, payload as PagerDutyWebhookEvent);
  if (event.kind.startsWith(AGENT_EVENT_PREFIX)) return Promise.resolve(agentActionOutcome(event, payload as AgentActionPayload));
  return Promise.resolve({ status: 'ignored', note: `No processing for ${event.kind} events`, trace: null, jobs: [] });
}

/** The jobs of an event's actions, keyed so a second processing of the event adds none. */
function actionJobs(event: StoredInboxEvent, outcome: Outcome): NewJob[] {
  return outcome.jobs.map((next, index) => ({ ...next, key: `${next.key}:${index}`, eventId: event.id }));
}

/**
 * The effects of processed events other than their jobs: the latest snapshot of each entity,
 * link statuses, and each event's new status (events whose status row is the same share one
 * UPDATE).
 */
async function writeEffects(deps: ProcessorDeps, processed: readonly { event: StoredInboxEvent; outcome: Outcome }[], trx: Knex.Transaction): Promise<void> {
  if (processed.length === 0) return;
  const snapshots = new Map<string, NonNullable<Outcome['snapshot']>>();
  for (const { outcome } of processed) if (outcome.snapshot) snapshots.set(`${outcome.snapshot.type}:${outcome.snapshot.id}`, outcome.snapshot);
  await deps.snapshots.putMany([...snapshots.values()], trx);
  // In event order: an incident's last event of the batch sets its status.
  const linkStatuses = new Map<string, string>();
  for (const { outcome } of processed) if (outcome.linkStatus) linkStatuses.set(outcome.linkStatus.incidentId, outcome.linkStatus.status);
  await deps.links.setIncidentStatuses(linkStatuses, trx);
  const processedAt = new Date();
  const updates = new Map<string, { values: Record<string, unknown>; ids: number[] }>();
  for (const { event, outcome } of processed) {
    const values = {
      status: outcome.status,
      note: outcome.note?.slice(0, 500) ?? null,
      trace: outcome.trace ? JSON.stringify(outcome.trace) : null,
      processed_at: processedAt,
      // Only what intake did not know already.
      ...(outcome.caseNumber && outcome.caseNumber !== event.case_number ? { case_number: outcome.caseNumber } : {}),
      ...(outcome.incidentNumber && outcome.incidentNumber !== event.incident_number ? { incident_number: outcome.incidentNumber } : {}),
    };
    const key = JSON.stringify(values);
    const same = updates.get(key);
    if (same) same.ids.push(event.id);
    else updates.set(key, { values, ids: [event.id] });
  }
  for (const { values, ids } of updates.values()) {
    for (let start = 0; start < ids.length; start += 500)
      await trx(SYNC_TABLES.events)
        .whereIn('id', ids.slice(start, start + 500))
        .update(values);
  }
}

async function processCaseChange(deps: ProcessorDeps, reads: BatchReads, event: StoredInboxEvent, payload: CaseChangePayload): Promise<OrNeedsWorker<Outcome>> {
  const caseId = payload.caseId;
  if (payload.changeType === 'DELETE') return { status: 'ignored', note: 'Case deleted: rules run on create and update only', trace: null, jobs: [] };

  let previous = await reads.snapshot('case', caseId);
  let known = previous;
  // An update to a Case never seen before carries only its changed fields: read the rest once.
  if (!previous && payload.changeType !== 'CREATE' && payload.changedFields !== null) {
    const fetched = await reads.fetchCase(caseId);
    if (fetched instanceof NeedsWorker) return fetched;
    known = fetched;
    // Read after the change, the Case holds the changed fields' new values: what they were is
    // unknown, so they stay out of `previous` and CDC's changedFields decides "changed (to)".
    const changed = new Set([...payload.changedFields, ...payload.nulledFields]);
    previous = fetched && Object.fromEntries(Object.entries(fetched).filter(([field]) => !changed.has(field)));
  }
  const record: Record<string, unknown> = { ...(known ?? {}), ...payload.values, Id: caseId };
  for (const field of payload.nulledFields) record[field] = null;
  const changedFields = payload.changedFields ?? diffFields(previous, payload.values);
  const caseNumber = (record.CaseNumber as string | undefined) ?? event.case_number;
  const snapshot = { type: 'case' as const, id: caseId, fields: record };

  const integrationUserId = await reads.salesforceIntegrationUserId();
  if (integrationUserId instanceof NeedsWorker) return integrationUserId;
  const echo = caseChangeEcho(payload.commitUser, integrationUserId);
  if (echo) {
    return {
      status: 'ignored',
      note: echo,
      trace: null,
      jobs: [],
      snapshot,
      caseNumber,
    };
  }
  if (previous && payload.changedFields === null && changedFields.length === 0) {
    return { status: 'ignored', note: 'No field changed since the last sync', trace: null, jobs: [], snapshot, caseNumber };
  }
  const change = payload.changeType === 'CREATE' || !previous ? 'create' : 'update';
  const compiled = await reads.compiled();
  if (compiled instanceof NeedsWorker) return compiled;
  const result = evaluate(compiled, { kind: 'case', change, record, changedFields }, change === 'create' ? undefined : previous);
  const jobs: Omit<NewJob, 'eventId'>[] = result.actions.map((selected) => ({
    task: selected.action.type,
    payload: { action: selected.action, rulesetId: selected.rulesetId, ruleId: selected.ruleId, caseId, caseNumber, record },
    key: `event:${event.id}:action`,
    queueKey: `case:${caseId}`,
    caseId,
    caseNumber,
  }));
  const link = await reads.linkByCase(caseId);
  // Custom field mappings run whatever the rules decided (after them in the Case's queue: after a create, the link exists).
  const fieldJob = await caseChangeFieldJob(reads.fieldMappings(), {
    eventId: event.id,
    caseId,
    caseNumber,
    record,
    changedFields,
    link,
    createsIncident: result.actions.some((selected) => selected.action.type === 'create_incident'),
  });
  if (fieldJob) jobs.push(fieldJob);
  // Priority routing follows the mapped Case field of a linked Case (an unlinked one is routed when its incident is created).
  const routing = link && routingJobForCaseChange(await reads.priorityRouting(), link, event.id, changedFields, record);
  if (routing) jobs.push(routing);
  const note = withRouting(fieldJob ? `${summarize(result)}; mapped custom fields → incident` : summarize(result), routing);
  return { status: 'processed', note, trace: relevantTrace(result), jobs, snapshot, caseNumber };
}

async function processCaseComment(
  deps: ProcessorDeps,
  reads: BatchReads,
  event: StoredInboxEvent,
  payload: CaseCommentPayload,
): Promise<OrNeedsWorker<Outcome>> {
  const integrationUserId = await reads.salesforceIntegrationUserId();
  if (integrationUserId instanceof NeedsWorker) return integrationUserId;
  const echo = caseCommentEcho(payload.createdById, integrationUserId, await reads.wrote('case_comment', payload.caseId, payload.body));
  if (echo) return { status: 'ignored', note: echo, trace: null, jobs: [] };
  const mapping = await reads.mapping();
  if (!mapping.syncCommentsToNotes) return { status: 'ignored', note: 'Comment sync is off (OBJECT MAPPINGS)', trace: null, jobs: [] };
  const link = await reads.linkByCase(payload.caseId);
  if (!link) return { status: 'ignored', note: 'The Case has no linked incident', trace: null, jobs: [] };
  // One Case's comment goes to its incident only (the other Cases' customers are not told what
  // this one said); when the incident has other Cases, the note names the Case it came from.
  const shared = (await reads.linksOfIncident(link.incidentId)).length > 1;
  return {
    status: 'processed',
    note: 'Comment → PagerDuty note',
    trace: null,
    jobs: [
      {
        task: 'sync_comment_to_note',
        payload: { comment: payload, incidentId: link.incidentId, ...(shared ? { sharedCaseNumber: link.caseNumber ?? payload.caseId } : {}) },
        key: `event:${event.id}:comment`,
        queueKey: `case:${payload.caseId}`,
        caseId: payload.caseId,
        caseNumber: link.caseNumber,
        incidentId: link.incidentId,
        incidentNumber: link.incidentNumber,
      },
    ],
    incidentNumber: link.incidentNumber,
  };
}

async function processIncidentEvent(
  deps: ProcessorDeps,
  reads: BatchReads,
  event: StoredInboxEvent,
  webhook: PagerDutyWebhookEvent,
): Promise<OrNeedsWorker<Outcome>> {
  const eventType = webhook.event_type as IncidentEventType;
  // Events about something on an incident (a note, a responder, a status update, a workflow
  // instance, a bridge, custom field values) carry the incident as a reference: the rest of it
  // comes from the snapshot, or once from PagerDuty.
  const aboutIncident = webhook.data.type !== 'incident';
  const isNote = webhook.data.type === 'incident_note';
  const incidentId = String(aboutIncident ? (webhook.data.incident as { id: string }).id : webhook.data.id);
  const previous = await reads.snapshot('incident', incidentId);
  // Fields a webhook's incident does not carry (responders, the latest status update, custom
  // field values) keep what the snapshot knows.
  const base: OrNeedsWorker<Record<string, unknown>> = aboutIncident
    ? (previous ?? (await reads.fetchIncident(incidentId)))
    : { ...previous, ...flattenIncident(webhook.data) };
  if (base instanceof NeedsWorker) return base;
  const agentEmail = webhook.agent?.id ? await reads.agentEmail(webhook.agent.id) : null;
  if (agentEmail instanceof NeedsWorker) return agentEmail;
  const incident: Record<string, unknown> = {
    ...base,
    ...PER_EVENT_INCIDENT_FIELDS,
    ...(aboutIncident ? fieldsFromIncidentEvent(webhook.data, base) : {}),
    agent_email: agentEmail,
    agent_name: webhook.agent?.summary ?? null,
  };
  const noteContent = isNote ? (incident.note_content as string) : null;
  const snapshot = { type: 'incident' as const, id: incidentId, fields: { ...incident, ...PER_EVENT_INCIDENT_FIELDS } };
  // Every Case linked to the incident receives the event's effects, one job per Case (fanOut.ts);
  // what changes the incident itself (priority routing) runs once, through the primary Case.
  const links = await reads.linksOfIncident(incidentId);
  const primary = links[0];
  // Written even when the batch's copy of the link already shows it: an action may have moved it since.
  const linkStatus = !aboutIncident && primary && incident.status ? { incidentId, status: jsonText(incident.status) } : undefined;
  const incidentNumber = jsonText(incident.number ?? event.incident_number);
  const about = { incidentId, incidentNumber };
  // A status update reaches the linked Cases whoever published it, the integration included (statusUpdates.ts).
  const statusUpdate = eventType === STATUS_UPDATE_EVENT_KIND ? statusUpdateJobs(await reads.mapping(), event, webhook, links) : undefined;

  const integrationUserId = await reads.pagerdutyIntegrationUserId();
  if (integrationUserId instanceof NeedsWorker) return integrationUserId;
  const rememberedNote = noteContent !== null && (await reads.wrote('incident_note', incidentId, noteContent));
  const echo = incidentEventEcho(webhook.agent?.id, integrationUserId, rememberedNote);
  if (echo) {
    return {
      status: statusUpdate?.jobs.length ? 'processed' : 'ignored',
      note: statusUpdate?.jobs.length ? `${echo}; ${statusUpdate.note}` : echo,
      trace: null,
      jobs: statusUpdate?.jobs ?? [],
      snapshot,
      linkStatus,
      incidentNumber,
    };
  }
  if (!(INCIDENT_EVENT_TYPES as readonly string[]).includes(eventType)) {
    return { status: 'ignored', note: `Rules do not run on ${eventType}`, trace: null, jobs: [], snapshot, linkStatus, incidentNumber };
  }
  const compiled = await reads.compiled();
  if (compiled instanceof NeedsWorker) return compiled;
  const result = evaluate(compiled, { kind: 'incident', eventType, incident }, previous);
  const jobs: Omit<NewJob, 'eventId'>[] = result.actions.flatMap((selected, index) => {
    const payload = { action: selected.action, rulesetId: selected.rulesetId, ruleId: selected.ruleId, incidentId, incident };
    const key = `event:${event.id}:action:${index}`;
    // A Case for the incident is made once, and only while it has none; the other actions act on each linked Case.
    if (selected.action.type === 'create_case' || links.length === 0) {
      return [
        {
          task: selected.action.type,
          payload,
          key,
          queueKey: primary ? `case:${primary.caseId}` : `incident:${incidentId}`,
          caseId: primary?.caseId ?? null,
          caseNumber: primary?.caseNumber ?? null,
          ...about,
        },
      ];
    }
    return perLinkedCase(links, { key, ...about }, (link) => ({ task: selected.action.type, payload: { ...payload, caseId: link.caseId } }));
  });
  if (isNote && links.length > 0 && (await reads.mapping()).syncCommentsToNotes) {
    const author = webhook.agent?.summary ?? 'PagerDuty';
    jobs.push(
      ...perLinkedCase(links, { key: `event:${event.id}:note`, ...about }, (link) => ({
        task: 'sync_note_to_comment',
        payload: { incidentId, caseId: link.caseId, noteId: webhook.data.id, content: noteContent, author },
      })),
    );
  }
  if (statusUpdate) jobs.push(...statusUpdate.jobs);
  const routing =
    eventType === 'incident.priority_updated' &&
    primary &&
    routingJobForIncidentEvent(await reads.priorityRouting(), primary, event.id, eventType, incidentId, incidentNumber);
  if (routing) jobs.push(routing);
  // Custom field mappings carry a person's new values to the Cases whatever the rules decided (fieldMappings.ts).
  const mapped = eventType === CUSTOM_FIELD_VALUES_EVENT_KIND ? await customFieldValuesOutcome(reads.fieldMappings(), event, webhook, links) : undefined;
  if (mapped) jobs.push(...mapped.jobs);
  const fannedOut =
    links.length > 1 && result.actions.some((selected) => selected.action.type !== 'create_case') ? ` for each of ${links.length} linked Cases` : '';
  const note = withRouting(summarize(result) + fannedOut, routing) + (statusUpdate ? `; ${statusUpdate.note}` : '') + (mapped ? `; ${mapped.note}` : '');
  return { status: 'processed', note, trace: relevantTrace(result), jobs, snapshot, linkStatus, incidentNumber };
}

/**
 * An agent's action from the console: no rule runs on it (the agent chose the action); it becomes
 * the one job that carries it out, in its Case's queue, after whatever the engine still does there.
 */
function agentActionOutcome(event: StoredInboxEvent, payload: AgentActionPayload): Outcome {
  const job = agentActionJob(event.id, payload);
  return {
    status: 'processed',
    note: `${payload.agent.name ?? payload.agent.email ?? payload.agent.userId} asked to ${job.label}`,
    trace: null,
    jobs: [job.job],
  };
}

async function fetchCase(deps: ProcessorDeps, caseId: string): Promise<Record<string, unknown> | undefined> {
  const record = await deps.salesforce.run((connection) => connection.sobject('Case').retrieve(salesforceRecordId(caseId)));
  const fields: Record<string, unknown> = { ...record };
  delete fields.attributes;
  return fields;
}

async function fetchIncident(deps: ProcessorDeps, incidentId: string): Promise<Record<string, unknown>> {
  const client = await deps.pagerduty.client();
  const { body } = await client.request<{ incident: Record<string, unknown> }>('GET', apiPath`/incidents/${incidentId}`);
  return { ...flattenIncident(body.incident) };
}

const agentEmails = new Map<string, string | null>();
async function agentEmailOf(deps: ProcessorDeps, userId: string): Promise<string | null> {
  const known = agentEmails.get(userId);
  if (known !== undefined) return known;
  const client = await deps.pagerduty.client();
  const email = await client
    .request<{ user: { email: string } }>('GET', apiPath`/users/${userId}`)
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
  return isDeepStrictEqual(a ?? null, b ?? null);
}

/** Keep the rules that could have run on this event (not the ones for other triggers). */
function relevantTrace(result: EvaluationResult): RuleTrace[] {
  return result.trace.filter((rule) => rule.skippedReason !== 'run_on');
}

/** The event's note, saying when priority routing (which no rule decides) acts on it too. */
function withRouting(note: string, routing: unknown): string {
  return routing ? `${note}; priority routing` : note;
}

function summarize(result: EvaluationResult): string {
  if (result.matched.length === 0) return 'No rule matched';
  return `${result.matched.length} rule(s) matched, ${result.actions.length} action(s)`;
}
