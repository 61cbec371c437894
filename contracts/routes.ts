/**
 * The route table: every endpoint the server answers, by name, with its method, path, who may
 * call it and its request/reply contract. Each feature declares its endpoints once beside its
 * schemas (api.ts, authoring.ts, sync.ts, syncLog.ts, webhooks.ts); the few outside /api are
 * declared here. server/app.ts mounts exactly these, in this order (a fixed path before a
 * parameter that would match it), and its handler map is typed by `RouteName`, so a route
 * without a handler, or a handler without a route, does not compile.
 */
import { z } from 'zod';
import { agentEndpoints } from './agent';
import { endpoints } from './api';
import { authoringEndpoints } from './authoring';
import type { EndpointGroup } from './endpoint';
import { fieldMappingEndpoints } from './fieldMappings';
import { priorityRoutingEndpoints } from './priorityRouting';
import { selfAlertEndpoints } from './selfAlerts';
import { statusDashboardEndpoints } from './statusDashboard';
import { syncEndpoints } from './sync';
import { syncLogEndpoints } from './syncLog';
import { webhookDeliveryReplySchema, webhookEndpoints } from './webhooks';

export const healthReplySchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'HealthReply' });
export type HealthReply = z.infer<typeof healthReplySchema>;

const readinessCheck = z.strictObject({ ok: z.boolean(), message: z.string().optional() });

/**
 * The instance's own readiness: started and not shutting down, and its database answering. The
 * vendors' state is not in it (SUMMARY and /metrics show it): their outage must not take every
 * instance, webhook intake included, out of rotation.
 */
export const readinessReplySchema = z
  .strictObject({
    status: z.enum(['ready', 'not_ready']),
    checks: z.strictObject({ started: readinessCheck, database: readinessCheck }),
  })
  .meta({ id: 'ReadinessReply' });
export type ReadinessReply = z.infer<typeof readinessReplySchema>;

/** Endpoints outside /api: probes, metrics, the one-time sign-in link and PagerDuty's webhook deliveries. */
export const serviceEndpoints = {
  getHealthz: { method: 'GET', path: '/healthz', access: 'public', reply: healthReplySchema },
  getReadyz: { method: 'GET', path: '/readyz', access: 'public', reply: readinessReplySchema, alsoReplyStatuses: [503] },
  getMetrics: { method: 'GET', path: '/metrics', access: 'metricsToken', mediaType: 'text/plain' },
  /** `?token=…` from the link printed at start; redirects to the app with a session cookie. */
  signInWithLink: { method: 'GET', path: '/auth/sign-in', access: 'public', status: 303 },
  /** Outside /api: no session and no CSRF token; the signature over the raw body is the authentication. */
  receivePagerDutyWebhook: { method: 'POST', path: '/webhooks/pagerduty', access: 'pagerdutySignature', reply: webhookDeliveryReplySchema },
} as const satisfies EndpointGroup;

/** The outline of an OpenAPI document; the test of the document (server/http/openApi.integration.test.ts) validates the rest. */
export const openApiDocumentSchema = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'OpenApiDocument', description: 'This document: OpenAPI 3.1.' });
export type OpenApiDocumentReply = z.infer<typeof openApiDocumentSchema>;

/** This API's own OpenAPI document (server/http/openApiDocument.ts generates it from this table). */
export const apiDocumentEndpoints = {
  /** Admin only, like everything under /api but sign-in: the map of the admin API is no one else's business. */
  getOpenApiDocument: { method: 'GET', path: '/api/openapi.json', access: 'admin', reply: openApiDocumentSchema },
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
