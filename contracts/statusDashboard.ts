/**
 * STATUS DASHBOARD contracts: ongoing incidents linked to Cases and business services with open
 * impacts, sorted by priority then age, with the latest status update of each incident; and a
 * server-sent event stream that tells an open dashboard to refresh. Pure (zod + types) so the web
 * bundle can import it. Each endpoint twice: `admin` for the app's tab, `agent` under /api/agent for the agents' Canvas
 * dashboard, served by the same handlers.
 */
import { z } from 'zod';
import type { EndpointGroup } from './endpoint';

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

export const statusDashboardCaseSchema = z
  .strictObject({
    id: z.string(),
    number: z.string().nullable(),
    /** The Case in Salesforce, when the instance URL is known. */
    url: z.string().nullable(),
  })
  .meta({ id: 'StatusDashboardCase' });
export type StatusDashboardCase = z.infer<typeof statusDashboardCaseSchema>;

export const statusDashboardIncidentSchema = z
  .strictObject({
    id: z.string(),
    number: z.number().int(),
    title: z.string(),
    /** The incident in PagerDuty. */
    url: z.string().nullable(),
    serviceId: z.string(),
    serviceName: z.string(),
    status: z.enum(['triggered', 'acknowledged']),
    priorityId: z.string().nullable(),
    priorityName: z.string().nullable(),
    createdAt: z.string(),
    /** The latest status update the engine received (its webhook), or null: "No status update yet". */
    latestStatusUpdate: z.strictObject({ message: z.string(), at: z.string().nullable() }).nullable(),
    /** Every Case linked to the incident (several Cases may report one outage). */
    linkedCases: z.array(statusDashboardCaseSchema),
  })
  .meta({ id: 'StatusDashboardIncident' });
export type StatusDashboardIncident = z.infer<typeof statusDashboardIncidentSchema>;

export const statusDashboardBusinessServiceSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    /** The most severe priority among the open incidents on its supporting services, when they have one. */
    priorityId: z.string().nullable(),
    priorityName: z.string().nullable(),
  })
  .meta({ id: 'StatusDashboardBusinessService' });
export type StatusDashboardBusinessService = z.infer<typeof statusDashboardBusinessServiceSchema>;

const namedOption = z.strictObject({ id: z.string(), name: z.string() });

export const statusDashboardReplySchema = z
  .strictObject({
    incidents: z.array(statusDashboardIncidentSchema),
    impactedBusinessServices: z.array(statusDashboardBusinessServiceSchema),
    /** What the filters offer: the services of ongoing linked incidents and the business services, and the account's priorities, most severe first. */
    options: z.strictObject({ services: z.array(namedOption), priorities: z.array(namedOption) }),
    generatedAt: z.string(),
  })
  .meta({ id: 'StatusDashboardReply' });
export type StatusDashboardReply = z.infer<typeof statusDashboardReplySchema>;

/** The event name the stream sends when the dashboard's data may have changed. */
export const STATUS_DASHBOARD_CHANGED_EVENT = 'changed';

export const statusDashboardEndpoints = {
  getStatusDashboard: {
    method: 'GET',
    path: '/api/status-dashboard',
    access: 'admin',
    query: statusDashboardQuery,
    reply: statusDashboardReplySchema,
  },
  /** text/event-stream: a `changed` event after an incident event or a status update reaches the engine. */
  streamStatusDashboard: { method: 'GET', path: '/api/status-dashboard/events', access: 'admin', mediaType: 'text/event-stream' },
  /** The same data for the agents' Canvas dashboard (an agent token, with or without a record). */
  getAgentStatusDashboard: {
    method: 'GET',
    path: '/api/agent/status-dashboard',
    access: 'agent',
    query: statusDashboardQuery,
    reply: statusDashboardReplySchema,
  },
  streamAgentStatusDashboard: { method: 'GET', path: '/api/agent/status-dashboard/events', access: 'agent', mediaType: 'text/event-stream' },
} as const satisfies EndpointGroup;
