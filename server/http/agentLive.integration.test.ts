import http from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentTimelineReply, AgentTokenReply } from '../../contracts/agent';
import type { StatusDashboardReply } from '../../contracts/statusDashboard';
import { signCanvasRequest } from '../security/canvasSignedRequest';
import { eventually } from '../testing/eventually';
import { startDemoApp, waitForIdle, type DemoApp } from '../testing/demoApp';

/**
 * The console's live side over real HTTP on the demo app (both emulators, real webhooks): the
 * Case's timeline, its event stream (only its own incidents), the shared engine-change hub under
 * 20 open streams, the agents' Status Dashboard routes and the token renewal at /canvas/token.
 */
const SECRET = 'canvas-consumer-secret-for-live-tests';

let app: DemoApp;
let orgId: string;
let agentUser: { id: string; username: string };
/** A live session of the agent in the emulator's org, as Salesforce puts in the Canvas request. */
let agentSession: string;
/** Seeded: #1 triggered on Checkout API, #2 acknowledged on Customer Support. */
let checkout: string;
let refund: string;
let caseA: string;
let caseB: string;

beforeAll(async () => {
  app = await startDemoApp();
  const seed = app.emulators.salesforce.seedInfo();
  orgId = seed.org.id;
  const agent = seed.users.find((user) => user.role === 'agent');
  if (!agent) throw new Error('The demo org has no agent');
  agentUser = agent;
  [caseA, caseB] = seed.caseIds as [string, string];
  [checkout, refund] = app.emulators.pagerduty.seedInfo().ids.incidents as [string, string];
  const issued = await fetch(`${app.emulators.salesforce.url}/__emulator/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: agent.username }),
  });
  if (!issued.ok) throw new Error(`The emulator issued no token: ${issued.status}`);
  agentSession = ((await issued.json()) as { accessToken: string }).accessToken;
  for (const [caseId, incidentId] of [
    [caseA, checkout],
    [caseB, refund],
  ] as const) {
    await app.ctx.links.link({ caseId, caseNumber: null, incidentId, incidentNumber: null, incidentUrl: null, serviceId: null, incidentStatus: 'triggered' });
  }
  await app.ctx.connections.saveCanvas({ ...(await app.ctx.connections.canvas()), consumerSecret: SECRET });
  return () => app.close();
}, 60_000);

const openStreams: http.ClientRequest[] = [];
afterEach(() => {
  for (const request of openStreams.splice(0)) request.destroy();
});

function canvasRequest(options: { recordId?: string | null; oauthToken?: string; parameters?: Record<string, unknown> } = {}) {
  const recordId = options.recordId === undefined ? caseA : options.recordId;
  return {
    algorithm: 'HMACSHA256',
    issuedAt: Date.now(),
    userId: agentUser.id,
    client: { oauthToken: options.oauthToken ?? agentSession, instanceUrl: app.emulators.salesforce.url, targetOrigin: app.emulators.salesforce.url },
    context: {
      user: { userId: agentUser.id, email: 'agent@example.com', fullName: 'Ada Agent', profileId: '00eDn0000000002AAA', locale: 'en_US' },
      environment: {
        displayLocation: recordId ? 'RecordPage' : 'UtilityBar',
        record: recordId ? { Id: recordId, attributes: { type: 'Case' } } : null,
        parameters: options.parameters ?? {},
      },
      organization: { organizationId: orgId },
    },
  };
}

const postForm = (path: string, signedRequest: string) =>
  fetch(app.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ signed_request: signedRequest }),
  });

/** An agent token through the renewal endpoint (the page's own token comes the same way, from the same check). */
async function tokenFor(recordId: string | null): Promise<string> {
  const reply = await postForm('/canvas/token', signCanvasRequest(canvasRequest({ recordId }), SECRET));
  expect(reply.status).toBe(200);
  return ((await reply.json()) as AgentTokenReply).token;
}

const agentGet = (route: string, token: string) => fetch(app.url + route, { headers: { authorization: `Bearer ${token}` } });

interface StreamEvent {
  name: string;
  data: { incidentIds?: string[] };
}

/** Opens an event stream and collects the events it receives (name and JSON data). */
async function openStream(route: string, headers: Record<string, string>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  await new Promise<void>((resolve, reject) => {
    const request = http.get(app.url + route, { headers: { ...headers, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`${route} answered ${response.statusCode}`));
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        buffer += chunk;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const name = /^event: (\w+)$/m.exec(block)?.[1];
          if (name) events.push({ name, data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as StreamEvent['data'] });
        }
      });
      resolve();
    });
    request.on('error', reject);
    openStreams.push(request);
  });
  return events;
}

async function act(body: Record<string, unknown>) {
  const response = await fetch(`${app.emulators.pagerduty.url}/__emulator/act`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`act ${JSON.stringify(body)}: ${response.status} ${await response.text()}`);
}

async function timelineOf(token: string): Promise<AgentTimelineReply> {
  const reply = await agentGet('/api/agent/case/timeline', token);
  expect(reply.status).toBe(200);
  return (await reply.json()) as AgentTimelineReply;
}

describe('the Case timeline and its event stream', () => {
  it("signals a change of the Case's own incident, and not of another Case's", async () => {
    const tokenA = await tokenFor(caseA);
    const tokenB = await tokenFor(caseB);
    const streamA = await openStream('/api/agent/case/events', { authorization: `Bearer ${tokenA}` });
    const streamB = await openStream('/api/agent/case/events', { authorization: `Bearer ${tokenB}` });

    const names = (stream: StreamEvent[], incidentId: string) =>
      stream.some((event) => event.name === 'changed' && event.data.incidentIds?.includes(incidentId));
    await act({ as: 'ada@example.com', incident_id: checkout, action: 'acknowledge' });
    await eventually(() => names(streamA, checkout), "case A's stream hearing of its incident's acknowledgement");
    const timeline = await timelineOf(tokenA);
    expect(timeline.timelines.map((entry) => entry.incidentId)).toEqual([checkout]);
    const [newest] = timeline.timelines[0]?.entries ?? [];
    expect(newest).toMatchObject({ kind: 'log_entry', type: 'acknowledge_log_entry' });
    const times = (timeline.timelines[0]?.entries ?? []).map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // Case B's stream heard nothing of it: the first it hears of is its own incident's note (the
    // stream is ordered, and a leak would have been sent with A's, well before the note).
    await act({ as: 'ada@example.com', incident_id: refund, action: 'note', content: 'Looking into refunds.' });
    await eventually(() => names(streamB, refund), "case B's stream hearing of its incident's note");
    expect(streamB).toEqual([{ name: 'changed', data: { incidentIds: [refund] } }]);
    const timelineB = await timelineOf(tokenB);
    expect(timelineB.timelines[0]?.entries[0]).toMatchObject({ kind: 'note', text: 'Looking into refunds.' });
    expect(JSON.stringify(timelineB)).not.toContain(checkout);
    await waitForIdle(app.ctx);
  });

  it('shows a status update, received through its webhook, in the timeline', async () => {
    const token = await tokenFor(caseA);
    const stream = await openStream('/api/agent/case/events', { authorization: `Bearer ${token}` });
    await act({ as: 'ada@example.com', incident_id: checkout, action: 'status_update', content: 'A fix is being deployed.' });
    await eventually(() => stream.some((event) => event.data.incidentIds?.includes(checkout)), 'the stream hearing of the status update');
    await eventually(
      async () => (await timelineOf(token)).timelines[0]?.entries.some((entry) => entry.kind === 'status_update' && entry.text === 'A fix is being deployed.'),
      'the status update in the timeline',
    );
  });

  it("gives a token without a Case (the dashboard's) no Case timeline nor stream", async () => {
    const token = await tokenFor(null);
    expect((await agentGet('/api/agent/case/timeline', token)).status).toBe(404);
    expect((await fetch(`${app.url}/api/agent/case/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } })).status).toBe(404);
  });
});

