import { syncLogEndpoints as endpoints, type SyncJobRetryReply, type SyncLogEventReply, type SyncLogQuery, type SyncLogReply } from '../../contracts/syncLog';
import type { ApiClient } from './client';

type LogFilters = Omit<SyncLogQuery, 'limit' | 'before'>;

/** The SYNC LOG endpoints, typed by their shared contract (contracts/syncLog.ts). */
export class SyncLogApi {
  constructor(private readonly api: ApiClient) {}

  log(filters: LogFilters & { limit?: number; before?: string }, signal?: AbortSignal): Promise<SyncLogReply> {
    return this.api.call({ method: 'GET', path: `${endpoints.getSyncLog.path}${queryString(filters)}` }, { signal });
  }

  event(id: number, signal?: AbortSignal): Promise<SyncLogEventReply> {
    return this.api.call({ method: 'GET', path: endpoints.getSyncLogEvent.path.replace(':id', String(id)) }, { signal });
  }

  retry(jobId: number): Promise<SyncJobRetryReply> {
    return this.api.call({ method: 'POST', path: endpoints.retrySyncJob.path.replace(':id', String(jobId)) });
  }

  /** A plain link: the browser downloads it with the session cookie (a GET needs no CSRF token). */
  static csvHref(filters: LogFilters): string {
    return `${endpoints.exportSyncLogCsv.path}${queryString(filters)}`;
  }
}

/** The log's query string (only set filters), for the API and for the CSV link. */
export function queryString(filters: Omit<SyncLogQuery, 'limit' | 'before'> & { limit?: number; before?: string }): string {
  const params = new URLSearchParams();
  // Unset filters are absent or undefined (a cleared select): Object.entries' own typing omits the latter.
  for (const [key, value] of Object.entries<string | number | undefined>(filters)) {
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
