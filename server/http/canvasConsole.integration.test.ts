import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentCaseReply } from '../../contracts/agent';
import { routeNames, routes } from '../../contracts/routes';
import { signCanvasRequest } from '../security/canvasSignedRequest';
import { signedInApi, startDemoApp, type DemoApp } from '../testing/demoApp';
import { emulatorAccessToken } from '../testing/salesforceTokens';

/**
 * The Command Console's Canvas page and the agent API over real HTTP, on the demo app (both
 * emulators): a signed request from an allowed org, with a live Salesforce token, gets the page and
 * an agent token; the token reaches the agent API, and an admin session does not. That the token
 * reaches nothing else is proven on every route in server/security.integration.test.ts.
 */
const SECRET = 'canvas-consumer-secret-for-tests';
const BUILT_CONSOLE = path.resolve(import.meta.dirname, '../../dist/web/console/index.html');

let app: DemoApp;
let caseId: string;
let orgId: string;
let agentUser: { id: string; username: string };
/** A live session of the agent in the emulator's org, as Salesforce puts in the Canvas request. */
let agentToken: string;

/** A real access token for a user of the emulator's org, issued without a login round trip. */
const emulatorToken = (username: string) => emulatorAccessToken(app.emulators.salesforce.url, username);

beforeAll(async () => {
  // The page served is the built one: build the web UI when this checkout has not yet.
  if (!fs.existsSync(BUILT_CONSOLE)) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  app = await startDemoApp();
  const seed = app.emulators.salesforce.seedInfo();
  orgId = seed.org.id;
  const agent = seed.users.find((user) => user.role === 'agent');
  if (!agent) throw new Error('The demo org has no agent');
  agentUser = agent;
  const [first] = seed.caseIds;
  if (!first) throw new Error('The demo org has no Case');
  caseId = first;
  agentToken = await emulatorToken(agent.username);
  await app.ctx.connections.saveCanvas({ ...(await app.ctx.connections.canvas()), consumerSecret: SECRET });
  return () => app.close();
}, 60_000);

interface RequestOverrides {
  profileId?: string;
  recordId?: string;
  targetOrigin?: string;
  oauthToken?: string | null;
  issuedAt?: number | null;
  instanceUrl?: string;
  orgId?: string;
}

function canvasRequest(overrides: RequestOverrides = {}) {
  return {
    algorithm: 'HMACSHA256',
    issuedAt: overrides.issuedAt === undefined ? Date.now() : overrides.issuedAt,
    userId: agentUser.id,
    client: {
      oauthToken: overrides.oauthToken === undefined ? agentToken : overrides.oauthToken,
      instanceUrl: overrides.instanceUrl ?? app.emulators.salesforce.url,
      targetOrigin: overrides.targetOrigin ?? 'https://acme.lightning.force.com',
    },
    context: {
      user: {
        userId: agentUser.id,
        email: 'agent@example.com',
        fullName: 'Ada Agent',
        profileId: overrides.profileId ?? '00eDn0000000002AAA',
        locale: 'en_US',
      },
      environment: { displayLocation: 'RecordPage', record: { Id: overrides.recordId ?? caseId, attributes: { type: 'Case' } } },
      organization: { organizationId: overrides.orgId ?? orgId },
    },
  };
}

const postCanvas = (signedRequest: string) =>
  fetch(`${app.url}/canvas/console`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ signed_request: signedRequest }),
  });

async function openConsole(): Promise<string> {
  const reply = await postCanvas(signCanvasRequest(canvasRequest(), SECRET));
  expect(reply.status).toBe(200);
  const token = /name="pdsc-agent-token" content="([^"]+)"/.exec(await reply.text())?.[1];
  if (!token) throw new Error('The console page carries no agent token');
  return token;
}

const agentGet = (route: string, token: string) => fetch(app.url + route, { headers: { authorization: `Bearer ${token}` } });

