import crypto from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../contracts/endpoint';
import { routeNames, routes, type RouteName } from '../contracts/routes';
import { SYNC_TABLES, TABLES } from './store/tables';
import { agentTokenFromCanvas, ensureBuiltConsole } from './testing/agentToken';
import { startDemoApp, type DemoApp } from './testing/demoApp';
import { errorOf } from './testing/replies';

/**
 * Hostile input and access control across EVERY route of the route table (contracts/routes.ts),
 * so a route added later is covered without editing this file; server/http/routes.integration.test.ts
 * proves the table is exactly what the app mounts.
 */
let app: DemoApp;
let auth: { cookie: string; csrf: string };

beforeAll(async () => {
  ensureBuiltConsole();
  app = await startDemoApp();
  const session = await app.signIn();
  auth = { cookie: session.cookie, csrf: session.csrfToken };
  return () => app.close();
}, 60_000);

const table = routeNames.map((name) => ({ name, ...routes[name] }));
const adminRoutes = table.filter((route) => route.access === 'admin');

function concrete(path: string): string {
  return path.replace(/:(\w+)/g, (_match, name: string) => (name === 'id' ? '1' : `x-${name}`));
}

async function call(method: string, path: string, options: { cookie?: string; csrf?: string; body?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(app.url + path, { method, headers, body: options.body, redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, text };
}

/** What rejected input must never change. */
async function storedState(): Promise<string> {
  const tables = [TABLES.connections, TABLES.settings, SYNC_TABLES.rulesets, SYNC_TABLES.events, SYNC_TABLES.links];
  const rows = await Promise.all(tables.map((table) => app.ctx.db(table).select()));
  return crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

/** What a caller without a session (nor signature, nor token) gets, per access kind; a new kind must say. */
const withoutCredentials: Record<RouteAccess, (status: number) => boolean> = {
  public: (status) => status !== 401 && status !== 403,
  admin: (status) => status === 401,
  pagerdutySignature: (status) => status === 401,
  // Demo mode sets no METRICS_TOKEN: open (metrics.integration.test.ts covers the token).
  metricsToken: (status) => status === 200,
  // The refusal page "not signed by your Salesforce org" (its text: see the Canvas routes' test below).
  canvasSignedRequest: (status) => status === 401,
  agent: (status) => status === 401,
};

const NOT_SIGNED_PAGE = 'This request was not signed by your Salesforce org';

/**
 * What an agent token gets, per access kind: it reaches the agent API and nothing else. The token
 * is a real one: the emulator's Service Console signs a Canvas request for its agent, and the
 * console page served for it carries the token.
 */
const withAgentToken: Record<RouteAccess, (reply: { status: number; text: string }) => boolean> = {
  public: (reply) => reply.status !== 401 && reply.status !== 403,
  admin: (reply) => reply.status === 401 || reply.status === 403,
  pagerdutySignature: (reply) => reply.status === 401,
  metricsToken: (reply) => reply.status === 200,
  // A Bearer token is no signed request: the refusal page, and no new token.
  canvasSignedRequest: (reply) => reply.status === 401 && reply.text.includes(NOT_SIGNED_PAGE) && !reply.text.includes('pdsc-agent-token'),
  agent: (reply) => reply.status !== 401 && reply.status !== 403,
};

describe('access control on every route of the table', () => {
  it('finds the admin routes', () => {
    expect(adminRoutes.length).toBeGreaterThan(10);
  });

  it('answers 401 without a session on every admin route, and lets the others in by their own rule', async () => {
    const wrong: string[] = [];
    for (const route of table) {
      const reply = await call(route.method, concrete(route.path), { body: route.method === 'GET' ? undefined : '{}' });
      if (!withoutCredentials[route.access](reply.status))
        wrong.push(`${route.name} (${route.access}, ${route.method} ${route.path}) answered ${reply.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 or 403 to an agent token on every admin route, and lets it reach only the agent API', async () => {
    const token = await agentTokenFromCanvas(app);
    const wrong: string[] = [];
    for (const route of table) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (route.method !== 'GET') headers['content-type'] = 'application/json';
      const response = await fetch(app.url + concrete(route.path), {
        method: route.method,
        headers,
        body: route.method === 'GET' ? undefined : '{}',
        redirect: 'manual',
      });
      const reply = { status: response.status, text: await response.text() };
      if (!withAgentToken[route.access](reply)) wrong.push(`${route.name} (${route.access}, ${route.method} ${route.path}) answered ${reply.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers every Canvas route a missing, forged or tampered signed request with the "not signed by your Salesforce org" page, and no token', async () => {
    const canvasRoutes = table.filter((route) => route.access === 'canvasSignedRequest');
    expect(canvasRoutes.length).toBeGreaterThan(0);
    const envelope = Buffer.from(JSON.stringify({ algorithm: 'HMACSHA256', userId: '005000000000001AAA' })).toString('base64');
    const forgeries = {
      missing: undefined,
      'not a signed request': 'hello',
      'signed with another secret': `${crypto.createHmac('sha256', 'not-the-secret').update(envelope).digest('base64')}.${envelope}`,
      'signature of nothing': `${Buffer.alloc(32).toString('base64')}.${envelope}`,
    };
    const wrong: string[] = [];
    for (const route of canvasRoutes) {
      for (const [kind, signedRequest] of Object.entries(forgeries)) {
        const reply = await call(route.method, concrete(route.path), {
          body: new URLSearchParams(signedRequest === undefined ? {} : { signed_request: signedRequest }).toString(),
          contentType: 'application/x-www-form-urlencoded',
        });
        if (reply.status !== 401 || !reply.text.includes(NOT_SIGNED_PAGE) || reply.text.includes('pdsc-agent-token'))
          wrong.push(`${route.path} with ${kind} answered ${reply.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 without the CSRF token on every state-changing admin route', async () => {
    const before = await storedState();
    for (const route of adminRoutes.filter((candidate) => candidate.method !== 'GET')) {
      const reply = await call(route.method, concrete(route.path), { cookie: auth.cookie, body: '{}' });
      expect(reply.status, `${route.method} ${route.path}`).toBe(403);
    }
    expect(await storedState()).toBe(before);
  });

  it('never returns a stored secret from any GET route', async () => {
    const pd = await app.ctx.connections.pagerduty();
    const sf = await app.ctx.connections.salesforce();
    const canvas = await app.ctx.connections.canvas();
    const secrets = [pd.apiKey, sf.password, sf.securityToken, sf.clientSecret, canvas.consumerSecret].filter((secret): secret is string => Boolean(secret));
    expect(secrets.length).toBeGreaterThan(3);
    for (const route of table.filter((candidate) => candidate.method === 'GET' && !candidate.path.includes(':'))) {
      const reply = await call('GET', route.path, { cookie: auth.cookie });
      for (const secret of secrets) expect(reply.text, `${route.path} leaks a secret`).not.toContain(secret);
    }
  });
});

/** State-changing routes the fuzzer leaves alone: they call a vendor, start or retry work, or end the session. */
const CALLS_VENDORS_OR_STARTS_WORK: RouteName[] = [
  'testPagerDutyConnection',
  'testPagerDutyUser',
  'testSalesforceConnection',
  'testRule',
  'provisionWebhooks',
  'repairWebhooks',
  'reconcileIncidents',
  'startSyncRun',
  'cancelSyncRun',
  'retrySyncJob',
  'signOut',
];

describe('hostile input', () => {
  const hostileString = fc.oneof(
    fc.string(),
    fc.constantFrom(
      "' OR Id != '",
      'Subject FROM Case WHERE Id != null--',
      '<script>alert(1)</script>',
      '{{Case.Password__c}}',
      '"; DROP TABLE rulesets; --',
      '\u0000\uFFFF',
      'x'.repeat(300_000),
      '__proto__',
    ),
  );
  const hostileJson = fc.oneof(
    fc.json({ maxDepth: 4 }),
    // JSON.stringify answers undefined (not a string) for undefined itself.
    fc.anything({ maxDepth: 3 }).map((value) => (value === undefined ? 'null' : JSON.stringify(value))),
    fc.dictionary(hostileString, fc.oneof(hostileString, fc.integer(), fc.boolean(), fc.constant(null))).map((value) => JSON.stringify(value)),
    fc.nat({ max: 5_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.constantFrom('{"a":', 'not json', '', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}'),
  );

  it('never answers 5xx, and a rejected request stores nothing, on every state-changing admin route', async () => {
    const mutating = adminRoutes.filter((route) => route.method !== 'GET' && !CALLS_VENDORS_OR_STARTS_WORK.includes(route.name));
    let tried = 0;
    for (const route of mutating) {
      await fc.assert(
        fc.asyncProperty(hostileJson, async (body) => {
          tried += 1;
          const before = await storedState();
          const reply = await call(route.method, concrete(route.path), { cookie: auth.cookie, csrf: auth.csrf, body });
          expect(reply.status, `${route.method} ${route.path} with ${body.slice(0, 80)}`).toBeLessThan(500);
          if (reply.status >= 400) {
            expect(await storedState(), `${route.method} ${route.path} stored rejected input`).toBe(before);
            expect(errorOf({ status: reply.status, body: JSON.parse(reply.text) }).code).toEqual(expect.any(String));
          }
        }),
        { numRuns: 25, seed: 20261122 },
      );
    }
    expect(tried).toBeGreaterThan(100);
  }, 240_000);

  it('treats SOQL-like text as data, never as query text', async () => {
    const mapping = await call('PUT', '/api/object-mapping', {
      cookie: auth.cookie,
      csrf: auth.csrf,
      body: JSON.stringify({
        businessObject: 'Case',
        titleField: 'Subject FROM Case WHERE Id != null--',
        descriptionField: 'Description',
        syncCommentsToNotes: false,
        incidentNumberField: null,
        incidentUrlField: null,
        integrationUserEmail: 'integration@example.com',
      }),
    });
    expect(mapping.status).toBe(400);
    const before = app.emulators.salesforce.context.requestLog.entries(1000).length;
    const rulesets = await call('POST', '/api/rulesets', { cookie: auth.cookie, csrf: auth.csrf, body: JSON.stringify({ name: 'Injection probe' }) });
    expect(rulesets.status, rulesets.text).toBe(201);
    const { id } = JSON.parse(rulesets.text) as { id: string };
    expect(id).toEqual(expect.any(String));
    const withRule = await call('PUT', `/api/rulesets/${id}`, {
      cookie: auth.cookie,
      csrf: auth.csrf,
      body: JSON.stringify({
        name: 'Injection probe',
        enabled: false,
        rules: [
          { id: 'r1', name: 'r1', runOn: { kind: 'case', on: 'both' }, conditions: [], filterLogic: { kind: 'all' }, actions: [], stopProcessing: false },
        ],
      }),
    });
    expect(withRule.status, withRule.text).toBe(200);
    const probe = await call('POST', `/api/rulesets/${id}/rules/r1/test`, {
      cookie: auth.cookie,
      csrf: auth.csrf,
      body: JSON.stringify({ caseNumber: "00001001' OR CaseNumber != '" }),
    });
    // The quoted text was looked up as one Case number, which no Case has.
    expect(probe.status, probe.text).toBe(400);
    expect(probe.text).toMatch(/No Case has the number/);
    const queries = app.emulators.salesforce.context.requestLog
      .entries(1000)
      .slice(before)
      .filter((entry) => entry.path.includes('/query'));
    expect(queries.length, 'the rule test queried Salesforce').toBeGreaterThan(0);
    for (const query of queries) expect(query.status).not.toBe(400);
  });

  it('rejects forged, malformed and oversized webhooks without storing them (replays: see the webhook suite)', async () => {
    const events = async () => Number((await app.ctx.db(SYNC_TABLES.events).count({ count: '*' }).first())?.count ?? 0);
    const before = await events();
    await fc.assert(
      fc.asyncProperty(
        hostileJson,
        fc.oneof(
          fc.constant(undefined),
          fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => `v1=${Buffer.from(bytes).toString('hex')}`),
          hostileString,
        ),
        async (body, signature) => {
          const response = await fetch(`${app.url}/webhooks/pagerduty`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(typeof signature === 'string' ? { 'x-pagerduty-signature': signature.replace(/[^\x20-\x7e]/g, '').slice(0, 8000) } : {}),
            },
            body,
          });
          await response.arrayBuffer();
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
    const huge = await fetch(`${app.url}/webhooks/pagerduty`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pagerduty-signature': 'v1=00' },
      body: JSON.stringify({ pad: 'x'.repeat(3_000_000) }),
    });
    expect(huge.status).toBe(413);
    expect(await events()).toBe(before);
  }, 120_000);
});
