/**
 * STATUS DASHBOARD contracts: ongoing incidents linked to Cases and business services with open
 * impacts, sorted by priority then age, with the latest status update of each incident; and a
 * server-sent event stream that tells an open dashboard to refresh. Pure (zod + types) so the web
 * bundle can import it. Each endpoint twice: `admin` for the app's tab, `agent` under /api/agent for the agents' Canvas
 * dashboard, served by the same handlers.
 */
import { z } from 'zod';
import { typeOnly, type EndpointGroup } from './endpoint';

const PAGERDUTY_ID = /^[A-Za-z0-9]{1,40}$/;

/** Query of GET /api/status-dashboard: each filter a PagerDuty Id, empty meaning "any". */
export const statusDashboardQuery = z
  .object({
    /** A technical service (incidents on it) or a business service (that service's impact). */
    serviceId: z.string().trim().regex(PAGERDUTY_ID, 'serviceId is a PagerDuty service Id (letters and digits), e.g. PXXXXXX').optional(),
    priorityId: z.string().trim().regex(PAGERDUTY_ID, 'priorityId is a PagerDuty priority Id (letters and digits), e.g. PXXXXXX').optional(),
  })
  .strict();
export type StatusDashboardQuery = z.input<typeof statusDashboardQuery>;
export type StatusDashboardFilters = z.output<typeof statusDashboardQuery>;

export interface StatusDashboardCase {
  id: string;
  number: string | null;
  /** The Case in Salesforce, when the instance URL is known. */
  url: string | null;
}

export interface StatusDashboardIncident {
  id: string;
  number: number;
  title: string;
  /** The incident in PagerDuty. */
  url: string | null;
  serviceId: string;
  serviceName: string;
  status: 'triggered' | 'acknowledged';
  priorityId: string | null;
  priorityName: string | null;
  createdAt: string;
  /** The latest status update the engine received (its webhook), or null: "No status update yet". */
  latestStatusUpdate: { message: string; at: string | null } | null;
  /** Every Case linked to the incident (several Cases may report one outage). */
  linkedCases: StatusDashboardCase[];
}

export interface StatusDashboardBusinessService {
  id: string;
  name: string;
  /** The most severe priority among the open incidents on its supporting services, when they have one. */
  priorityId: string | null;
  priorityName: string | null;
}

export interface StatusDashboardReply {
  incidents: StatusDashboardIncident[];
  impactedBusinessServices: StatusDashboardBusinessService[];
  /** What the filters offer: the services of ongoing linked incidents and the business services, and the account's priorities, most severe first. */
  options: { services: { id: string; name: string }[]; priorities: { id: string; name: string }[] };
  generatedAt: string;
}

/** The event name the stream sends when the dashboard's data may have changed. */
export const STATUS_DASHBOARD_CHANGED_EVENT = 'changed';

export const statusDashboardEndpoints = {
  getStatusDashboard: {
    method: 'GET',
    path: '/api/status-dashboard',
    access: 'admin',
    query: statusDashboardQuery,
    reply: typeOnly<StatusDashboardReply>(),
  },
  /** text/event-stream: a `changed` event after an incident event or a status update reaches the engine. */
  streamStatusDashboard: { method: 'GET', path: '/api/status-dashboard/events', access: 'admin', mediaType: 'text/event-stream' },
  /** The same data for the agents' Canvas dashboard (an agent token, with or without a record). */
  getAgentStatusDashboard: {
    method: 'GET',
    path: '/api/agent/status-dashboard',
    access: 'agent',
    query: statusDashboardQuery,
    reply: typeOnly<StatusDashboardReply>(),
  },
  streamAgentStatusDashboard: { method: 'GET', path: '/api/agent/status-dashboard/events', access: 'agent', mediaType: 'text/event-stream' },
} as const satisfies EndpointGroup;
