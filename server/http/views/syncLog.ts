import type { Knex } from 'knex';
import type {
  SyncJobState,
  SyncLogEntry,
  SyncLogEventReply,
  SyncLogFilters,
  SyncLogJob,
  SyncLogPage,
  SyncLogSource,
  SyncLogStatus,
  SyncTraceRule,
} from '../../../contracts/syncLog';
import { toDate, type Db } from '../../store/db';
import {
  likePattern,
  planSearch,
  SEARCHED_EVENT_COLUMNS,
  SEARCHED_JOB_COLUMNS,
  whereAnyColumnLike,
  type SearchPlan,
  type SearchPlanOptions,
} from '../../store/syncLogSearch';
import { SYNC_TABLES } from '../../store/tables';
import type { CaseUrlOf } from './consoleLinks';
import { PROCESS_EVENT_TASK } from '../../pipeline/inbox';
import type { LinkRow } from '../../pipeline/links';
import { SKIPPED_RESULT_PREFIX } from '../../pipeline/jobQueue';

const EVENTS = SYNC_TABLES.events;
const JOBS = SYNC_TABLES.jobs;
const LINKS = SYNC_TABLES.links;

/** Job columns the log shows (never the payload: it can be large and holds record data). */
const JOB_COLUMNS = [
  'id',
  'task',
  'state',
  'attempts',
  'max_attempts',
  'last_error',
  'error_hint',
  'duration_ms',
  'result',
  'case_id',
  'case_number',
  'incident_id',
  'incident_number',
  'event_id',
  'created_at',
  'finished_at',
] as const;
const EVENT_COLUMNS = ['id', 'source', 'kind', 'status', 'note', 'trace', 'case_id', 'case_number', 'incident_id', 'incident_number', 'received_at'] as const;

const UNFINISHED: SyncJobState[] = ['pending', 'running'];
const NOT_DONE: SyncJobState[] = ['dead', 'failed', 'pending', 'running'];

interface EventRow {
  id: number | string;
  source: string;
  kind: string;
  status: string;
  note: string | null;
  trace: string | null;
  case_id: string | null;
  case_number: string | null;
  incident_id: string | null;
  incident_number: string | null;
  received_at: unknown;
  occurred_at?: unknown;
  processed_at?: unknown;
}

interface JobRow {
  id: number | string;
  task: string;
  state: SyncJobState;
  attempts: number | string;
  max_attempts: number | string;
  last_error: string | null;
  error_hint: string | null;
  duration_ms: number | string | null;
  result: string | null;
  case_id: string | null;
  case_number: string | null;
  incident_id: string | null;
  incident_number: string | null;
  event_id: number | string | null;
  created_at: unknown;
  finished_at: unknown;
}

