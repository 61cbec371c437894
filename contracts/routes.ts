/**
 * The route table: every endpoint the server answers, by name, with its method, path, who may
 * call it and its request/reply contract. Each feature declares its endpoints once beside its
 * schemas (api.ts, authoring.ts, sync.ts, syncLog.ts, webhooks.ts); the few outside /api are
 * declared here. server/app.ts mounts exactly these, in this order (a fixed path before a
 * parameter that would match it), and its handler map is typed by `RouteName`, so a route
 * without a handler, or a handler without a route, does not compile.
 */
import { agentEndpoints } from './agent';
import { endpoints } from './api';
import { authoringEndpoints } from './authoring';
import { typeOnly, type EndpointGroup } from './endpoint';
import { fieldMappingEndpoints } from './fieldMappings';
import { priorityRoutingEndpoints } from './priorityRouting';
import { selfAlertEndpoints } from './selfAlerts';
import { statusDashboardEndpoints } from './statusDashboard';
import { syncEndpoints } from './sync';
import { syncLogEndpoints } from './syncLog';
import { webhookEndpoints, type WebhookDeliveryReply } from './webhooks';

export interface HealthReply {
  status: 'ok';
}

/**
 * The instance's own readiness: started and not shutting down, and its database answering. The
 * vendors' state is not in it (SUMMARY and /metrics show it): their outage must not take every
 * instance, webhook intake included, out of rotation.
 */
export interface ReadinessReply {
  status: 'ready' | 'not_ready';
  checks: Record<'started' | 'database', { ok: boolean; message?: string }>;
}

/** Endpoints outside /api: probes, metrics, the one-time sign-in link and PagerDuty's webhook deliveries. */
export const serviceEndpoints = {
  getHealthz: { method: 'GET', path: '/healthz', access: 'public', reply: typeOnly<HealthReply>() },
  getReadyz: { method: 'GET', path: '/readyz', access: 'public', reply: typeOnly<ReadinessReply>(), alsoReplyStatuses: [503] },
  getMetrics: { method: 'GET', path: '/metrics', access: 'metricsToken', mediaType: 'text/plain' },
  /** `?token=…` from the link printed at start; redirects to the app with a session cookie. */
  signInWithLink: { method: 'GET', path: '/auth/sign-in', access: 'public', status: 303 },
  /** Outside /api: no session and no CSRF token; the signature over the raw body is the authentication. */
  receivePagerDutyWebhook: { method: 'POST', path: '/webhooks/pagerduty', access: 'pagerdutySignature', reply: typeOnly<WebhookDeliveryReply>() },
} as const satisfies EndpointGroup;

/** This API's own OpenAPI document (server/http/openApiDocument.ts generates it from this table). */
export const apiDocumentEndpoints = {
  /** Admin only, like everything under /api but sign-in: the map of the admin API is no one else's business. */
  getOpenApiDocument: { method: 'GET', path: '/api/openapi.json', access: 'admin', reply: typeOnly<Record<string, unknown>>() },
} as const satisfies EndpointGroup;

export const routes = routeTable(
  serviceEndpoints,
  endpoints,
  apiDocumentEndpoints,
  authoringEndpoints,
  fieldMappingEndpoints,
  priorityRoutingEndpoints,
  syncEndpoints,
  syncLogEndpoints,
  statusDashboardEndpoints,
  webhookEndpoints,
  agentEndpoints,
  selfAlertEndpoints,
);
export type Routes = typeof routes;
export type RouteName = keyof Routes;
export const routeNames = Object.keys(routes) as RouteName[];

type Joined<Groups extends readonly EndpointGroup[]> = Groups extends readonly [infer First, ...infer Rest extends readonly EndpointGroup[]]
  ? First & Joined<Rest>
  : unknown;

/** One table of the groups, in their order; a name declared twice is a mistake that would hide a route. */
function routeTable<const Groups extends readonly EndpointGroup[]>(...groups: Groups): Joined<Groups> {
  const table: Record<string, EndpointGroup[string]> = {};
  for (const group of groups) {
    for (const [name, contract] of Object.entries(group)) {
      if (name in table) throw new Error(`The route name ${name} is declared twice`);
      table[name] = contract;
    }
  }
  return table as Joined<Groups>;
}
