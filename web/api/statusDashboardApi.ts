import {
  STATUS_DASHBOARD_CHANGED_EVENT,
  statusDashboardEndpoints as endpoints,
  type StatusDashboardQuery,
  type StatusDashboardReply,
} from '../../contracts/statusDashboard';
import type { ApiClient } from './client';
import type { EventStream } from './fetchEventStream';

/**
 * What `<pd-status-dashboard>` needs of its host: the data, and a subscription to "it changed".
 * The admin app passes `StatusDashboardApi` (session cookie); an embedding page (the agents'
 * Canvas page) passes its own caller with its own credentials.
 */
export interface StatusDashboardSource {
  dashboard(filters: StatusDashboardQuery, signal?: AbortSignal): Promise<StatusDashboardReply>;
  /** Calls `onChange` whenever the dashboard's data may have changed; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
}

/**
 * The STATUS DASHBOARD endpoints (contracts/statusDashboard.ts). The admin app passes its
 * ApiClient and the browser's EventSource (same-origin, with the session cookie); a page that
 * authenticates with a header passes a caller with that header and `fetchEventStream` with it.
 */
export class StatusDashboardApi implements StatusDashboardSource {
  constructor(
    private readonly api: Pick<ApiClient, 'call'>,
    private readonly openStream: (url: string) => EventStream = (url) => new EventSource(url),
    private readonly reopenAfterMs = 10_000,
    /** The admin routes by default; the agents' Canvas dashboard passes the /api/agent ones. */
    private readonly paths: { data: string; stream: string } = {
      data: endpoints.getStatusDashboard.path,
      stream: endpoints.streamStatusDashboard.path,
    },
  ) {}

  dashboard(filters: StatusDashboardQuery, signal?: AbortSignal): Promise<StatusDashboardReply> {
    return this.api.call({ method: 'GET', path: `${this.paths.data}${dashboardQueryString(filters)}` }, { signal });
  }

  /**
   * Server-sent events: the server pushes `changed`, so open pages never poll. EventSource
   * reconnects by itself after a dropped connection, but gives up for good on an error reply (a
   * 401 once the session ended, a 5xx while the server restarts): then the page refreshes once,
   * which shows why (the sign-in step, or the error in words), and the stream is opened again later.
   */
  subscribe(onChange: () => void): () => void {
    let stream: EventStream;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      stream = this.openStream(this.paths.stream);
      stream.addEventListener(STATUS_DASHBOARD_CHANGED_EVENT, onChange);
      stream.addEventListener('error', () => {
        if (stream.readyState !== CLOSED || reopen) return;
        onChange();
        reopen = setTimeout(() => {
          reopen = undefined;
          open();
        }, this.reopenAfterMs);
      });
    };
    open();
    return () => {
      clearTimeout(reopen);
      stream.close();
    };
  }
}

/** EventSource.CLOSED, without touching the global (absent where the unit tests run). */
const CLOSED = 2;

/** Only the filters that are set. */
export function dashboardQueryString(filters: StatusDashboardQuery): string {
  const params = new URLSearchParams();
  if (filters.serviceId) params.set('serviceId', filters.serviceId);
  if (filters.priorityId) params.set('priorityId', filters.priorityId);
  const text = params.toString();
  return text ? `?${text}` : '';
}