describe('the shared engine-change hub', () => {
  it('serves 20 open streams from one engine subscription: each hears the change, and Node warns of no listener leak', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const listenersBefore = app.ctx.sync.listenerCount('eventRecorded');
      const tokens = await Promise.all([tokenFor(caseA), tokenFor(null)]);
      const streams = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          index % 2 === 0
            ? openStream('/api/agent/case/events', { authorization: `Bearer ${tokens[0]}` })
            : openStream('/api/agent/status-dashboard/events', { authorization: `Bearer ${tokens[1]}` }),
        ),
      );
      // At most one more listener on the engine, whatever the number of open streams.
      expect(app.ctx.sync.listenerCount('eventRecorded')).toBeLessThanOrEqual(listenersBefore + 1);
      await act({ as: 'ada@example.com', incident_id: checkout, action: 'note', content: 'Twenty pages are watching.' });
      // The Case streams name the incident of the note; the dashboard streams say only `changed`.
      await eventually(
        () =>
          streams.every((events, index) => events.some((event) => event.name === 'changed' && (index % 2 === 1 || event.data.incidentIds?.includes(checkout)))),
        'every stream hearing of the note',
      );
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe("the agents' Status Dashboard", () => {
  it('serves the same data as the admin route to an agent token, with or without a Case', async () => {
    const { cookie } = await app.signIn();
    const admin = (await (await fetch(`${app.url}/api/status-dashboard`, { headers: { cookie } })).json()) as StatusDashboardReply;
    for (const token of [await tokenFor(null), await tokenFor(caseA)]) {
      const reply = await agentGet('/api/agent/status-dashboard', token);
      expect(reply.status).toBe(200);
      const agent = (await reply.json()) as StatusDashboardReply;
      expect(agent.incidents.map((incident) => incident.id)).toEqual(admin.incidents.map((incident) => incident.id));
    }
    expect((await agentGet('/api/status-dashboard', await tokenFor(null))).status).toBe(401);
  });

  it('serves the dashboard page to a verified POST on /canvas/dashboard, and the "not signed" page to a forged one', async () => {
    const page = await postForm('/canvas/dashboard', signCanvasRequest(canvasRequest({ recordId: null }), SECRET));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<pd-canvas-dashboard>');
    expect(html).toMatch(/name="pdsc-agent-token" content="[A-Za-z0-9_-]{40,}"/);
    // One connected app (one canvas URL, one secret) in a real org: the component's Parameters ask for the dashboard.
    const asked = await postForm('/canvas/console', signCanvasRequest(canvasRequest({ recordId: null, parameters: { page: 'dashboard' } }), SECRET));
    expect(await asked.text()).toContain('<pd-canvas-dashboard>');
    const forged = await postForm('/canvas/dashboard', signCanvasRequest(canvasRequest({ recordId: null }), 'not-the-secret'));
    expect(forged.status).toBe(401);
    expect(await forged.text()).toContain('This request was not signed by your Salesforce org');
  });
});

describe('POST /canvas/token', () => {
  it('answers a fresh agent token to a refreshed signed request, bound to its Case', async () => {
    const reply = await postForm('/canvas/token', signCanvasRequest(canvasRequest(), SECRET));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('set-cookie')).toBeNull();
    const body = (await reply.json()) as AgentTokenReply;
    expect(body.expiresAt).toBeGreaterThan(Date.now());
    expect((await agentGet('/api/agent/case/timeline', body.token)).status).toBe(200);
  });

  it('refuses a forged, tampered, dead-session or missing signed request with 401 and no token', async () => {
    const [signature] = signCanvasRequest(canvasRequest(), SECRET).split('.');
    const otherCase = Buffer.from(JSON.stringify(canvasRequest({ recordId: caseB }))).toString('base64');
    const refused = [signCanvasRequest(canvasRequest(), 'not-the-secret'), `${signature}.${otherCase}`, ''];
    for (const signedRequest of refused) {
      const reply = await postForm('/canvas/token', signedRequest);
      expect(reply.status).toBe(401);
      const text = await reply.text();
      expect(text).toContain('not signed by your Salesforce org');
      expect(text).not.toContain('"token"');
    }
    // Signed, but its user's Salesforce session has ended: renewal stops with the session.
    const ended = await postForm('/canvas/token', signCanvasRequest(canvasRequest({ oauthToken: '00Dended!session-token' }), SECRET));
    expect(ended.status).toBe(401);
    const text = await ended.text();
    expect(text).toContain('Your Salesforce session has ended');
    expect(text).not.toContain('"token"');
  });
});