/** A position in the log, newest first: time, then events before jobs at the same time, then id. */
interface Cursor {
  atMs: number;
  type: 'e' | 'j';
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.atMs}.${cursor.type}.${cursor.id}`;
}

export function decodeCursor(value: string): Cursor {
  const [atMs, type, id] = value.split('.');
  return { atMs: Number(atMs), type: type === 'j' ? 'j' : 'e', id: Number(id) };
}

/**
 * The one status shown for a log row, worst first. `jobStates` are the event's jobs (its
 * processing and its actions); `actionSkipped` whether the engine skipped one of its actions.
 * The SQL filter in `whereEventStatus` encodes the same rules.
 */
export function overallStatus(eventStatus: string, jobStates: readonly SyncJobState[], actionSkipped = false): SyncLogStatus {
  if (jobStates.includes('dead')) return 'dead';
  if (eventStatus === 'failed' || jobStates.includes('failed')) return 'failed';
  if (eventStatus === 'received' || jobStates.some((state) => UNFINISHED.includes(state))) return 'pending';
  if (actionSkipped) return 'skipped';
  if (eventStatus === 'ignored') return 'ignored';
  return 'done';
}

/** The status of a job shown as a row of its own (an action without an inbound event). */
export function jobRowStatus(state: SyncJobState, skipped = false): SyncLogStatus {
  if (state === 'running') return 'pending';
  return state === 'done' && skipped ? 'skipped' : state;
}

/**
 * Reads SYNC LOG: inbound events with their processing folded in and their actions nested, plus
 * actions that have no event (their event was pruned). Every filter goes through bindings.
 */
export class SyncLogReader {
  /** `search` tunes how a text search runs (tests compare its two ways); never what it finds. */
  constructor(
    private readonly db: Db,
    private readonly search: SearchPlanOptions = {},
  ) {}

  async page(filters: SyncLogFilters, caseUrlOf: CaseUrlOf): Promise<SyncLogPage> {
    const cursor = filters.before ? decodeCursor(filters.before) : undefined;
    const fetchCount = filters.limit + 1;
    const search = filters.q ? await planSearch(this.db, filters.q, this.search) : undefined;
    const [events, orphans] = await Promise.all([
      this.#eventRows(filters, search, cursor, fetchCount),
      this.#orphanJobRows(filters, search, cursor, fetchCount),
    ]);

    const merged = [
      ...events.map((row) => ({ type: 'e' as const, atMs: toDate(row.received_at).getTime(), id: Number(row.id), event: row })),
      ...orphans.map((row) => ({ type: 'j' as const, atMs: toDate(row.created_at).getTime(), id: Number(row.id), job: row })),
    ].sort((a, b) => b.atMs - a.atMs || (a.type === b.type ? b.id - a.id : a.type === 'e' ? -1 : 1));
    const page = merged.slice(0, filters.limit);
    const last = page.at(-1);
    const nextBefore = merged.length > filters.limit && last ? encodeCursor(last) : null;

    const pageEvents = page.flatMap((item) => (item.type === 'e' ? [item.event] : []));
    const pageJobs = page.flatMap((item) => (item.type === 'j' ? [item.job] : []));
    const eventJobs = await this.#jobsOfEvents(pageEvents.map((row) => Number(row.id)));
    const links = await this.#links([...pageEvents, ...pageJobs, ...eventJobs]);
    const entries = page.map((item) =>
      item.type === 'e'
        ? toEventEntry(
            item.event,
            eventJobs.filter((job) => Number(job.event_id) === item.id),
            links,
            caseUrlOf,
          )
        : toOrphanEntry(item.job, links, caseUrlOf),
    );
    return { entries, nextBefore };
  }

  /** Every row of the filtered log from the newest, page by page (for the CSV export), up to `max` rows; paging fields of `filters` are ignored. */
  async *all(filters: Omit<SyncLogFilters, 'limit' | 'before'>, caseUrlOf: CaseUrlOf, max = Infinity): AsyncGenerator<SyncLogEntry> {
    let before: string | undefined;
    let count = 0;
    for (;;) {
      const page = await this.page({ ...filters, limit: 200, before }, caseUrlOf);
      for (const entry of page.entries) {
        if (count++ >= max) return;
        yield entry;
      }
      if (!page.nextBefore) return;
      before = page.nextBefore;
    }
  }

  async event(id: number, caseUrlOf: CaseUrlOf): Promise<SyncLogEventReply | undefined> {
    const row = await this.db(EVENTS)
      .where({ id })
      .first<EventRow | undefined>([...EVENT_COLUMNS, 'occurred_at', 'processed_at']);
    if (!row) return undefined;
    const jobs = await this.#jobsOfEvents([id]);
    const links = await this.#links([row, ...jobs]);
    return {
      entry: toEventEntry(row, jobs, links, caseUrlOf),
      trace: parseTrace(row.trace),
      occurredAt: row.occurred_at == null ? null : toDate(row.occurred_at).toISOString(),
      processedAt: row.processed_at == null ? null : toDate(row.processed_at).toISOString(),
    };
  }

  async job(id: number, caseUrlOf: CaseUrlOf): Promise<SyncLogJob | undefined> {
    const row = await this.db(JOBS).where({ id }).first<JobRow | undefined>(JOB_COLUMNS);
    if (!row) return undefined;
    return toJob(row, await this.#links([row]), caseUrlOf);
  }

  /** `search`: how `filters.q` runs (planSearch), decided once for both kinds of row. */
  async #eventRows(filters: SyncLogFilters, search: SearchPlan | undefined, cursor: Cursor | undefined, limit: number): Promise<EventRow[]> {
    const db = this.db;
    const query = db(`${EVENTS} as e`).select(EVENT_COLUMNS.map((column) => `e.${column}`));
    if (filters.source) query.where('e.source', filters.source);
    if (filters.kind) {
      const kind = filters.kind;
      query.where((where) => {
        where.where('e.kind', kind).orWhereExists(jobsOfEvent(db).where('j.task', kind));
      });
    }
    if (filters.status) whereEventStatus(db, query, filters.status);
    if (filters.q && search) {
      const pattern = likePattern(filters.q);
      if (search.kind === 'candidates') {
        const ids = eventIdsMatching(db, pattern, search);
        if (!ids) return [];
        query.whereIn('e.id', ids);
      } else
        query.where((where) => {
          whereAnyColumnLike(where, 'e', SEARCHED_EVENT_COLUMNS, pattern);
          where.orWhereExists(jobsOfEvent(db).where((inner) => jobMatches(inner, pattern)));
        });
    }
    if (cursor) {
      const at = new Date(cursor.atMs);
      // `received_at <=` first, on its own: the index then seeks to the cursor. As one OR of
      // "before, or the same time and a lower id", both engines walked the index from the newest
      // row on every page, and an export of 1,000,000 rows never ended (bench:year).
      if (cursor.type === 'e')
        query.where('e.received_at', '<=', at).where((where) => {
          where.where('e.received_at', '<', at).orWhere('e.id', '<', cursor.id);
        });
      else query.where('e.received_at', '<', at);
    }
    return query
      .orderBy([
        { column: 'e.received_at', order: 'desc' },
        { column: 'e.id', order: 'desc' },
      ])
      .limit(limit);
  }

  async #orphanJobRows(filters: SyncLogFilters, search: SearchPlan | undefined, cursor: Cursor | undefined, limit: number): Promise<JobRow[]> {
    // Jobs without an event have no source and are never "ignored".
    if (filters.source || filters.status === 'ignored') return [];
    const query = this.db(`${JOBS} as j`)
      .select(JOB_COLUMNS.map((column) => `j.${column}`))
      .whereNull('j.event_id')
      .whereNot('j.task', PROCESS_EVENT_TASK);
    if (filters.kind) query.where('j.task', filters.kind);
    if (filters.status) whereJobStatus(query, filters.status);
    if (filters.q) {
      const pattern = likePattern(filters.q);
      query.where((where) => jobMatches(where, pattern));
      // The jobs the index proposes, when it did (SQLite): with a state filter SQLite otherwise
      // reads every job in that state: 0.4–0.7 s for `done` at 350,000 jobs, most of the 0.9 s that
      // bench:year measured for `status=done&q=checkout` at 1,000,000 events.
      if (search?.kind === 'candidates' && search.jobIds) {
        if (search.jobIds.length === 0) return [];
        query.whereIn('j.id', search.jobIds);
      }
    }
    if (cursor) {
      const at = new Date(cursor.atMs);
      if (cursor.type === 'j')
        query.where('j.created_at', '<=', at).where((where) => {
          where.where('j.created_at', '<', at).orWhere('j.id', '<', cursor.id);
        });
      else query.where('j.created_at', '<=', at);
    }
    return query
      .orderBy([
        { column: 'j.created_at', order: 'desc' },
        { column: 'j.id', order: 'desc' },
      ])
      .limit(limit);
  }

  async #jobsOfEvents(eventIds: number[]): Promise<JobRow[]> {
    if (eventIds.length === 0) return [];
    return this.db(JOBS).select(JOB_COLUMNS).whereIn('event_id', eventIds).orderBy('id');
  }

  /** The Case ⇄ incident links of everything on a page, in one query. */
  async #links(rows: { case_id: string | null; incident_id: string | null }[]): Promise<LinkIndex> {
    const caseIds = [...new Set(rows.flatMap((row) => (row.case_id ? [row.case_id] : [])))];
    const incidentIds = [...new Set(rows.flatMap((row) => (row.incident_id ? [row.incident_id] : [])))];
    const index: LinkIndex = { byCase: new Map(), byIncident: new Map() };
    if (caseIds.length === 0 && incidentIds.length === 0) return index;
    const found = (await this.db(LINKS)
      .select('case_id', 'case_number', 'incident_id', 'incident_number', 'incident_url', 'created_at')
      .whereIn('case_id', caseIds)
      .orWhereIn('incident_id', incidentIds)
      .orderBy(['created_at', 'case_id'])) as LinkRow[];
    for (const link of found) {
      index.byCase.set(link.case_id, link);
      index.byIncident.set(link.incident_id, [...(index.byIncident.get(link.incident_id) ?? []), link]);
    }
    return index;
  }
}

interface LinkIndex {
  byCase: Map<string, LinkRow>;
  /** Every Case of the incident (many Cases may report one outage), first linked first. */
  byIncident: Map<string, LinkRow[]>;
}

function jobsOfEvent(db: Db): Knex.QueryBuilder {
  return db(`${JOBS} as j`).select(db.raw('1')).whereRaw('j.event_id = e.id');
}

function jobMatches(where: Knex.QueryBuilder, pattern: string): void {
  whereAnyColumnLike(where, 'j', SEARCHED_JOB_COLUMNS, pattern);
}

/**
 * The ids of the events a search finds, as one list the store reads first (then sorts the few
 * it holds), instead of checking the log row by row from the newest. The same LIKE decides; on
 * SQLite it checks only the rows the trigram index proposes, on PostgreSQL the index serves it.
 * Null when the index proposes nothing: SQLite's plan for an empty `IN ()` still scanned the event
 * table (EXPLAIN QUERY PLAN: `SCAN se`).
 */
function eventIdsMatching(db: Db, pattern: string, plan: Extract<SearchPlan, { kind: 'candidates' }>): Knex.QueryBuilder | null {
  const own = db(`${EVENTS} as se`)
    .select('se.id')
    .where((where) => whereAnyColumnLike(where, 'se', SEARCHED_EVENT_COLUMNS, pattern));
  if (plan.eventIds) own.whereIn('se.id', plan.eventIds);
  const viaJobs = db(`${JOBS} as sj`)
    .select('sj.event_id')
    .whereNotNull('sj.event_id')
    .where((where) => whereAnyColumnLike(where, 'sj', SEARCHED_JOB_COLUMNS, pattern));
  if (plan.jobIds) viaJobs.whereIn('sj.id', plan.jobIds);
  const branches = [plan.eventIds?.length === 0 ? null : own, plan.jobIds?.length === 0 ? null : viaJobs].filter((branch) => branch !== null);
  const [first, ...rest] = branches;
  return first ? (rest.length > 0 ? first.union(rest) : first) : null;
}

/** Done jobs the engine skipped (their stored result starts with the reason, see `jobResultJson`). */
function whereSkipped(query: Knex.QueryBuilder): Knex.QueryBuilder {
  return query.where('j.state', 'done').where('j.result', 'like', `${SKIPPED_RESULT_PREFIX}%`);
}

/** The SQL form of `jobRowStatus`, for jobs without an event. */
function whereJobStatus(query: Knex.QueryBuilder, status: SyncLogStatus): void {
  switch (status) {
    case 'pending':
      query.whereIn('j.state', UNFINISHED);
      return;
    case 'skipped':
      whereSkipped(query);
      return;
    case 'done':
      query.where('j.state', 'done').where((where) => {
        where.whereNull('j.result').orWhere('j.result', 'not like', `${SKIPPED_RESULT_PREFIX}%`);
      });
      return;
    default:
      query.where('j.state', status);
  }
}

/** The SQL form of `overallStatus`. */
function whereEventStatus(db: Db, query: Knex.QueryBuilder, status: SyncLogStatus): void {
  const withJobs = (states: SyncJobState[]) => jobsOfEvent(db).whereIn('j.state', states);
  // The events of jobs in rare states, as one list read from the jobs' state index: a correlated
  // EXISTS probed the job table once per event, a million probes when none matched (bench:year).
  const eventsWithJobsIn = (state: 'dead' | 'failed') => db(JOBS).select('event_id').where('state', state).whereNotNull('event_id');
  const skippedActions = () => whereSkipped(jobsOfEvent(db).whereNot('j.task', PROCESS_EVENT_TASK));
  switch (status) {
    case 'dead':
      query.whereIn('e.id', eventsWithJobsIn('dead'));
      return;
    case 'failed':
      query.whereNotIn('e.id', eventsWithJobsIn('dead')).where((where) => {
        where.where('e.status', 'failed').orWhereIn('e.id', eventsWithJobsIn('failed'));
      });
      return;
    case 'pending':
      query
        .whereNotExists(withJobs(['dead', 'failed']))
        .whereNot('e.status', 'failed')
        .where((where) => {
          where.where('e.status', 'received').orWhereExists(withJobs(UNFINISHED));
        });
      return;
    case 'skipped':
      query.whereIn('e.status', ['processed', 'ignored']).whereNotExists(withJobs(NOT_DONE)).whereExists(skippedActions());
      return;
    case 'ignored':
      query.where('e.status', 'ignored').whereNotExists(withJobs(NOT_DONE)).whereNotExists(skippedActions());
      return;
    case 'done':
      query.where('e.status', 'processed').whereNotExists(withJobs(NOT_DONE)).whereNotExists(skippedActions());
      return;
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function parseTrace(text: string | null): SyncTraceRule[] | null {
  const parsed = parseJson(text);
  return Array.isArray(parsed) ? (parsed as SyncTraceRule[]) : null;
}

function matchedRuleNames(trace: SyncTraceRule[] | null): string[] {
  return (trace ?? []).filter((rule) => rule.matched).map((rule) => `${rule.rulesetName} › ${rule.ruleName}`);
}

function iso(value: unknown): string | null {
  return value == null ? null : toDate(value).toISOString();
}

/**
 * The link of a row's Case or incident as it stood when the row was logged: a row shows what it
 * knew then, not the incident a Case was linked to later (nor the Case an incident was). A row
 * about an incident alone (its webhook event) names its primary Case then: the first linked;
 * the jobs it fanned out name each of its Cases.
 */
function linkAt(links: LinkIndex, caseId: string | null, incidentId: string | null, loggedAt: unknown): LinkRow | undefined {
  const loggedAtMs = toDate(loggedAt).getTime();
  const existed = (link: LinkRow | undefined) => (link && toDate(link.created_at).getTime() <= loggedAtMs ? link : undefined);
  return existed(caseId ? links.byCase.get(caseId) : undefined) ?? (incidentId ? links.byIncident.get(incidentId)?.find((link) => existed(link)) : undefined);
}

/** An incident's page: from its link whenever that was made (it is the same incident), else the URL an action reported. */
function incidentUrlOf(links: LinkIndex, incidentId: string | null, result?: unknown): string | null {
  const linked = incidentId ? links.byIncident.get(incidentId)?.find((link) => link.incident_url)?.incident_url : undefined;
  if (linked) return linked;
  const url = (result as { url?: unknown } | null)?.url;
  return typeof url === 'string' && /^https?:\/\//.test(url) ? url : null;
}

/** The reason a done job was skipped for, from its stored result (as `whereSkipped` tells); null when it was not skipped. */
function skippedReasonOf(row: JobRow, result: unknown): string | null {
  if (row.state !== 'done' || !row.result?.startsWith(SKIPPED_RESULT_PREFIX) || typeof result !== 'object' || result === null || !('skipped' in result))
    return null;
  return typeof result.skipped === 'string' ? result.skipped : null;
}

function toJob(row: JobRow, links: LinkIndex, caseUrlOf: CaseUrlOf): SyncLogJob {
  const result = parseJson(row.result);
  const link = linkAt(links, row.case_id, row.incident_id, row.created_at);
  const caseId = row.case_id ?? link?.case_id ?? null;
  const incidentId = row.incident_id ?? link?.incident_id ?? null;
  return {
    id: Number(row.id),
    task: row.task,
    state: row.state,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lastError: row.last_error,
    errorHint: row.error_hint,
    durationMs: row.duration_ms == null ? null : Number(row.duration_ms),
    createdAt: toDate(row.created_at).toISOString(),
    finishedAt: iso(row.finished_at),
    caseId,
    caseNumber: row.case_number ?? link?.case_number ?? null,
    caseUrl: caseId ? caseUrlOf(caseId) : null,
    incidentId,
    incidentNumber: row.incident_number ?? link?.incident_number ?? null,
    incidentUrl: incidentUrlOf(links, incidentId, result),
    result,
    skippedReason: skippedReasonOf(row, result),
    retryable: row.state === 'dead' || row.state === 'failed',
  };
}

function toEventEntry(row: EventRow, jobs: JobRow[], links: LinkIndex, caseUrlOf: CaseUrlOf): SyncLogEntry {
  const processingRow = jobs.find((job) => job.task === PROCESS_EVENT_TASK);
  const actions = jobs.filter((job) => job.task !== PROCESS_EVENT_TASK).map((job) => toJob(job, links, caseUrlOf));
  const link = linkAt(links, row.case_id, row.incident_id, row.received_at);
  // An action may have learnt what the event did not know (the incident it created).
  const fromAction = actions.find((action) => action.incidentId || action.caseId);
  const caseId = row.case_id ?? link?.case_id ?? fromAction?.caseId ?? null;
  const incidentId = row.incident_id ?? link?.incident_id ?? actions.find((action) => action.incidentId)?.incidentId ?? null;
  const incidentNumber = row.incident_number ?? link?.incident_number ?? actions.find((action) => action.incidentNumber)?.incidentNumber ?? null;
  return {
    type: 'event',
    id: Number(row.id),
    at: toDate(row.received_at).toISOString(),
    source: row.source as SyncLogSource,
    kind: row.kind,
    status: overallStatus(
      row.status,
      jobs.map((job) => job.state),
      actions.some((action) => action.skippedReason !== null),
    ),
    eventStatus: row.status,
    note: row.note,
    caseId,
    caseNumber: row.case_number ?? link?.case_number ?? fromAction?.caseNumber ?? null,
    caseUrl: caseId ? caseUrlOf(caseId) : null,
    incidentId,
    incidentNumber,
    incidentUrl: incidentUrlOf(links, incidentId) ?? actions.find((action) => action.incidentUrl)?.incidentUrl ?? null,
    matchedRules: matchedRuleNames(parseTrace(row.trace)),
    processing: processingRow ? toJob(processingRow, links, caseUrlOf) : null,
    actions,
  };
}

function toOrphanEntry(row: JobRow, links: LinkIndex, caseUrlOf: CaseUrlOf): SyncLogEntry {
  const job = toJob(row, links, caseUrlOf);
  return {
    type: 'job',
    id: job.id,
    at: job.createdAt,
    source: null,
    kind: job.task,
    status: jobRowStatus(job.state, job.skippedReason !== null),
    eventStatus: null,
    note: null,
    caseId: job.caseId,
    caseNumber: job.caseNumber,
    caseUrl: job.caseUrl,
    incidentId: job.incidentId,
    incidentNumber: job.incidentNumber,
    incidentUrl: job.incidentUrl,
    matchedRules: [],
    processing: job,
    actions: [],
  };
}
