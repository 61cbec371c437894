import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { apiErrorBodySchema } from '../../contracts/api';
import type { EndpointContract, RouteAccess } from '../../contracts/endpoint';
import { routeNames, routes } from '../../contracts/routes';

/**
 * The OpenAPI 3.1 document of this app's own HTTP API, generated from the route table
 * (contracts/routes.ts): every route with its method, path, parameters, request body, who may call
 * it and its replies, all from the same zod schemas the handlers parse with and the tests check
 * replies against, so the document cannot describe an API the server does not have. Served at
 * GET /api/openapi.json; server/http/openApi.integration.test.ts holds it to the mounted routes.
 */
export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** The security schemes, by the access they prove (contracts/endpoint.ts says what each one is). */
const securitySchemes = {
  adminSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'pdsc_session',
    description: 'A signed-in admin session (POST /api/session, or the one-time link GET /auth/sign-in).',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: "The session's CSRF token (`csrfToken` of GET /api/session), required with the session on every method but GET.",
  },
  agentToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'An agent token, issued to a Canvas page by a verified Salesforce signed request (POST /canvas/*); an admin session is not one.',
  },
  pagerDutySignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-PagerDuty-Signature',
    description: '`v1=<hex HMAC-SHA256 of the raw body>` with the secret of one of this app’s PagerDuty webhook subscriptions.',
  },
  metricsToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'METRICS_TOKEN, when it is set; while it is unset /metrics is open.',
  },
} as const;

type SchemeName = keyof typeof securitySchemes;

/**
 * Each access as OpenAPI security requirements. A Canvas signed request is a form field, not a
 * scheme OpenAPI knows: those routes list none and document the field as their request body.
 */
function securityOf(contract: EndpointContract): Partial<Record<SchemeName, string[]>>[] {
  switch (contract.access) {
    case 'public':
    case 'canvasSignedRequest':
      return [];
    case 'admin':
      return contract.method === 'GET' ? [{ adminSession: [] }] : [{ adminSession: [], csrfToken: [] }];
    case 'agent':
      return [{ agentToken: [] }];
    case 'pagerdutySignature':
      return [{ pagerDutySignature: [] }];
    case 'metricsToken':
      return [{ metricsToken: [] }, {}];
  }
}

/** The failures each access adds, beyond the route's own (each in the error envelope). */
const accessFailures: Record<RouteAccess, Record<number, string>> = {
  public: {},
  admin: { 401: 'No signed-in admin session.' },
  agent: { 401: 'No agent token, or an invalid or expired one.', 403: 'The agent’s org or profile is not allowed by the Canvas settings.' },
  pagerdutySignature: { 401: 'The signature does not match the secret of any of this app’s webhook subscriptions.' },
  metricsToken: {},
  canvasSignedRequest: { 401: 'The signed request is not signed with the Canvas app’s consumer secret.' },
};

const errorReply = (description: string): ResponseConfig => ({ description, content: { 'application/json': { schema: apiErrorBodySchema } } });

const successDescriptions = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content', 303: 'Redirect' } as const;

const pagerDutyWebhookBody = z.looseObject({}).meta({
  description: 'A PagerDuty webhook v3 delivery (`{"event": {...}}`): PagerDuty’s contract, verified by its signature over the raw body.',
});
const canvasForm = z.object({ signed_request: z.string().meta({ description: 'The Canvas signed request Salesforce POSTs (`<signature>.<payload>`).' }) });

