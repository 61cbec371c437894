import { SalesforceError } from '../errors';
import { sfDateTime } from '../datetime';
import type { OrgStore } from '../store';
import { executeSoql, queryColumns, SoqlError, type QueryColumn } from '../soql';
import { parseSoql } from '../soql/parse';

/**
 * Bulk API 2.0 query jobs, per Salesforce's "Bulk API 2.0 and Bulk API Developer Guide" (Query
 * Jobs: Create a Query Job, Get Information About a Query Job, Get Results for a Query Job,
 * Abort a Query Job, Delete a Query Job).
 *
 * Processing is asynchronous in Salesforce; here each read of the job info moves it one step
 * (UploadComplete → InProgress → JobComplete), so a client's polling loop sees every state, in
 * order, without timers. The query runs when the job completes; a query that fails then leaves
 * the job Failed with the error in `errorMessage`.
 */
export type QueryJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
export type LineEnding = 'LF' | 'CRLF';
export type ColumnDelimiter = 'COMMA' | 'TAB' | 'PIPE' | 'SEMICOLON' | 'CARET' | 'BACKQUOTE';

const DELIMITERS: Record<ColumnDelimiter, string> = { COMMA: ',', TAB: '\t', PIPE: '|', SEMICOLON: ';', CARET: '^', BACKQUOTE: '`' };
/** Without maxRecords Salesforce sizes a results page by bytes (about 1 GB): far past an emulated org. */
const DEFAULT_PAGE_RECORDS = 100_000;

export interface QueryJobRequest {
  operation: 'query' | 'queryAll';
  query: string;
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
}

interface QueryJob extends QueryJobRequest {
  id: string;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: QueryJobState;
  apiVersion: number;
  /** Rows as CSV lines (no line ending), header first; set when the job completes. */
  lines?: string[];
  errorMessage?: string;
}

export class QueryJobs {
  #jobs = new Map<string, QueryJob>();

  constructor(private readonly store: OrgStore) {
    store.onReset(() => this.#jobs.clear());
  }

  /** Creates a job; the query is checked now, so a bad one answers 400 as Salesforce's does. */
  create(request: QueryJobRequest, userId: string, apiVersion: string) {
    const result = this.#run(request);
    if (result instanceof SoqlError) throw new SalesforceError(result.errorCode, result.message);
    const now = sfDateTime(this.store.clock.now());
    const job: QueryJob = {
      ...request,
      id: this.store.ids.next('750'),
      object: result.object,
      createdById: userId,
      createdDate: now,
      systemModstamp: now,
      state: 'UploadComplete',
      apiVersion: Number(apiVersion),
    };
    this.#jobs.set(job.id, job);
    return info(job);
  }

  /** The job info, moving a running job one step on. */
  read(id: string) {
    const job = this.#require(id);
    if (job.state === 'UploadComplete') this.#touch(job, 'InProgress');
    else if (job.state === 'InProgress') this.#complete(job);
    return info(job);
  }

  list() {
    return { done: true, records: [...this.#jobs.values()].map(info), nextRecordsUrl: null };
  }

  abort(id: string) {
    const job = this.#require(id);
    if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') {
      throw new SalesforceError('INVALIDJOBSTATE', `Job ${id} is ${job.state} and can no longer be aborted`);
    }
    this.#touch(job, 'Aborted');
    return info(job);
  }

  delete(id: string): void {
    const job = this.#require(id);
    if (job.state === 'UploadComplete' || job.state === 'InProgress') {
      throw new SalesforceError('INVALIDJOBSTATE', `Job ${id} is ${job.state}: abort it, or wait for it to complete, before deleting it`);
    }
    this.#jobs.delete(job.id);
  }

  /**
   * One page of the results: `maxRecords` rows after the locator, the header row first on every
   * page, and the next locator (`null` after the last page) and the row count for the headers.
   */
  results(id: string, locator: string | null, maxRecords: number | undefined) {
    const job = this.#require(id);
    if (job.state !== 'JobComplete' || !job.lines) {
      throw new SalesforceError('INVALIDJOBSTATE', `Job ${id} is ${job.state}; results are available once it is JobComplete`);
    }
    const offset = locator === null ? 0 : decodeLocator(locator);
    const rows = job.lines.length - 1;
    if (offset === undefined || offset > rows) throw new SalesforceError('INVALIDLOCATOR', `Invalid locator: ${locator ?? ''}`);
    const end = Math.min(rows, offset + (maxRecords ?? DEFAULT_PAGE_RECORDS));
    const eol = job.lineEnding === 'CRLF' ? '\r\n' : '\n';
    const page = [job.lines[0] ?? '', ...job.lines.slice(1 + offset, 1 + end)];
    return {
      csv: page.join(eol) + eol,
      locator: end < rows ? Buffer.from(String(end)).toString('base64url') : 'null',
      numberOfRecords: end - offset,
    };
  }

  #require(id: string): QueryJob {
    const job = this.#jobs.get(id);
    if (!job) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', { statusCode: 404 });
    return job;
  }

  #touch(job: QueryJob, state: QueryJobState): void {
    job.state = state;
    job.systemModstamp = sfDateTime(this.store.clock.now());
  }

