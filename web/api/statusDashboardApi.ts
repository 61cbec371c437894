import {
  STATUS_DASHBOARD_CHANGED_EVENT,
  statusDashboardEndpoints as endpoints,
  type StatusDashboardQuery,
  type StatusDashboardReply,
} from '../../contracts/statusDashboard';
import type { ApiClient } from './client';

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

/** The STATUS DASHBOARD endpoints (contracts/statusDashboard.ts) through the admin app's client. */
export class StatusDashboardApi implements StatusDashboardSource {
  constructor(
    private readonly api: ApiClient,
    /** Builds the event stream; the default is the browser's EventSource (same-origin, with the session cookie). */
    private readonly openStream: (url: string) => Pick<EventSource, 'addEventListener' | 'close'> = (url) => new EventSource(url),
  ) {}

  dashboard(filters: StatusDashboardQuery, signal?: AbortSignal): Promise<StatusDashboardReply> {
    return this.api.call({ method: 'GET', path: `${endpoints.getStatusDashboard.path}${dashboardQueryString(filters)}` }, { signal });
  }

  /** Server-sent events: the server pushes `changed`, so open pages never poll; EventSource reconnects by itself. */
  subscribe(onChange: () => void): () => void {
    const stream = this.openStream(endpoints.streamStatusDashboard.path);
    stream.addEventListener(STATUS_DASHBOARD_CHANGED_EVENT, onChange);
    return () => stream.close();
  }
}

/** Only the filters that are set. */
export function dashboardQueryString(filters: StatusDashboardQuery): string {
  const params = new URLSearchParams();
  if (filters.serviceId) params.set('serviceId', filters.serviceId);
  if (filters.priorityId) params.set('priorityId', filters.priorityId);
  const text = params.toString();
  return text ? `?${text}` : '';
}