function responsesOf(contract: EndpointContract): Record<string, ResponseConfig> {
  const status = contract.status ?? 200;
  const success: ResponseConfig = { description: successDescriptions[status] };
  if (contract.mediaType) success.content = { [contract.mediaType]: { schema: z.string() } };
  else if (contract.reply) success.content = { 'application/json': { schema: contract.reply } };
  if (status === 303) success.headers = { Location: { description: 'Where the browser goes next.', schema: { type: 'string' } } };
  const responses: Record<string, ResponseConfig> = { [status]: success };
  for (const other of contract.alsoReplyStatuses ?? []) responses[other] = { ...success, description: `The same reply, with status ${other}` };
  if (contract.body || contract.query || contract.params)
    responses[400] = errorReply('The request is not valid: `details.fields[]` lists each problem as `{path, message}`.');
  // A Canvas page refuses with a page the frame shows, not JSON; /metrics hides behind a plain 404.
  const refusesWithPage = contract.access === 'canvasSignedRequest' && contract.mediaType === 'text/html';
  for (const [code, description] of Object.entries(accessFailures[contract.access]))
    responses[code] = refusesWithPage ? { description, content: { 'text/html': { schema: z.string() } } } : errorReply(description);
  if (refusesWithPage)
    responses[403] = { description: 'The org or the agent’s profile is not allowed by the Canvas settings.', content: { 'text/html': { schema: z.string() } } };
  if (contract.access === 'metricsToken')
    responses[404] = {
      description: 'METRICS_TOKEN is set and the request does not carry it as a Bearer token.',
      content: { 'text/plain': { schema: z.string() } },
    };
  if (contract.access === 'admin' && contract.method !== 'GET') responses[403] = errorReply('The X-CSRF-Token header is missing or not the session’s.');
  responses.default = errorReply('Any other failure (404 not found, 409 conflict, 422 not configured, 429 too many requests, 502 a vendor failed, 500).');
  return responses;
}

/** Express `:name` segments become OpenAPI `{name}`; a name without a params schema is a string. */
function pathParamsOf(contract: EndpointContract): { openApiPath: string; params?: z.ZodObject } {
  const names = [...contract.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] as string);
  const openApiPath = contract.path.replace(/:([A-Za-z]+)/g, '{$1}');
  if (names.length === 0) return { openApiPath };
  if (contract.params instanceof z.ZodObject) return { openApiPath, params: contract.params };
  return { openApiPath, params: z.object(Object.fromEntries(names.map((name) => [name, z.string()]))) };
}

function requestOf(name: string, contract: EndpointContract): RouteConfig['request'] {
  const { params } = pathParamsOf(contract);
  const request: NonNullable<RouteConfig['request']> = {};
  if (params) request.params = params;
  if (contract.query instanceof z.ZodObject) request.query = contract.query;
  if (contract.access === 'canvasSignedRequest') {
    request.body = { required: true, content: { 'application/x-www-form-urlencoded': { schema: canvasForm } } };
  } else if (name === 'receivePagerDutyWebhook') {
    request.body = { required: true, content: { 'application/json': { schema: pagerDutyWebhookBody } } };
  } else if (contract.body) {
    request.body = { required: true, content: { 'application/json': { schema: contract.body } } };
  }
  return request;
}

/** The first path segment after /api (or the root) groups the operations in viewers. */
function tagOf(path: string): string {
  const segments = path.split('/').filter(Boolean);
  const first = segments[0] === 'api' ? segments[1] : segments[0];
  return (first ?? 'root').replace(/\..*$/, '');
}

export function buildOpenApiDocument(info: { version: string }): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  for (const [schemeName, scheme] of Object.entries(securitySchemes)) registry.registerComponent('securitySchemes', schemeName, scheme);
  for (const name of routeNames) {
    const contract: EndpointContract = routes[name];
    registry.registerPath({
      method: contract.method.toLowerCase() as RouteConfig['method'],
      path: pathParamsOf(contract).openApiPath,
      operationId: name,
      tags: [tagOf(contract.path)],
      security: securityOf(contract),
      request: requestOf(name, contract),
      responses: responsesOf(contract),
    });
  }
  return new OpenApiGeneratorV31(registry.definitions, { sortComponents: 'alphabetically' }).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'PagerDuty ⇄ Salesforce Service Cloud connector',
      version: info.version,
      description:
        'The HTTP API of this instance: the admin API (a signed-in session; the CSRF token on writes), the agents’ API under /api/agent (an agent token from a Canvas page), PagerDuty’s webhook intake, the probes and /metrics. Errors answer `{"error":{"code","message","details"?}}`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
  });
}