  #complete(job: QueryJob): void {
    const result = this.#run(job);
    if (result instanceof SoqlError) {
      job.errorMessage = `${result.errorCode}: ${result.message}`;
      this.#touch(job, 'Failed');
      return;
    }
    const delimiter = DELIMITERS[job.columnDelimiter];
    job.lines = [result.columns.map(csvValue).join(delimiter), ...result.rows.map((row) => row.map(csvValue).join(delimiter))];
    this.#touch(job, 'JobComplete');
  }

  #run(request: QueryJobRequest): { object: string; columns: string[]; rows: unknown[][] } | SoqlError {
    try {
      rejectUnsupported(request.query);
      const metadata = queryColumns(request.query, this.store);
      const columns = leafColumns(metadata.columnMetadata);
      const result = executeSoql(request.query, this.store, {
        now: this.store.clock.date(),
        includeDeleted: request.operation === 'queryAll',
        apiVersion: '59.0',
      });
      return { object: metadata.entityName, columns, rows: result.records.map((record) => columns.map((column) => flatValue(record, column))) };
    } catch (error) {
      if (error instanceof SoqlError) return error;
      throw error;
    }
  }
}

/**
 * What the guide's "Bulk API 2.0 Query Considerations" rule out: COUNT() and other aggregates,
 * GROUP BY, OFFSET, TYPEOF and parent-to-child subqueries.
 */
function rejectUnsupported(soql: string): void {
  const query = parseSoql(soql);
  const refuse = (what: string) => {
    throw new SalesforceError('API_ERROR', `${what} is not supported by Bulk API 2.0 queries; run it through the REST query resource`);
  };
  if (query.offset !== undefined) refuse('OFFSET');
  if (query.groupBy) refuse('GROUP BY');
  for (const field of query.fields ?? []) {
    if (field.type === 'FieldSubquery') refuse('A parent-to-child subquery');
    if (field.type === 'FieldTypeof') refuse('TYPEOF');
    if (field.type === 'FieldFunctionExpression' && field.functionName.toUpperCase() !== 'FIELDS') refuse(`${field.functionName.toUpperCase()}()`);
  }
}

/** The CSV header: each selected field by its full path (`Account.Name`), in select order. */
function leafColumns(columns: QueryColumn[]): string[] {
  return columns.flatMap((column) => (column.apexType === null ? leafColumns(column.joinColumns) : [column.displayName]));
}

function info(job: QueryJob) {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    jobType: 'V2Query',
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    numberRecordsProcessed: job.lines ? job.lines.length - 1 : 0,
    retries: 0,
    totalProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}

function flatValue(record: Record<string, unknown>, column: string): unknown {
  let current: unknown = record;
  for (const part of column.split('.')) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[part];
  }
  return current ?? null;
}

/**
 * A CSV cell as Bulk API 2.0 writes it: every value in double quotes (quotes doubled), datetimes
 * in UTC with `Z`, an empty cell for null. Written by hand: the rule is Salesforce's own and
 * shorter than configuring a CSV library to follow it.
 */
function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})\+0000$/, '$1Z') : JSON.stringify(value);
  return `"${text.replace(/"/g, '""')}"`;
}

function decodeLocator(locator: string): number | undefined {
  const decoded = Buffer.from(locator, 'base64url').toString('utf8');
  return /^\d+$/.test(decoded) ? Number(decoded) : undefined;
}
