import { validate } from '@readme/openapi-parser';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointContract } from '../../contracts/endpoint';
import { routeNames, routes, type RouteName } from '../../contracts/routes';
import { WEB_UI_PATHS, createApp } from '../app';
import { agentTokenFromCanvas, ensureBuiltConsole } from '../testing/agentToken';
import { startDemoApp, type DemoApp } from '../testing/demoApp';
import { mountedRoutes, type Layer } from '../testing/mountedRoutes';
import type { OpenApiDocument } from './openApiDocument';

/**
 * GET /api/openapi.json held to the server: a valid OpenAPI 3.1 document, with exactly the routes
 * the app mounts (both ways), and replies of the real handlers (over the demo app: a seeded
 * Salesforce org and PagerDuty account) that match the schemas it publishes for them.
 */
let app: DemoApp;
let cookie: string;
let csrfToken: string;
let document: OpenApiDocument;

beforeAll(async () => {
  ensureBuiltConsole();
  app = await startDemoApp();
  ({ cookie, csrfToken } = await app.signIn());
  const reply = await fetch(`${app.url}/api/openapi.json`, { headers: { cookie } });
  expect(reply.status).toBe(200);
  document = (await reply.json()) as OpenApiDocument;
}, 60_000);
afterAll(() => app.close());

const operationKey = (method: string, openApiPath: string) => `${method.toUpperCase()} ${openApiPath}`;
const toOpenApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z]+)/g, '{$1}');

function documentedOperations(): string[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    ['get', 'put', 'post', 'delete', 'patch'].filter((method) => method in (item as object)).map((method) => operationKey(method, path)),
  );
}

describe('GET /api/openapi.json', () => {
  it('is for signed-in admins only', async () => {
    const reply = await fetch(`${app.url}/api/openapi.json`);
    expect(reply.status).toBe(401);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    // The validator dereferences in place: give it a copy.
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('documents every route the app mounts, and no other', () => {
    const router = (createApp(app.ctx) as unknown as { router: { stack: Layer[] } }).router;
    const mounted = mountedRoutes(router.stack)
      .filter((route): route is { method: string; path: string } => route.path !== WEB_UI_PATHS && typeof route.path === 'string')
      .map((route) => operationKey(route.method, toOpenApiPath(route.path)));
    expect(mounted.length).toBe(routeNames.length);
    expect(documentedOperations().sort()).toEqual(mounted.sort());
  });

  it('names each operation by its route and lists its path parameters', () => {
    for (const name of routeNames) {
      const contract = routes[name];
      const operation = (
        document.paths?.[toOpenApiPath(contract.path)] as Record<string, { operationId?: string; parameters?: { name: string; in: string }[] }>
      )[contract.method.toLowerCase()];
      expect(operation?.operationId).toBe(name);
      const pathNames = [...contract.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]);
      expect((operation?.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name)).toEqual(pathNames);
    }
  });

  it('asks for the session and, on writes, the CSRF token on admin routes; the agent token on agent routes', () => {
    for (const name of routeNames) {
      const contract = routes[name];
      const operation = (document.paths?.[toOpenApiPath(contract.path)] as Record<string, { security?: unknown }>)[contract.method.toLowerCase()];
      if (contract.access === 'admin')
        expect(operation?.security, name).toEqual([contract.method === 'GET' ? { adminSession: [] } : { adminSession: [], csrfToken: [] }]);
      if (contract.access === 'agent') expect(operation?.security, name).toEqual([{ agentToken: [] }]);
      if (contract.access === 'public') expect(operation?.security, name).toEqual([]);
    }
  });
});

/** The JSON schema the document publishes for a route's success reply, with the document's components to resolve `$ref`s. */
function documentedReplySchema(name: RouteName): object {
  const contract: EndpointContract = routes[name];
  const operation = (
    document.paths?.[toOpenApiPath(contract.path)] as Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  )[contract.method.toLowerCase()];
  const schema = operation?.responses[String(contract.status ?? 200)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${name}: the document publishes no JSON reply`);
  return { ...schema, components: document.components };
}

describe('real replies match the published schemas', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);

  /** Checks one real reply against the contract's zod schema and against the document's JSON schema. */
  async function expectReplyMatches(name: RouteName, path: string, init: { method?: string; body?: unknown; agentToken?: string } = {}): Promise<unknown> {
    const contract: EndpointContract = routes[name];
    const headers: Record<string, string> = init.agentToken ? { authorization: `Bearer ${init.agentToken}` } : { cookie };
    if (init.method && init.method !== 'GET')
      Object.assign(headers, { 'content-type': 'application/json' }, init.agentToken ? {} : { 'x-csrf-token': csrfToken });
    const response = await fetch(app.url + path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body: unknown = await response.json();
    expect(response.status, `${name}: ${JSON.stringify(body).slice(0, 300)}`).toBe(contract.status ?? 200);
    if (!contract.reply) throw new Error(`${name} declares no reply schema`);
    const parsed = contract.reply.safeParse(body);
    expect(parsed.success ? [] : parsed.error.issues, `${name} against its zod schema`).toEqual([]);
    const check = ajv.compile(documentedReplySchema(name));
    expect(check(body) ? [] : check.errors, `${name} against the document`).toEqual([]);
    return body;
  }

  /** Every GET of the admin API without path parameters whose reply has a schema: they all answer in the demo. */
  const plainGets = routeNames.filter((name) => {
    const contract: EndpointContract = routes[name];
    return contract.method === 'GET' && contract.access !== 'agent' && !contract.path.includes(':') && contract.reply !== undefined;
  });

  it('covers the GET routes that have a reply schema', () => {
    expect(plainGets.length).toBeGreaterThan(5);
  });

  it.each(plainGets)('%s', async (name) => {
    await expectReplyMatches(name, routes[name].path);
  });

  it('createRuleset, getRuleset, patchRuleset and getRulesets', async () => {
    const created = (await expectReplyMatches('createRuleset', '/api/rulesets', { method: 'POST', body: { name: 'OpenAPI probe' } })) as { id: string };
    await expectReplyMatches('getRuleset', `/api/rulesets/${created.id}`);
    await expectReplyMatches('patchRuleset', `/api/rulesets/${created.id}`, { method: 'PATCH', body: { name: 'OpenAPI probe, renamed' } });
    await expectReplyMatches('getRulesets', '/api/rulesets');
  });

  it("the agents' console: its Case, actions, timeline, incident search and status dashboard", async () => {
    const agentToken = await agentTokenFromCanvas(app);
    const agentCase = (await expectReplyMatches('getAgentCase', '/api/agent/case', { agentToken })) as { case: { number: string | null } };
    await expectReplyMatches('getAgentActions', '/api/agent/actions', { agentToken });
    await expectReplyMatches('getAgentCaseTimeline', '/api/agent/case/timeline', { agentToken });
    await expectReplyMatches('searchAgentIncidents', `/api/agent/incidents/search?q=${encodeURIComponent(agentCase.case.number ?? 'outage')}`, { agentToken });
    await expectReplyMatches('getAgentStatusDashboard', '/api/agent/status-dashboard', { agentToken });
  });

  it('a failure answers the published error envelope', async () => {
    const reply = await fetch(`${app.url}/api/rulesets/no-such-ruleset`, { headers: { cookie } });
    expect(reply.status).toBe(404);
    const check = ajv.compile({ $ref: '#/components/schemas/ApiError', components: document.components });
    const body: unknown = await reply.json();
    expect(check(body) ? [] : check.errors).toEqual([]);
  });
});