describe('POST /canvas/console', () => {
  it('serves the console with an agent token to a verified request, framable by the org only', async () => {
    const reply = await postCanvas(signCanvasRequest(canvasRequest(), SECRET));
    expect(reply.status).toBe(200);
    const page = await reply.text();
    expect(page).toContain('<pd-agent-console>');
    expect(page).toMatch(/name="pdsc-agent-token" content="[A-Za-z0-9_-]{40,}"/);
    const csp = reply.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`frame-ancestors ${new URL(app.emulators.salesforce.url).origin} https://acme.lightning.force.com`);
    expect(reply.headers.get('x-frame-options')).toBeNull();
    expect(reply.headers.get('set-cookie')).toBeNull();
  });

  it('answers a tampered, wrongly-signed or missing signed request with the "not signed" page, and no token', async () => {
    const [signature] = signCanvasRequest(canvasRequest(), SECRET).split('.');
    const otherRecord = Buffer.from(JSON.stringify(canvasRequest({ recordId: '500000000000099AAA' }))).toString('base64');
    for (const forged of [`${signature}.${otherRecord}`, signCanvasRequest(canvasRequest(), 'not-the-secret'), '']) {
      const reply = await postCanvas(forged);
      const page = await reply.text();
      expect(reply.status).toBe(401);
      expect(page).toContain('This request was not signed by your Salesforce org');
      expect(page).not.toContain('pdsc-agent-token');
    }
  });

  it('refuses a profile the admin did not allow (403), and lets it in once allowed', async () => {
    const settings = await app.ctx.connections.canvas();
    await app.ctx.connections.saveCanvas({ ...settings, allowedProfileIds: ['00eDn0000000009AAA'] });
    try {
      const token = agentTokenIssuedBefore();
      const refused = await postCanvas(signCanvasRequest(canvasRequest(), SECRET));
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('You may not use the PagerDuty console');
      // A token issued before the admin narrowed the profiles stops working too.
      expect((await agentGet('/api/agent/case', token)).status).toBe(403);
      await app.ctx.connections.saveCanvas({ ...settings, allowedProfileIds: ['00eDn0000000002AAA'] });
      expect((await postCanvas(signCanvasRequest(canvasRequest(), SECRET))).status).toBe(200);
    } finally {
      await app.ctx.connections.saveCanvas(settings);
    }
  });
});

