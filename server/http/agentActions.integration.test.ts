import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  agentActions,
  agentEndpoints,
  type AgentActionReply,
  type AgentActionsReply,
  type AgentCaseReply,
  type SearchIncidentsReply,
} from '../../contracts/agent';
import { endpointPath } from '../../contracts/endpoint';
import type { SyncLogReply } from '../../contracts/syncLog';
import { SYNC_TABLES } from '../store/tables';
import { AGENT_ACTION_WAIT_MS } from './agent/submitAgentAction';
import { signCanvasRequest } from '../security/canvasSignedRequest';
import { signedInApi, startDemoApp, type DemoApp } from '../testing/demoApp';
import { emulatorAccessToken } from '../testing/salesforceTokens';

/**
 * The Command Console's actions over real HTTP on the demo app (both emulators): each endpoint
 * acts on PagerDuty as the agent when allowed, is refused when the admin did not allow it or the
 * incident is not the Case's, acts once per idempotency key, attributes the write (From = the
 * agent when a PagerDuty user, else the integration user and "on behalf of"), and lands in SYNC LOG.
 */
const SECRET = 'canvas-consumer-secret-for-action-tests';
const BUILT_CONSOLE = path.resolve(import.meta.dirname, '../../dist/web/console/index.html');

let app: DemoApp;
let orgId: string;
let agentId: string;
/** The agent's live session in the emulator's org: the app proves a Canvas request live with it. */
let agentOAuthToken: string;
let cases: string[];

beforeAll(async () => {
  // The page served is the built one: build the web UI when this checkout has not yet.
  if (!fs.existsSync(BUILT_CONSOLE)) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  app = await startDemoApp();
  const seed = app.emulators.salesforce.seedInfo();
  orgId = seed.org.id;
  const agent = seed.users.find((user) => user.role === 'agent');
  if (!agent) throw new Error('The demo org has no agent');
  agentId = agent.id;
  agentOAuthToken = await emulatorAccessToken(app.emulators.salesforce.url, agent.username);
  // Cases no starter rule pages for, so only the console links them.
  cases = seed.caseIds.filter((id) => app.emulators.salesforce.store.find('Case', id)?.Priority !== 'High');
  await allow([...agentActions]);
  return () => app.close();
}, 120_000);

afterEach(async () => {
  await fetch(`${app.emulators.pagerduty.url}/__emulator/faults`, { method: 'DELETE' });
});

async function allow(actions: string[]): Promise<void> {
  const settings = await app.ctx.connections.canvas();
  await app.ctx.connections.saveCanvas({ ...settings, consumerSecret: SECRET, agentActions: actions as typeof settings.agentActions });
}

interface AgentPerson {
  email: string;
  name: string;
}
const NOT_A_PAGERDUTY_USER: AgentPerson = { email: 'alice.nguyen@acme-support.example', name: 'Alice Nguyen' };
const PAGERDUTY_USER: AgentPerson = { email: 'grace@example.com', name: 'Grace Hopper' };

/** Opens the console on a Case through a real signed-request POST; answers the page's agent token. */
async function openConsole(caseId: string, person: AgentPerson = NOT_A_PAGERDUTY_USER): Promise<string> {
  const request = {
    algorithm: 'HMACSHA256',
    issuedAt: Date.now(),
    userId: agentId,
    client: { oauthToken: agentOAuthToken, instanceUrl: app.emulators.salesforce.url, targetOrigin: 'https://acme.lightning.force.com' },
    context: {
      user: { userId: agentId, email: person.email, fullName: person.name, profileId: '00eDn0000000002AAA', locale: 'en_US' },
      environment: { displayLocation: 'RecordPage', record: { Id: caseId, attributes: { type: 'Case' } } },
      organization: { organizationId: orgId },
    },
  };
  const reply = await fetch(`${app.url}/canvas/console`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ signed_request: signCanvasRequest(request, SECRET) }),
  });
  expect(reply.status).toBe(200);
  const token = /name="pdsc-agent-token" content="([^"]+)"/.exec(await reply.text())?.[1];
  if (!token) throw new Error('The console page carries no agent token');
  return token;
}

interface Reply<T> {
  status: number;
  body: T;
}

