/**
 * What an endpoint contract is: method, path, who may call it, and (where declared) its request
 * and reply schemas. The feature contracts (api.ts, authoring.ts, sync.ts, syncLog.ts,
 * webhooks.ts) declare their endpoints as `EndpointGroup`s; routes.ts gathers them into the one
 * route table the server mounts. Imports nothing of the project, so every contract file may use it.
 */
import type { z } from 'zod';

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof httpMethods)[number];

/**
 * Who may call an endpoint:
 * - `public`: anyone, no session;
 * - `admin`: a signed-in admin session (401 otherwise); every method but GET also needs the
 *   session's CSRF token in `X-CSRF-Token` (403 otherwise). Only paths under /api can be admin;
 * - `pagerdutySignature`: PagerDuty, proven by `X-PagerDuty-Signature` over the raw body with the
 *   secret of one of this app's webhook subscriptions (401 otherwise);
 * - `metricsToken`: Prometheus: anyone while METRICS_TOKEN is unset, else `Authorization: Bearer
 *   <token>` only (404 otherwise);
 * - `canvasSignedRequest`: Salesforce, proven by the Canvas `signed_request` form field, signed with
 *   the Canvas app's consumer secret (an HTML "not signed by your Salesforce org" page, 401, otherwise);
 * - `agent`: a support agent's console: `Authorization: Bearer <agent token>` issued by a verified
 *   Canvas request (401 without one, or invalid, or expired; an admin session cookie is not one),
 *   from a Salesforce org and profile the Canvas settings allow (403 otherwise). Only under /api/agent.
 */
export const routeAccesses = ['public', 'admin', 'pagerdutySignature', 'metricsToken', 'canvasSignedRequest', 'agent'] as const;
export type RouteAccess = (typeof routeAccesses)[number];

export interface EndpointContract {
  readonly method: HttpMethod;
  /** Express 5 path syntax (`:name` parameters), from the root: `/api/rulesets/:id`. */
  readonly path: `/${string}`;
  readonly access: RouteAccess;
  /** The JSON body: the schema the handler parses it with, or (rulesets, which the engine validates) its shape. */
  readonly body?: z.ZodType;
  /** The schema of the query string, when the endpoint reads one. */
  readonly query?: z.ZodType;
  /** The schema of the path parameters, when the handler parses them with one. */
  readonly params?: z.ZodType;
  /**
   * The JSON reply's schema: its type for the handler and the clients (z.infer), its shape in the
   * OpenAPI document, and what tests check real replies against. Absent for replies that are not JSON.
   */
  readonly reply?: z.ZodType;
  /** The status of a success, when not 200 (201 created, 202 accepted, 204 no content, 303 redirect). */
  readonly status?: SuccessStatus;
  /** Failure statuses answered with the reply's own shape rather than the error envelope (`/readyz`'s 503). */
  readonly alsoReplyStatuses?: readonly number[];
  /** The media type of a reply that is not JSON (CSV, an event stream, an HTML page, metrics text). */
  readonly mediaType?: NonJsonMediaType;
}

export type SuccessStatus = 200 | 201 | 202 | 204 | 303;
export type NonJsonMediaType = 'text/csv' | 'text/event-stream' | 'text/html' | 'text/plain';

/** A feature's endpoints by name; declare each group `as const satisfies EndpointGroup`. */
export type EndpointGroup = Readonly<Record<string, EndpointContract>>;

/** The reply type a contract declares (`unknown` when it declares none). */
export type ReplyOf<C extends EndpointContract> = C extends { readonly reply: infer R extends z.ZodType } ? z.output<R> : unknown;

/** Fills `:name` segments of an endpoint path, URL-encoding each value. */
export function endpointPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}