describe('a signed request is live and from an allowed org', () => {
  const userInfoCalls = () => app.emulators.salesforce.context.requestLog.entries(10_000).filter((entry) => entry.path === '/services/oauth2/userinfo').length;
  const refusal = async (reply: Response) => {
    const page = await reply.text();
    expect(page).not.toContain('pdsc-agent-token');
    return { status: reply.status, page };
  };

  it("accepts a live token issued hours ago, or with no issuedAt: it is the token's issue time, not the request's", async () => {
    const token = await emulatorToken(agentUser.username);
    for (const issuedAt of [Date.now() - 6 * 60 * 60_000, null]) {
      const reply = await postCanvas(signCanvasRequest(canvasRequest({ oauthToken: token, issuedAt }), SECRET));
      expect(reply.status).toBe(200);
      expect(await reply.text()).toContain('pdsc-agent-token');
    }
  });

  it('refuses a request issued just now whose token Salesforce has ended, saying to reload', async () => {
    const token = await emulatorToken(agentUser.username);
    await fetch(`${app.emulators.salesforce.url}/__emulator/sessions/expire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: agentUser.username }),
    });
    try {
      const { status, page } = await refusal(await postCanvas(signCanvasRequest(canvasRequest({ oauthToken: token, issuedAt: Date.now() }), SECRET)));
      expect(status).toBe(401);
      expect(page).toContain('Your Salesforce session has ended');
      expect(page).toContain('Reload the Salesforce page');
    } finally {
      agentToken = await emulatorToken(agentUser.username);
    }
  });

  it('refuses a live token of another user than the request names, and a request with no token', async () => {
    const integration = app.emulators.salesforce.seedInfo().users.find((user) => user.role === 'integration');
    if (!integration) throw new Error('The demo org has no integration user');
    const other = await refusal(await postCanvas(signCanvasRequest(canvasRequest({ oauthToken: await emulatorToken(integration.username) }), SECRET)));
    expect(other.status).toBe(401);
    expect(other.page).toContain('This request was not signed by your Salesforce org');
    const none = await refusal(await postCanvas(signCanvasRequest(canvasRequest({ oauthToken: null }), SECRET)));
    expect(none.status).toBe(401);
    expect(none.page).toContain('carries no OAuth token');
  });

  it('never sends the token to an instance that is neither Salesforce nor the connected org', async () => {
    let hits = 0;
    const lure = http.createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ user_id: agentUser.id, organization_id: orgId }));
    });
    await new Promise<void>((resolve) => lure.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = lure.address() as AddressInfo;
      for (const instanceUrl of [`http://127.0.0.1:${port}`, 'https://login.salesforce.com.evil.test', 'http://acme.my.salesforce.com']) {
        const { status, page } = await refusal(await postCanvas(signCanvasRequest(canvasRequest({ instanceUrl }), SECRET)));
        expect(status, instanceUrl).toBe(401);
        expect(page).toContain('neither a Salesforce domain nor the org this app is connected to');
      }
      expect(hits).toBe(0);
    } finally {
      lure.close();
    }
  });

  it('asks Salesforce once per token while its answer is fresh: a reload costs no call', async () => {
    const token = await emulatorToken(agentUser.username);
    const before = userInfoCalls();
    for (let load = 0; load < 3; load += 1) expect((await postCanvas(signCanvasRequest(canvasRequest({ oauthToken: token }), SECRET))).status).toBe(200);
    expect(userInfoCalls() - before).toBe(1);
  });

  it('with no org listed, lets in the connected org only: another org signing with the secret is refused, on the page and the agent API', async () => {
    expect((await app.ctx.connections.canvas()).allowedOrgIds).toEqual([]);
    const { status, page } = await refusal(await postCanvas(signCanvasRequest(canvasRequest({ orgId: '00D000000000009AAA' }), SECRET)));
    expect(status).toBe(403);
    expect(page).toContain('You may not use the PagerDuty console');
    const otherOrgToken = app.ctx.agentTokens.issue({ ...app.ctx.agentTokens.claimsOf(canvasRequest({ orgId: '00D000000000009AAA' })) });
    expect((await agentGet('/api/agent/case', otherOrgToken)).status).toBe(403);
    expect((await agentGet('/api/agent/case', await openConsole())).status).toBe(200);
  });

  it('with no org listed and no Salesforce connection, refuses every org and says what to set on CONNECTIONS', async () => {
    const salesforce = await app.ctx.connections.salesforce();
    await app.ctx.connections.saveSalesforce({ ...salesforce, username: null });
    app.ctx.sessions.reset();
    try {
      const { status, page } = await refusal(await postCanvas(signCanvasRequest(canvasRequest(), SECRET)));
      expect(status).toBe(403);
      expect(page).toContain('The PagerDuty console is not set up for your org');
      expect(page).toContain('Allowed Salesforce org ids');
      // Listing the org is enough: the emulator's instance is then vouched for by nothing, so the
      // request must come from a Salesforce domain; the emulator's does not.
      await app.ctx.connections.saveCanvas({ ...(await app.ctx.connections.canvas()), allowedOrgIds: [orgId] });
      expect((await postCanvas(signCanvasRequest(canvasRequest(), SECRET))).status).toBe(401);
    } finally {
      await app.ctx.connections.saveCanvas({ ...(await app.ctx.connections.canvas()), allowedOrgIds: [] });
      await app.ctx.connections.saveSalesforce(salesforce);
      app.ctx.sessions.reset();
    }
    expect((await postCanvas(signCanvasRequest(canvasRequest(), SECRET))).status).toBe(200);
  });
});

/** A token for the test's agent, issued as if before the settings changed. */
function agentTokenIssuedBefore(): string {
  const request = canvasRequest();
  return app.ctx.agentTokens.issue({
    userId: request.userId,
    orgId,
    profileId: request.context.user.profileId,
    email: null,
    name: null,
    recordId: caseId,
    recordType: 'Case',
    expiresAt: Date.now() + 60_000,
  });
}