async function agentCall<T = AgentActionReply>(token: string, method: string, route: string, body?: unknown, key: string | null = newKey()): Promise<Reply<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (key !== null) headers['idempotency-key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(app.url + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

const newKey = () => crypto.randomUUID();
const errorOf = (reply: Reply<unknown>) => (reply.body as { error: { code: string; message: string } }).error;

function pd() {
  const { pagerduty } = app.emulators;
  return { store: pagerduty.context.store, seed: pagerduty.seedInfo(), url: pagerduty.url };
}

/** Creates an incident for the Case from the console (prefilled) and answers its id. */
async function createFromConsole(token: string): Promise<string> {
  const choices = await agentCall<AgentActionsReply>(token, 'GET', '/api/agent/actions');
  expect(choices.status).toBe(200);
  const { prefill } = choices.body;
  const created = await agentCall(token, 'POST', '/api/agent/incidents', { ...prefill, serviceId: prefill.serviceId });
  expect(created.status).toBe(200);
  expect(created.body.status).toBe('done');
  return (created.body.result as { incidentId: string }).incidentId;
}

describe('creating an incident from the console', () => {
  it('prefills the form from the object mapping, creates the incident once per key, links it, and logs it with the agent', async () => {
    const caseId = cases[0] ?? '';
    const token = await openConsole(caseId);
    const record = app.emulators.salesforce.store.find('Case', caseId);
    const choices = await agentCall<AgentActionsReply>(token, 'GET', '/api/agent/actions');
    expect(choices.status).toBe(200);
    expect(choices.body.allowedActions).toEqual([...agentActions]);
    expect(choices.body.prefill).toMatchObject({ title: record?.Subject, details: record?.Description ?? '' });
    expect(choices.body.services.map((service) => service.name)).toContain('Customer Support');
    expect(choices.body.priorities.map((priority) => priority.name)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    expect(choices.body.workflows.length).toBeGreaterThan(0);

    const ada = pd().seed.ids.users['ada@example.com'] ?? '';
    const request = {
      ...choices.body.prefill,
      serviceId: pd().seed.ids.services['Customer Support'],
      urgency: 'low',
      priorityId: pd().seed.ids.priorities.P2,
      // The optional responder, asked as soon as the incident exists.
      responderUserIds: [ada],
    };
    const key = newKey();
    const first = await agentCall(token, 'POST', '/api/agent/incidents', request, key);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('done');
    expect(first.body.message).toMatch(/^Created incident #\d+ and linked it to this Case\.$/);
    // A double click, or a retry of the same request: the same answer, no second incident.
    const again = await agentCall(token, 'POST', '/api/agent/incidents', request, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const incidentId = (first.body.result as { incidentId: string }).incidentId;
    expect((await app.ctx.links.byCase(caseId))?.incidentId).toBe(incidentId);
    const incidents = [...pd().store.incidents.values()].filter((incident) => incident.incidentKey === caseId);
    expect(incidents).toHaveLength(1);
    const incident = incidents[0];
    expect(incident).toMatchObject({ title: record?.Subject, urgency: 'low', priorityId: pd().seed.ids.priorities.P2 });
    // Alice is no PagerDuty user: the integration user writes, and the details say for whom.
    expect(incident?.details).toContain('on behalf of Alice Nguyen');
    // One responder request for Ada, the double click notwithstanding.
    expect(
      pd()
        .store.responderRequests.filter((asked) => asked.incidentId === incidentId)
        .map((asked) => asked.targets),
    ).toEqual([[{ type: 'user', id: ada }]]);

    const api = await signedInApi(app);
    const log = await api('GET', '/api/sync/log?source=agent');
    const entry = (log.body as SyncLogReply).entries.find((row) => row.kind === 'agent.createIncident' && row.caseId === caseId);
    expect(entry).toMatchObject({ source: 'agent', status: 'done', note: 'Alice Nguyen asked to create an incident' });
    expect(entry?.actions).toEqual([
      expect.objectContaining({
        task: 'agent_create_incident',
        state: 'done',
        incidentId,
      }),
    ]);
    expect(entry?.actions[0]?.result).toMatchObject({
      agent: 'Alice Nguyen',
      agentEmail: NOT_A_PAGERDUTY_USER.email,
      actedAs: 'the integration user, on behalf of Alice Nguyen',
    });
    const second = (log.body as SyncLogReply).entries.filter((row) => row.kind === 'agent.createIncident' && row.caseId === caseId);
    expect(second).toHaveLength(1);
  });
});

describe('acting on the linked incident', () => {
  it('adds a note as the agent when the agent is a PagerDuty user, else as the integration user "on behalf of" the agent', async () => {
    const caseId = cases[1] ?? '';
    const incidentId = await createFromConsole(await openConsole(caseId));
    const asUser = await agentCall(await openConsole(caseId, PAGERDUTY_USER), 'POST', `/api/agent/incidents/${incidentId}/notes`, {
      content: 'Customer says checkout fails',
    });
    expect(asUser.status).toBe(200);
    expect(asUser.body.message).toMatch(/^Added your note to incident #\d+\.$/);
    const asIntegration = await agentCall(await openConsole(caseId), 'POST', `/api/agent/incidents/${incidentId}/notes`, { content: 'A second customer too' });
    expect(asIntegration.status).toBe(200);

    const notes = pd().store.notes.filter((note) => note.incidentId === incidentId);
    expect(notes.map((note) => ({ user: note.userId, content: note.content }))).toEqual([
      { user: pd().seed.ids.users['grace@example.com'], content: 'Customer says checkout fails' },
      { user: pd().seed.ids.users[pd().seed.integrationUserEmail], content: 'A second customer too\n\n— on behalf of Alice Nguyen (Salesforce)' },
    ]);
  });

  it('reassigns, changes priority and urgency, adds responders, posts a status update, starts a workflow and resolves with a note', async () => {
    const caseId = cases[2] ?? '';
    const token = await openConsole(caseId, PAGERDUTY_USER);
    const incidentId = await createFromConsole(token);
    const { seed, store } = pd();
    const at = (path: string) => `/api/agent/incidents/${incidentId}/${path}`;
    const done = async (path: string, body: unknown) => {
      const reply = await agentCall(token, 'POST', at(path), body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.status).toBe('done');
    };
    const incident = () => store.incidents.get(incidentId);

    await done('reassign', { userIds: [seed.ids.users['alan@example.com']] });
    expect(incident()?.assignments.map((assignment) => assignment.userId)).toEqual([seed.ids.users['alan@example.com']]);
    await done('reassign', { escalationPolicyId: seed.ids.escalationPolicies['Engineering Escalation'] });
    expect(incident()?.escalationPolicyId).toBe(seed.ids.escalationPolicies['Engineering Escalation']);
    await done('priority', { priorityId: seed.ids.priorities.P1 });
    expect(incident()?.priorityId).toBe(seed.ids.priorities.P1);
    await done('urgency', { urgency: 'high' });
    expect(incident()?.urgency).toBe('high');
    await done('responders', { userIds: [seed.ids.users['ada@example.com']], message: 'Please join' });
    expect(store.responderRequests.filter((request) => request.incidentId === incidentId)).toEqual([
      expect.objectContaining({ requesterId: seed.ids.users['grace@example.com'], message: 'Please join' }),
    ]);
    await done('status-updates', { message: 'We are investigating checkout errors.' });
    expect(store.statusUpdatesOf(incidentId).map((update) => update.message)).toEqual(['We are investigating checkout errors.']);
    const workflowId = Object.values(seed.ids.incidentWorkflows)[0] ?? '';
    await done('workflows', { workflowId });
    expect(store.workflowInstances.filter((instance) => instance.incidentId === incidentId).map((instance) => instance.workflowId)).toEqual([workflowId]);
    await done('resolve', { note: 'Fixed by rolling back the release' });
    expect(incident()?.status).toBe('resolved');
    expect(store.logEntries.find((entry) => entry.incidentId === incidentId && entry.type === 'resolve_log_entry')).toBeDefined();
    expect((await app.ctx.links.byCase(caseId))?.incidentStatus).toBe('resolved');
  });

  it('searches open incidents by number or title, links the Case to one, and unlinks it', async () => {
    const caseId = cases[3] ?? '';
    const token = await openConsole(caseId);
    const { seed, url } = pd();
    const created = await fetch(`${url}/incidents`, {
      method: 'POST',
      headers: { authorization: `Token token=${seed.keys.account}`, 'content-type': 'application/json', from: 'grace@example.com' },
      body: JSON.stringify({
        incident: { type: 'incident', title: 'Payments gateway timing out', service: { id: seed.ids.services['Checkout API'], type: 'service_reference' } },
      }),
    });
    const { incident } = (await created.json()) as { incident: { id: string; incident_number: number } };

    const byTitle = await agentCall<SearchIncidentsReply>(token, 'GET', `/api/agent/incidents/search?q=${encodeURIComponent('gateway timing')}`);
    expect(byTitle.status).toBe(200);
    expect(byTitle.body.incidents).toEqual([expect.objectContaining({ id: incident.id, title: 'Payments gateway timing out', service: 'Checkout API' })]);
    const byNumber = await agentCall<SearchIncidentsReply>(token, 'GET', `/api/agent/incidents/search?q=%23${incident.incident_number}`);
    expect(byNumber.body.incidents.map((match) => match.id)).toEqual([incident.id]);

    const linked = await agentCall(token, 'POST', '/api/agent/links', { incidentId: incident.id });
    expect(linked.status).toBe(200);
    expect(linked.body.message).toBe(`Linked this Case to incident #${incident.incident_number}.`);
    expect((await app.ctx.links.byCase(caseId))?.incidentId).toBe(incident.id);

    // Many Cases, one incident: a second customer's Case joins the same incident.
    const secondCase = cases[4] ?? '';
    const joined = await agentCall(await openConsole(secondCase), 'POST', '/api/agent/links', { incidentId: incident.id });
    expect([joined.status, joined.body.status]).toEqual([200, 'done']);
    expect((await app.ctx.links.casesOfIncident(incident.id)).map((link) => link.caseId)).toEqual([caseId, secondCase]);
    const firstConsole = await agentCall<AgentCaseReply>(token, 'GET', '/api/agent/case');
    expect(firstConsole.body.incidents.map((linked) => [linked.id, linked.otherLinkedCases])).toEqual([[incident.id, 1]]);

    const unlinked = await agentCall(token, 'DELETE', `/api/agent/incidents/${incident.id}/link`);
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.status).toBe('done');
    expect(await app.ctx.links.byCase(caseId)).toBeUndefined();
    // Unlinking one Case leaves the incident's other Cases linked.
    expect((await app.ctx.links.byCase(secondCase))?.incidentId).toBe(incident.id);
    expect(pd().store.incidents.get(incident.id)?.status).toBe('triggered');
  });
});

describe('what the console may not do', () => {
  it('refuses an action the admin did not allow (403, saying who can allow it), and search when linking is not allowed', async () => {
    const caseId = cases[1] ?? '';
    const token = await openConsole(caseId);
    const incidentId = (await app.ctx.links.byCase(caseId))?.incidentId ?? '';
    expect(incidentId).not.toBe('');
    await allow(agentActions.filter((action) => action !== 'addNote' && action !== 'linkIncident'));
    try {
      const refused = await agentCall(token, 'POST', `/api/agent/incidents/${incidentId}/notes`, { content: 'not allowed' });
      expect(refused.status).toBe(403);
      expect(errorOf(refused).message).toMatch(/has not allowed agents to add a note from the console/);
      expect((await agentCall(token, 'GET', '/api/agent/incidents/search?q=x')).status).toBe(403);
      expect((await agentCall<AgentActionsReply>(token, 'GET', '/api/agent/actions')).body.allowedActions).not.toContain('addNote');
      expect(pd().store.notes.some((note) => note.content.startsWith('not allowed'))).toBe(false);
    } finally {
      await allow([...agentActions]);
    }
  });

  it('refuses every action endpoint (403, whatever the body) while the admin allows no action, before anything reaches the inbox', async () => {
    const caseId = cases[1] ?? '';
    const token = await openConsole(caseId);
    const incidentId = (await app.ctx.links.byCase(caseId))?.incidentId ?? '';
    const bodies: Record<string, unknown> = {
      createAgentIncident: { serviceId: 'PSERVICE', title: 'x', urgency: 'high' },
      linkAgentIncident: { incidentId: 'PINCIDENT' },
      addAgentNote: { content: 'x' },
      reassignAgentIncident: { userIds: ['PUSER'] },
      changeAgentPriority: { priorityId: 'PPRIO' },
      changeAgentUrgency: { urgency: 'low' },
      addAgentResponders: { userIds: ['PUSER'] },
      postAgentStatusUpdate: { message: 'x' },
      startAgentWorkflow: { workflowId: 'PFLOW' },
      resolveAgentIncident: { note: 'x' },
    };
    const actionRoutes = Object.entries(agentEndpoints).filter(([, endpoint]) => endpoint.access === 'agent' && endpoint.method !== 'GET');
    expect(actionRoutes).toHaveLength(agentActions.length);
    const eventsBefore = await app.ctx.db(SYNC_TABLES.events).where({ source: 'agent' }).count({ count: '*' }).first();
    await allow([]);
    try {
      for (const [name, endpoint] of actionRoutes) {
        const refused = await agentCall(token, endpoint.method, endpointPath(endpoint.path, { incidentId }), bodies[name]);
        expect(refused.status, name).toBe(403);
        expect((await agentCall(token, endpoint.method, endpointPath(endpoint.path, { incidentId }), { not: 'valid' }, null)).status, name).toBe(403);
        expect(errorOf(refused).message, name).toMatch(/has not allowed agents to .* from the console/);
      }
    } finally {
      await allow([...agentActions]);
    }
    const eventsAfter = await app.ctx.db(SYNC_TABLES.events).where({ source: 'agent' }).count({ count: '*' }).first();
    expect(Number(eventsAfter?.count)).toBe(Number(eventsBefore?.count));
  });

  it("refuses an incident that is not linked to the token's Case (404), whatever Case's incident it is", async () => {
    const otherCasesIncident = (await app.ctx.links.byCase(cases[1] ?? ''))?.incidentId ?? '';
    const token = await openConsole(cases[4] ?? '');
    for (const [method, path, body] of [
      ['POST', `/api/agent/incidents/${otherCasesIncident}/notes`, { content: 'wrong Case' }],
      ['POST', `/api/agent/incidents/${otherCasesIncident}/resolve`, { note: 'wrong Case' }],
      ['DELETE', `/api/agent/incidents/${otherCasesIncident}/link`, undefined],
    ] as const) {
      const refused = await agentCall(token, method, path, body);
      expect(refused.status).toBe(404);
      expect(errorOf(refused).message).toMatch(/is not linked to this Case/);
    }
    expect((await app.ctx.links.byCase(cases[1] ?? ''))?.incidentId).toBe(otherCasesIncident);
  });

  it('asks for an idempotency key, and says what is wrong with a request', async () => {
    const token = await openConsole(cases[4] ?? '');
    const noKey = await agentCall(token, 'POST', '/api/agent/links', { incidentId: 'PABC123' }, null);
    expect(noKey.status).toBe(400);
    expect(errorOf(noKey).message).toMatch(/Idempotency-Key/);
    const bad = await agentCall(token, 'POST', '/api/agent/incidents', { serviceId: '../x', title: '', urgency: 'urgent' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).message).toMatch(/serviceId.*title: Enter a title.*urgency/);
  });

  it('says when PagerDuty is down or rate limited, keeps the request, and acts once when it is back', async () => {
    const caseId = cases[1] ?? '';
    const token = await openConsole(caseId);
    const incidentId = (await app.ctx.links.byCase(caseId))?.incidentId ?? '';
    const fault = (spec: object) =>
      fetch(`${pd().url}/__emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
    await fault({ path: '/notes$', method: 'POST', status: 429, headers: { 'retry-after': '0' }, times: 1 });
    const key = newKey();
    const limited = await agentCall(token, 'POST', `/api/agent/incidents/${incidentId}/notes`, { content: 'Sent while limited' }, key);
    expect(limited.status).toBe(502);
    expect(errorOf(limited).message).toMatch(/PagerDuty failed while trying to add a note.*rate limit.*tried again by itself/);
    // The engine retries by itself; the same request again answers how it ended, and the note is there once.
    await expect
      .poll(async () => (await agentCall(token, 'POST', `/api/agent/incidents/${incidentId}/notes`, { content: 'Sent while limited' }, key)).body.status, {
        timeout: 20_000,
      })
      .toBe('done');
    expect(pd().store.notes.filter((note) => note.content.startsWith('Sent while limited'))).toHaveLength(1);

    // PagerDuty slower than the request waits: 202 "queued", and the job still acts, once.
    await fault({ path: '/notes$', method: 'POST', latencyMs: AGENT_ACTION_WAIT_MS + 1_000, times: 1 });
    const slowKey = newKey();
    const slow = await agentCall(token, 'POST', `/api/agent/incidents/${incidentId}/notes`, { content: 'Sent while slow' }, slowKey);
    expect(slow.status).toBe(202);
    expect(slow.body.status).toBe('queued');
    expect(slow.body.message).toMatch(/PagerDuty has not answered yet/);
    await expect
      .poll(async () => (await agentCall(token, 'POST', `/api/agent/incidents/${incidentId}/notes`, { content: 'Sent while slow' }, slowKey)).body.status, {
        timeout: 20_000,
      })
      .toBe('done');
    expect(pd().store.notes.filter((note) => note.content.startsWith('Sent while slow'))).toHaveLength(1);

    await fault({ path: '/status_updates$', method: 'POST', status: 503 });
    const down = await agentCall(token, 'POST', `/api/agent/incidents/${incidentId}/status-updates`, { message: 'Down' });
    expect(down.status).toBe(502);
    expect(errorOf(down).message).toMatch(/PagerDuty failed while trying to post a status update/);
  });
});