describe('the agent API', () => {
  it('reads the verified Case, and says when no incident is linked', async () => {
    const token = await openConsole();
    const reply = await agentGet('/api/agent/case', token);
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as AgentCaseReply;
    const record = app.emulators.salesforce.store.find('Case', caseId);
    expect(body.case).toMatchObject({ id: caseId, number: record?.CaseNumber, subject: record?.Subject });
    expect(body.incidents).toEqual([]);
  });

  it("reads the Case's linked incident from PagerDuty", async () => {
    const { pagerduty } = app.emulators;
    const seed = pagerduty.seedInfo();
    const created = await fetch(`${pagerduty.url}/incidents`, {
      method: 'POST',
      headers: { authorization: `Token token=${seed.keys.account}`, 'content-type': 'application/json', from: 'grace@example.com' },
      body: JSON.stringify({
        incident: {
          type: 'incident',
          title: 'Checkout is down',
          urgency: 'high',
          service: { id: seed.ids.services['Customer Support'], type: 'service_reference' },
        },
      }),
    });
    expect(created.status).toBe(201);
    const { incident } = (await created.json()) as { incident: { id: string; incident_number: number; html_url: string } };
    await app.ctx.links.link({
      caseId,
      caseNumber: null,
      incidentId: incident.id,
      incidentNumber: String(incident.incident_number),
      incidentUrl: incident.html_url,
      serviceId: null,
      incidentStatus: 'triggered',
    });
    const body = (await (await agentGet('/api/agent/case', await openConsole())).json()) as AgentCaseReply;
    expect(body.incidents).toEqual([
      expect.objectContaining({
        id: incident.id,
        number: incident.incident_number,
        title: 'Checkout is down',
        status: 'triggered',
        urgency: 'high',
        service: 'Customer Support',
        url: incident.html_url,
      }),
    ]);
    expect(body.incidents[0]).toMatchObject({ escalationPolicy: 'Support Escalation', escalationLevel: 1 });
  });

  it("tells the linked incident's escalation level from the policy's on-calls, and shows the policy alone when it cannot", async () => {
    const { pagerduty } = app.emulators;
    const seed = pagerduty.seedInfo();
    const link = await app.ctx.links.byCase(caseId);
    if (!link) throw new Error('The previous test linked no incident to the Case');
    const token = await openConsole();
    const incidentOnConsole = async () => ((await (await agentGet('/api/agent/case', token)).json()) as AgentCaseReply).incidents[0];
    const act = (body: object) =>
      fetch(`${pagerduty.url}/__emulator/act`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const onCallReads = () => pagerduty.context.requestLog.counts().byEndpoint['GET /oncalls'] ?? 0;

    // Escalated: PagerDuty assigns the level-2 on-call (Katherine), and the console says Level 2.
    expect((await act({ as: 'alan@example.com', incident_id: link.incidentId, action: 'escalate', level: 2 })).status).toBe(200);
    const readsBefore = onCallReads();
    expect(await incidentOnConsole()).toMatchObject({ assignees: ['Katherine Johnson'], escalationPolicy: 'Support Escalation', escalationLevel: 2 });
    // The policy's on-calls were read for the previous test moments ago: shared, not read again.
    expect(onCallReads()).toBe(readsBefore);

    // Reassigned to someone on call at no level of the policy: no level rather than a wrong one.
    expect((await act({ as: 'alan@example.com', incident_id: link.incidentId, action: 'reassign', to: ['integration@example.com'] })).status).toBe(200);
    expect(await incidentOnConsole()).toMatchObject({ escalationPolicy: 'Support Escalation', escalationLevel: null });

    // Moved to another policy whose on-calls PagerDuty will not answer: the incident still shows, with its policy alone.
    const fault = await fetch(`${pagerduty.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '^/oncalls', method: 'GET', status: 503 }),
    });
    expect(fault.status).toBeLessThan(300);
    try {
      const moved = await fetch(`${pagerduty.url}/incidents/${link.incidentId}`, {
        method: 'PUT',
        headers: { authorization: `Token token=${seed.keys.account}`, 'content-type': 'application/json', from: 'grace@example.com' },
        body: JSON.stringify({
          incident: {
            type: 'incident_reference',
            escalation_policy: { id: seed.ids.escalationPolicies['Engineering Escalation'], type: 'escalation_policy_reference' },
          },
        }),
      });
      expect(moved.status).toBe(200);
      const reply = await agentGet('/api/agent/case', token);
      expect(reply.status).toBe(200);
      expect(((await reply.json()) as AgentCaseReply).incidents[0]).toMatchObject({ escalationPolicy: 'Engineering Escalation', escalationLevel: null });
    } finally {
      await fetch(`${pagerduty.url}/__emulator/faults`, { method: 'DELETE' });
    }
    // A failed read is not kept: once PagerDuty answers, the level is back.
    expect(await incidentOnConsole()).toMatchObject({ assignees: ['Grace Hopper'], escalationPolicy: 'Engineering Escalation', escalationLevel: 1 });
  });

  it('says what went wrong when PagerDuty refuses: rate limited, then down', async () => {
    const { pagerduty } = app.emulators;
    const token = await openConsole();
    const fault = (spec: object) =>
      fetch(`${pagerduty.url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
    try {
      await fault({ path: '^/incidents/', method: 'GET', status: 429, headers: { 'retry-after': '0' } });
      const limited = await agentGet('/api/agent/case', token);
      expect(limited.status).toBe(502);
      expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(
        /PagerDuty failed while reading the linked incident.*rate limit/,
      );
      await fetch(`${pagerduty.url}/__emulator/faults`, { method: 'DELETE' });
      await fault({ path: '^/incidents/', method: 'GET', status: 503 });
      const down = await agentGet('/api/agent/case', token);
      expect(down.status).toBe(502);
      expect(((await down.json()) as { error: { message: string } }).error.message).toMatch(/PagerDuty failed while reading the linked incident/);
    } finally {
      await fetch(`${pagerduty.url}/__emulator/faults`, { method: 'DELETE' });
    }
    expect((await agentGet('/api/agent/case', token)).status).toBe(200);
  });

  it('answers 401 to no token, a forged token and an admin session cookie alone', async () => {
    const { cookie } = await app.signIn();
    for (const route of routeNames.filter((name) => routes[name].access === 'agent').map((name) => routes[name])) {
      expect((await fetch(app.url + route.path, { method: route.method })).status).toBe(401);
      expect((await agentGet(route.path, 'forged-token')).status).toBe(401);
      expect((await fetch(app.url + route.path, { method: route.method, headers: { cookie } })).status).toBe(401);
    }
  });
});

describe('the Canvas app settings on CONNECTIONS', () => {
  it('stores the consumer secret sealed and write-only, and the lists as given', async () => {
    const api = await signedInApi(app);
    const before = await app.ctx.connections.canvas();
    try {
      const saved = await api('PUT', '/api/connections/canvas', {
        consumerSecret: 'a-new-consumer-secret-0123456789',
        allowedOrgIds: [orgId],
        frameAncestors: ['https://acme.lightning.force.com'],
        allowedProfileIds: ['00eDn0000000002AAA'],
        agentActions: ['addNote', 'addNote', 'resolve'],
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ configured: true, consumerSecret: { set: true, hint: '…6789' }, agentActions: ['addNote', 'resolve'] });
      const read = await api('GET', '/api/connections/canvas');
      expect(JSON.stringify(read.body)).not.toContain('a-new-consumer-secret');
      const row = await app.ctx.db('connections').where({ id: 'canvas' }).first<{ secrets_encrypted: string; config: string } | undefined>();
      expect(row?.secrets_encrypted).not.toContain('a-new-consumer-secret');
      expect(JSON.parse(row?.config ?? '{}')).not.toHaveProperty('consumerSecret');
      // Absent keeps the secret.
      await api('PUT', '/api/connections/canvas', { agentActions: [] });
      expect((await app.ctx.connections.canvas()).consumerSecret).toBe('a-new-consumer-secret-0123456789');
    } finally {
      await app.ctx.connections.saveCanvas(before);
    }
  });

  it('refuses a frame ancestor that is not an https origin and an id that is not a Salesforce id, storing nothing', async () => {
    const api = await signedInApi(app);
    const before = await app.ctx.connections.canvas();
    const reply = await api('PUT', '/api/connections/canvas', { frameAncestors: ['https://evil.test; script-src *'], allowedOrgIds: ['nope'] });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('frameAncestors.0');
    expect(JSON.stringify(reply.body)).toContain('allowedOrgIds.0');
    expect(await app.ctx.connections.canvas()).toEqual(before);
  });
});
